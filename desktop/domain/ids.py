"""Identifiers and time: UUIDv7 ids (time-ordered) and timezone-aware UTC timestamps."""
from __future__ import annotations

import os
import time
import uuid
from datetime import datetime, timezone


def new_id() -> str:
    """A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits.

    Time-ordered ids keep B-tree inserts local and sort records by creation time.
    """
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76                      # version 7
    value |= ((rand >> 62) & 0xFFF) << 64   # rand_a (12 bits)
    value |= 0b10 << 62                     # RFC 4122 variant
    value |= rand & ((1 << 62) - 1)         # rand_b (62 bits)
    return str(uuid.UUID(int=value))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def to_iso(dt: datetime) -> str:
    """Serialise an aware datetime as UTC ISO-8601 with a fixed width, so that stored text
    sorts in time order."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime: times must carry a timezone")
    return dt.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    """Parse ISO-8601; a time without a zone is taken as local time, then made UTC."""
    if text.endswith("+00:00"):         # what ``to_iso`` writes: the fast path for stored times
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if dt.tzinfo is timezone.utc:   # CPython gives the utc singleton for +00:00
                return dt
    dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.astimezone()  # local time of this machine
    return dt.astimezone(timezone.utc)
