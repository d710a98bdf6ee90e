""""Remember on this device": the store's database key kept in the operating system's keychain.

Off by default. Only real keychains are used (macOS Keychain, Windows Credential Locker, the
Secret Service / KWallet on Linux): backends that fail, do nothing, or keep secrets in a file
next to the user's data (keyrings.alt) are refused with a reason a worker can read.

Every call runs in a daemon thread with a time limit (``TIMEOUT`` seconds) and fails soft: a
keychain that hangs (a locked wallet waiting for a prompt, a dead D-Bus) returns ``None`` /
``False`` with a reason, and is not asked again until the app restarts. No Qt here.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Callable

from desktop.i18n import N_, _

SERVICE = "Stickability"
TIMEOUT = 3.0  # seconds; a keychain call must never hang the app

NO_KEYCHAIN = N_("No secure keychain is available on this computer, so the passphrase is "
                 "needed each time.")
_hung_reason: str | None = None


class _Timeout(Exception):
    pass


def _call(fn: Callable[[], Any], timeout: float | None = None) -> Any:
    """Run ``fn`` in a daemon thread; raise ``_Timeout`` if it has not returned in time (the
    thread is abandoned, never joined: it cannot keep the app from quitting)."""
    global _hung_reason
    if _hung_reason:
        raise _Timeout(_hung_reason)
    box: dict[str, Any] = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the caller
            box["error"] = exc

    t = threading.Thread(target=target, name="keychain", daemon=True)
    t.start()
    t.join(TIMEOUT if timeout is None else timeout)
    if t.is_alive():
        _hung_reason = _("The keychain did not answer in time, so it is not used until the "
                         "app restarts. Unlock with your passphrase.")
        raise _Timeout(_hung_reason)
    if "error" in box:
        raise box["error"]
    return box.get("value")


def reset() -> None:
    """Forget that the keychain hung (tests; a new session)."""
    global _hung_reason
    _hung_reason = None


def _insecure_reason(kr) -> str | None:
    """Why a keyring backend must not hold the key, or None when it is acceptable."""
    cls = type(kr)
    module = cls.__module__ or ""
    if module.startswith("keyring.backends.fail"):
        return _(NO_KEYCHAIN)
    if module.startswith("keyring.backends.null"):
        return _(NO_KEYCHAIN)
    if module.startswith("keyrings.alt") or module.startswith("keyrings.cryptfile"):
        return _("The only keychain here keeps secrets in a file on disk, which is not safe "
                 "enough; the passphrase is needed each time.")
    if module.startswith("keyring.backends.chainer"):
        members = list(getattr(kr, "backends", []) or [])
        if not members:
            return _(NO_KEYCHAIN)
        for member in members:
            reason = _insecure_reason(member)
            if reason:
                return reason
        return None
    try:
        priority = float(cls.priority)
    except Exception:  # noqa: BLE001 - a backend that cannot say is not viable
        return _(NO_KEYCHAIN)
    if priority <= 0:
        return _(NO_KEYCHAIN)
    return None


def _backend():
    import keyring
    kr = keyring.get_keyring()
    reason = _insecure_reason(kr)
    return kr, reason


def _probe():
    """The backend, and whether it answers a read (a locked or dead keychain may hang here)."""
    kr, reason = _backend()
    if not reason:
        kr.get_password(SERVICE, "availability-check")
    return kr, reason


def status() -> tuple[bool, str]:
    """``(usable, reason)``: whether "remember on this device" can be offered, and if not, why
    (a sentence fit to show beside the disabled checkbox)."""
    try:
        kr, reason = _call(_probe)
    except _Timeout as exc:
        return False, str(exc)
    except Exception:  # noqa: BLE001 - fail soft
        return False, _(NO_KEYCHAIN)
    if reason:
        return False, reason
    name = getattr(kr, "name", type(kr).__name__)
    return True, _("The key is kept in this computer's keychain ({name}).").format(name=name)


def remember(store_id: str, key: bytes) -> tuple[bool, str]:
    """Keep ``key`` for ``store_id``. Returns ``(ok, reason)``."""
    if len(key) != 32:
        return False, _("Not a store key.")

    def work():
        kr, reason = _backend()
        if reason:
            return reason
        kr.set_password(SERVICE, store_id, key.hex())
        return None

    try:
        reason = _call(work)
    except _Timeout as exc:
        return False, str(exc)
    except Exception:  # noqa: BLE001
        return False, _("The keychain refused to keep the key; the passphrase is needed each "
                        "time.")
    if reason:
        return False, reason
    return True, _("This device will remember the key.")


def recall(store_id: str) -> bytes | None:
    """The remembered key for ``store_id``, or None (nothing remembered, no keychain, error)."""

    def work():
        kr, reason = _backend()
        if reason:
            return None
        return kr.get_password(SERVICE, store_id)

    try:
        text = _call(work)
    except Exception:  # noqa: BLE001 - includes _Timeout
        return None
    if not text:
        return None
    try:
        key = bytes.fromhex(text)
    except (ValueError, TypeError):
        return None
    return key if len(key) == 32 else None


def forget(store_id: str) -> bool:
    """Remove the remembered key; True when the keychain no longer holds it."""

    def work():
        kr, reason = _backend()
        if reason:
            return True  # nothing can be there
        try:
            kr.delete_password(SERVICE, store_id)
        except Exception as exc:  # noqa: BLE001
            if type(exc).__name__ != "PasswordDeleteError":
                raise
        return True

    try:
        return bool(_call(work))
    except Exception:  # noqa: BLE001
        return False


def store_id_of(folder: Path) -> str | None:
    """The store id from the (unencrypted part of the) key file, or None when unreadable."""
    from desktop.store.keyfile import KeyFile
    from desktop.store.paths import key_path
    try:
        return KeyFile.load(key_path(folder)).store_id
    except Exception:  # noqa: BLE001 - the unlock screen reports key-file problems itself
        return None
