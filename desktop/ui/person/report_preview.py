"""Preview a report before saving it (only when Qt's PDF module is installed). The PDF is shown
from memory; nothing is written until the worker presses Save."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout
from desktop.i18n import _, ngettext  # noqa: F401


class PreviewDialog(QDialog):
    def __init__(self, data: bytes, pages: int, password: str, on_save, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Report preview"))          # never personal data in a title
        self.resize(900, 1000)
        self._on_save = on_save
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        if password:
            self.document.setPassword(password)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        col = QVBoxLayout(self)
        col.addWidget(QLabel(ngettext("{n} page. Nothing is saved until you press Save.",
                                      "{n} pages. Nothing is saved until you press Save.",
                                      pages).format(n=pages)))
        col.addWidget(view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)

    def _save(self) -> None:
        if self._on_save() is not None:
            self.accept()

    def done(self, result: int) -> None:
        self.document.close()
        self._buffer.close()
        super().done(result)
