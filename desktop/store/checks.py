"""Checking a store for damage and tampering: the "Check store" action and the scheduled check.

Four checks, all read-only:

* SQLCipher's ``cipher_integrity_check``: every page of the database file carries an HMAC; a page
  changed by anything but this store's key (a flipped bit on a failing disk, an edit with a hex
  editor) fails it and is named;
* SQLite's ``integrity_check``: the structure (b-trees, indexes) is consistent;
* the keyed, hash-chained audit log (``desktop.store.audit.verify``): no event edited, removed
  or cut, every change-log entry as it was recorded, every head other stores witnessed still
  there; and every record row equal to what its change log says (``desktop.store.row_history``).

``check_store`` runs all three and returns a ``CheckReport`` whose ``problems`` are sentences a
worker can act on. The app runs it from "Check store" and, when ``check_due`` says so, after
unlocking (off the UI thread); ``record_check`` remembers a clean run in the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.domain.ids import from_iso, to_iso, utc_now
from desktop.store.connection import DatabaseError

CHECK_EVERY = timedelta(days=7)
LAST_CHECK_KEY = "last_check_at"
_HMAC_FAIL = re.compile(r"hmac verification failed for page (\d+)", re.I)
_WHAT_TO_DO = ("Restore the store from a backup (stickability-cli backup list / backup restore) "
               "and tell your administrator; do not keep working in this store.")


@dataclass
class CheckReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    audit_events: int = 0
    checked_at: str = ""

    def summary(self) -> str:
        from desktop.i18n import _
        if self.ok:
            return _("The store is intact: {pages} pages and {events} audit events "
                     "checked.").format(pages=self.pages, events=self.audit_events)
        return _("The store check found problems:") + "\n" + "\n".join(
            f"- {p}" for p in self.problems)

    def to_json(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "pages": self.pages,
                "audit_events": self.audit_events, "checked_at": self.checked_at}


def _pages_sentence(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:10])
    more = f" and {len(pages) - 10} more" if len(pages) > 10 else ""
    which = f"Page {shown}" if len(pages) == 1 else f"Pages {shown}{more}"
    verb = "fails" if len(pages) == 1 else "fail"
    return (f"{which} of the database {verb} the tamper check: the file was changed outside "
            f"Stickability, or the disk is failing. {_WHAT_TO_DO}")


def integrity_problems(db) -> list[str]:
    """SQLCipher's page check and SQLite's structure check, as sentences (empty when clean)."""
    problems: list[str] = []
    bad_pages: list[int] = []
    try:
        rows = db.execute("PRAGMA cipher_integrity_check").fetchall()
    except DatabaseError as exc:
        problems.append(f"The tamper check could not run ({exc}). {_WHAT_TO_DO}")
    else:
        other = []
        for (text,) in rows:
            m = _HMAC_FAIL.search(str(text))
            if m:
                bad_pages.append(int(m.group(1)))
            else:
                other.append(str(text))
        if bad_pages:
            problems.append(_pages_sentence(bad_pages))
        for text in other:
            problems.append(f"The database file is damaged ({text}). {_WHAT_TO_DO}")
    if bad_pages:   # the structure check would only repeat the failed pages' consequences
        return problems
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    except DatabaseError as exc:
        problems.append(f"The database structure cannot be read ({exc}). {_WHAT_TO_DO}")
    else:
        bad = [str(r[0]) for r in rows if r[0] != "ok"]
        if bad:
            more = f" (and {len(bad) - 1} more findings)" if len(bad) > 1 else ""
            problems.append(f"The database structure is damaged: {bad[0]}{more}. {_WHAT_TO_DO}")
    return problems


def check_store(store, *, own_connection: bool = False) -> CheckReport:
    """Run every check on an unlocked store. Read-only; in a store session, so off the GUI
    thread it reads through a connection of its own and never holds up the worker's writes.
    (``own_connection`` is accepted for older callers: every worker has its own now.)"""
    with store.session():
        return _check(store.db)


def _check(db) -> CheckReport:
    from desktop.store import audit
    from desktop.store.postgres import is_postgresql
    report = CheckReport(ok=True, checked_at=to_iso(utc_now()))
    # the hub's server checks its own pages; SQLCipher's pragmas exist only on a laptop
    report.problems = [] if is_postgresql(db) else integrity_problems(db)
    try:
        if not is_postgresql(db):
            report.pages = db.execute("PRAGMA page_count").fetchone()[0]
    except DatabaseError:
        pass
    try:
        result = audit.verify(db)
    except DatabaseError as exc:
        report.problems.append(f"The audit log cannot be read ({exc}). {_WHAT_TO_DO}")
    else:
        report.audit_events = result.checked
        for problem in (result.problems or [result.reason]) if not result.ok else ():
            report.problems.append(
                f"The audit log has been tampered with: {problem}. {_WHAT_TO_DO}")
    from desktop.store import row_history
    try:
        report.problems += [f"{p} {_WHAT_TO_DO}" for p in row_history.problems(db)]
    except DatabaseError as exc:
        report.problems.append(f"The records cannot be compared with their history ({exc}). "
                               f"{_WHAT_TO_DO}")
    report.ok = not report.problems
    return report


def check_due(store, now: datetime | None = None, every: timedelta = CHECK_EVERY) -> bool:
    """True when the store has never been checked, or not within ``every``."""
    last = store.meta_get(LAST_CHECK_KEY)
    if not last:
        return True
    try:
        return (now or utc_now()) - from_iso(last) >= every
    except ValueError:
        return True


def record_check(store, report: CheckReport) -> None:
    """Remember a clean check (a damaged store is not written to)."""
    if report.ok:
        store.meta_set(LAST_CHECK_KEY, report.checked_at)

