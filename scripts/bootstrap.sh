#!/usr/bin/env bash
# Shared set-up for scripts/app and scripts/test: system packages Qt (and the tests) need,
# a .venv with the project installed from requirements.lock. Safe to run again: each step is
# skipped when done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# Runtime libraries the Qt 6 wheels load (xcb for a real display, EGL/GL, fonts, keyboard).
QT_PACKAGES="libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core"
# What the test suite drives besides Python: the age tool, pdftoppm, and the validators of the
# desktop entry, AppStream metainfo and MIME type.
TEST_PACKAGES="age poppler-utils desktop-file-utils appstream shared-mime-info"
# The hub tests start a throwaway PostgreSQL server (initdb in a temp folder, Unix socket only,
# no system service; tests/pgcluster.py). Installed when missing and we are root; otherwise
# those tests skip, saying why.
HUB_TEST_PACKAGES="postgresql"

need_python() {
    for py in python3 python3.11 python3.12 python3.13; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            PYTHON="$(command -v "$py")"; return 0
        fi
    done
    echo "Stickability needs Python 3.11 or newer; install it (Debian: apt-get install python3)." >&2
    exit 1
}

ensure_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian-like: nothing we can check
    local missing=()
    for pkg in $*; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        missing+=("python3-venv")
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing system packages: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "Missing system packages. Run this once, then try again:" >&2
        echo "  sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
}

# Packages some tests need but whose absence only skips those tests: installed as root when
# missing, otherwise a note with the command (and the tests say why they skip).
ensure_optional_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in $*; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing system packages for the hub tests: ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        # No system cluster or service: the tests start their own throwaway cluster.
        if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
            mkdir -p /etc/postgresql-common
            echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
        fi
        { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
            >/dev/null 2>&1 || echo "Could not install ${missing[*]}; the hub tests will skip." >&2
    else
        echo "Note: the hub tests skip without PostgreSQL (sudo apt-get install -y ${missing[*]})." >&2
    fi
}

# A short hash of pyproject.toml's dependency lists: requirements.lock records the one it was
# made from, so a dependency added without regenerating the lock is caught at once.
lock_key() {
    "$PYTHON" - "$ROOT/pyproject.toml" <<'PY'
import hashlib, json, sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
deps = [project.get("dependencies", []), project.get("optional-dependencies", {})]
print(hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest()[:16])
PY
}

# Installs exactly what requirements.lock pins (every file checked against its sha256), then
# the project itself without resolving anything. See "Dependencies" in README.md.
ensure_venv() {
    local lock="$ROOT/requirements.lock"
    if ! grep -q "^# pyproject-sha256: $(lock_key)$" "$lock"; then
        echo "pyproject.toml's dependencies changed since requirements.lock was made." >&2
        echo "Run scripts/lock, then commit requirements.lock with pyproject.toml." >&2
        exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        echo "Creating $VENV" >&2
        "$PYTHON" -m venv "$VENV"
    fi
    local stamp="$VENV/.stickability-installed" want
    want="$(cat "$ROOT/pyproject.toml" "$lock" | sha256sum | cut -c1-16)-$1"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        echo "Installing Stickability and its pinned dependencies into .venv (first run takes a minute)" >&2
        local log="$VENV/pip-install.log"
        if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --require-hashes \
                   --no-deps -r "$lock" &&
               "$VENV/bin/python" -m pip install --disable-pip-version-check --no-deps \
                   --no-build-isolation -e "$ROOT"; } >"$log" 2>&1; then
            tail -n 30 "$log" >&2
            echo "Installing the Python packages failed (full log: $log)." >&2
            exit 1
        fi
        echo "$want" > "$stamp"
    fi
}
