"""``hub …``: setting up the lead agency's PostgreSQL hub; ``sync watch``: its headless importer.

``hub init --url URL`` (schema and roles), ``hub add-worker`` (a login per worker),
``hub migrate-from STORE_DIR --to URL``, ``hub backup --url URL --out FILE``;
``--store URL sync watch DIR [--once]``. See docs/hub.md.
"""
from __future__ import annotations

import getpass
import logging
import os
import sys
from pathlib import Path

from desktop.commands import UserError, command
from desktop.store.postgres import is_url, redact
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    hub = group("hub", _("the lead agency's PostgreSQL hub (see docs/hub.md)"))
    p = command(hub, "init", hub_init, _("create the hub's schema and its four roles "
                "(coordinator, manager, importer, auditor); safe to run again"))
    p.add_argument("--url", required=True, metavar="URL",
                   help=_("postgresql://ADMIN@HOST/DB or service=NAME, as the hub's owner"))
    p = command(hub, "add-worker", hub_add_worker,
                _("a database login for one worker, in one role; the password comes from "
                "STICKABILITY_HUB_PASSWORD or is asked for"))
    p.add_argument("--url", required=True, metavar="URL")
    p.add_argument("--user", required=True, metavar="LOGIN", help=_("the database user name"))
    p.add_argument("--name", required=True, metavar="NAME", help=_("the worker's name on records"))
    p.add_argument("--role", required=True, choices=("coordinator", "manager", "importer",
                                                     "auditor"))
    p.add_argument("--no-password", action="store_true",
                   help=_("no password (certificate or peer authentication in pg_hba.conf)"))
    p = command(hub, "migrate-from", hub_migrate_from,
                _("move a single-laptop lead store into an empty hub, then verify its audit chain"))
    p.add_argument("store_dir", metavar="STORE_DIR")
    p.add_argument("--to", required=True, metavar="URL")
    p = command(hub, "backup", hub_backup, _("write an age-encrypted pg_dump of the hub"))
    p.add_argument("--url", required=True, metavar="URL")
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--recipient", action="append", metavar="AGE_PUBLIC_KEY",
                   help=_("encrypt to this age public key (repeatable); without it, the backup "
                        "is encrypted with STICKABILITY_BACKUP_PASSPHRASE (or one asked for)"))
    sync = group("sync", _("signed, encrypted sync packages"))
    p = command(sync, "watch", sync_watch,
                _("import every package dropped into DIR exactly once and write the "
                "back-channel to DIR/to-<device>/, until SIGTERM"))
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--once", action="store_true", help=_("one pass, then exit (for scripts)"))
    p.add_argument("--interval", type=float, default=5.0, metavar="SECONDS",
                   help=_("seconds between passes (default 5)"))


def _url(text: str) -> str:
    if not is_url(text):
        raise UserError(_("'{text}' is not a hub address: use postgresql://… or service=NAME").format(text=text))
    return text.strip()


def hub_init(ctx):
    from desktop.store import hub, migrations
    url = _url(ctx.args.url)
    db = hub.connect(url)
    try:
        applied = hub.ensure_schema(db)
        made = hub.init_roles(db)
        version = migrations.schema_version(db)
    except hub.PgDatabaseError as exc:
        raise UserError(_('hub init failed: {value}').format(value=str(exc).splitlines()[0])) from None
    finally:
        db.close()
    ctx.emit({"hub": redact(url), "schema_version": version, "migrations_applied": applied,
              "roles": list(hub.ROLES.values()), "roles_created": made},
             _('Hub ready at {redact} (schema {version}). Roles: {value}.\nNext: stickability-cli --store URL init --role lead --worker NAME --agency NAME').format(redact=redact(url), version=version, value=', '.join(hub.ROLES.values())))


def hub_add_worker(ctx):
    from desktop.store import hub
    url = _url(ctx.args.url)
    password = None
    if not ctx.args.no_password:
        password = os.environ.get("STICKABILITY_HUB_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UserError(_("no password: set STICKABILITY_HUB_PASSWORD, run in a "
                                "terminal, or use --no-password"))
            password = getpass.getpass(f"Password for {ctx.args.user}: ")
        if len(password) < 12:
            raise UserError(_("the password must be at least 12 characters"))
    db = hub.connect(url)
    try:
        created = hub.add_worker(db, ctx.args.user, ctx.args.name, ctx.args.role, password)
    except hub.PgDatabaseError as exc:
        raise UserError(_('could not add the worker: {value}').format(value=str(exc).splitlines()[0])) from None
    finally:
        db.close()
    ctx.emit({"user": ctx.args.user, "worker": ctx.args.name, "role": ctx.args.role,
              "created": created},
             f"{ctx.args.user} ({ctx.args.name}) is a {ctx.args.role} on the hub.")


def hub_migrate_from(ctx):
    from desktop.store.hub_moving import migrate_from
    url = _url(ctx.args.to)
    folder = Path(ctx.args.store_dir).expanduser()
    from desktop.store.store import Store
    if not Store.exists(folder):
        raise UserError(_('no store at {folder}').format(folder=folder))
    result = migrate_from(folder, ctx.passphrase(), url)
    ctx.emit(result.to_json(),
             _('Moved {sum} rows into {url}; audit chain verified ({audit_events} events). The laptop store is unchanged.\nHub recovery code (shown once; store it safely):\n  {recovery_code}').format(sum=sum(result.tables.values()), url=result.url, audit_events=result.audit_events, recovery_code=result.recovery_code))


def hub_backup(ctx):
    from desktop.store.hub_moving import backup
    url = _url(ctx.args.url)
    passphrase = None
    if not ctx.args.recipient:
        passphrase = os.environ.get("STICKABILITY_BACKUP_PASSPHRASE")
        if passphrase is None:
            passphrase = ctx.passphrase("Passphrase for the backup: ")
        if not passphrase:
            raise UserError(_("the backup passphrase must not be empty"))
    info = backup(url, Path(ctx.args.out), recipients=ctx.args.recipient,
                  passphrase=passphrase)
    ctx.emit(info, _('Backup written to {value} ({value2} bytes, age-encrypted). Restore: age -d FILE | pg_restore --dbname URL').format(value=info['file'], value2=info['bytes']))


def sync_watch(ctx):
    from desktop.sync.watch import watch
    folder = Path(ctx.args.dir).expanduser()
    if not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    from desktop.logs import SafeFormatter
    watch_log = logging.getLogger("stickability.watch")
    watch_log.setLevel(logging.INFO)
    if not any(getattr(h, "stream", None) is sys.stderr for h in watch_log.handlers):
        to_stderr = logging.StreamHandler(sys.stderr)   # a service's journal; the log file too
        to_stderr.setFormatter(SafeFormatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        watch_log.addHandler(to_stderr)
    result = watch(ctx.store(), folder, once=ctx.args.once, interval=ctx.args.interval)
    ctx.emit(result.to_json(),
             f"{result.imported} imported, {result.already_imported} already imported, "
             f"{result.held} held, {result.rejected} rejected; "
             f"{len(result.back_channel)} back-channel package(s) written.")
