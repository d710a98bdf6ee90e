"""Import: every package exactly once, in order, or not at all.

Per file: decrypt with this store's age key, check the archive, find the enrolled sender,
verify the signature, the addressing and the payload hash, then check the sequence:
already imported (same hash) → skipped; an old sequence with other content → rejected as a
replay; a gap → held (verified, inside the store) until the missing packages arrive; the next
one → chained to the previous package's hash and applied in ONE transaction with its log entry.
Held packages that can follow are applied straight after.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

from desktop.store import witness
from desktop.store.connection import IntegrityError
from desktop.store.syncstate import Peer, SyncState
from desktop.store.threads import in_session
from desktop.sync import folders, limits, merge, purge
from desktop.sync.errors import PackageRejected
from desktop.sync.identity import identity
from desktop.sync.import_summary import ImportSummary, PackageOutcome  # noqa: F401 (re-exported)
from desktop.sync.package import SUFFIX, Opened, Signed, open_package, verify_package
from desktop.i18n import _, ngettext  # noqa: F401

Progress = Callable[[int, int, str], None]
COMMIT_EVERY = 0.5      # seconds of import work between commits
NOT_OURS = "cannot be opened with this store's key"


def collect_files(store, paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files as given; for a folder, every package under it addressed to this store
    (``desktop.sync.folders.scan``). Sorted by sender and sequence so gaps are rare."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            files += folders.scan(store, path).files
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path.name}: not found")
    unique = list(dict.fromkeys(files))
    return sorted(unique, key=_order), problems


def _order(path: Path):
    stem = path.name[:-len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
    sender, _ignored, seq = stem.rpartition("-")
    ok = seq.isascii() and seq.isdigit() and len(seq) <= 18     # a file name is hostile too
    return (sender, int(seq)) if ok else (stem, 0)


@in_session
def import_paths(store, paths: Iterable[str | Path], progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, *,
                 put_away: bool = False) -> ImportSummary:
    """Import package files and folders; see the module docstring. Safe to call off the GUI
    thread; ``cancelled`` is checked between packages. ``put_away``: move what was taken
    from a folder into its ``imported/`` subfolder.

    The packages go in one transaction, each package in a savepoint of its own (its changes,
    log rows and sequence move together or not at all), committed every ``COMMIT_EVERY``
    seconds of work rather than once per package (thousands of packages, a few dozen
    commits), and at once when another thread waits to write (the GUI's quick-log gets in
    between two packages). ``progress(done, total, next_name)`` is called after each commit:
    ``done`` packages are then safely in the store (or were skipped, held or rejected)."""
    paths = list(paths)
    files, problems = collect_files(store, paths)
    summary = ImportSummary()
    scans = [folders.scan(store, Path(p).expanduser()) for p in paths
             if Path(p).expanduser().is_dir()]
    for scan in scans:                     # addressed to another device: not opened
        summary.packages += [PackageOutcome(f.name, "skipped", reason=why)
                             for f, why in scan.skipped]
    for p in problems:
        summary.packages.append(PackageOutcome(p.split(":")[0], "rejected", reason="not found"))
        summary.reasons.append(f"{p}: nothing was imported from it")
    importer = _Importer(store, summary)
    failure: Exception | None = None
    if progress and files:
        progress(0, len(files), files[0].name)
    with store.transaction() as tx:
        since = time.monotonic()
        for i, path in enumerate(files):
            if cancelled and cancelled():
                summary.cancelled = True
                break
            try:
                importer.one(path)
            except Exception as exc:    # noqa: BLE001 - its savepoint is undone; keep the rest
                failure = exc
                break
            if i + 1 == len(files):
                break
            if time.monotonic() - since >= COMMIT_EVERY:
                tx.commit_and_continue()        # also lets a waiting writer in
            elif not tx.let_others_write():
                continue
            since = time.monotonic()
            if progress:
                progress(i + 1, len(files), files[i + 1].name)
    if failure is not None:
        raise failure
    if progress:
        progress(len(files), len(files), "")
    found = {f.name for scan in scans for f in scan.files}
    for p in summary.packages:     # found in a folder, for another store: not an error
        if p.outcome == "rejected" and p.file in found and p.reason.startswith(NOT_OURS):
            p.outcome, p.reason = "skipped", ("addressed to another store (this store's key "
                                              "cannot open it)")
            summary.reasons = [r for r in summary.reasons
                               if not r.startswith(f"{p.file}: rejected: {NOT_OURS}")]
    importer.finish()
    if scans and put_away:
        done = {p.file for p in summary.packages
                if p.outcome in ("imported", "already_imported", "held")}
        for scan in scans:
            folders.put_away(scan.folder, [f for f in scan.files if f.name in done])
    if store.role == "field" and summary.imported:
        try:
            purge.remove_finished_cases(store)     # finished and acknowledged cases leave
        except Exception as exc:  # noqa: BLE001 - the import stands; tried again next time
            summary.reasons.append(f"closed cases could not be removed from this device now "
                                   f"({type(exc).__name__}); they will be after the next import")
    return summary


class _Importer:
    def __init__(self, store, summary: ImportSummary):
        self.store, self.summary = store, summary
        self.held_here: dict[tuple[str, int | None], PackageOutcome] = {}
        self.state = SyncState(store)
        self.ident = identity(store)
        self.retried_all = False        # every quarantined change tried again in this run
        self.quarantine = merge.QuarantineIndex()   # which quarantined changes name what

    def one(self, path: Path) -> None:
        name = path.name
        if name.startswith(f"{self.store.device_id}-"):
            self._outcome(PackageOutcome(name, "skipped", reason="made by this store (for "
                                         "another device); nothing to import here"))
            return
        sender, seq = "", None
        try:
            data = limits.read_package_file(path)      # size checked before reading
            opened = open_package(data, self.ident)
            sender, seq = opened.sender, opened.sequence
            peer = self.state.peer(sender)
            if peer is None:
                raise PackageRejected(
                    f"comes from a device that is not enrolled here (device {sender[:40]}); "
                    "import that device's enrolment file first, after checking its "
                    "fingerprint by phone")
            changes = verify_package(opened, signing_key=peer.signing_key, peer_name=peer.name,
                                     own_device_id=self.store.device_id,
                                     own_fingerprint=self.ident.fingerprint_full)
            self._route(name, peer, opened, changes)
        except PackageRejected as exc:
            self._reject(name, sender, seq, exc.reason)
        except Exception as exc:  # noqa: BLE001 - one hostile file never stops the others
            # Whatever went wrong, the package's transaction was rolled back: nothing of it
            # is applied, and the files after it are still imported.
            self._reject(name, sender, seq, f"could not be processed ({type(exc).__name__}); "
                         "nothing from it was applied")

    def _route(self, name: str, peer: Peer, opened: Opened, changes: list[dict]) -> None:
        seq, h = opened.sequence, opened.package_hash
        prior = self.state.received(peer.device_id, seq)
        if prior is not None or seq <= peer.in_through:
            if prior is not None and prior[0] == h:
                self._outcome(PackageOutcome(name, "already_imported", peer.device_id, seq,
                                             "already imported"))
                return
            raise PackageRejected(f"replays sequence {seq}, which was already imported with "
                                  "different content")
        held = {s: ph for _ignored, s, ph, _ignored, _ignored in self.state.held(peer.device_id)}
        if seq in held:
            if held[seq] != h:
                raise PackageRejected(f"claims sequence {seq}, which is already held with "
                                      "different content")
            self._outcome(PackageOutcome(name, "held", peer.device_id, seq,
                                         "already held, waiting for earlier packages"))
            return
        if seq > peer.in_through + 1:
            limits.check_window(seq, peer.in_through)
            fresh = peer
            try:
                with self.store.transaction() as tx:
                    # Another importer may have moved this sender on since ``peer`` was read.
                    fresh = self.state.peer(peer.device_id) or peer
                    if seq <= fresh.in_through + 1:
                        raise _RaceLost(True)
                    self.state.add_held(peer.device_id, seq, h, opened.signed.manifest,
                                        opened.signed.payload, tx.now_iso)
                    self.state.log_event(tx.now_iso, "in", peer.device_id, seq, name, "held")
            except _RaceLost:
                self._route(name, fresh, opened, changes)      # apply it, or skip it, now
                return
            except IntegrityError:     # another importer held (or applied) it meanwhile
                self._outcome(PackageOutcome(name, "held", peer.device_id, seq,
                                             "already held, waiting for earlier packages"))
                return
            self._outcome(PackageOutcome(name, "held", peer.device_id, seq,
                                         "waiting for earlier packages", len(changes)))
            return
        self._apply(name, peer, opened, changes)
        self._release_held(peer.device_id)

    def _apply(self, name: str, peer: Peer, opened: Opened, changes: list[dict]) -> None:
        try:
            self._apply_once(name, peer, opened, changes)
        except _RaceLost as lost:
            if not lost.same:
                raise PackageRejected(f"replays sequence {opened.sequence}, which was already "
                                      "imported with different content") from None
            self._outcome(PackageOutcome(name, "already_imported", peer.device_id,
                                         opened.sequence, "already imported"))
        except IntegrityError:
            # The unique (sender, sequence) key decided a race this process did not see
            # coming: the other importer's copy stands, this transaction left nothing.
            prior = self.state.received(peer.device_id, opened.sequence)
            if prior is None or prior[0] != opened.package_hash:
                raise
            self._outcome(PackageOutcome(name, "already_imported", peer.device_id,
                                         opened.sequence, "already imported"))

    def _apply_once(self, name: str, peer: Peer, opened: Opened, changes: list[dict]) -> None:
        m, seq = opened.manifest, opened.sequence
        with self.store.transaction() as tx:
            # Read again inside the write transaction (serialised: BEGIN IMMEDIATE on a laptop,
            # the write lock on the hub): another importer may have taken this package since.
            peer = self.state.peer(peer.device_id) or peer
            if seq <= peer.in_through:
                prior = self.state.received(peer.device_id, seq)
                raise _RaceLost(prior is not None and prior[0] == opened.package_hash)
            expected_prev = peer.in_last_hash or None
            if m.get("previous_package_hash") != expected_prev:
                raise PackageRejected(f"does not follow package {seq - 1} from this device (its "
                                      "previous-package hash differs): it was forged, or the "
                                      "sending store was restored from an old backup")
            _take_acknowledgement(self.state, tx, peer, m.get("acknowledgement"))
            tampered = witness.take(self.store.db, tx.now_iso, peer.device_id, peer.name, seq, m)
            purge.note_released(self.store, peer, m.get("released"))
            result = merge.apply_changes(self.store, tx, peer, seq, changes)
            if result.applied:
                # Once per import every quarantined change (something outside the import may
                # have changed, e.g. an update of this build); after that only the ones that
                # name a record this package brought.
                result.add(merge.retry_quarantined(
                    self.store, tx, result.records if self.retried_all else None,
                    self.quarantine))
            self.state.add_received(
                peer=peer.device_id, sequence=seq, package_id=str(m.get("package_id", "")),
                package_hash=opened.package_hash, created_at=str(m.get("created_at", "")),
                imported_at=tx.now_iso, changes=len(changes), applied=result.applied,
                quarantined=result.quarantined, conflicts=result.conflicts,
                duplicates=result.duplicates)
            self.state.update_peer(peer.device_id, in_through=seq,
                                   in_last_hash=opened.package_hash, in_last_at=tx.now_iso)
            self.state.drop_held(peer.device_id, seq)
            self.state.log_event(tx.now_iso, "in", peer.device_id, seq, name, "imported")
            self.state.audit(tx, "sync-import", "sync_package", f"{peer.device_id}-{seq}",
                             f"changes={len(changes)},applied={result.applied},"
                             f"quarantined={result.quarantined},conflicts={result.conflicts}")
        self.retried_all = self.retried_all or bool(result.applied)
        s = self.summary
        s.quarantined += result.quarantined
        s.not_permitted += result.not_permitted
        s.conflicts += result.conflicts
        s.duplicates += result.duplicates
        s.changes_applied += result.applied
        s.reasons += [f"{name}: {r}" for r in result.reasons]
        s.reasons += [f"{name}: tampering: {p}" for p in tampered]
        self._outcome(PackageOutcome(name, "imported", peer.device_id, seq, "", len(changes)))

    def _release_held(self, sender: str) -> None:
        while True:
            peer = self.state.peer(sender)
            nxt = [row for row in self.state.held(sender) if row[1] == peer.in_through + 1]
            if not nxt:
                return
            _ignored, seq, h, manifest, payload = nxt[0]
            name = f"{sender}-{seq}{SUFFIX}"
            try:
                opened = Opened(limits.parse_manifest(manifest), Signed(manifest, payload, b""))
                changes = verify_package_again(opened)
                self._apply(name, peer, opened, changes)
            except PackageRejected as exc:
                with self.store.transaction():
                    self.state.drop_held(sender, seq)
                self._reject(name, sender, seq, exc.reason)
                return

    def _reject(self, name: str, sender: str, seq: int | None, reason: str) -> None:
        # what its savepoint undid may have been indexed: read the quarantine afresh next time
        self.quarantine = merge.QuarantineIndex()
        try:
            with self.store.transaction() as tx:
                self.state.log_event(tx.now_iso, "in", sender[:64], seq, name, "rejected",
                                     reason)
        except Exception:   # noqa: BLE001 - the log is a courtesy; the rejection stands
            pass
        self.summary.reasons.append(f"{name}: rejected: {reason}")
        self._outcome(PackageOutcome(name, "rejected", sender[:64], seq, reason))

    def _outcome(self, outcome: PackageOutcome) -> None:
        key = (outcome.sender, outcome.sequence)
        if outcome.outcome == "imported":
            earlier = self.held_here.pop(key, None)   # held earlier in this run, now applied
            if earlier is not None and earlier.outcome == "held":
                earlier.outcome, earlier.reason = "imported", "applied once the gap filled"
                return
        elif outcome.outcome == "held":
            self.held_here.setdefault(key, outcome)
        self.summary.packages.append(outcome)

    def finish(self) -> None:
        s = self.summary
        for kind in ("imported", "already_imported", "held", "rejected", "skipped"):
            setattr(s, kind, sum(1 for p in s.packages if p.outcome == kind))
        for peer in self.state.peers():
            gaps = missing_sequences(self.state, peer)
            if gaps:
                s.missing[peer.device_id] = gaps
                s.names[peer.device_id] = peer.name


class _RaceLost(Exception):
    """Another importer applied this package first (``same``: with the same content)."""

    def __init__(self, same: bool):
        super().__init__()
        self.same = same


def verify_package_again(opened: Opened) -> list[dict]:
    """Held packages were fully verified when they arrived (and are kept inside the encrypted
    store); their changes only need parsing again."""
    from desktop.sync.package import parse_changes, sha256
    if opened.manifest.get("payload_sha256") != sha256(opened.signed.payload):
        raise PackageRejected("was damaged while held")
    return parse_changes(opened.signed.payload)


def missing_sequences(state: SyncState, peer: Peer) -> list[int]:
    """The first ``limits.MAX_LISTED`` missing numbers (never the whole gap)."""
    return limits.gaps(peer.in_through, [row[1] for row in state.held(peer.device_id)])


def _take_acknowledgement(state: SyncState, tx, peer: Peer, ack) -> None:
    """The peer tells us which of OUR packages it has imported (and which it is missing)."""
    if not isinstance(ack, dict):
        return
    through, last_hash = ack.get("imported_through"), ack.get("last_hash")
    if through is not None and (not isinstance(through, int) or not 0 <= through <=
                                peer.out_sequence + limits.HELD_WINDOW):
        # More than we could ever have sent (even counting packages lost to a restore from
        # an old backup): taking it would move our numbering to the peer's whim.
        raise PackageRejected(f"acknowledges package {str(through)[:20]}, but this store has "
                              f"sent only {peer.out_sequence} to that device")
    if isinstance(through, int) and through > 0 and isinstance(last_hash, str) and \
            state.sent_hash(peer.device_id, through) != last_hash:
        # What the peer imported as our package `through` is not what we have as it: this
        # store was restored from an older backup (or re-used sequence numbers). Carry on after
        # what the peer has, and send again everything not confirmed before (it skips what it
        # already has), so nothing made here since is lost.
        state.forget_unacknowledged(peer.device_id)
        state.update_peer(peer.device_id, out_sequence=through, out_last_hash=last_hash,
                          out_change_seq=min(peer.out_change_seq, peer.acked_change_seq),
                          acked_through=through, acked_at=tx.now_iso)
    elif isinstance(through, int) and through > peer.acked_through:
        covered = state.acknowledge_sent(peer.device_id, through, tx.now_iso)
        state.update_peer(peer.device_id, acked_through=through, acked_at=tx.now_iso,
                          acked_change_seq=max(covered, peer.acked_change_seq))
    missing = ack.get("missing")
    if isinstance(missing, list):
        state.mark_resend(peer.device_id, [s for s in missing if isinstance(s, int)])
