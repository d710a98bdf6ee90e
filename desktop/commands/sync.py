"""``enrol export|import``, ``sync export|import|status`` (+ review commands) and
``keys export-age-identity``: file-based sync between field devices and the lead agency."""
from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands import UserError, command
from desktop.commands.terminal import safe
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    enrol = group("enrol", _("enrolment files: trust between a device and the lead agency"))
    p = command(enrol, "export", enrol_export, _("write this store's enrolment file (public keys)"))
    p.add_argument("--out", required=True, metavar="FILE")
    p = command(enrol, "import", enrol_import,
                _("trust the device or lead agency in an enrolment file after checking its "
                "fingerprint (asks to confirm unless --fingerprint is given)"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", metavar="FP",
                   help=_("the fingerprint read out by the other side, e.g. 7K3M-Q9XZ-4H1T-C0RP "
                        "(O reads as 0, I and L as 1)"))

    sync = group("sync", _("signed, encrypted sync packages"))
    p = command(sync, "export", sync_export,
                _("write packages with every change not yet sent (prints 'Nothing new to send' "
                "when there is none)"))
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--for", dest="for_device", metavar="DEVICE_ID",
                   help=_("only for this enrolled device (default: every enrolled peer)"))
    p.add_argument("--resend", action="store_true",
                   help=_("also write again every package not yet acknowledged"))
    p = command(sync, "import", sync_import, _("import package files and folders"))
    p.add_argument("paths", nargs="+", metavar="PATH")
    command(sync, "status", sync_status, _("per-device sequences, held packages, acknowledgements"))
    command(sync, "held", sync_held, _("list packages held until earlier ones arrive"))
    p = command(sync, "drop-held", sync_drop_held,
                _("drop a held package whose predecessors will never arrive (recorded with the "
                "reason)"))
    p.add_argument("package", metavar="PACKAGE_FILE_OR_ID",
                   help=_("the package file, its id (<sender>-<sequence>, as `sync held` shows) "
                        "or its package id"))
    p.add_argument("--reason", required=True, metavar="TEXT")
    command(sync, "conflicts", sync_conflicts, _("list open conflicts"))
    p = command(sync, "resolve-conflict", sync_resolve_conflict,
                _("resolve one conflict: --choose ours|theirs|edit (with --value) writes the "
                "choice as an edit that travels; --keep current|other as before"))
    p.add_argument("conflict_id", type=int, metavar="ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", choices=("current", "other"))
    how.add_argument("--choose", choices=("ours", "theirs", "edit"))
    p.add_argument("--value", help=_("with --choose edit: the value to write"))
    command(sync, "duplicates", sync_duplicates, _("list possible duplicates"))
    p = command(sync, "resolve-duplicate", sync_resolve_duplicate,
                _("record whether a possible duplicate is the same person (nothing is merged)"))
    p.add_argument("duplicate_id", type=int, metavar="ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--same", action="store_true")
    which.add_argument("--different", action="store_true")
    p.add_argument("--note", default="")
    command(sync, "quarantine", sync_quarantine, _("list quarantined records"))
    p = command(sync, "assign", sync_assign, _("lead agency: send a person's case to a device"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--device", required=True, metavar="DEVICE_ID")
    p = command(sync, "unassign", sync_unassign,
                _("lead agency: take a case back from a device (it removes the person's records "
                "once everything it sent is acknowledged)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--device", required=True, metavar="DEVICE_ID")

    keys = group("keys", _("this store's sync keys"))
    p = command(keys, "export-age-identity", keys_export_age,
                _("lead agency only: write the age identity so `age -d -i FILE` can open packages "
                "(asks for the passphrase again)"))
    p.add_argument("--out", required=True, metavar="FILE")


def enrol_export(ctx):
    from desktop.sync import export_enrolment
    out = Path(ctx.args.out).expanduser()
    doc = export_enrolment(ctx.store(), out)
    ctx.emit({"file": str(out), "kind": doc["kind"], "device_id": doc["device_id"],
              "fingerprint": doc["fingerprint"]},
             _('Wrote {out}.\nFingerprint to read out by phone: {value}').format(out=out, value=doc['fingerprint']))


def enrol_import(ctx):
    from desktop.sync import enrol, read_enrolment
    from desktop.sync.identity import check_enrolment
    store = ctx.store()
    e = read_enrolment(Path(ctx.args.file).expanduser())
    check_enrolment(store, e)
    fp = ctx.args.fingerprint
    if fp is None:
        # The other side's fingerprint is never printed: it has to come from their voice.
        if not sys.stdin.isatty():
            raise UserError(safe(f"not enrolled: ask {e.label} to read out their fingerprint "
                                 "by phone, then run again with --fingerprint FP (what they "
                                 "read out)"))
        print(safe(f"Enrolment file of {e.label}, device {e.device_id}.\n"
                   "Ask the other side to read out their fingerprint by phone."))
        fp = input("Type the fingerprint they read out: ").strip()
        if not fp:
            raise UserError(_("not enrolled: no fingerprint was typed"))
    added = enrol(store, e, confirmed_fingerprint=fp)
    ctx.emit({"enrolled": True, "new": added, "kind": e.kind, "device_id": e.device_id,
              "name": e.doc.get("agency") if e.kind == "agency" else e.doc.get("worker"),
              "fingerprint": e.fingerprint},
             _('Enrolled {value} ({fingerprint}).').format(value=e.label, fingerprint=e.fingerprint) if added
             else f"{e.label} was already enrolled with these keys; nothing changed.")


def _progress_to_stderr(ctx):
    if ctx.json or not sys.stderr.isatty():
        return None

    def show(done, total, label):
        print(f"\r{done}/{total} {safe(label)[:50]:<50}", end="" if done < total else "\n",
              file=sys.stderr)
    return show


def sync_export(ctx):
    from desktop.sync import export_packages
    result = export_packages(ctx.store(), Path(ctx.args.out).expanduser(), ctx.args.for_device,
                             _progress_to_stderr(ctx), resend=ctx.args.resend)
    text = "\n".join([result.message, *(f"  {p}" for p in result.packages)])
    ctx.emit(result.to_json(), text)


def sync_import(ctx):
    from desktop.sync import import_paths
    summary = import_paths(ctx.store(), ctx.args.paths, _progress_to_stderr(ctx))
    ctx.emit(summary.to_json(), summary.text())


def sync_status(ctx):
    from desktop.sync import status_text, sync_status as status
    data = status(ctx.store())
    ctx.emit(data, status_text(data))


def sync_held(ctx):
    from desktop.sync.held import list_held
    rows = list_held(ctx.store())
    text = "\n".join(f"{h['id']}: package {h['sequence']} from {h['sender_name']}, "
                     f"{h['changes']} change(s), received {h['received_at']}; waiting for "
                     f"{', '.join(map(str, h['waiting_for'])) or 'nothing'}" for h in rows) \
        or "No packages are held."
    ctx.emit({"held": rows}, text)


def sync_drop_held(ctx):
    from desktop.sync.held import drop_held
    row = drop_held(ctx.store(), ctx.args.package, ctx.args.reason)
    ctx.emit({"dropped": row["id"], "sender": row["sender"], "sequence": row["sequence"],
              "package_id": row["package_id"], "reason": ctx.args.reason},
             _('Dropped held package {value} from {value2}.').format(value=row['sequence'], value2=row['sender_name']))


def sync_conflicts(ctx):
    from desktop.sync.conflicts import conflict_text, describe_conflicts
    rows = describe_conflicts(ctx.store())
    text = "\n".join(conflict_text(c) for c in rows) or "No conflicts to review."
    ctx.emit({"conflicts": rows}, text)


def sync_resolve_conflict(ctx):
    a = ctx.args
    if a.choose:
        from desktop.sync.conflicts import decide_conflict
        if a.choose == "edit" and a.value is None:
            raise UserError(_("--choose edit needs --value (the value to write)"))
        decide_conflict(ctx.store(), a.conflict_id, a.choose, a.value)
        ctx.emit({"resolved": a.conflict_id, "chose": a.choose}, _("Resolved."))
        return
    from desktop.sync import resolve_conflict
    resolve_conflict(ctx.store(), a.conflict_id, a.keep)
    ctx.emit({"resolved": a.conflict_id, "kept": a.keep}, _("Resolved."))


def sync_duplicates(ctx):
    from desktop.sync import list_duplicates
    rows = list_duplicates(ctx.store())
    text = "\n".join(f"{d['id']}: {d['record_name']} ({d['record_id']}) / {d['other_name']} "
                     f"({d['other_id']}): {d['reason']}" for d in rows) \
        or "No possible duplicates to review."
    ctx.emit({"duplicates": rows}, text)


def sync_resolve_duplicate(ctx):
    from desktop.sync import resolve_duplicate
    resolve_duplicate(ctx.store(), ctx.args.duplicate_id, ctx.args.same, ctx.args.note)
    ctx.emit({"reviewed": ctx.args.duplicate_id, "same_person": ctx.args.same}, _("Recorded."))


def sync_quarantine(ctx):
    from desktop.sync import list_quarantine
    rows = list_quarantine(ctx.store())
    text = "\n".join(f"{q['id']}: {q['entity']} {q['record_id']} from {q['peer']} package "
                     f"{q['sequence']}: {q['reason']}" for q in rows) or "Nothing quarantined."
    ctx.emit({"quarantined": rows}, text)


def sync_assign(ctx):
    from desktop.sync import assign_case
    assign_case(ctx.store(), ctx.args.device, ctx.args.person_id)
    ctx.emit({"assigned": ctx.args.person_id, "device_id": ctx.args.device},
             _("Assigned: the case goes to that device with the next export."))


def sync_unassign(ctx):
    from desktop.sync.cases import unassign_case
    store = ctx.store()
    if store.role != "lead":
        raise UserError(_("only the lead agency assigns and takes back cases"))
    unassign_case(store, ctx.args.device, ctx.args.person_id)
    ctx.emit({"unassigned": ctx.args.person_id, "device_id": ctx.args.device},
             _("Taken back: the device is told with the next export, and removes the person's "
             "records once this agency has everything it sent about them."))


def keys_export_age(ctx):
    from desktop.store.keyfile import KeyFile
    from desktop.store.paths import key_path
    from desktop.store.atomic import write_atomic
    from desktop.sync import age_identity_text
    store = ctx.store()
    if store.role != "lead":
        raise UserError(_("only the lead agency's store exports its age identity (a field "
                        "device never needs to open packages outside the app)"))
    out = Path(ctx.args.out).expanduser()
    if out.exists():
        raise UserError(f"{out} already exists; choose a new file name (nothing was written)")
    keyfile = store._keyfile if store.is_hub else KeyFile.load(key_path(store.folder))
    keyfile.unwrap_with_passphrase(ctx.passphrase("Passphrase again, to export the secret key: "))
    write_atomic(out, age_identity_text(store).encode("ascii"), 0o600)
    ctx.emit({"file": str(out)},
             _("Wrote {out} (secret: anyone with it can read this agency's packages; keep it offline and locked away).").format(out=out))
