"""Device identity and enrolment.

Each store has an Ed25519 signing key and an age X25519 identity, generated on first use and
kept inside the encrypted store. People compare a short **fingerprint** of the public keys by
phone before trusting an enrolment file.

Enrolment files (``stickability-enrol/1``, JSON, self-signed):
- the lead agency's ("kind": "agency"): agency name, device id, signing key, age recipient;
- a field device's ("kind": "device"): device id, worker, agency, signing key, age recipient.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey, Ed25519PublicKey)
from pyrage import x25519

from desktop.domain import bounded_json
from desktop.domain.ids import to_iso, utc_now
from desktop.domain.text import problem as text_problem
from desktop.store.atomic import write_atomic
from desktop.store.syncstate import Peer, SyncState
from desktop.sync.errors import EnrolmentError

ENROL_FORMAT = "stickability-enrol/1"
_RAW = serialization.Encoding.Raw


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical(obj) -> bytes:
    """The one JSON byte form that is signed and hashed."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def full_fingerprint(signing_key_b64: str, age_recipient: str) -> str:
    """Base32 SHA-256 of both public keys (52 characters): bound into every package."""
    digest = hashlib.sha256(b"stickability-keys/1\n" + unb64(signing_key_b64) + b"\n"
                            + age_recipient.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=")


#: Crockford's base32: no I, L, O or U, so nothing read out by phone looks like something else
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def short_fingerprint(full: str) -> str:
    """80 bits of the keys' digest in Crockford base32, in groups of four to read out by
    phone: ``7K3M-Q9XZ-…`` (no O/0 or I/1/L to mix up)."""
    bits = int.from_bytes(_digest_of(full)[:10], "big")
    chars = "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in reversed(range(16)))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def legacy_short_fingerprint(full: str) -> str:
    """The short fingerprint of earlier versions (the first 16 characters of ``full``): still
    accepted when typed, since someone on an earlier version reads that one out."""
    return "-".join(full[i:i + 4] for i in range(0, 16, 4))


def _digest_of(full: str) -> bytes:
    return base64.b32decode(full + "=" * (-len(full) % 8))


def normalise_fingerprint(text: str) -> str:
    """What was typed, as Crockford reads it: case, spaces and dashes do not matter; O is 0,
    I and L are 1."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(_READ_AS)


def fingerprint_matches(typed: str, full: str) -> bool:
    """True when ``typed`` is the short fingerprint of ``full`` (this version's, or the
    legacy one an earlier version shows)."""
    if normalise_fingerprint(typed) == normalise_fingerprint(short_fingerprint(full)):
        return True
    plain = "".join(ch for ch in typed.upper() if ch.isalnum())
    return plain == legacy_short_fingerprint(full).replace("-", "")


@dataclass(frozen=True)
class Identity:
    device_id: str
    signing: Ed25519PrivateKey
    age: x25519.Identity

    @property
    def signing_public(self) -> str:
        return b64(self.signing.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw))

    @property
    def age_recipient(self) -> str:
        return str(self.age.to_public())

    @property
    def fingerprint_full(self) -> str:
        return full_fingerprint(self.signing_public, self.age_recipient)

    @property
    def fingerprint(self) -> str:
        return short_fingerprint(self.fingerprint_full)

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)


def identity(store) -> Identity:
    """This store's sync identity, made (inside the store) on first use."""
    state = SyncState(store)
    row = state.identity()
    if row is None:
        with store.transaction() as tx:
            row = state.identity()
            if row is None:
                key = Ed25519PrivateKey.generate()
                raw = key.private_bytes(_RAW, serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
                state.save_identity(b64(raw), str(x25519.Identity.generate()), tx.now_iso)
                row = state.identity()
    signing = Ed25519PrivateKey.from_private_bytes(unb64(row[0]))
    return Identity(store.device_id, signing, x25519.Identity.from_str(row[1]))


def verify(signing_key_b64: str, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(signing_key_b64)).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


def age_identity_text(store) -> str:
    """The age identity file contents (``age -d -i FILE``): secret, handle with care."""
    ident = identity(store)
    return (f"# Stickability {store.role} store, device {store.device_id}\n"
            f"# created: {to_iso(utc_now())}\n# public key: {ident.age_recipient}\n"
            f"{ident.age}\n")


# -- enrolment files -------------------------------------------------------------------------
def enrolment_document(store) -> dict:
    ident = identity(store)
    doc = {"format": ENROL_FORMAT, "kind": "agency" if store.role == "lead" else "device",
           "device_id": store.device_id, "role": store.role, "agency": store.agency or "",
           "worker": store.actor, "signing_public_key": ident.signing_public,
           "age_recipient": ident.age_recipient, "fingerprint": ident.fingerprint,
           "created_at": to_iso(utc_now())}
    doc["signature"] = b64(ident.sign(canonical(doc)))
    return doc


def export_enrolment(store, path: Path) -> dict:
    """Write this store's enrolment file (public keys only); returns the document."""
    doc = enrolment_document(store)
    try:
        write_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False).encode() + b"\n",
                     0o644)
    except OSError as exc:
        raise EnrolmentError(f"Could not write {Path(path).name} "
                             f"({exc.strerror or exc}).") from None
    return doc


@dataclass(frozen=True)
class Enrolment:
    doc: dict
    fingerprint: str           # short, computed from the keys (never trusted from the file)
    fingerprint_full: str = ""

    def __post_init__(self):
        if not self.fingerprint_full:
            object.__setattr__(self, "fingerprint_full", full_fingerprint(
                self.doc["signing_public_key"], self.doc["age_recipient"]))

    @property
    def device_id(self) -> str:
        return self.doc["device_id"]

    @property
    def kind(self) -> str:
        return self.doc["kind"]

    @property
    def label(self) -> str:
        d = self.doc
        if self.kind == "agency":
            return f"lead agency {d.get('agency') or '(no name)'}"
        return f"{d.get('worker') or 'a worker'}'s device ({d.get('agency') or 'no agency'})"


MAX_ENROLMENT_BYTES = 64 * 1024


def read_enrolment(path: Path) -> Enrolment:
    try:
        with open(path, "rb") as fh:           # size first: an enrolment file is about 1 KiB
            if os.fstat(fh.fileno()).st_size > MAX_ENROLMENT_BYTES:
                raise EnrolmentError(f"{Path(path).name} is far too large to be a "
                                     "Stickability enrolment file; it was not read.")
            raw = fh.read(MAX_ENROLMENT_BYTES + 1)
    except OSError as exc:
        raise EnrolmentError(f"Cannot read {Path(path).name}: {exc.strerror}.") from None
    try:
        doc = bounded_json.loads(raw, max_bytes=MAX_ENROLMENT_BYTES, max_depth=2,
                                 what="enrolment file")
        if not isinstance(doc, dict) or doc.get("format") != ENROL_FORMAT:
            raise ValueError
        for key in ("kind", "device_id", "signing_public_key", "age_recipient", "signature"):
            if not isinstance(doc.get(key), str) or not doc[key]:
                raise ValueError
        if doc["kind"] not in ("agency", "device"):
            raise ValueError
        x25519.Recipient.from_str(doc["age_recipient"])
        body = {k: v for k, v in doc.items() if k != "signature"}
        if not verify(doc["signing_public_key"], unb64(doc["signature"]), canonical(body)):
            raise EnrolmentError(f"{Path(path).name} has been altered (its signature does not "
                                 "match its key). Ask for a new enrolment file.")
    except EnrolmentError:
        raise
    except Exception:
        raise EnrolmentError(f"{Path(path).name} is not a Stickability enrolment file.") from None
    for key in ("worker", "agency", "device_id"):
        if text_problem(str(doc.get(key) or ""), single_line=True):
            raise EnrolmentError(f"{Path(path).name} holds control characters in its {key} "
                                 "name; it is not enrolled. Ask for a new enrolment file.")
    full = full_fingerprint(doc["signing_public_key"], doc["age_recipient"])
    return Enrolment(doc, short_fingerprint(full), full)


def check_enrolment(store, enrol: Enrolment) -> Peer | None:
    """Raise if this store cannot take this enrolment; returns the existing peer when the same
    keys are already enrolled."""
    if enrol.device_id == store.device_id:
        raise EnrolmentError("This is this store's own enrolment file. Import it on the other "
                             "side.")
    if store.role == "field" and enrol.kind != "agency":
        raise EnrolmentError("This is a device enrolment file. Import it at the lead agency; "
                             "a field device imports the lead agency's file.")
    if store.role == "lead" and enrol.kind != "device":
        raise EnrolmentError("This is a lead agency enrolment file. Import it on a field "
                             "worker's device; the lead agency imports devices' files.")
    existing = SyncState(store).peer(enrol.device_id)
    if existing and (existing.signing_key != enrol.doc["signing_public_key"]
                     or existing.age_recipient != enrol.doc["age_recipient"]):
        raise EnrolmentError(
            f"Device {enrol.device_id} is already enrolled with different keys. If it was "
            "set up again, it needs a new device id: ask for a new enrolment file from the "
            "new installation.")
    return existing


def enrol(store, enrol: Enrolment, *, confirmed_fingerprint: str) -> bool:
    """Trust the peer in ``enrol`` after a person has compared fingerprints. Returns False when
    it was already enrolled with the same keys."""
    if not fingerprint_matches(confirmed_fingerprint, enrol.fingerprint_full):
        raise EnrolmentError("The fingerprint does not match this enrolment file. Do not enrol: "
                             "the file may have been swapped. Ask for it again and compare the "
                             "fingerprint by phone.")
    if check_enrolment(store, enrol) is not None:
        return False
    identity(store)
    state, d = SyncState(store), enrol.doc
    with store.transaction() as tx:
        state.add_peer(device_id=d["device_id"], kind=d["kind"], role=str(d.get("role", "")),
                       worker=str(d.get("worker", "")), agency=str(d.get("agency", "")),
                       signing_key=d["signing_public_key"], age_recipient=d["age_recipient"],
                       fingerprint=enrol.fingerprint, enrolled_at=tx.now_iso,
                       enrolled_by=store.actor)
        state.audit(tx, "enrol", "sync_peer", d["device_id"], enrol.fingerprint)
    return True
