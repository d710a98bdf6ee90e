"""Text for a terminal: control characters shown, never obeyed.

A name synced from another device (or typed before input was checked) may hold an ANSI escape
sequence, a carriage return or a text-direction override; printed raw, it could recolour,
rewrite or hide what the terminal shows. Every line the CLI prints goes through ``safe`` (text)
or ``safe_json`` (``--json``): such characters are printed as visible escapes (``\\x1b``,
``\\u202e``). Line breaks and tabs are kept in text output.
"""
from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_TEXT_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")   # json.dumps escapes C0 already


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def safe(text: str) -> str:
    """``text`` with every control character (but line breaks and tabs) made visible."""
    text = str(text)
    if text.isprintable():
        return text
    return _TEXT_UNSAFE.sub(_escape, text)


def safe_json(encoded: str) -> str:
    """JSON text (from ``json.dumps``) with C1 controls and direction marks escaped as
    ``\\uXXXX``: the same JSON value, harmless in a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", encoded)

