"""The package format ``stickability-sync/1`` (see docs/sync-format.md): build and open.

A package is one file ``<sender-device-id>-<sequence>.stkpkg``: an age (X25519) encryption, to
the recipient's age key, of an uncompressed tar archive with exactly three members:

- ``manifest.json``: canonical JSON (sorted keys, no spaces, UTF-8) — see ``make_manifest``;
- ``changes.jsonl``: one canonical JSON change per line;
- ``signature``: base64 of the Ed25519 signature of the exact bytes of ``manifest.json``.

The manifest carries the SHA-256 of ``changes.jsonl``, so the one signature covers both. The
package hash (chained through ``previous_package_hash``) is the SHA-256 of ``manifest.json``:
a package written again after a loss has the same hash. Sign, then encrypt. No Qt, no store.
"""
from __future__ import annotations

import hashlib
import io
import tarfile
from dataclasses import dataclass

import pyrage
from pyrage import x25519

from desktop.sync import limits
from desktop.sync.errors import PackageRejected
from desktop.sync.identity import Identity, b64, canonical, unb64, verify

FORMAT = "stickability-sync/1"
SUFFIX = ".stkpkg"
MANIFEST, CHANGES, SIGNATURE = "manifest.json", "changes.jsonl", "signature"
MEMBERS = (MANIFEST, CHANGES, SIGNATURE)
MAX_FILE_BYTES = limits.MAX_FILE_BYTES      # refuse to even try anything larger
DEFAULT_MAX_PAYLOAD = 8 * 1024 * 1024       # split exports into packages of about this size
CHANGE_KEYS = ("entity", "id", "stamp", "op", "fields", "old", "actor", "at", "origin_device")


def file_name(sender: str, sequence: int) -> str:
    return f"{sender}-{sequence}{SUFFIX}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def change_line(change: dict) -> bytes:
    return canonical({k: change.get(k) for k in CHANGE_KEYS}) + b"\n"


def make_manifest(*, package_id: str, sender: Identity, sender_role: str, recipient_id: str,
                  recipient_fingerprint: str, sequence: int, previous_hash: str | None,
                  created_at: str, payload: bytes, changes: list[dict],
                  acknowledgement: dict) -> dict:
    by_entity: dict[str, int] = {}
    for c in changes:
        by_entity[c["entity"]] = by_entity.get(c["entity"], 0) + 1
    return {
        "format": FORMAT,
        "package_id": package_id,
        "sender_device_id": sender.device_id,
        "sender_role": sender_role,
        "sender_signing_key": sender.signing_public,
        "sender_key_fingerprint": sender.fingerprint_full,
        "recipient_device_id": recipient_id,
        "recipient_key_fingerprint": recipient_fingerprint,
        "sequence": sequence,
        "previous_package_hash": previous_hash,
        "created_at": created_at,
        "counts": {"changes": len(changes), "by_entity": dict(sorted(by_entity.items()))},
        "payload_sha256": sha256(payload),
        "payload_bytes": len(payload),
        "acknowledgement": acknowledgement,
    }


@dataclass(frozen=True)
class Signed:
    manifest: bytes
    payload: bytes
    signature: bytes          # base64 text + newline, as stored in the archive

    @property
    def package_hash(self) -> str:
        return sha256(self.manifest)


def sign(identity: Identity, manifest: dict, payload: bytes) -> Signed:
    body = canonical(manifest)
    return Signed(body, payload, (b64(identity.sign(body)) + "\n").encode("ascii"))


def seal(signed: Signed, age_recipient: str, mtime: int = 0) -> bytes:
    """The encrypted file's bytes (deterministic archive, fresh encryption each time)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in zip(MEMBERS, (signed.manifest, signed.payload, signed.signature)):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, mtime
            tar.addfile(info, io.BytesIO(data))
    return pyrage.encrypt(buf.getvalue(), [x25519.Recipient.from_str(age_recipient)])


# -- opening ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Opened:
    manifest: dict
    signed: Signed

    @property
    def sender(self) -> str:
        return str(self.manifest.get("sender_device_id", ""))

    @property
    def sequence(self) -> int:
        return int(self.manifest.get("sequence", 0))

    @property
    def package_hash(self) -> str:
        return self.signed.package_hash


def decrypt(data: bytes, identity: Identity) -> bytes:
    if len(data) > MAX_FILE_BYTES:
        raise PackageRejected(limits.too_large(len(data)))
    try:
        plain = pyrage.decrypt(data, [identity.age])
    except pyrage.DecryptError as exc:
        msg = str(exc).lower()
        if "no matching keys" in msg:
            raise PackageRejected(
                "cannot be opened with this store's key: it is addressed to another store, "
                "or its header has been damaged") from None
        if "header is invalid" in msg or "fill whole buffer" in msg:
            raise PackageRejected("is not a sync package (not age-encrypted, or cut short "
                                  "before its header ended)") from None
        raise PackageRejected("is damaged, cut short or was altered after it was made "
                              "(decryption failed its integrity check)") from None
    if len(plain) > MAX_FILE_BYTES:     # age never expands; kept in case that ever changes
        raise PackageRejected(limits.too_large(len(plain)))
    return plain


def unpack(plain: bytes) -> Signed:
    """The three members. Only plain regular files of bounded size are read: no links, no
    sparse members (whose declared size could be far larger than the archive), no fourth
    member; anything else in the archive refuses the package."""
    parts: dict[str, bytes] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
            for member in tar:
                name = str(member.name)[:80]
                if member.name not in MEMBERS or member.name in parts or \
                        member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE) or \
                        member.issparse():
                    raise PackageRejected(f"contains an unexpected entry ({name!r})")
                if not 0 <= member.size <= min(limits.member_limit(member.name), len(plain)):
                    raise PackageRejected(f"contains an entry too large to be genuine ({name!r})")
                parts[member.name] = tar.extractfile(member).read(member.size)
    except PackageRejected:
        raise
    except (tarfile.TarError, EOFError, ValueError, OverflowError, UnicodeError,
            AttributeError, TypeError):
        raise PackageRejected("does not hold a readable package archive") from None
    if SIGNATURE not in parts:
        raise PackageRejected("is unsigned (it has no signature)")
    if MANIFEST not in parts or CHANGES not in parts:
        raise PackageRejected("is incomplete (manifest or changes missing)")
    return Signed(parts[MANIFEST], parts[CHANGES], parts[SIGNATURE])


def open_package(data: bytes, identity: Identity) -> Opened:
    """Decrypt and unpack; the manifest is parsed but NOT yet trusted (see ``verify_package``)."""
    signed = unpack(decrypt(data, identity))
    manifest = limits.parse_manifest(signed.manifest)
    if manifest.get("format") != FORMAT:
        raise PackageRejected(f"has an unknown format {str(manifest.get('format'))[:40]!r} "
                              f"(this version reads {FORMAT})")
    sender = manifest.get("sender_device_id")
    if not isinstance(sender, str) or not 0 < len(sender) <= 64:
        raise PackageRejected("has a manifest without a sender or sequence number")
    limits.check_manifest(manifest)
    return Opened(manifest, signed)


def verify_package(opened: Opened, *, signing_key: str, peer_name: str,
                   own_device_id: str, own_fingerprint: str) -> list[dict]:
    """Check signature, addressing and payload against the enrolled key; returns the changes.
    Raises ``PackageRejected`` (nothing may be applied) on any mismatch."""
    m, s = opened.manifest, opened.signed
    try:
        sig = unb64(s.signature.decode("ascii").strip())
    except (ValueError, UnicodeDecodeError):
        sig = b""
    if not sig:
        raise PackageRejected("is unsigned (its signature is empty or unreadable)")
    if not verify(signing_key, sig, s.manifest):
        raise PackageRejected(f"has a signature that does not match the enrolled key of "
                              f"{peer_name}: it was forged or altered")
    if m.get("sender_signing_key") != signing_key:
        raise PackageRejected("names a signing key that is not the enrolled one")
    if m.get("recipient_key_fingerprint") != own_fingerprint or \
            m.get("recipient_device_id") != own_device_id:
        raise PackageRejected("is addressed to another store (it was made for a different "
                              "recipient and passed on)")
    if m.get("payload_sha256") != sha256(s.payload) or m.get("payload_bytes") != len(s.payload):
        raise PackageRejected("has changes that do not match its signed manifest (altered or "
                              "cut short)")
    changes = parse_changes(s.payload)
    counts = m.get("counts") or {}
    if counts.get("changes") != len(changes):
        raise PackageRejected("has a different number of changes than its manifest says")
    return changes


def parse_changes(payload: bytes) -> list[dict]:
    """One dict per line. A line that is not a JSON object (a sender's bug, since it is signed)
    becomes ``{"_unreadable": …}`` so that it is quarantined without blocking the rest."""
    changes = []
    for n, line in enumerate(payload.splitlines(), start=1):
        if not line.strip():
            continue
        if len(changes) >= limits.MAX_CHANGES:
            raise PackageRejected(f"holds more than {limits.MAX_CHANGES:,} changes")
        try:
            change = limits.parse_change_line(line)
        except ValueError:
            change = None
        if not isinstance(change, dict):
            change = {"_unreadable": line[:2000].decode("utf-8", "replace"), "_line": n}
        changes.append(change)
    return changes
