"""The Sync screen: export to a folder or drive, import files or a folder (drag and drop too),
progress and cancel, the summary, per-device status, and the review lists.

All slow work goes through ``desktop.ui.ops.run_in_background`` with ``desktop.sync`` doing the
work; this module only shows results. Opened from the main window (Sync menu, Ctrl+Shift+S).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
    QPlainTextEdit, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop.store.settings import SYNC_FOLDER
from desktop.sync import export_packages, import_paths, sync_status, sync_with_folder
from desktop.ui import ops
from desktop.ui.empty_state import set_empty_text
from desktop.ui.status_bar import sync_changed
from desktop.ui.sync.enrol_dialog import EnrolDialog
from desktop.ui.sync.review import ConflictsView, DuplicatesView, HeldView, QuarantineView
from desktop.ui.widgets import heading, hint, name
from desktop.i18n import N_, _, ngettext  # noqa: F401

DEVICE_HEADERS = [N_("Device"), N_("Kind"), N_("Fingerprint"), N_("Received up to"),
                  N_("Waiting for earlier packages"),
                  N_("Sent up to"), N_("Acknowledged"), N_("Not yet confirmed"),
                  N_("Not yet sent")]
# Plain column titles; the sync terms they stand for are in the tooltips.
DEVICE_TIPS = {4: N_("Held: packages received out of order, kept until the earlier ones "
                     "arrive"),
               7: N_("Awaiting acknowledgement: changes sent that the other side has not "
                     "confirmed receiving yet")}


class SyncDialog(QDialog):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.op: ops.Operation | None = None
        self.setWindowTitle(_("Sync"))
        name(self, _("Sync"))
        self.resize(980, 680)
        self.setAcceptDrops(True)

        self.identity_line = hint("")
        self.folder_line = QLabel("")
        self.folder_line.setWordWrap(True)
        name(self.folder_line, _("Sync folder"))
        self.sync_button = self._button(_("S&ync with folder"), self.sync_folder,
                                        _("Import what is waiting in the sync folder, then "
                                        "export everything new to it"))
        self.choose_folder_button = self._button(_("Choose sync &folder…"), self._choose_folder,
                                                 _("A shared drive or removable drive used by "
                                                 "both sides"))
        self.export_button = self._button(_("&Export to folder…"), self._choose_export,
                                          _("Write packages to a folder or USB stick"))
        self.import_files_button = self._button(_("&Import files…"), self._choose_files,
                                                _("Import package files (.stkpkg)"))
        self.import_folder_button = self._button(_("Import f&older…"), self._choose_import_folder,
                                                 _("Import every package in a folder"))
        self.enrol_button = self._button(_("E&nrolment…"), self.open_enrolment,
                                         _("Show this store's fingerprint; trust the other side"))
        self.drop_hint = hint(_("Or drop package files or a folder anywhere on this window to "
                              "import them."))

        self.progress = QProgressBar()
        name(self.progress, _("Progress"))
        self.progress_label = QLabel("")
        self.cancel_button = QPushButton(_("&Cancel"))
        name(self.cancel_button, _("Cancel"), _("Stop after the package being imported or written"))
        self.cancel_button.clicked.connect(self.cancel)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(130)
        name(self.summary, _("Result of the last sync"))
        self.summary.setPlaceholderText(_("The result of the last export or import shows here."))

        self.devices = QTableWidget(0, len(DEVICE_HEADERS))
        name(self.devices, _("Devices"))
        self.devices.setHorizontalHeaderLabels([_(h) for h in DEVICE_HEADERS])
        for column, tip in DEVICE_TIPS.items():
            self.devices.horizontalHeaderItem(column).setToolTip(_(tip))
        self.devices.verticalHeader().hide()
        self.devices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.devices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.devices.horizontalHeader().setStretchLastSection(True)
        self.devices.setTabKeyNavigation(False)      # Tab leaves the table; arrows move in it
        set_empty_text(self.devices, _("No device enrolled yet. Use Enrolment… to exchange "
                                     "enrolment files with the other side and compare the "
                                     "fingerprints by phone."))
        self.conflicts = ConflictsView(store)
        self.duplicates = DuplicatesView(store)
        self.quarantine = QuarantineView(store)
        self.held = HeldView(store)
        for view in self._views():
            view.changed.connect(self.refresh)
        self.tabs = QTabWidget()
        name(self.tabs, _("Sync details"))
        self.tabs.addTab(self.devices, _("&Devices"))
        self.tabs.addTab(self.conflicts, _("Conflicts"))
        self.tabs.addTab(self.duplicates, _("Possible duplicates"))
        self.tabs.addTab(self.quarantine, _("Quarantine"))
        self.tabs.addTab(self.held, _("Held packages"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Sync"), 1.4))
        layout.addWidget(self.identity_line)
        row = QHBoxLayout()
        row.addWidget(self.folder_line, 1)
        row.addWidget(self.choose_folder_button)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        for b in (self.export_button, self.import_files_button, self.import_folder_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.enrol_button)
        layout.addLayout(row)
        layout.addWidget(self.drop_hint)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._set_busy(False)
        self.refresh()

    def _button(self, text: str, slot, description: str) -> QPushButton:
        b = QPushButton(text)
        name(b, text, description, tooltip=True)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    # ---------------------------------------------------------------- status
    def refresh(self) -> None:
        if not self.store.is_open:
            return
        sync_changed(self)              # the status bar says the same as this screen
        status = sync_status(self.store)
        role = _("lead agency") if status["role"] == "lead" else _("field device")
        self.identity_line.setText(_('This store: {role}, fingerprint {value}.').format(role=role, value=status['fingerprint']))
        folder = status["sync_folder"]
        self.folder_line.setText(_('Sync folder: {folder}').format(folder=folder) if folder else
                                 _("Sync folder: not set. Choose one to sync in one click."))
        self.sync_button.setEnabled(bool(folder) and self.op is None)
        peers = status["peers"]
        self.devices.setRowCount(len(peers))
        for r, p in enumerate(peers):
            rec, sent = p["received"], p["sent"]
            held = ", ".join(map(str, rec["held"]))
            if rec["missing"]:
                held += _(" (missing {numbers})").format(numbers=", ".join(map(str, rec["missing"])))
            kind = _("lead agency") if p["kind"] == "agency" else _("field device")
            cells = [p["name"], kind, p["fingerprint"], str(rec["last_sequence"]),
                     held or _("none"), str(sent["last_sequence"]),
                     str(sent["acknowledged_through"]),
                     ngettext("{n} change", "{n} changes",
                              sent["unacknowledged_changes"]).format(
                         n=sent["unacknowledged_changes"]),
                     ngettext("{n} change", "{n} changes", sent["not_yet_exported"]).format(
                         n=sent["not_yet_exported"])]
            for c, text in enumerate(cells):
                self.devices.setItem(r, c, QTableWidgetItem(text))
        self.devices.resizeColumnsToContents()
        for view in self._views():
            view.reload()
        self.tabs.setTabText(1, _('&Conflicts ({value})').format(value=status['conflicts']))
        self.tabs.setTabText(2, _('Possible d&uplicates ({value})').format(value=status['duplicates']))
        self.tabs.setTabText(3, _('&Quarantine ({value})').format(value=status['quarantined']))
        self.tabs.setTabText(4, _('&Held packages ({value})').format(value=len(self.held.items)))

    def _views(self):
        return (self.conflicts, self.duplicates, self.quarantine, self.held)

    # ---------------------------------------------------------------- choosing
    def _pick_folder(self, title: str, slot) -> None:
        dialog = QFileDialog(self, title)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(slot)
        dialog.open()

    def _choose_folder(self) -> None:
        self._pick_folder(_("Choose the sync folder"), self.set_sync_folder)

    def _choose_export(self) -> None:
        self._pick_folder(_("Export packages to"), self.export_to)

    def _choose_import_folder(self) -> None:
        self._pick_folder(_("Import packages from"), lambda f: self.import_from([f]))

    def _choose_files(self) -> None:
        dialog = QFileDialog(self, _("Import package files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(_("Sync packages (*.stkpkg);;All files (*)"))
        dialog.filesSelected.connect(self.import_from)
        dialog.open()

    def set_sync_folder(self, folder: str) -> None:
        self.store.settings.set(SYNC_FOLDER, str(folder))
        self.refresh()

    def open_enrolment(self) -> EnrolDialog:
        dialog = EnrolDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.enrolled.connect(lambda _id: self.refresh())
        dialog.open()
        return dialog

    # ---------------------------------------------------------------- drag and drop
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self.op is None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_from(paths)

    # ---------------------------------------------------------------- work
    def export_to(self, folder: str | Path) -> None:
        store = self.store
        self._start(_("Exporting…"),
                    lambda progress, cancelled: export_packages(store, Path(folder), None,
                                                                progress, cancelled),
                    lambda result: self._show(result.message + "".join(
                        f"\n  {p}" for p in result.packages)))

    def import_from(self, paths) -> None:
        store, paths = self.store, [Path(p) for p in paths]
        self._start(_("Importing…"),
                    lambda progress, cancelled: import_paths(store, paths, progress, cancelled),
                    lambda summary: self._show(summary.text()))

    def sync_folder(self) -> None:
        store = self.store

        def done(pair):
            summary, result = pair
            self._show(f"{summary.text()}\n{result.message}")
        self._start(_("Syncing with the folder…"),
                    lambda progress, cancelled: sync_with_folder(store, progress, cancelled),
                    done)

    def _start(self, label: str, fn, on_success) -> None:
        if self.op is not None:
            return
        self._set_busy(True, label)
        self.op = ops.run_in_background(self, fn, lambda r: self._finished(on_success, r),
                                        self._failed, self._progress,
                                        on_cancelled=self._cancelled)

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.progress_label.setText(_("Stopping after the current package…"))

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, on_success, result) -> None:
        self.op = None
        self._set_busy(False)
        on_success(result)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.op = None
        self._set_busy(False)
        self._show(_('Could not finish: {exc}').format(exc=exc))
        self.refresh()

    def _cancelled(self) -> None:
        self.op = None
        self._set_busy(False)
        self._show(_("Cancelled. What was already imported or written is complete and safe; "
                   "run it again to carry on."))
        self.refresh()

    def _set_busy(self, busy: bool, label: str = "") -> None:
        for b in (self.sync_button, self.export_button, self.import_files_button,
                  self.import_folder_button, self.choose_folder_button, self.enrol_button):
            b.setEnabled(not busy)
        if not busy:
            self.sync_button.setEnabled(bool(self.store.is_open
                                             and self.store.settings.get(SYNC_FOLDER)))
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress_label.setText(label)
        self.progress.setRange(0, 0)

    def _show(self, text: str) -> None:
        self.summary.setPlainText(text)

    # ---------------------------------------------------------------- closing
    def done(self, result: int) -> None:
        if self.op is not None:
            self.op.cancel()
        for view in self._views():
            view.clear()
        super().done(result)
