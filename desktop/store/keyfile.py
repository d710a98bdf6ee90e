"""The key file: the random database key, wrapped twice (passphrase, recovery code).

The SQLCipher key is 32 random bytes that nobody types. It is sealed with AES-256-GCM under a
key derived from the passphrase with scrypt (tuned to about half a second here), and separately
under a key derived from a one-time recovery code. Changing the passphrase rewraps the same
database key; the database itself is never re-encrypted. The file is JSON, written atomically
with owner-only permissions.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desktop.domain import bounded_json
from desktop.store.atomic import write_atomic
from desktop.store.errors import KeyFileDamaged, KeyFileMissing, WrongPassphrase, WrongRecoveryCode
from desktop.i18n import _, ngettext  # noqa: F401

FORMAT = "stickability-key/1"
DEFAULT_LOG2_N = 17          # scrypt N = 131072, r = 8: ~0.55 s and 128 MiB on the reference laptop
RECOVERY_LOG2_N = 15         # the recovery code carries 125 bits of entropy already
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


MIN_LOG2_N, MAX_LOG2_N = 10, 18   # a key file outside these is damaged (2^18: 256 MiB, ~1 s)
MAX_KEY_FILE_BYTES = 64 * 1024     # a real one is under 1 KiB; checked before reading
TEST_MODE_ENV, FAST_KDF_ENV = "STICKABILITY_TEST_MODE", "STICKABILITY_KDF_LOG2N"
_SALT, _NONCE, _SEALED = 16, 12, 32 + 16   # bytes: salt, GCM nonce, 32-byte key + GCM tag


def test_mode() -> bool:
    """The test suite's explicit test mode (``STICKABILITY_TEST_MODE=1``, set by
    tests/conftest.py and the soak scripts), in which a fast key derivation may be asked for."""
    return os.environ.get(TEST_MODE_ENV) == "1"


def default_log2_n() -> int:
    """The scrypt cost for new key files. ``STICKABILITY_KDF_LOG2N`` lowers it only in the
    test suite's explicit test mode (``test_mode``), never below 2^10; anywhere else it is
    ignored, so a store a user creates always gets the full cost. The cost is recorded in the
    key file, so it changes nothing for an existing store."""
    raw = os.environ.get(FAST_KDF_ENV, "").strip()
    if raw and test_mode():
        try:
            return max(MIN_LOG2_N, min(DEFAULT_LOG2_N, int(raw)))
        except ValueError:
            return DEFAULT_LOG2_N
    return DEFAULT_LOG2_N


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(secret: str, salt: bytes, log2_n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2 ** log2_n, r=8, p=1).derive(secret.encode("utf-8"))


def _device_kek(secret: bytes, salt: bytes) -> bytes:
    """A random 256-bit secret needs no slow KDF; HKDF only separates it from other uses."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"stickability-device-wrap/1").derive(secret)


def new_recovery_code() -> str:
    """25 Crockford base-32 characters (125 bits) in five groups: ``ABCDE-FGHJK-…``."""
    raw = "".join(secrets.choice(_CROCKFORD) for _ignored in range(25))
    return "-".join(raw[i:i + 5] for i in range(0, 25, 5))


def normalise_recovery_code(code: str) -> str:
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    text = text.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))
    return "-".join(text[i:i + 5] for i in range(0, len(text), 5))


@dataclass
class Wrap:
    salt: bytes
    log2_n: int
    nonce: bytes
    sealed: bytes

    def to_json(self) -> dict:
        return {"kdf": "scrypt", "log2_n": self.log2_n, "r": 8, "p": 1, "salt": _b64(self.salt),
                "nonce": _b64(self.nonce), "sealed": _b64(self.sealed)}

    @classmethod
    def from_json(cls, d: dict) -> "Wrap":
        """Refuses (``ValueError``) anything a genuine key file never holds, before any key
        derivation: scrypt's cost comes from this file, and a tampered ``log2_n`` of 24 would
        take 16 GiB of memory."""
        if not isinstance(d, dict) or d.get("kdf") != "scrypt" or d.get("r") != 8 or \
                d.get("p") != 1:
            raise ValueError("unknown key derivation")
        log2_n = d.get("log2_n")
        if not isinstance(log2_n, int) or isinstance(log2_n, bool) or \
                not MIN_LOG2_N <= log2_n <= MAX_LOG2_N:
            raise ValueError("key derivation cost out of bounds")
        wrap = cls(_unb64(d["salt"]), log2_n, _unb64(d["nonce"]), _unb64(d["sealed"]))
        if (len(wrap.salt), len(wrap.nonce), len(wrap.sealed)) != (_SALT, _NONCE, _SEALED):
            raise ValueError("wrong lengths")
        return wrap

    @classmethod
    def seal(cls, secret: str, db_key: bytes, aad: bytes, log2_n: int) -> "Wrap":
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = _derive(secret, salt, log2_n)
        return cls(salt, log2_n, nonce, AESGCM(kek).encrypt(nonce, db_key, aad))

    def open(self, secret: str, aad: bytes) -> bytes:
        kek = _derive(secret, self.salt, self.log2_n)
        return AESGCM(kek).decrypt(self.nonce, self.sealed, aad)


@dataclass
class KeyFile:
    store_id: str
    passphrase: Wrap
    recovery: Wrap
    extra: dict = field(default_factory=dict)

    def _aad(self, purpose: str) -> bytes:
        return f"{FORMAT}|{self.store_id}|{purpose}".encode()

    # -- life-cycle ----------------------------------------------------------------------
    @classmethod
    def new(cls, store_id: str, db_key: bytes, passphrase: str, recovery_code: str,
            log2_n: int | None = None) -> "KeyFile":
        log2_n = log2_n or default_log2_n()
        if not MIN_LOG2_N <= log2_n <= MAX_LOG2_N:
            raise ValueError(f"scrypt cost 2^{log2_n} is outside 2^{MIN_LOG2_N}..2^{MAX_LOG2_N}")
        kf = cls(store_id, None, None)  # type: ignore[arg-type]
        kf.passphrase = Wrap.seal(passphrase, db_key, kf._aad("passphrase"), log2_n)
        kf.recovery = Wrap.seal(normalise_recovery_code(recovery_code), db_key,
                                kf._aad("recovery"), min(log2_n, RECOVERY_LOG2_N))
        return kf

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        try:
            return self.passphrase.open(passphrase, self._aad("passphrase"))
        except InvalidTag:
            raise WrongPassphrase() from None

    def unwrap_with_recovery(self, code: str) -> bytes:
        try:
            return self.recovery.open(normalise_recovery_code(code), self._aad("recovery"))
        except InvalidTag:
            raise WrongRecoveryCode() from None

    # -- "remember on this device" -------------------------------------------------------
    def add_device_wrap(self, db_key: bytes) -> bytes:
        """A fresh random 32-byte device secret for the OS keychain, with a third wrap of the
        database key under it (replacing any earlier one). The keychain never holds the
        database key itself, and the secret is worthless without this key file."""
        secret, salt, nonce = os.urandom(32), os.urandom(16), os.urandom(12)
        sealed = AESGCM(_device_kek(secret, salt)).encrypt(nonce, db_key, self._aad("device"))
        self.extra["device"] = {"kdf": "hkdf-sha256", "salt": _b64(salt), "nonce": _b64(nonce),
                                "sealed": _b64(sealed)}
        return secret

    def remove_device_wrap(self) -> None:
        self.extra.pop("device", None)

    def unwrap_with_device_secret(self, secret: bytes) -> bytes | None:
        """The database key, or None when there is no device wrap or the secret does not open
        it (a keychain entry from before device secrets holds the database key itself)."""
        d = self.extra.get("device")
        try:
            if not isinstance(d, dict) or d.get("kdf") != "hkdf-sha256" or len(secret) != 32:
                return None
            salt, nonce, sealed = _unb64(d["salt"]), _unb64(d["nonce"]), _unb64(d["sealed"])
            if (len(salt), len(nonce), len(sealed)) != (_SALT, _NONCE, _SEALED):
                return None
            return AESGCM(_device_kek(secret, salt)).decrypt(nonce, sealed, self._aad("device"))
        except (InvalidTag, ValueError, KeyError, TypeError):
            return None

    def rewrap_passphrase(self, db_key: bytes, new_passphrase: str) -> None:
        self.passphrase = Wrap.seal(new_passphrase, db_key, self._aad("passphrase"),
                                    max(self.passphrase.log2_n, default_log2_n()))

    # -- file ----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "store_id": self.store_id,
               "passphrase": self.passphrase.to_json(), "recovery": self.recovery.to_json(),
               **self.extra}
        return (json.dumps(doc, indent=2) + "\n").encode()

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_bytes(), 0o600)

    @classmethod
    def load(cls, path: Path) -> "KeyFile":
        try:
            with open(path, "rb") as fh:
                if os.fstat(fh.fileno()).st_size > MAX_KEY_FILE_BYTES:
                    raw = b""       # far too large for a key file: damaged, not read
                else:
                    raw = fh.read(MAX_KEY_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KeyFileMissing(
                f"The key file is missing ({Path(path).name}). The store cannot be opened without "
                "it. Restore it from your backup into the store folder; the database has not been "
                "touched.") from None
        try:
            doc = bounded_json.loads(raw, max_bytes=MAX_KEY_FILE_BYTES, max_depth=4,
                                     what="key file")
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise ValueError("format")
            extra = {k: v for k, v in doc.items()
                     if k not in ("format", "store_id", "passphrase", "recovery")}
            return cls(str(doc["store_id"]), Wrap.from_json(doc["passphrase"]),
                       Wrap.from_json(doc["recovery"]), extra)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
            raise KeyFileDamaged(
                f"The key file ({Path(path).name}) is damaged and cannot be read. Restore it from "
                "a backup; the database has not been touched.") from None
