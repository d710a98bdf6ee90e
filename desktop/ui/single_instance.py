"""A second launch on the same store talks to the first instead of opening it twice.

The running app holds ``store.lock`` (``desktop.store.instance``) and listens on a local socket
named after the store (``channel_name``). A second launch that finds the lock taken sends its
file arguments there (an empty list: just "come forward") and exits; the first brings its
window forward and opens the import flow for the files. When nobody answers (an app that hangs,
or an old version), the second launch says which process holds the store.
"""
from __future__ import annotations

import json
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
MAX_MESSAGE = 64 * 1024


class InstanceServer(QObject):
    """``request`` carries the file paths a second launch was given (maybe none)."""

    request = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)          # a socket file left by a crashed app
        self.listening = self.server.listen(name)
        if not self.listening:
            log.warning("single-instance channel not available: %s",
                        self.server.errorString().split(":")[0].replace(" ", "_").lower())
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            buffer = bytearray()

            def read(sock=sock, buffer=buffer):
                buffer.extend(bytes(sock.readAll()))
                if len(buffer) > MAX_MESSAGE:
                    sock.abort()

            def done(sock=sock, buffer=buffer):
                read()
                sock.deleteLater()
                try:
                    doc = json.loads(bytes(buffer).decode("utf-8") or "{}")
                    files = [str(f) for f in doc.get("files", [])][:100]
                except (ValueError, AttributeError, UnicodeDecodeError):
                    files = []
                self.request.emit(files)

            sock.readyRead.connect(read)
            sock.disconnected.connect(done)

    def close(self) -> None:
        self.server.close()


def notify_running(name: str, files: list[str], timeout_ms: int = 3000) -> bool:
    """Ask the running app to come forward (and open ``files``); ``False`` when nobody listens."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(json.dumps({"files": list(files)}).encode("utf-8"))
    ok = sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    if sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        sock.waitForDisconnected(timeout_ms)
    return ok
