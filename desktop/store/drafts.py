"""Drafts: unsaved forms kept inside the encrypted store so that nothing typed is lost to a
crash, a flat battery or the auto-lock.

A draft is not a record: it has no history, no audit event and never syncs. One draft per
(form, person); saving again replaces it. ``form_key`` names the form (e.g. ``"visit"``,
``"goal"``, ``"person_edit"``; add a suffix such as ``"visit:<attempt id>"`` when one person can
have several of the same form open). ``person_id`` is ``""`` for forms not about one person.
The data is any JSON-able dict (the form's field values).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from desktop.domain.ids import from_iso


@dataclass(frozen=True)
class Draft:
    form_key: str
    person_id: str
    data: dict
    saved_at: datetime
    actor: str


class Drafts:
    def __init__(self, store):
        self.store = store

    def save(self, form_key: str, person_id: str | None, data: dict) -> None:
        """Keep (or replace) the draft. Cheap enough to call on every debounced edit."""
        if not form_key:
            raise ValueError("a draft needs a form key")
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        with self.store.transaction() as tx:
            self.store.db.execute(
                "INSERT INTO draft (form_key, person_id, data, saved_at, actor) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_key, person_id) DO UPDATE SET "
                "data = excluded.data, saved_at = excluded.saved_at, actor = excluded.actor",
                (form_key, person_id or "", text, tx.now_iso, self.store.actor))

    def load(self, form_key: str, person_id: str | None) -> dict | None:
        d = self.get(form_key, person_id)
        return d.data if d else None

    def get(self, form_key: str, person_id: str | None) -> Draft | None:
        self.store._require_open()
        row = self.store.db.execute(
            "SELECT form_key, person_id, data, saved_at, actor FROM draft "
            "WHERE form_key = ? AND person_id = ?", (form_key, person_id or "")).fetchone()
        return _draft(row) if row else None

    def discard(self, form_key: str, person_id: str | None) -> bool:
        """Drop the draft (after the form is saved or the worker throws it away). Without one
        nothing is written (no second commit after every quick-log)."""
        if self.get(form_key, person_id) is None and not self.store.in_transaction:
            return False
        with self.store.transaction():
            cur = self.store.db.execute("DELETE FROM draft WHERE form_key = ? AND person_id = ?",
                                        (form_key, person_id or ""))
            return cur.rowcount > 0

    def list_pending(self, person_id: str | None = None) -> list[Draft]:
        """Every draft (or one person's), newest first: offered back on the next unlock."""
        self.store._require_open()
        sql = "SELECT form_key, person_id, data, saved_at, actor FROM draft"
        params: tuple = ()
        if person_id is not None:
            sql, params = sql + " WHERE person_id = ?", (person_id,)
        rows = self.store.db.execute(sql + " ORDER BY saved_at DESC, form_key", params)
        return [_draft(r) for r in rows]


def _draft(row) -> Draft:
    return Draft(row[0], row[1], json.loads(row[2]), from_iso(row[3]), row[4])
