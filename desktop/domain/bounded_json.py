"""Reading JSON that came from outside (sync packages, key files, enrolment files) within bounds.

``json.loads`` on hostile text can recurse until ``RecursionError`` (deeply nested arrays),
build integers of thousands of digits, or turn ``1e999`` into infinity. ``loads`` here refuses,
with ``JsonRefused`` (a ``ValueError`` whose message says why), before any of that:

- text longer than ``max_bytes``;
- nesting deeper than ``max_depth`` (checked by a linear scan, before parsing);
- integers outside ``±max_int`` (SQLite's 64-bit range by default), non-finite numbers and the
  ``NaN``/``Infinity`` constants.

No recursion anywhere, so a nesting depth of a million is refused as cheaply as one of ten.
"""
from __future__ import annotations

import json
import math
import re
from itertools import accumulate

INT64_MAX = 2 ** 63 - 1
# A string, or an unterminated one running to the end: possessive, so linear on any input.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+(?:"|\Z)', re.S)
_SIGNS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JsonRefused(ValueError):
    """Input that is not JSON, or JSON outside the bounds; the message is a reason to show."""


def nesting_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in ``data`` (brackets inside strings do not
    count). An unterminated string makes the count higher, never lower."""
    signs = _STRING.sub(b"", data).translate(_SIGNS, _NOT_BRACKETS)
    if not signs:
        return 0
    return max(0, max(accumulate(memoryview(signs).cast("b"))))


def loads(data: bytes | str, *, max_bytes: int, max_depth: int, max_int: int = INT64_MAX,
          what: str = "JSON"):
    """Parse ``data`` (UTF-8 bytes or text) within the bounds; see the module docstring."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise JsonRefused(f"its {what} is too large ({len(raw):,} bytes; at most "
                          f"{max_bytes:,} are accepted)")
    if nesting_depth(raw) > max_depth:
        raise JsonRefused(f"its {what} is nested too deeply (more than {max_depth} levels)")

    def parse_int(text: str) -> int:
        if len(text) > 20 or abs(value := int(text)) > max_int:
            raise JsonRefused(f"its {what} holds a number out of range")
        return value

    def parse_float(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise JsonRefused(f"its {what} holds a number out of range")
        return value

    def parse_constant(name: str):
        raise JsonRefused(f"its {what} holds {name}, which is not a number")

    try:
        return json.loads(raw, parse_int=parse_int, parse_float=parse_float,
                          parse_constant=parse_constant)
    except JsonRefused:
        raise
    except RecursionError:      # cannot happen after the depth check; kept as a last line
        raise JsonRefused(f"its {what} is nested too deeply") from None
    except (ValueError, UnicodeDecodeError):
        raise JsonRefused(f"its {what} is not valid JSON") from None


def bounded_int(value, low: int, high: int) -> int | None:
    """``value`` when it is an int (not a bool) within ``low..high``, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None
