"""Correcting a contact attempt after the undo window, with a reason.

The attempt row takes the corrected values and the reason; the change log keeps every earlier
version, so ``attempt_versions`` rebuilds the history oldest first: the values as first logged,
then each correction with its reason, who made it and when.
"""
from __future__ import annotations

from desktop.domain.record import ValidationError
from desktop.i18n import _, ngettext  # noqa: F401

CORRECTABLE = ("outcome", "method", "at", "note")


def check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("A correction needs the reason (the original stays in history)."))
    return reason


def attempt_versions(history) -> list[dict]:
    """``history``: change-log entries of one attempt (``op``, ``fields``, ``action``-less
    ``ChangeEntry`` objects, oldest first). One version per entry that set the logged values."""
    values: dict = {}
    versions: list[dict] = []
    for e in history:
        if e.op != "upsert":
            continue
        touched = [k for k in CORRECTABLE if k in e.fields]
        if not touched and versions:
            continue
        values.update({k: e.fields[k] for k in touched})
        versions.append({
            "values": {k: values.get(k) for k in CORRECTABLE},
            "reason": e.fields.get("correction_reason", "") if versions else "",
            "changed": touched if versions else [],
            "by": e.actor, "recorded_at": e.at, "stamp": e.stamp,
        })
    return versions
