"""``person duplicates``, ``person merge`` and ``person unmerge``."""
from __future__ import annotations

from desktop.commands import command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    person = group("person", _("people on the caseload"))
    command(person, "duplicates", person_duplicates,
            _("possible duplicate people, highest score first, with the reasons"))
    p = command(person, "merge", person_merge,
                _("merge OTHER_ID into KEEP_ID: KEEP_ID keeps its id, every record of OTHER_ID "
                "moves to it, OTHER_ID becomes a redirect; prints what moved"))
    p.add_argument("keep_id", metavar="KEEP_ID")
    p.add_argument("other_id", metavar="OTHER_ID")
    p.add_argument("--reason", required=True, help=_("why these records are the same person"))
    p = command(person, "unmerge", person_unmerge,
                _("undo the merge of OTHER_ID into KEEP_ID: every record goes back"))
    p.add_argument("keep_id", metavar="KEEP_ID")
    p.add_argument("other_id", metavar="OTHER_ID")
    p.add_argument("--reason", default="", help=_("why the merge is undone"))


def person_duplicates(ctx):
    from desktop.store.duplicates import find_duplicates
    store = ctx.store()
    pairs = find_duplicates(store)
    names = {}
    for m in pairs:
        for pid in (m.a, m.b):
            if pid not in names:
                p = store.people.get(pid)
                names[pid] = p.display_name if p else pid
    text = "\n".join(f"{m.score:.2f}  {names[m.a]} ({m.a})  /  {names[m.b]} ({m.b})\n"
                     f"      {'; '.join(m.why)}" for m in pairs) \
        or "No possible duplicate people."
    ctx.emit({"pairs": [m.to_json() for m in pairs]}, text)


def person_merge(ctx):
    from desktop.store.person_merge import merge_people
    a = ctx.args
    result = merge_people(ctx.store(), a.keep_id, a.other_id, a.reason)
    ctx.emit(result.to_json(), _('Merged {other_id} into {keep_id}.\n{text}\n{other_id2} is now a redirect to {keep_id2} (undo: person unmerge {keep_id3} {other_id3}).').format(other_id=a.other_id, keep_id=a.keep_id, text=result.text(), other_id2=a.other_id, keep_id2=a.keep_id, keep_id3=a.keep_id, other_id3=a.other_id))


def person_unmerge(ctx):
    from desktop.store.person_merge import unmerge_people
    a = ctx.args
    result = unmerge_people(ctx.store(), a.keep_id, a.other_id, a.reason)
    ctx.emit({**result.to_json(), "unmerged": True},
             _('Unmerged {other_id} from {keep_id}.\n{text}').format(other_id=a.other_id, keep_id=a.keep_id, text=result.text('Moved back')))
