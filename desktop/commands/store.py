"""``init`` and ``audit verify``: creating a store and checking its audit chain."""
from __future__ import annotations

from desktop.commands import UserError, command


def register(sub, group):
    p = command(sub, "init", init, "create a new encrypted store and print its recovery code")
    p.add_argument("--role", choices=("field", "lead"), required=True)
    p.add_argument("--worker", required=True, metavar="NAME")
    p.add_argument("--agency", required=True, metavar="NAME")
    audit = group("audit", "the hash-chained audit log")
    command(audit, "verify", audit_verify, "check the audit chain; exit 1 at the first bad entry")


def init(ctx):
    from desktop.store.store import Store
    if Store.exists(ctx.store_dir):
        raise UserError(f"a store already exists at {ctx.location}; it has not been changed")
    passphrase = ctx.passphrase("New passphrase: ")
    if not passphrase:
        raise UserError("the passphrase must not be empty")
    from desktop.domain.passphrase import refusal
    weak = refusal(passphrase, [ctx.args.worker, ctx.args.agency])
    if weak:
        raise UserError(f"that passphrase is too easy to guess, nothing was created: {weak}")
    store, code = Store.create(ctx.store_dir, passphrase, role=ctx.args.role,
                               worker=ctx.args.worker, agency=ctx.args.agency)
    ctx._store = store
    ctx.emit({"store": ctx.location, "store_id": store.store_id,
              "device_id": store.device_id, "role": store.role, "recovery_code": code},
             f"Created a {ctx.args.role} store at {ctx.location}.\n"
             f"Recovery code (shown once; store it safely, apart from this laptop):\n  {code}")


def audit_verify(ctx):
    result = ctx.store().audit_verify()
    if result.ok:
        ctx.emit(result.to_json(), f"Audit chain intact: {result.checked} events checked.")
        return 0
    if ctx.json:
        ctx.emit(result.to_json())
    ctx.fail(f"audit chain broken at event {result.bad_seq}: {result.reason}")
    return 1
