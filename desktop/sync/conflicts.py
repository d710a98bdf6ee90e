"""Conflicts a person can read and decide, field by field.

``describe_conflicts(store)`` turns each open conflict into what a coordinator needs to see:
the person, the record and the field by their labels; both values written for a person to
read (dates as dates, yes/no, lists one item a line, a nested group such as the safe contact
broken down into the parts that differ); and for each side who made the change, on which
device and when (from the change log, which keeps every change as it was made).

``decide_conflict(store, id, choice, value=None)``: ``"ours"`` (the value this store had),
``"theirs"`` (the value that arrived) or ``"edit"`` (a value typed now). Whatever is chosen is
written as a new edit with a fresh version stamp, so it is in the record's history and travels
by sync like any edit: it is newer than both sides, so every device takes it, and it closes the
same conflict wherever it is listed. The change carries no "old value" for the field (it
settles a disagreement rather than editing one side), so it never raises a new conflict.
"""
from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime

from desktop.domain import codec
from desktop.domain.ids import from_iso
from desktop.store.syncstate import SyncState
from desktop.sync import registry
from desktop.sync.errors import SyncError
from desktop.i18n import _, ngettext  # noqa: F401

CHOICES = ("ours", "theirs", "edit")
EMPTY = "(empty)"


def label(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def _day(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        local = from_iso(iso).astimezone()
    except ValueError:
        return iso
    return f"{local.day} {local:%b %Y, %H:%M}"


def _unwrap(tp):
    """``X | None`` → ``X``."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def readable(tp, value) -> str:
    """A stored field value as a person reads it."""
    tp = _unwrap(tp)
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if tp is bool or isinstance(value, bool):
        return "Yes" if value else "No"
    if tp is date and isinstance(value, str):
        try:
            return _day(date.fromisoformat(value))
        except ValueError:
            return value
    if tp is datetime and isinstance(value, str):
        return _when(value) or value
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            member = tp(value)
        except ValueError:
            return str(value)
        return str(getattr(member, "label", member.value))
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        hints = codec.hints(tp)
        parts = [f"{label(k)}: {readable(tp_k, value.get(k))}" for k, tp_k in hints.items()
                 if readable(tp_k, value.get(k)) != EMPTY]
        return "\n".join(parts) or EMPTY
    if isinstance(value, list):
        inner = typing.get_args(_unwrap(tp))
        item_tp = inner[0] if inner else None
        lines = []
        for item in value:
            text = readable(item_tp, item)
            lines.append("• " + text.replace("\n", "; "))
        return "\n".join(lines) or EMPTY
    return str(value)


def differences(tp, ours, theirs) -> list[dict]:
    """For a nested group (e.g. the safe contact): the parts that differ, each labelled."""
    tp = _unwrap(tp)
    if not (dataclasses.is_dataclass(tp) and isinstance(ours, dict) and
            isinstance(theirs, dict)):
        return []
    hints = codec.hints(tp)
    return [{"field": k, "label": label(k), "ours": readable(hints[k], ours.get(k)),
             "theirs": readable(hints[k], theirs.get(k))}
            for k in hints if ours.get(k) != theirs.get(k)]


def _change_by_stamp(store, entity: str, record_id: str, stamp: str) -> dict:
    row = store.db.execute("SELECT actor, at, origin_device FROM change_log WHERE entity = ? "
                           "AND record_id = ? AND stamp = ? LIMIT 1",
                           (entity, record_id, stamp)).fetchone() if stamp else None
    if row is None:
        return {"actor": "", "at": None, "device_id": ""}
    return {"actor": row[0], "at": row[1], "device_id": row[2]}


def _device_name(store, state: SyncState, device_id: str) -> str:
    if not device_id:
        return ""
    if device_id == store.device_id:
        return "this device"
    peer = state.peer(device_id)
    if peer is None:
        return f"device {device_id}"
    kind = "lead agency" if peer.kind == "agency" else "device"
    return f"{peer.name}'s {kind}" if peer.kind == "device" else f"{peer.name} ({kind})"


def _edit_kind(tp) -> str | None:
    tp = _unwrap(tp)
    if tp is str:
        return "text"
    if tp is date:
        return "date"
    if tp is int:
        return "number"
    return None


def describe(store, c: dict, state: SyncState | None = None) -> dict:
    """One conflict (a row of ``SyncState.conflicts``) made readable."""
    state = state or SyncState(store)
    cls = registry.record_class(c["entity"])
    tp = codec.hints(cls).get(c["field"]) if cls else None
    person = store.people.get(c["person_id"], include_deleted=True) if c["person_id"] else None
    sides = {}
    for side, value, stamp in (("ours", c["local_value"], c["local_stamp"]),
                               ("theirs", c["remote_value"], c["remote_stamp"])):
        who = _change_by_stamp(store, c["entity"], c["record_id"], stamp)
        if side == "theirs":
            who["actor"] = who["actor"] or c["remote_actor"]
            who["device_id"] = who["device_id"] or c["remote_device"]
        sides[side] = {"value": value, "text": readable(tp, value), "actor": who["actor"],
                       "device_id": who["device_id"],
                       "device_name": _device_name(store, state, who["device_id"]),
                       "at": who["at"], "at_text": _when(who["at"])}
    return {**c, "person_name": person.display_name if person else "",
            "record_label": label(c["entity"]), "field_label": label(c["field"]),
            "ours": sides["ours"], "theirs": sides["theirs"],
            "standing": "theirs" if c["winner"] == "remote" else "ours",
            "parts": differences(tp, c["local_value"], c["remote_value"]),
            "edit": _edit_kind(tp)}


def describe_conflicts(store, status: str | None = "open") -> list[dict]:
    state = SyncState(store)
    return [describe(store, c, state) for c in state.conflicts(status)]


def conflict_text(d: dict) -> str:
    """The conflict as lines of text (``sync conflicts``)."""
    def side(s: dict) -> str:
        who = ", ".join(x for x in (s["actor"], s["device_name"], s["at_text"]) if x)
        return f"{s['text']}".replace("\n", "; ") + (f"   [{who}]" if who else "")
    head = f"{d['id']}: {d['person_name'] or d['record_label']} — {d['field_label']}" + (
        "" if d["entity"] == "person" else f" ({d['record_label']})")
    mark = {"ours": "", "theirs": ""}
    mark[d["standing"]] = "   ← standing now"
    lines = [head, f"    this store had:  {side(d['ours'])}{mark['ours']}",
             f"    arrived:         {side(d['theirs'])}{mark['theirs']}"]
    for p in d["parts"]:
        lines.append(f"      {p['label']}: {p['ours']}  |  {p['theirs']}")
    return "\n".join(lines)


def parse_edit(d: dict, text: str):
    kind = d["edit"]
    if kind is None:
        raise SyncError(f"{d['field_label']} cannot be typed here: choose one of the two "
                        "values, then edit the record.")
    text = (text or "").strip()
    if kind == "date":
        if not text:
            return None
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise SyncError(_("Type the date as YYYY-MM-DD.")) from None
    if kind == "number":
        try:
            return int(text)
        except ValueError:
            raise SyncError(_("Type a whole number.")) from None
    return text


def decide_conflict(store, conflict_id: int, choice: str, value=None) -> None:
    """Settle one conflicting field (see the module docstring)."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {', '.join(CHOICES)}")
    state = SyncState(store)
    rows = [c for c in state.conflicts(None) if c["id"] == conflict_id]
    if not rows:
        raise LookupError(f"No conflict with id {conflict_id}.")
    c = rows[0]
    if c["status"] != "open":
        raise SyncError(_("This conflict has already been resolved."))
    cls = registry.record_class(c["entity"])
    if cls is None:
        raise SyncError(_("This version cannot edit '{value}' records.").format(value=c['entity']))
    d = describe(store, c, state)
    chosen = {"ours": c["local_value"], "theirs": c["remote_value"]}.get(choice)
    if choice == "edit":
        chosen = parse_edit(d, value if isinstance(value, str) else str(value or ""))
    repo = store.repo(cls)
    with store.transaction() as tx:
        obj = repo.get(c["record_id"], include_deleted=True)
        if obj is None:
            raise LookupError("The record of this conflict no longer exists.")
        setattr(obj, c["field"], codec.decode(codec.hints(cls)[c["field"]], chosen))
        if not obj.deleted:
            obj.validate()
        stamp = tx.stamp()
        row = repo.cols.to_row(codec.to_fields(obj))
        store.db.execute(f"UPDATE {cls.ENTITY} SET {c['field']} = ?, updated_at = ?, "
                         "updated_by = ?, version = ? WHERE id = ?",
                         (row[c["field"]], tx.now_iso, store.actor, stamp, obj.id))
        written = codec.to_fields(obj)[c["field"]]
        tx.record_change(cls.ENTITY, obj.id, stamp, "upsert", {c["field"]: written}, {},
                         "conflict-resolved")
        what = {"ours": "kept this store's value", "theirs": "kept the value that arrived",
                "edit": "typed a new value"}[choice]
        state.close_conflict(conflict_id, tx.now_iso, store.actor, what)
        state.audit(tx, "conflict-resolved", c["entity"], c["record_id"],
                    f"{c['field']}:{choice}")
        for other in state.conflicts("open", entity=c["entity"], record_id=c["record_id"],
                                     field=c["field"]):
            state.close_conflict(other["id"], tx.now_iso, store.actor, what)


__all__ = ["describe_conflicts", "describe", "decide_conflict", "conflict_text", "readable",
           "CHOICES"]
