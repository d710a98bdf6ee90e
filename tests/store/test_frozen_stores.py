"""Stores written by past releases keep opening, upgrading and reading.

Each folder under ``tests/store/frozen/`` is a store frozen by ``tests/store/frozen/build.py``
from that day's code, with a manifest of every record as it was written. This build must unlock
it with the frozen passphrase, run any migrations it has since gained, and read every record
back with the same values (fields added later read as their defaults; nothing frozen is lost).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.domain import codec
from desktop.store import audit, migrations
from desktop.store.store import Store
from desktop.sync.registry import record_classes

FROZEN = Path(__file__).parent / "frozen"
RELEASES = sorted(p.name for p in FROZEN.iterdir() if (p / "manifest.json").exists())


def test_there_is_a_frozen_store():
    assert RELEASES


@pytest.fixture(params=RELEASES)
def frozen(request, tmp_path):
    src = FROZEN / request.param
    manifest = json.loads((src / "manifest.json").read_text())
    folder = shutil.copytree(src / "store", tmp_path / "store")
    return folder, manifest


def test_frozen_store_opens_upgrades_and_reads(frozen):
    folder, manifest = frozen
    backups = []
    store = Store.unlock(folder, manifest["passphrase"],
                         before_migration=lambda f: backups.append(f))
    try:
        assert migrations.schema_version(store.db) == migrations.LATEST
        if manifest["schema"] < migrations.LATEST:
            assert backups == [folder]          # the backup hook ran before upgrading
        known = record_classes()
        for entity, frozen_rows in manifest["records"].items():
            assert entity in known, f"record kind {entity!r} is no longer known"
            rows = {r.id: codec.to_fields(r)
                    for r in store.repo(known[entity]).where(include_deleted=True)}
            assert set(rows) == set(frozen_rows), entity
            for rid, fields in frozen_rows.items():
                now = rows[rid]
                lost = {k: (v, now.get(k, "<gone>")) for k, v in fields.items()
                        if not _kept(v, now.get(k, "<gone>"))}
                assert not lost, f"{entity} {rid}: {lost}"
        person = store.people.require(manifest["person_id"])
        assert person.name == "Morag Delacroix-Baird"
        draft = manifest["draft"]
        assert store.drafts.load(draft["form_key"], manifest["person_id"]) == draft["data"]
        assert audit.verify(store.db).ok
        # ... and it can still be written to.
        from desktop.domain.contact import ContactMethod, ContactOutcome
        store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "after upgrade")
    finally:
        store.lock()
    again = Store.unlock(folder, manifest["passphrase"])
    try:
        assert any(a.note == "after upgrade" for a in again.attempts.timeline(manifest["person_id"]))
    finally:
        again.lock()


def _kept(old, new) -> bool:
    """Every value the frozen store held is still there; fields added later to a nested
    record (with their defaults) are not a loss."""
    if isinstance(old, dict) and isinstance(new, dict):
        return all(_kept(v, new.get(k, "<gone>")) for k, v in old.items())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_kept(a, b) for a, b in zip(old, new))
    return old == new
