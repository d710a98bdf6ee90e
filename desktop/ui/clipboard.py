"""Copying sensitive text (a safe number): on the clipboard only as long as needed.

The text is marked so clipboard managers skip it (KDE's password-manager hint; Windows'
exclude-from-history and cloud-clipboard formats), cleared after 30 seconds if it is still
there, and cleared at once when the store locks.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MSECS = 30_000

_state = {"text": "", "timer": None}


def copy_sensitive(text: str, msecs: int = CLEAR_AFTER_MSECS) -> None:
    mime = QMimeData()
    mime.setText(text)
    mime.setData("x-kde-passwordManagerHint", b"secret")
    mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
    mime.setData("CanIncludeInClipboardHistory", b"\x00\x00\x00\x00")
    mime.setData("CanUploadToCloudClipboard", b"\x00\x00\x00\x00")
    QGuiApplication.clipboard().setMimeData(mime)
    _state["text"] = text
    timer = _state["timer"]
    if timer is None:
        timer = _state["timer"] = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(clear_sensitive)
    timer.start(msecs)


def clear_sensitive() -> None:
    """Clear the clipboard if it still holds what we put there (never someone else's copy)."""
    text, _state["text"] = _state["text"], ""
    if _state["timer"] is not None:
        _state["timer"].stop()
    if text and QGuiApplication.clipboard().text() == text:
        QGuiApplication.clipboard().clear()


def holding_sensitive() -> bool:
    return bool(_state["text"])
