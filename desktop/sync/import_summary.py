"""What an import did: ``PackageOutcome`` per file (imported, already imported, held, rejected,
skipped, and why) and ``ImportSummary`` over them all (counts, missing sequences per sender,
the reasons to show, ``text()`` for people and ``to_json()`` for the CLI)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
        parts = [f"Imported {self.imported} package{'s' * (self.imported != 1)} "
                 f"({self.changes_applied} change{'s' * (self.changes_applied != 1)})."]
        if self.already_imported:
            parts.append(f"{self.already_imported} already imported (skipped).")
        if self.held:
            gaps = "; ".join(f"{self.names.get(d) or 'device ' + d}: missing "
                             f"{', '.join(map(str, seqs))}" for d, seqs in self.missing.items())
            parts.append(f"{self.held} held until earlier packages arrive ({gaps}).")
        for name, what in (("rejected", "rejected"), ("quarantined", "record(s) quarantined"),
                           ("not_permitted", "of them not permitted (made by a device that "
                                             "may not make them)"),
                           ("conflicts", "conflict(s) to review"),
                           ("duplicates", "possible duplicate(s) to review"),
                           ("skipped", "skipped")):
            if getattr(self, name):
                parts.append(f"{getattr(self, name)} {what}.")
        if self.cancelled:
            parts.append("Cancelled: the remaining files were not looked at.")
        skips: dict[str, int] = {}
        for p in self.packages:
            if p.outcome == "skipped":
                skips[p.reason] = skips.get(p.reason, 0) + 1
        return " ".join(parts) + "".join(f"\n  - {r}" for r in self.reasons) + "".join(
            f"\n  - skipped {n} package{'s' * (n != 1)}: {why}" for why, n in skips.items())
