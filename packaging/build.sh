#!/usr/bin/env bash
# Build the one-folder bundle dist/stickability/ for this platform, then prove it works by
# running the bundled app's --self-test headless. Exit non-zero if either fails.
#
#   packaging/build.sh                 # uses .venv (created by scripts/app or scripts/test)
#   VENV=/path/to/venv packaging/build.sh
#   DIST=/tmp/out packaging/build.sh  # bundle in /tmp/out/stickability (work files beside it)
#
# Everything, PyInstaller included, is installed from requirements.lock (hashes checked).
# Prints the build time and the bundle size. See packaging/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WANT_VENV="${VENV:-}"
source "$ROOT/scripts/bootstrap.sh"            # sets VENV=$ROOT/.venv
VENV="${WANT_VENV:-$VENV}"
cd "$ROOT"

need_python
ensure_system_packages $QT_PACKAGES
ensure_venv test                                # requirements.lock, PyInstaller included
PY="$VENV/bin/python"

DIST="${DIST:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build/pyinstaller}"

started=$(date +%s)
# PYTHONPATH puts this checkout first, whatever the venv has installed in editable mode.
PYTHONPATH="$ROOT" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/stickability.spec
built=$(date +%s)

BUNDLE="$DIST/stickability"
EXE="$BUNDLE/stickability"
[ -x "$EXE" ] || { echo "build.sh: no executable at $EXE" >&2; exit 1; }
echo "Built $BUNDLE in $((built - started)) s; size $(du -sh "$BUNDLE" | cut -f1)" \
     "($(find "$BUNDLE" -type f | wc -l) files)"

echo "Running the bundled self-test" >&2
# A clean environment: the bundle must not lean on this checkout or the venv.
if ! env -i HOME="${HOME:-/tmp}" PATH=/usr/bin:/bin LANG="${LANG:-C.UTF-8}" \
        QT_QPA_PLATFORM=offscreen TMPDIR="${TMPDIR:-/tmp}" \
        "$EXE" --self-test; then
    echo "build.sh: the bundled self-test FAILED" >&2
    exit 1
fi
echo "Bundle OK: $BUNDLE (build $((built - started)) s, self-test $(( $(date +%s) - built )) s)"
