"""Translation for every layer: one gettext catalogue per language, no Qt.

    from desktop.i18n import _, ngettext
    label = _("Contact attempts")
    text = ngettext("{n} attempt", "{n} attempts", n).format(n=n)

The catalogues are ``resources/locale/<lang>/LC_MESSAGES/stickability.po`` (read with Babel at
start-up; no compile step, so a catalogue can never be stale). ``set_language(code)`` picks the
language before any window, report or message is made: ``--language`` on both entry points, else
the device setting (``language`` in ``settings.json`` in the user config folder, written from
Settings), else the system's. English is the source language and needs no catalogue.

Rules for translatable text: the whole sentence in one ``_()`` with named placeholders
(``_("Minutes are due by {date}.").format(date=...)``), never pieces glued together; plurals
with ``ngettext``. ``N_()`` marks a constant for extraction where it is defined; it is
translated with ``_()`` where it is shown. ``scripts/translations`` extracts every marked
string into ``resources/locale/stickability.pot`` and merges it into each ``.po``;
``tests/test_translations.py`` fails when a string is missing from a catalogue or has no Welsh.
"""
from __future__ import annotations

import json
import locale as _locale
import os
from pathlib import Path

DOMAIN = "stickability"
SOURCE = "en"
LANGUAGES = {"en": "English", "cy": "Cymraeg"}        # code -> the language's own name
SYSTEM = "system"

_state: dict = {"code": SOURCE, "messages": {}, "plural": None}


def locale_dir() -> Path:
    from desktop.resources import resource
    return resource("locale")


def catalogue_path(code: str) -> Path:
    return locale_dir() / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(code: str) -> tuple[dict, object]:
    from babel.messages.pofile import read_po
    path = catalogue_path(code)
    with open(path, "rb") as fh:
        catalogue = read_po(fh, locale=code)
    messages = {}
    for m in catalogue:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            if all(m.string):
                messages[m.id] = tuple(m.string)
        elif m.string:
            messages[m.id] = m.string
    return messages, catalogue.plural_expr


def system_language() -> str:
    """The user's language from the environment / OS, if we have a catalogue for it."""
    candidates = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        candidates += [v for v in value.split(":") if v]
    try:
        code = _locale.getlocale()[0]
        if code:
            candidates.append(code)
    except ValueError:
        pass
    for c in candidates:
        lang = c.split(".")[0].split("_")[0].split("-")[0].lower()
        if lang in LANGUAGES:
            return lang
        if lang not in ("c", "posix"):
            return SOURCE
    return SOURCE


def resolve(code: str | None) -> str:
    code = (code or SYSTEM).strip().lower().replace("_", "-")
    if code == SYSTEM:
        return system_language()
    code = code.split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"no translation for language '{code}'; "
                         f"available: {', '.join(LANGUAGES)}")
    return code


def set_language(code: str | None) -> str:
    """Use ``code`` (``"cy"``, ``"en"``, ``"system"``/``None``) from now on; returns the
    language chosen."""
    code = resolve(code)
    messages, plural = ({}, None) if code == SOURCE else _load(code)
    _state.update(code=code, messages=messages, plural=plural)
    return code


def language() -> str:
    return _state["code"]


def _(text: str) -> str:
    return _state["messages"].get(text, text)


def N_(text: str) -> str:          # noqa: N802 - gettext's name
    """Mark ``text`` for the catalogue without translating it here."""
    return text


def ngettext(singular: str, plural: str, n: int) -> str:
    forms = _state["messages"].get((singular, plural))
    if forms:
        index = _state["plural"](n) if callable(_state["plural"]) else int(n != 1)
        return forms[min(int(index), len(forms) - 1)]
    return singular if n == 1 else plural


def format_day(d, weekday: bool = False) -> str:
    """A day in the language's words ("25 May 2026" / "25 Mai 2026"; ``weekday``: "Mon 25
    May"), for the layers without Qt (rules, CLI)."""
    if _state["code"] == SOURCE:
        return f"{d:%a %d %b}" if weekday else f"{d.day} {d:%b %Y}"
    from babel.dates import format_date
    return format_date(d, "EEE d MMM" if weekday else "d MMM y", locale=_state["code"])


# ---------------------------------------------------------------- the device setting
def _settings_file() -> Path:
    import platformdirs
    return Path(platformdirs.user_config_dir("Stickability", appauthor=False)) / "settings.json"


def saved_language() -> str:
    try:
        doc = json.loads(_settings_file().read_text(encoding="utf-8"))
        value = str(doc.get("language", SYSTEM))
        return value if value == SYSTEM or value in LANGUAGES else SYSTEM
    except (OSError, ValueError, AttributeError):
        return SYSTEM


def save_language(code: str) -> None:
    if code != SYSTEM and code not in LANGUAGES:
        raise ValueError(f"no translation for language '{code}'")
    path = _settings_file()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            doc = {}
    except (OSError, ValueError):
        doc = {}
    doc["language"] = code
    path.parent.mkdir(parents=True, exist_ok=True)
    from desktop.store.atomic import write_atomic
    write_atomic(path, json.dumps(doc, indent=1).encode("utf-8"))


def start(option: str | None) -> str:
    """What both entry points call first: ``--language`` if given, else the saved setting."""
    return set_language(option or os.environ.get("STICKABILITY_LANGUAGE") or saved_language())
