"""``init`` and ``audit verify``: creating a store and checking its audit chain."""
from __future__ import annotations

from desktop.commands import UserError, command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    p = command(sub, "init", init, _("create a new encrypted store and print its recovery code"))
    p.add_argument("--role", choices=("field", "lead"), required=True)
    p.add_argument("--worker", required=True, metavar="NAME")
    p.add_argument("--agency", required=True, metavar="NAME")
    audit = group("audit", _("the hash-chained audit log"))
    command(audit, "verify", audit_verify, _("check the audit chain; exit 1 at the first bad entry"))


def init(ctx):
    from desktop.store.store import Store
    if Store.exists(ctx.store_dir):
        raise UserError(_('a store already exists at {location}; it has not been changed').format(location=ctx.location))
    passphrase = ctx.passphrase("New passphrase: ")
    if not passphrase:
        raise UserError(_("the passphrase must not be empty"))
    from desktop.domain.passphrase import refusal
    weak = refusal(passphrase, [ctx.args.worker, ctx.args.agency])
    if weak:
        raise UserError(_('that passphrase is too easy to guess, nothing was created: {weak}').format(weak=weak))
    store, code = Store.create(ctx.store_dir, passphrase, role=ctx.args.role,
                               worker=ctx.args.worker, agency=ctx.args.agency)
    ctx._store = store
    ctx.emit({"store": ctx.location, "store_id": store.store_id,
              "device_id": store.device_id, "role": store.role, "recovery_code": code},
             _('Created a {role} store at {location}.\nRecovery code (shown once; store it safely, apart from this laptop):\n  {code}').format(role=ctx.args.role, location=ctx.location, code=code))


def audit_verify(ctx):
    result = ctx.store().audit_verify()
    if result.ok:
        ctx.emit(result.to_json(), _('Audit chain intact: {checked} events checked.').format(checked=result.checked))
        return 0
    if ctx.json:
        ctx.emit(result.to_json())
    ctx.fail(_('audit chain broken at event {bad_seq}: {reason}').format(bad_seq=result.bad_seq, reason=result.reason))
    return 1
