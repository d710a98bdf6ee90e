"""The fifth sync fuzz campaign, ``hostile`` (issue 18, item 3): what the first soak found
(deep nesting, huge integers) and what it did not try (archive tricks, content signed with the
sender's real key that is malicious rather than merely malformed).

Each case builds one file from the world's genuine packages:

* ``nested``: the manifest, or one change line, nested 1 … 300,000 levels deep; unsigned,
  signed by an attacker, or signed with the field device's real key;
* ``number``: a number the importer reads (sequence, counts, sizes, acknowledgements) set to a
  huge, negative, fractional or wrongly typed value, signed with the real key or not;
* ``archive``: the tar archive rebuilt with links, directories, FIFOs, sparse or PAX-sized
  members, path traversal, a fourth member, a lying size field, another archive format;
* ``lines``: a package signed with the real key whose change lines are hostile (nested, huge
  numbers, non-objects, invalid UTF-8, megabyte strings, changes with absurd field values).

The only checks are the ones that matter: the import never raises and never reports an internal
error ("could not be processed"), every rejection has a reason, and a rejected file changes
nothing ("partial applies" counts the files that did, and must stay 0).
"""
from __future__ import annotations

import io
import json
import tarfile
import time
from collections import Counter

from hypothesis import strategies as st

from desktop.sync import identity
from desktop.sync.identity import b64, canonical
from desktop.sync.package import change_line, sha256
from tests.reliability.syncfuzz import (World, import_bytes, open_members, seal_members,
                                        snapshot)

SIGNER = st.sampled_from(["none", "attacker", "real"])
DEPTH = st.one_of(st.integers(1, 40), st.integers(40, 5_000), st.integers(5_000, 300_000))
HUGE = st.one_of(st.integers(min_value=10 ** 4), st.integers(max_value=-1),
                 st.sampled_from([10 ** 12, 2 ** 63, 2 ** 64, 10 ** 100, -2 ** 64]),
                 st.floats(allow_nan=False), st.booleans(), st.text(max_size=8), st.none(),
                 st.lists(st.integers(), max_size=3))
NUMBER_AT = st.sampled_from([("sequence",), ("payload_bytes",), ("counts", "changes"),
                             ("acknowledgement", "imported_through"),
                             ("acknowledgement", "held"), ("acknowledgement", "missing")])
ARCHIVE = st.sampled_from(["symlink", "hardlink", "directory", "fifo", "chardev", "sparse",
                           "pax-size", "traversal", "fourth", "duplicate", "lying-size",
                           "gnu-longname", "gzip", "empty", "zero-blocks", "nested-tar"])
LINE = st.one_of(
    st.builds(lambda d, o: (o[0] * d + o[1] * d).encode(), DEPTH,
              st.sampled_from([("[", "]"), ('{"a":', "}")])),
    st.builds(lambda n: b'{"entity":"person","fields":{"name":' + str(n).encode() + b"}}",
              st.integers(min_value=2 ** 63) | st.integers(max_value=-2 ** 63)),
    st.builds(lambda k: b"9" * k, st.integers(1, 6000)),
    st.sampled_from([b"[]", b"null", b"1e999", b"NaN", b"\xff\xfe", b'"x"', b"{" * 3,
                     b'{"a":1,"a":2}']),
    st.builds(lambda k: b'{"entity":"person","note":"' + b"x" * k + b'"}',
              st.integers(0, 2_000_000)),
)
ABSURD_FIELDS = st.dictionaries(
    st.sampled_from(["name", "at", "date_of_birth", "person_id", "notes", "deleted", "status"]),
    HUGE | st.recursive(st.none(), lambda k: st.lists(k, max_size=2), max_leaves=30),
    min_size=1, max_size=4)


def _sign(world: World, signer: str, manifest: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    if signer == "real":
        return (b64(identity(world.field).sign(manifest)) + "\n").encode()
    if signer == "attacker":
        return (b64(Ed25519PrivateKey.generate().sign(manifest)) + "\n").encode()
    return b"AAAA\n"


def _members(world: World, which: int) -> dict[str, bytes]:
    return dict(open_members(world, world.packages[which]))


def _next_manifest(world: World, payload: bytes, n_changes: int) -> dict:
    """The manifest of the package the field device would send next, for ``payload``."""
    from desktop.store.syncstate import SyncState
    m = json.loads(_members(world, 0)["manifest.json"])
    peer = SyncState(world.lead).peer(world.field_id)
    m.update(sequence=peer.in_through + 1, previous_package_hash=peer.in_last_hash or None,
             payload_sha256=sha256(payload), payload_bytes=len(payload),
             counts={"changes": n_changes, "by_entity": {}})
    return m


def build(world: World, attack) -> bytes:
    kind = attack[0]
    if kind == "nested":
        _, where, depth, signer = attack
        nest = "[" * depth + "]" * depth
        if where == "manifest":
            m = _members(world, 0)
            doc = json.loads(m["manifest.json"])
            body = canonical(doc)[:-1] + b',"zz":' + nest.encode() + b"}"
            return seal_members(world, [("manifest.json", body),
                                        ("changes.jsonl", m["changes.jsonl"]),
                                        ("signature", _sign(world, signer, body))])
        payload = b'{"entity":"person","fields":' + nest.encode() + b"}\n"
        body = canonical(_next_manifest(world, payload, 1))
        return seal_members(world, [("manifest.json", body), ("changes.jsonl", payload),
                                    ("signature", _sign(world, signer, body))])
    if kind == "number":
        _, path, value, signer = attack
        m = _members(world, 0)
        doc = json.loads(m["manifest.json"]) if signer != "real" else \
            _next_manifest(world, m["changes.jsonl"],
                           json.loads(m["manifest.json"])["counts"]["changes"])
        target = doc
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value if path[-1] not in ("held", "missing") or \
            isinstance(value, list) else [value]
        try:
            body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        except ValueError:
            body = repr(doc).encode()
        return seal_members(world, [("manifest.json", body), ("changes.jsonl", m["changes.jsonl"]),
                                    ("signature", _sign(world, signer, body))])
    if kind == "archive":
        return seal_archive(world, _members(world, attack[1]), attack[2])
    _, lines, absurd = attack          # "lines": the real key signs hostile change lines
    stamp = f"{time.time_ns() // 1_000_000:013d}-0000-{world.field_id}"
    for fields in absurd:
        lines = lines + [change_line({"entity": "person", "id": "0190aaaa-0000-7000-8000-0000"
                                      "0000abcd", "stamp": stamp, "op": "upsert", "old": None,
                                      "actor": "Sam", "at": "2026-11-23T10:00:00+00:00",
                                      "origin_device": world.field_id,
                                      "fields": fields}).rstrip(b"\n")]
    payload = b"".join(line.replace(b"\n", b" ") + b"\n" for line in lines)
    body = canonical(_next_manifest(world, payload, len(lines)))
    return seal_members(world, [("manifest.json", body), ("changes.jsonl", payload),
                                ("signature", _sign(world, "real", body))])


def seal_archive(world: World, members: dict[str, bytes], trick: str) -> bytes:
    """The genuine members in an archive with ``trick`` played on it, encrypted to the lead."""
    import pyrage
    buf = io.BytesIO()
    fmt = tarfile.PAX_FORMAT if trick in ("pax-size", "sparse") else tarfile.GNU_FORMAT
    mode = "w:gz" if trick == "gzip" else "w"
    with tarfile.open(fileobj=buf, mode=mode, format=fmt) as tar:
        for name, blob in members.items():
            if trick == "empty":
                break
            info = tarfile.TarInfo(("x" * 120 + "/" + name) if trick == "gnu-longname" else
                                   ("../" + name) if trick == "traversal" else name)
            info.size = len(blob)
            if trick == "sparse" and name == "changes.jsonl":
                info.type = tarfile.GNUTYPE_SPARSE
            if trick == "pax-size" and name == "changes.jsonl":
                info.pax_headers = {"size": str(10 ** 15)}
            tar.addfile(info, io.BytesIO(blob))
        special = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                   "directory": tarfile.DIRTYPE, "fifo": tarfile.FIFOTYPE,
                   "chardev": tarfile.CHRTYPE}
        if trick in special or trick in ("fourth", "duplicate", "nested-tar"):
            info = tarfile.TarInfo({"fourth": "extra", "nested-tar": "inner.tar"}.get(
                trick, "signature"))
            info.type = special.get(trick, tarfile.REGTYPE)
            info.linkname = "/etc/shadow"
            blob = members.get("signature", b"") if trick == "duplicate" else b""
            info.size = len(blob) if info.type == tarfile.REGTYPE else 0
            tar.addfile(info, io.BytesIO(blob))
    data = buf.getvalue()
    if trick == "lying-size":
        i = data.find(b"changes.jsonl")
        if i >= 0:
            header = bytearray(data[i:i + 512])
            header[124:136] = b"%011o\0" % (1 << 33)
            header[148:156] = b" " * 8
            header[148:156] = b"%06o\0 " % sum(header)
            data = data[:i] + bytes(header) + data[i + 512:]
    if trick == "zero-blocks":
        data = b"\0" * 10240 + data
    recipient = pyrage.x25519.Recipient.from_str(identity(world.lead).age_recipient)
    return pyrage.encrypt(data, [recipient])


ATTACK = st.one_of(
    st.tuples(st.just("nested"), st.sampled_from(["manifest", "line"]), DEPTH, SIGNER),
    st.tuples(st.just("number"), NUMBER_AT, HUGE, SIGNER),
    st.tuples(st.just("archive"), st.integers(0, 2), ARCHIVE),
    st.tuples(st.just("lines"), st.lists(LINE, min_size=1, max_size=4),
              st.lists(ABSURD_FIELDS, max_size=3)),
)


def check(world: World, data: bytes, kind: str, tally: Counter) -> None:
    """Import one hostile file and count what happened; raises on a crash."""
    before = snapshot(world)
    outcome = import_bytes(world, data)       # any exception propagates: a crash
    assert not outcome.reason.startswith("could not be processed"), outcome   # internal error
    tally[f"hostile {kind}: {outcome.outcome}"] += 1
    if outcome.outcome == "rejected":
        tally[f"reason: {outcome.reason[:50]}"] += 1
        if snapshot(world) != before:
            tally["hostile: partial applies"] += 1
    tally["hostile: cases"] += 1
