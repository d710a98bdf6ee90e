"""``backup create|list|restore`` and ``check``: encrypted backups and the store check."""
from __future__ import annotations

from pathlib import Path

from desktop.commands import UserError, command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    backup = group("backup", _("encrypted backups of the store"))
    p = command(backup, "create", backup_create,
                _("write an encrypted backup (database and wrapped key file)"))
    p.add_argument("--out", metavar="DIR",
                   help=_("folder to put the backup in (default: the store's backups folder, "
                        "where the newest 10 are kept)"))
    p = command(backup, "list", backup_list, _("list the backups in a folder, newest first"))
    p.add_argument("--out", metavar="DIR", help=_("folder to look in (default: the store's)"))
    p = command(backup, "restore", backup_restore,
                _("replace the store with a backup (the current store is kept aside); the "
                "passphrase is the one in use when the backup was made"))
    p.add_argument("dir", metavar="DIR", help=_("the backup folder (stickability-backup-…)"))
    p.add_argument("--recovery-code", metavar="CODE",
                   help=_("check the backup with the recovery code instead of the passphrase"))
    command(sub, "check", check,
            _("check the store for damage and tampering (pages, structure, audit chain); "
            "exit 1 when anything is wrong"))


def _root(ctx) -> Path:
    from desktop.store.backup import default_backup_dir
    return Path(ctx.args.out).expanduser() if ctx.args.out else default_backup_dir(ctx.store_dir)


def _not_on_hub(ctx) -> None:
    if ctx.is_hub:
        raise UserError(_("the hub is backed up with 'hub backup --url URL --out FILE' (an "
                        "age-encrypted pg_dump); these backup commands are for a store folder"))


def backup_create(ctx):
    from desktop.store.backup import create_backup
    _not_on_hub(ctx)
    out = Path(ctx.args.out).expanduser() if ctx.args.out else None
    info = create_backup(ctx.store(), out)
    ctx.emit({"backup": str(info.path), **info.to_json()},
             _("Backup written to {path} (encrypted; it opens with today's passphrase or the recovery code).").format(path=info.path))


def backup_list(ctx):
    _not_on_hub(ctx)
    from desktop.store.backup import list_backups
    root = _root(ctx)
    backups = list_backups(root)
    text = "\n".join(f"{b.path}  {b.created_at}  {b.reason}  schema {b.schema_version}"
                     for b in backups) or f"No backups in {root}."
    ctx.emit({"folder": str(root), "backups": [b.to_json() for b in backups]}, text)


def backup_restore(ctx):
    _not_on_hub(ctx)
    from desktop.store.backup import restore_backup
    from desktop.store.instance import holder
    src = Path(ctx.args.dir).expanduser()
    if not src.is_dir():
        raise UserError(_('no backup folder at {src}').format(src=src))
    held = holder(ctx.store_dir)
    if held is not None:
        raise UserError(_('the store is open in Stickability ({describe}); close the app first, nothing was changed').format(describe=held.describe()))
    if ctx.args.recovery_code:
        replaced = restore_backup(src, ctx.store_dir, recovery_code=ctx.args.recovery_code)
    else:
        replaced = restore_backup(src, ctx.store_dir,
                                  passphrase=ctx.passphrase("Passphrase of the backup: "))
    kept = f" The store it replaced is kept in {replaced}." if replaced else ""
    ctx.emit({"restored": str(src), "store": str(ctx.store_dir),
              "replaced": str(replaced) if replaced else None},
             _('Restored {name} into {store_dir}.{kept}').format(name=src.name, store_dir=ctx.store_dir, kept=kept))


def check(ctx):
    from desktop.store.checks import check_store, record_check
    store = ctx.store()
    report = check_store(store)
    if report.ok:
        record_check(store, report)
        ctx.emit(report.to_json(), report.summary())
        return 0
    ctx.emit(report.to_json(), report.summary())
    ctx.fail(_('the store check found {len} problem(s): {value}').format(len=len(report.problems), value=report.problems[0]))
    return 1
