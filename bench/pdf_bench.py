"""PDF figures on the caseload store: the SPOC report for a person with about 500 entries
(< 2 s) and the chronology of the person with the long history (< 10 s)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.common import Figure, timed
from bench.stores import reopen


def figures(store_dir: Path, heavy: str, sizes, root: Path, log=print) -> list[Figure]:
    from desktop.reports import make_report
    store = reopen(store_dir)
    try:
        # The person with the long history, over the period that holds their latest
        # ``spoc_entries`` attempts (about a year here: a weekly chart of ~50 bars).
        target = sizes.spoc_entries
        at = store.db.execute(
            "SELECT at FROM contact_attempt WHERE person_id = ? AND deleted = 0 "
            "ORDER BY at DESC LIMIT 1 OFFSET ?", (heavy, target - 1)).fetchone()[0]
        from desktop.domain.ids import from_iso
        spoc_since = from_iso(at).date()
        pid = heavy
        n = store.db.execute("SELECT count(*) FROM contact_attempt WHERE person_id = ? AND "
                             "deleted = 0 AND at >= ?", (pid, spoc_since.isoformat())).fetchone()[0]
        since = date(1990, 1, 1)
        spoc_s, spoc_c, spoc = timed(
            lambda: make_report(store, "spoc", pid, root / "spoc.pdf", since=spoc_since))
        log(f"  SPOC report: {n} attempts, {spoc.pages} pages in {spoc_s:.1f} s")
        entries = len(store.chronology(heavy))
        chron_s, chron_c, chron = timed(
            lambda: make_report(store, "chronology", heavy, root / "chronology.pdf",
                                since=since))
        log(f"  chronology: {entries:,} entries, {chron.pages} pages in {chron_s:.1f} s")
    finally:
        store.lock()
    return [Figure("PDF", f"SPOC report, {n} attempts since {spoc_since:%b %Y} "
                   f"({spoc.pages} pages)", spoc_s, "s",
                   "< 2 s", spoc_s < 2, "", spoc_c, spoc_c < 2),
            Figure("PDF", f"chronology, {entries:,} entries ({chron.pages} pages)", chron_s, "s",
                   "< 10 s", chron_s < 10, "", chron_c, chron_c < 10)]
