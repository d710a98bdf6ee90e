"""``chronology export PERSON_ID --csv FILE`` and ``action export PERSON_ID --csv FILE``: the
chronology or the action plan as CSV for a spreadsheet (UTF-8 with BOM; desktop/reports/
csv_export.py)."""
from __future__ import annotations

from pathlib import Path

from desktop.commands import UserError, command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    p = command(group("chronology", _("the inter-agency chronology")), "export", chronology_export,
                _("write the merged chronology as CSV (UTF-8 with BOM, opens in Excel)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--csv", required=True, metavar="FILE")
    p.add_argument("--agency", metavar="NAME", help=_("one agency's entries only"))
    p = command(group("action", _("the action plan")), "export", action_export,
                _("write the action plan as CSV (UTF-8 with BOM, opens in Excel)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--csv", required=True, metavar="FILE")


def _target(ctx) -> Path:
    path = Path(ctx.args.csv).expanduser()
    if not path.parent.is_dir():
        raise UserError(_('no folder {parent} to write {name} in').format(parent=path.parent, name=path.name))
    return path


def _person(ctx):
    store = ctx.store()
    person = store.people.get(ctx.args.person_id)
    if person is None:
        raise UserError(_('no person with id {person_id}').format(person_id=ctx.args.person_id))
    return store


def chronology_export(ctx):
    from desktop.reports.csv_export import write_chronology
    path = _target(ctx)
    n = write_chronology(_person(ctx), ctx.args.person_id, path, agency=ctx.args.agency)
    ctx.emit({"csv": str(path), "rows": n}, _('Wrote {n} chronology entries to {path}.').format(n=n, path=path))


def action_export(ctx):
    from desktop.reports.csv_export import write_action_plan
    path = _target(ctx)
    n = write_action_plan(_person(ctx), ctx.args.person_id, path)
    ctx.emit({"csv": str(path), "rows": n}, _('Wrote {n} actions to {path}.').format(n=n, path=path))
