"""The icon set and the desktop entry that the bundle and installers ship."""
from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.mark.parametrize("name", ["stickability.svg", "stickability-small.svg"])
def test_svg_sources_are_valid(qapp, name):
    from PySide6.QtSvg import QSvgRenderer
    renderer = QSvgRenderer(str(ICONS / name))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height() == 256


@pytest.mark.parametrize("size", SIZES)
def test_png_sizes_rendered(qapp, size):
    from PySide6.QtGui import QImage
    image = QImage(str(ICONS / f"stickability-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # the tile is opaque in the middle and transparent in the very corner
    assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0


def test_windows_icon_holds_every_size_up_to_256():
    from PIL import Image
    with Image.open(ICONS / "stickability.ico") as ico:
        assert set(ico.info["sizes"]) >= {(s, s) for s in SIZES if s <= 256}
    with Image.open(ICONS / "stickability.icns") as icns:
        assert (512, 512, 1) in icns.info["sizes"]


APP_ID = "org.stickability.Stickability"
DESKTOP = ROOT / "resources" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / f"{APP_ID}.metainfo.xml"
MIME = ROOT / "resources" / f"{APP_ID}.mime.xml"


def test_desktop_entry():
    from desktop.app import APP_ID as app_id
    assert app_id == APP_ID
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Stickability"
    assert section["Exec"] == "stickability %F"
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"
    assert "Office;" in section["Categories"]
    assert section["MimeType"] == "application/vnd.stickability.package;"
    assert section["Comment"]


def _tool(name):
    import shutil
    path = shutil.which(name)
    assert path, f"{name} is missing: scripts/bootstrap.sh installs it (TEST_PACKAGES)"
    return path


def test_desktop_entry_validates():
    import subprocess
    out = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True,
                         text=True)
    assert out.returncode == 0 and not out.stdout.strip(), out.stdout + out.stderr


def test_appstream_metainfo_validates_and_carries_the_version():
    import subprocess
    import xml.etree.ElementTree as ET

    import desktop
    out = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--pedantic",
                          str(METAINFO)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    newest = root.find("releases/release")
    assert newest.get("version") == desktop.__version__, "add a <release> for this version"


def test_mime_type_installs_and_matches_stkpkg(tmp_path):
    import shutil
    import subprocess
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages)
    subprocess.run([_tool("update-mime-database"), str(tmp_path / "mime")], check=True,
                   capture_output=True)
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert "application/vnd.stickability.package:*.stkpkg" in globs


def test_third_party_notices_are_generated_from_what_is_installed():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import third_party
    finally:
        sys.path.pop(0)
    shipped = (ROOT / "resources" / "THIRD-PARTY-LICENCES.txt").read_text(encoding="utf-8")
    regenerate = "regenerate: python packaging/third_party.py > resources/THIRD-PARTY-LICENCES.txt"
    for dist in third_party.runtime_distributions():
        header = f"{dist.metadata['Name']} {dist.version}"
        assert header in shipped, f"{header} missing; {regenerate}"
        for _name, text in third_party.licence_files(dist)[:1]:
            assert text.strip()[:200] in shipped, f"{header}: licence text missing"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shipped          # PySide6's, in full
    assert "Rust crates inside pyrage" in shipped and "DejaVu" in shipped
    from desktop.licences import COMPONENTS
    names = " ".join(c.name for c in COMPONENTS)
    for needed in ("PySide6", "SQLCipher", "ReportLab", "DejaVu", "cryptography", "pyrage",
                   "keyring", "platformdirs", "pypdf", "rl-accel", "cffi", "zxcvbn", "Babel"):
        assert needed in names

def test_the_rust_crates_inside_pyrage_come_from_its_wheels_sbom():
    """Not a hand-written list: every crate (with version and declared licence) of the
    CycloneDX SBOM inside pyrage's wheel is named in the shipped notices."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import third_party
    finally:
        sys.path.pop(0)
    crates = third_party.rage_crates()
    assert len(crates) > 100 and ("age", ) == tuple(c[0] for c in crates if c[0] == "age")
    assert ("x25519-dalek", "2.0.0", "BSD-3-Clause") in crates
    shipped = (ROOT / "resources" / "THIRD-PARTY-LICENCES.txt").read_text(encoding="utf-8")
    section = shipped.split("Rust crates inside pyrage", 1)[1]
    flat = " ".join(section.split())
    for name, version, licence in crates:
        assert f"{name} {version}" in flat, f"{name} {version}: regenerate the notices"
        assert licence in flat
