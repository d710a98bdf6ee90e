"""Reproducible installs: requirements.lock pins every dependency with hashes and was made from
the pyproject.toml beside it; the version lives in one place and every entry point reports it."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

import desktop

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"


def _pins() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) from the lock."""
    pins, current = {}, None
    for line in LOCK.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", line)
        if m:
            current = m.group(1).lower().replace("_", "-")
            pins[current] = (m.group(2), [])
        elif current and (h := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            pins[current][1].append(h.group(1))
    return pins


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_lock_was_made_from_this_pyproject():
    project = _project()
    deps = [project.get("dependencies", []), project.get("optional-dependencies", {})]
    key = hashlib.sha256(json.dumps(deps, sort_keys=True).encode()).hexdigest()[:16]
    assert f"# pyproject-sha256: {key}" in LOCK.read_text(), "run scripts/lock"


def test_every_dependency_is_pinned_with_hashes_and_satisfies_pyproject():
    pins = _pins()
    project = _project()
    wanted = project["dependencies"] + [d for ds in project["optional-dependencies"].values()
                                        for d in ds]
    for text in wanted:
        req = Requirement(text)
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not in requirements.lock: run scripts/lock"
        version, hashes = pins[name]
        assert req.specifier.contains(version, prereleases=True), (name, version)
    for name, (version, hashes) in pins.items():
        assert hashes, f"{name}=={version} has no hash"


def test_one_version_everywhere():
    assert "version" in _project()["dynamic"] and "version" not in _project()
    iss = (ROOT / "packaging" / "windows" / "stickability.iss").read_text()
    assert desktop.__version__ not in iss          # read back from the executable instead
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from winversion import app_version, numbers, version_file_text
    finally:
        sys.path.pop(0)
    assert app_version() == desktop.__version__
    assert numbers("1.2") == (1, 2, 0, 0)
    text = version_file_text()
    assert f"StringStruct('ProductVersion', '{desktop.__version__}')" in text
    assert "filevers=(%d, %d, %d, %d)" % numbers(desktop.__version__) in text
    # the same Python syntax PyInstaller evaluates on Windows
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    built = eval(text, {n: (lambda n: lambda *a, **k: (n, a, k))(n) for n in names})  # noqa: S307
    assert built[0] == "VSVersionInfo"


def test_version_on_both_entry_points():
    for module, prog in (("desktop", "stickability"), ("desktop.cli", "stickability-cli")):
        out = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == f"{prog} {desktop.__version__}"
