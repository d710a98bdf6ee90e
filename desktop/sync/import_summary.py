"""What an import did: ``PackageOutcome`` per file (imported, already imported, held, rejected,
skipped, and why) and ``ImportSummary`` over them all (counts, missing sequences per sender,
the reasons to show, ``text()`` for people and ``to_json()`` for the CLI)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desktop.i18n import _, ngettext


@dataclass
class PackageOutcome:
    file: str
    outcome: str                 # imported | already_imported | held | rejected | skipped
    sender: str = ""
    sequence: int | None = None
    reason: str = ""
    changes: int = 0


@dataclass
class ImportSummary:
    imported: int = 0
    already_imported: int = 0
    held: int = 0
    rejected: int = 0
    quarantined: int = 0
    not_permitted: int = 0       # of the quarantined: changes the signer may not make
    conflicts: int = 0
    duplicates: int = 0
    skipped: int = 0
    changes_applied: int = 0
    missing: dict[str, list[int]] = field(default_factory=dict)   # sender → sequences
    names: dict[str, str] = field(default_factory=dict)           # sender → name to show
    reasons: list[str] = field(default_factory=list)
    packages: list[PackageOutcome] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict:
        d = asdict(self)
        d["packages"] = [asdict(p) for p in self.packages]
        return d

    def text(self) -> str:
        def count(one: str, many: str, n: int) -> str:
            return ngettext(one, many, n).format(n=n)
        parts = [_("Imported {packages} ({changes}).").format(
            packages=count("{n} package", "{n} packages", self.imported),
            changes=count("{n} change", "{n} changes", self.changes_applied))]
        if self.already_imported:
            parts.append(_("{n} already imported (skipped).").format(n=self.already_imported))
        if self.held:
            gaps = "; ".join(_("{sender}: missing {numbers}").format(
                sender=self.names.get(d) or _("device {id}").format(id=d),
                numbers=", ".join(map(str, seqs))) for d, seqs in self.missing.items())
            parts.append(_("{n} held until earlier packages arrive ({gaps}).").format(
                n=self.held, gaps=gaps))
        for name, what in (("rejected", _("{n} rejected.")),
                           ("quarantined", _("{n} record(s) quarantined.")),
                           ("not_permitted", _("{n} of them not permitted (made by a device that "
                                               "may not make them).")),
                           ("conflicts", _("{n} conflict(s) to review.")),
                           ("duplicates", _("{n} possible duplicate(s) to review.")),
                           ("skipped", _("{n} skipped."))):
            if getattr(self, name):
                parts.append(what.format(n=getattr(self, name)))
        if self.cancelled:
            parts.append(_("Cancelled: the remaining files were not looked at."))
        skips: dict[str, int] = {}
        for p in self.packages:
            if p.outcome == "skipped":
                skips[p.reason] = skips.get(p.reason, 0) + 1
        return " ".join(parts) + "".join(f"\n  - {r}" for r in self.reasons) + "".join(
            "\n  - " + ngettext("skipped {n} package: {why}", "skipped {n} packages: {why}",
                                 n).format(n=n, why=why) for why, n in skips.items())
