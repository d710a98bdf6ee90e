"""Freeze a store made by this release, for ``tests/store/test_frozen_stores.py``.

    .venv/bin/python -m tests.store.frozen.build 2026-12-03

writes ``tests/store/frozen/<label>/`` with the store folder (``store.key``, ``store.db``) and
``manifest.json``: every record's fields as this release wrote them. Stores frozen here are
never rebuilt or edited: later releases must keep opening, upgrading and reading them (as
Electrum keeps wallet files from every past release). Freeze a new one before changing the schema
or renaming a migration; never delete an old one.

The store holds every record kind (case study 1, a few synthetic cases, one closed case), a
draft and a setting, under a known test passphrase and a fast key derivation.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date
from pathlib import Path

PASSPHRASE = "frozen store test passphrase"
LOG2_N = 10                  # fast: test stores only
HERE = Path(__file__).resolve().parent


def build(label: str) -> Path:
    os.environ["STICKABILITY_KDF_LOG2N"] = str(LOG2_N)
    from desktop.domain import codec
    from desktop.domain.closure import Agreement, KeepInTouch
    from desktop.domain.person import AgencyInvolvement, CaseStatus, Person
    from desktop.store import migrations
    from desktop.store.store import Store
    from desktop.sync.registry import record_classes
    from desktop.synthetic import Spec, case_study, populate

    out = HERE / label
    if out.exists():
        raise SystemExit(f"{out} exists: frozen stores are never rebuilt")
    folder = out / "store"
    store, _code = Store.create(folder, PASSPHRASE, role="lead", worker="Frozen Worker",
                                agency="Frozen Agency", log2_n=LOG2_N)
    try:
        with store.transaction():
            person_id = case_study.seed(store)
        populate(store, Spec(people=3, attempts_per_person=8, years=1, seed=5,
                             end=date(2026, 12, 1)))
        closed = store.people.add(Person(
            name="Ailsa Closed-Case", status=CaseStatus.OPEN,
            agencies=[AgencyInvolvement(agency="Housing", lead_worker="Ravi Chandra")]))
        store.closures.close(
            closed.id, reason="Moved out of the area", evidence="New authority has the case",
            agreements=[Agreement(name="Ravi Chandra", agency="Housing", date=date(2026, 11, 3))],
            agencies_informed=["GP practice"], closed_on=date(2026, 11, 4),
            keep_in_touch=KeepInTouch(who="Ravi Chandra", every_months=3))
        store.drafts.save("frozen-form", person_id, {"note": "typed but not saved"})
        records = {}
        for entity, cls in sorted(record_classes().items()):
            rows = store.repo(cls).where(include_deleted=True)
            records[entity] = {r.id: codec.to_fields(r) for r in rows}
        empty = [e for e, rows in records.items() if not rows]
        if empty:
            raise SystemExit(f"no records of kind {', '.join(empty)}: add them to the builder")
        manifest = {
            "label": label, "passphrase": PASSPHRASE, "schema": migrations.LATEST,
            "migrations": [m.__name__.rsplit(".", 1)[1] for m in migrations.MIGRATIONS],
            "person_id": person_id, "draft": {"form_key": "frozen-form",
                                              "data": {"note": "typed but not saved"}},
            "records": records,
        }
        store.db.execute("VACUUM")
    finally:
        store.lock()
    for extra in folder.iterdir():
        if extra.name not in ("store.key", "store.db"):
            if extra.is_dir():
                shutil.rmtree(extra)
            else:
                extra.unlink()
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return out


if __name__ == "__main__":
    print(build(sys.argv[1]))
