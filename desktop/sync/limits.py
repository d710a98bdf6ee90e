"""Bounds on everything a package file can make this store do, checked before the work.

Every package file is hostile until its signature has been checked, and even a signed one may
come from a broken or subverted device. So, in order:

- the file's size is taken with ``stat`` and a file over ``MAX_FILE_BYTES`` is refused unread;
  the read itself stops at the cap (a file that grows meanwhile is refused too), and since age
  never makes plaintext longer than its ciphertext, decryption is bounded by the same cap;
- the archive may hold only plain regular files (no links, devices, sparse members) of bounded
  size, at most three of them;
- the manifest is parsed by the bounded reader (``desktop.domain.bounded_json``: size, nesting
  depth, integer range) and checked field by field (``check_manifest``): sequence, counts,
  sizes and acknowledgement numbers are integers in range, lists are short;
- each change line is parsed by the same reader with its own bounds; a line outside them is
  "unreadable" and quarantined, and a package with more lines than ``MAX_CHANGES`` is refused;
- a sequence more than ``HELD_WINDOW`` ahead of the last one imported from that sender is
  rejected, not held, and no list of missing numbers is ever longer than ``MAX_LISTED``.

Each failure raises ``PackageRejected`` with a reason a worker can read; nothing is applied.
"""
from __future__ import annotations

import os
from pathlib import Path

from desktop.domain import bounded_json
from desktop.domain.bounded_json import JsonRefused, bounded_int
from desktop.store import witness
from desktop.sync.errors import PackageRejected

MAX_FILE_BYTES = 64 * 1024 * 1024        # a package is split at ~8 MiB of changes
MAX_MANIFEST_BYTES = 64 * 1024           # a real manifest is about 1.5 KiB
MANIFEST_DEPTH = 4                       # manifest → acknowledgement → list → (numbers)
MAX_SIGNATURE_BYTES = 1024               # base64 of 64 bytes and a newline
MAX_CHANGE_BYTES = 16 * 1024 * 1024      # one change line (a record with long notes)
CHANGE_DEPTH = 32                        # records nest lists and records a few levels deep
MAX_CHANGES = 1_000_000                  # lines in one package
MAX_SEQUENCE = 2 ** 53                   # sequences, acknowledgements, audit positions
HELD_WINDOW = 1000                       # how far ahead of the last import a package is held
MAX_LISTED = HELD_WINDOW                 # longest list of sequence numbers sent or shown


def read_package_file(path: Path) -> bytes:
    """The file's bytes, refusing (``PackageRejected``) before reading when it is too large."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise PackageRejected(too_large(size))
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PackageRejected(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise PackageRejected(too_large(len(data)))
    return data


def too_large(size: int) -> str:
    return (f"is far too large to be a sync package ({size / 2 ** 20:,.0f} MiB; packages are "
            f"at most {MAX_FILE_BYTES // 2 ** 20} MiB); it was not read")


def member_limit(name: str) -> int:
    return {"manifest.json": MAX_MANIFEST_BYTES, "signature": MAX_SIGNATURE_BYTES}.get(
        name, MAX_FILE_BYTES)


def parse_manifest(raw: bytes) -> dict:
    try:
        doc = bounded_json.loads(raw, max_bytes=MAX_MANIFEST_BYTES, max_depth=MANIFEST_DEPTH,
                                 max_int=MAX_SEQUENCE * 2, what="manifest")
    except JsonRefused as exc:
        raise PackageRejected(f"has a manifest that cannot be accepted: {exc}") from None
    if not isinstance(doc, dict):
        raise PackageRejected("has a manifest that cannot be accepted: it is not a JSON object")
    return doc


def parse_change_line(line: bytes):
    """One change as parsed JSON; ``JsonRefused`` when the line is outside the bounds."""
    return bounded_json.loads(line, max_bytes=MAX_CHANGE_BYTES, max_depth=CHANGE_DEPTH,
                              what="change")


def check_manifest(m: dict) -> None:
    """Types and ranges of every number and list in a manifest (before trusting anything)."""
    if bounded_int(m.get("sequence"), 1, MAX_SEQUENCE) is None:
        raise PackageRejected("has a manifest without a sender or a sequence number in range")
    counts = m.get("counts")
    if not isinstance(counts, dict) or bounded_int(counts.get("changes"), 0, MAX_CHANGES) is None:
        raise PackageRejected("has a manifest whose change count is missing or out of range")
    if bounded_int(m.get("payload_bytes"), 0, MAX_FILE_BYTES) is None:
        raise PackageRejected("has a manifest whose payload size is missing or out of range")
    ack = m.get("acknowledgement")
    if ack is not None:
        check_acknowledgement(ack)
    head = m.get("audit_head")
    if head is not None and (witness.valid_head(head) is None or (
            head.get("witnessed") is not None and
            witness.valid_head(head["witnessed"]) is None)):
        raise PackageRejected("has a manifest whose audit head is not readable")


def check_acknowledgement(ack) -> None:
    if not isinstance(ack, dict):
        raise PackageRejected("has an acknowledgement that is not readable")
    if bounded_int(ack.get("imported_through", 0), 0, MAX_SEQUENCE) is None:
        raise PackageRejected("acknowledges a package number out of range")
    for key in ("held", "missing"):
        seqs = ack.get(key, [])
        if not isinstance(seqs, list) or len(seqs) > MAX_LISTED or \
                any(bounded_int(s, 1, MAX_SEQUENCE) is None for s in seqs):
            raise PackageRejected(f"has an acknowledgement whose '{key}' list is not a short "
                                  "list of package numbers")


def check_window(sequence: int, in_through: int) -> None:
    """A sequence too far ahead is rejected (not held): holding it would wait for ever."""
    if sequence > in_through + HELD_WINDOW:
        raise PackageRejected(
            f"is numbered {sequence}, more than {HELD_WINDOW} ahead of the last package "
            f"imported from that device ({in_through}); it was not kept. If the device really "
            "sent that many packages, import the earlier ones first")


def gaps(in_through: int, held: list[int], limit: int = MAX_LISTED) -> list[int]:
    """The sequence numbers missing before the held ones, at most ``limit`` of them, without
    ever building the whole gap (an old store may hold a package numbered 10^12)."""
    out: list[int] = []
    expected = in_through + 1
    for seq in sorted(set(held)):
        while expected < seq and len(out) < limit:
            out.append(expected)
            expected += 1
        if len(out) >= limit:
            break
        expected = max(expected, seq + 1)
    return out
