"""The icon set and the desktop entry that the bundle and installers ship."""
from __future__ import annotations

import configparser
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


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "stickability.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name"] == "Stickability"
    assert section["Exec"] == "stickability"
    assert section["Icon"] == "stickability"
    assert section["Terminal"] == "false"
    assert "Office;" in section["Categories"]
    assert section["Comment"]


def test_third_party_notices_are_in_step_with_the_about_box():
    from desktop.licences import COMPONENTS, notices_text
    shipped = (ROOT / "resources" / "THIRD-PARTY-LICENCES.txt").read_text(encoding="utf-8")
    assert shipped == notices_text(), \
        "regenerate: python -m desktop.licences > resources/THIRD-PARTY-LICENCES.txt"
    names = " ".join(c.name for c in COMPONENTS)
    for needed in ("PySide6", "SQLCipher", "ReportLab", "DejaVu", "cryptography", "pyrage",
                   "keyring", "platformdirs"):
        assert needed in names
