"""Setting the hub up by the CLI contract, and who may do what, enforced by the server."""
from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.person import Person
from desktop.domain.record import ValidationError  # noqa: F401 - kept for symmetry with laptop tests
from desktop.domain.supervision import Supervision, SupervisionDecision
from desktop.store.connection import DatabaseError
from desktop.store.store import Store
from tests.conftest import PASSPHRASE


def _hub(cli, hub_db, *workers):
    cluster, name, url = hub_db
    code, data, out = cli("hub", "init", "--url", url)
    assert code == 0, out.err
    assert data["schema_version"] >= 5 and "stickability_importer" in data["roles"]
    code, data, out = cli("--store", url, "init", "--role", "lead", "--worker", "Lee Admin",
                          "--agency", "Social Work Team")
    assert code == 0, out.err
    assert data["role"] == "lead" and len(data["recovery_code"]) == 29
    assert "@" not in data["store"] or "***" in data["store"] or "postgres@" in data["store"]
    for user, worker, role in workers:
        code, _, out = cli("hub", "add-worker", "--url", url, "--user", user, "--name", worker,
                           "--role", role, "--no-password")
        assert code == 0, out.err
    return url, {user: cluster.url(name, user=user) for user, _, _ in workers}


def test_init_then_lead_identity_then_the_same_commands(cli, hub_db, tmp_path):
    url, _ = _hub(cli, hub_db)
    assert not (tmp_path / "postgresql:").exists()        # a URL never becomes a folder
    code, p, _ = cli("--store", url, "person", "add", "--name", "Morag")
    assert code == 0
    code, _, _ = cli("--store", url, "attempt", "log", p["id"], "--method", "phone",
                     "--outcome", "no_answer")
    assert code == 0
    code, data, _ = cli("--store", url, "audit", "verify")
    assert code == 0 and data["ok"] and data["checked"] == 2
    code, _, out = cli("--store", url, "init", "--role", "lead", "--worker", "X", "--agency", "Y")
    assert code == 1 and "already exists" in out.err
    # the hub's sync keys are sealed: never in clear in the database
    s = Store.unlock(url, PASSPHRASE)
    try:
        from desktop.sync import identity
        ident = identity(s)
        row = s.db.execute("SELECT signing_key, age_identity FROM sync_identity").fetchone()
        assert all(v.startswith("sealed:") for v in row)
        assert str(ident.age) not in " ".join(row)
    finally:
        s.lock()
    nokey = Store.unlock(url, None)     # a coordinator without the hub passphrase
    try:
        from desktop.store.hub import HubPassphraseNeeded
        with pytest.raises(HubPassphraseNeeded):
            identity(nokey)
        assert nokey.people.count() == 1
    finally:
        nokey.lock()


def _supervision(person_id: str, signed: bool) -> Supervision:
    d = SupervisionDecision(decision="Keep the case open; joint visit next week",
                            rationale="Risk is rising and she answered once",
                            signed_off_by="Mo Manager" if signed else "",
                            signed_off_on=date(2026, 5, 20) if signed else None,
                            sign_off_rationale="Agreed: the risk warrants it" if signed else "")
    return Supervision(person_id=person_id, date=date(2026, 5, 20), manager="Mo Manager",
                       decisions=[d])


def test_roles_are_enforced_by_the_server(cli, hub_db):
    url, login = _hub(cli, hub_db, ("cleo", "Cleo Coordinator", "coordinator"),
                      ("mo", "Mo Manager", "manager"), ("imp", "Importer", "importer"),
                      ("aud", "Audrey Auditor", "auditor"))
    coordinator = Store.unlock(login["cleo"], None)
    manager = Store.unlock(login["mo"], None)
    importer = Store.unlock(login["imp"], None)
    auditor = Store.unlock(login["aud"], None)
    try:
        # each worker writes as themself: the audit actor is the database user
        p = coordinator.people.add(Person(name="Morag"))
        assert coordinator.people.require(p.id).created_by == "Cleo Coordinator"
        assert coordinator.db.execute("SELECT actor FROM audit_event ORDER BY seq DESC "
                                      "LIMIT 1").fetchone()[0] == "Cleo Coordinator"
        # the auditor reads everything and can write nothing
        assert auditor.people.require(p.id).name == "Morag"
        assert auditor.audit_verify().ok
        with pytest.raises(DatabaseError, match="permission denied"):
            auditor.people.add(Person(name="Not allowed"))
        # an importer (or a coordinator) cannot sign a decision off; a manager can
        for who in (importer, coordinator):
            with pytest.raises(DatabaseError, match="only a manager can sign"):
                who.supervisions.add(_supervision(p.id, signed=True))
        unsigned = coordinator.supervisions.add(_supervision(p.id, signed=False))
        with pytest.raises(DatabaseError, match="only a manager can sign"):
            importer.supervisions.update(_supervision_signed(importer, unsigned.id))
        signed = manager.supervisions.update(_supervision_signed(manager, unsigned.id))
        assert signed.decisions[0].signed_off
        assert coordinator.supervisions.require(unsigned.id).decisions[0].signed_off_by == \
            "Mo Manager"
        # nothing the refused writes tried is left behind, and the chain still verifies
        assert coordinator.people.count() == 1 and coordinator.audit_verify().ok
        # workers cannot rewrite who is who
        with pytest.raises(DatabaseError, match="permission denied"):
            coordinator.db.execute("UPDATE hub_worker SET worker = 'Someone Else'")
    finally:
        for s in (coordinator, manager, importer, auditor):
            s.lock()


def _supervision_signed(store, sid):
    s = store.supervisions.require(sid)
    s.sign_off("Mo Manager", date(2026, 5, 21), "Agreed: the risk warrants it")
    return s
