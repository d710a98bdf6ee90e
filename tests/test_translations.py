"""One catalogue for every layer, and Welsh for everything in it.

- Every string marked with ``_()``, ``N_()`` or ``ngettext()`` anywhere in ``desktop/`` is in the
  Welsh catalogue with a translation that is not fuzzy and keeps the English's placeholders.
- In the areas converted so far (``TRANSLATED``), no user-visible string is left unmarked (the
  positions that count are ``scripts/i18n_wrap.py``'s ``VISIBLE_CALLS``).
- ``--language cy`` works on both entry points; dates follow the language.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from desktop import i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import i18n_wrap  # noqa: E402

PO = ROOT / "resources" / "locale" / "cy" / "LC_MESSAGES" / "stickability.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# Areas whose every user-visible string goes through the catalogue (grows as areas convert).
TRANSLATED: list[str] = [
    "desktop/ui/caseload",
    "desktop/ui/forms",
    "desktop/ui/settings",
    "desktop/ui/unlock",
    "desktop/ui/sync",
    "desktop/ui/person",
    "desktop/domain",                # validation messages, labels, the alerts (rules)
    "desktop/commands", "desktop/cli.py", "desktop/app.py",   # both entry points
    "desktop/store", "desktop/sync",  # their errors and summaries, shown on screen and by the CLI
    # the screens and dialogs at the top of desktop/ui (screenshots.py, selfcheck.py and the
    # plumbing modules show nothing of their own)
    *[f"desktop/ui/{m}.py" for m in (
        "about", "alert_style", "conflict_review", "crash_dialog", "dates", "duplicate_review",
        "help", "help_window", "main_window", "ops", "passphrase", "printing", "shortcuts_dialog",
        "status_bar", "store_check", "widgets", "workspace")],
]


@pytest.fixture(autouse=True)
def _english_again():
    yield
    i18n.set_language("en")


def _marked() -> dict:
    out = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        out.setdefault(message, f"desktop/{filename}:{lineno}")
    return out


def _welsh():
    with open(PO, "rb") as fh:
        return read_po(fh, locale="cy")


def _fields(text: str) -> set[str]:
    return {m.split("!")[0].split(":")[0] for m in re.findall(r"(?<!\{)\{([^{}]*)\}", text)}


def test_every_marked_string_has_a_welsh_translation():
    catalogue = _welsh()
    missing, broken = [], []
    for message, where in _marked().items():
        m = catalogue.get(message)
        strings = (m.string if isinstance(m.string, tuple) else (m.string,)) if m else ()
        if m is None or m.fuzzy or not all(strings):
            missing.append(f"{where}: {message!r}")
            continue
        english = message if isinstance(message, tuple) else (message,)
        allowed = set().union(*(_fields(e) for e in english))
        for s in strings:
            if not _fields(s) <= allowed:
                broken.append(f"{where}: {s!r} uses placeholders the English has not")
    assert not missing, f"{len(missing)} strings without Welsh (scripts/translations):\n" + \
        "\n".join(missing[:40])
    assert not broken, "\n".join(broken[:40])


def _mnemonics(text: str) -> list[str]:
    return re.findall(r"&([^&\s])", text.replace("&&", "").replace("A&E", ""))


class _Any:
    def __format__(self, spec):
        return "x"


def test_welsh_keeps_the_placeholders_and_one_valid_mnemonic():
    """The same named placeholders as the English (a Welsh string that drops or invents one
    would show a raw ``{name}`` or raise), and an Alt+letter where the English has one: exactly
    one, on a letter or digit. (Clashes between the controls of one screen are checked on the
    screens themselves: tests/ui/test_walkthrough_mnemonics.py runs in Welsh too.)"""
    problems = []
    for m in _welsh():
        if not m.id or not m.string:
            continue
        english = m.id if isinstance(m.id, tuple) else (m.id,)
        welsh = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = _fields(english[-1])
        for s in welsh:
            if not s:
                continue
            if _fields(s) != wanted and not (len(english) > 1 and _fields(s) <= wanted):
                problems.append(f"{m.id!r}: placeholders {sorted(_fields(s))} != {sorted(wanted)}")
            try:
                s.format(**{f: _Any() for f in _fields(s)})
            except (ValueError, IndexError, KeyError) as e:
                problems.append(f"{s!r}: does not format ({e})")
            keys = _mnemonics(s)
            if len(_mnemonics(english[0])) == 1 and (len(keys) != 1 or not keys[0].isalnum()):
                problems.append(f"{m.id!r}: Welsh {s!r} should have exactly one &-letter")
            if not _mnemonics(english[0]) and keys:
                problems.append(f"{m.id!r}: Welsh {s!r} has an &-letter the English has not")
    assert not problems, f"{len(problems)} broken translations:\n" + "\n".join(problems[:40])


def test_no_unmarked_user_visible_strings_in_translated_areas():
    left = []
    for area in TRANSLATED:
        target = ROOT / area
        files = [target] if target.suffix == ".py" else sorted(target.rglob("*.py"))
        for path in files:
            for node in i18n_wrap.visible_strings(ast.parse(path.read_text(encoding="utf-8"))):
                left.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                            f"{i18n_wrap._text_of(node)!r}")
    assert not left, f"{len(left)} user-visible strings not marked with _():\n" + \
        "\n".join(left[:40])


def test_every_domain_label_has_welsh_and_is_shown_in_welsh():
    """The ``label`` of every enum in ``desktop/domain`` (what the combos, tables and reports
    show) and the label, help and Add text of every described field (the person record's
    forms) are in the catalogue, and ``.label`` gives the Welsh when the language is Welsh."""
    labels = i18n_wrap.domain_labels()
    assert len(labels) > 100
    catalogue = _welsh()
    missing = [f"{where}: {text!r}" for text, where in labels.items()
               if not (catalogue.get(text) and catalogue.get(text).string)]
    assert not missing, f"{len(missing)} domain labels without Welsh:\n" + "\n".join(missing)
    from desktop.domain.contact import ContactMethod, ContactOutcome
    from desktop.domain.person import CaseStatus
    from desktop.domain.risk import RiskLevel
    i18n.set_language("cy")
    shown = [ContactMethod.HOME_VISIT.label, ContactOutcome.NO_ANSWER.label,
             CaseStatus.OPEN.label, RiskLevel.NOT_SET.label]
    i18n.set_language("en")
    english = [ContactMethod.HOME_VISIT.label, ContactOutcome.NO_ANSWER.label,
               CaseStatus.OPEN.label, RiskLevel.NOT_SET.label]
    assert english == ["Home visit", "No answer", "Open", "Not set"]
    assert all(w != e for w, e in zip(shown, english)), shown


def test_welsh_loads_and_falls_back_to_english():
    assert i18n.set_language("cy") == "cy"
    assert i18n._("Not a string in any catalogue") == "Not a string in any catalogue"
    catalogue = _welsh()
    some = next((m for m in catalogue if m.id and m.string and not isinstance(m.id, tuple)),
                None)
    if some is not None:
        assert i18n._(some.id) == some.string
    assert i18n.set_language("en") == "en" and i18n._("Save") == "Save"
    with pytest.raises(ValueError, match="available"):
        i18n.set_language("xx")


def test_system_language_and_saved_setting(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "cy_GB.UTF-8")
    assert i18n.resolve("system") == "cy"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.resolve("system") == "en"
    assert i18n.saved_language() == "system"
    i18n.save_language("cy")
    assert i18n.saved_language() == "cy"
    monkeypatch.delenv("STICKABILITY_LANGUAGE", raising=False)
    assert i18n.start(None) == "cy" and i18n.start("en") == "en"


def test_dates_follow_the_language():
    from desktop.reports.flow import fmt_date
    i18n.set_language("cy")
    assert fmt_date(date(2026, 5, 25)) == "25 Mai 2026"
    i18n.set_language("en")
    assert fmt_date(date(2026, 5, 25)) == "25 May 2026"


def test_language_option_on_both_entry_points():
    for module in ("desktop.cli", "desktop"):
        out = subprocess.run([sys.executable, "-m", module, "--language", "cy", "--version"],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert out.returncode == 0, out.stderr
        bad = subprocess.run([sys.executable, "-m", module, "--language", "xx", "--version"],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert bad.returncode == 2 and "available: en, cy" in bad.stderr


def test_the_guide_is_complete_in_welsh():
    import json
    english = ROOT / "resources" / "help"
    welsh = english / "cy"
    topics = json.loads((english / "topics.json").read_text(encoding="utf-8"))["topics"]
    cy_topics = json.loads((welsh / "topics.json").read_text(encoding="utf-8"))["topics"]
    assert [t["id"] for t in cy_topics] == [t["id"] for t in topics]
    for t, c in zip(topics, cy_topics):
        assert c["title"] != t["title"] or t["id"] == "overview"
        page = (welsh / f"{t['id']}.html").read_text(encoding="utf-8")
        source = (english / f"{t['id']}.html").read_text(encoding="utf-8")
        # the same anchors, so the tabs' "help on this" links land in the right place
        assert re.findall(r'name="([^"]+)"', page) == re.findall(r'name="([^"]+)"', source)
        assert re.findall(r'href="([^"]+)"', page) == re.findall(r'href="([^"]+)"', source)


def test_qt_standard_buttons_follow_the_language(qtbot):
    """Qt has no Welsh of its own: the catalogue answers for its standard buttons."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox
    from desktop.ui.i18n import install_catalogue_bridge
    install_catalogue_bridge(QApplication.instance())
    buttons = QDialogButtonBox.StandardButton

    def texts():
        box = QDialogButtonBox(buttons.Close | buttons.Cancel | buttons.Open)
        qtbot.addWidget(box)
        return sorted(b.text().replace("&", "") for b in box.buttons())
    i18n.set_language("cy")
    assert texts() == ["Agor", "Canslo", "Cau"]
    i18n.set_language("en")
    assert texts() == ["Cancel", "Close", "Open"]


def test_help_window_shows_the_welsh_guide(qtbot):
    i18n.set_language("cy")
    from desktop.ui.help_window import HelpWindow
    window = HelpWindow()
    qtbot.addWidget(window)
    assert window.show_topic("meetings#meetings-after")
    assert "Cyfarfodydd a chofnodion" in window.browser.toPlainText()
