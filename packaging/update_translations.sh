#!/usr/bin/env bash
# Refresh the translation catalogues from the UI sources, then compile them for the app.
#   packaging/update_translations.sh            (uses .venv; VENV=... for another)
# lupdate reads every self.tr("...") / QCoreApplication.translate(...) in desktop/ui and
# desktop/app.py into resources/translations/stickability_<lang>.ts (existing translations
# kept); lrelease compiles each .ts into the .qm that desktop/ui/i18n.py loads. Commit both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
cd "$ROOT"
sources=(desktop/ui)
[ -f desktop/app.py ] && sources+=(desktop/app.py)
for ts in resources/translations/stickability_*.ts; do
    lang="${ts##*_}"; lang="${lang%.ts}"
    "$VENV/bin/pyside6-lupdate" -silent -extensions py -locations relative -no-obsolete \
        -source-language en -target-language "$lang" "${sources[@]}" -ts "$ts"
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
    echo "$ts: $(grep -c '<message' "$ts") messages"
done
