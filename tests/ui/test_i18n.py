"""Translations: the shipped English catalogue loads, a translated catalogue changes the text,
and a locale with no catalogue falls back to the source English."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from desktop.ui import i18n

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context><name>HelpWindow</name>
<message><source>Help</source><translation>Aide</translation></message>
</context>
</TS>
"""


@pytest.fixture(autouse=True)
def _restore(qapp):
    yield
    for t in getattr(qapp, "_stickability_translators", []):
        qapp.removeTranslator(t)
    qapp._stickability_translators = []


def test_english_is_shipped_and_loads(qapp):
    assert "en" in i18n.available_languages()
    loaded = i18n.install_translators(qapp, QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedKingdom))
    folder = i18n.translations_dir()
    assert (folder / "stickability_en.ts").is_file()
    assert any(t.filePath().endswith("stickability_en.qm") for t in loaded)
    assert QCoreApplication.translate("HelpWindow", "Help") == "Help"


def test_a_translated_catalogue_changes_the_text(qapp, tmp_path, monkeypatch):
    lrelease = Path(sys.prefix) / "bin" / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not in this environment")
    (tmp_path / "stickability_fr.ts").write_text(TS, encoding="utf-8")
    subprocess.run([str(lrelease), "-silent", str(tmp_path / "stickability_fr.ts"),
                    "-qm", str(tmp_path / "stickability_fr.qm")], check=True)
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    i18n.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    assert QCoreApplication.translate("HelpWindow", "Help") == "Aide"
    assert i18n.available_languages() == ["fr"]


def test_unknown_locale_falls_back_to_source_english(qapp):
    loaded = i18n.install_translators(qapp, QLocale(QLocale.Language.Basque))
    assert not any("stickability" in t.filePath() for t in loaded)
    assert QCoreApplication.translate("HelpWindow", "Help") == "Help"


def test_missing_translations_folder_is_not_an_error(qapp, monkeypatch):
    monkeypatch.setattr(i18n, "translations_dir", lambda: None)
    assert i18n.available_languages() == []
    loaded = i18n.install_translators(qapp, QLocale(QLocale.Language.English))
    assert all("stickability" not in t.filePath() for t in loaded)


def _messages(ts: Path) -> set[tuple[str, str]]:
    import xml.etree.ElementTree as ET
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name"), msg.findtext("source"))
            for ctx in root.iter("context") for msg in ctx.iter("message")
            if (msg.find("translation") is None
                or msg.find("translation").get("type") not in ("obsolete", "vanished"))}


def test_catalogue_is_in_step_with_the_ui_strings(tmp_path):
    """Every self.tr() string in desktop/ui (and desktop/app.py) is in stickability_en.ts:
    run packaging/update_translations.sh after changing UI strings."""
    lupdate = Path(sys.prefix) / "bin" / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not in this environment")
    root = Path(__file__).resolve().parents[2]
    sources = [str(root / "desktop" / "ui")]
    if (root / "desktop" / "app.py").exists():
        sources.append(str(root / "desktop" / "app.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), "-silent", "-extensions", "py", *sources, "-ts", str(fresh)],
                   check=True)
    shipped = _messages(root / "resources" / "translations" / "stickability_en.ts")
    missing = _messages(fresh) - shipped
    assert not missing, f"run packaging/update_translations.sh; missing: {sorted(missing)[:5]}"
