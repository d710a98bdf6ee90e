"""Reports: choose a paper (SPOC report, chronology, risk assessment, checklist, action plan,
closure record or a meeting's minutes) and a period, optionally a password, then make the PDF
off the GUI thread and save it where the worker chooses (an atomic write).

The PDF is built in memory. With Qt's PDF module it is previewed before saving; without it, it
is saved and then opened with the system's viewer. reportlab is imported only when a report is
made, never when the tab is created.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLineEdit, QProgressBar,
                               QPushButton, QVBoxLayout)

from desktop.ui import ops
from desktop.ui.person.base import PersonTab
from desktop.ui.widgets import (MessageLabel, OptionalDateEdit, add_row, form_layout, heading,
                                hint, name)
from desktop.i18n import N_, _, ngettext  # noqa: F401

# kind -> title; kept here so the tab does not import desktop.reports' heavier modules
PAPERS = (("spoc", N_("SPOC between-meeting report")), ("chronology", N_("Inter-agency chronology")),
          ("risk", N_("Multi-agency risk assessment")), ("checklist", N_("Engagement checklist")),
          ("plan", N_("Action plan")), ("closure", N_("Closure record")),
          ("meeting", N_("Meeting record / minutes")))
CSV_KINDS = ("chronology", "plan")
LEAVES_STORE = (N_("A PDF leaves the encrypted store: anyone who gets the file can read it unless "
                "you set a password. Save it only where your agency allows, and delete it when "
                "it is no longer needed."))


def qt_pdf_available() -> bool:
    try:
        from PySide6 import QtPdf, QtPdfWidgets  # noqa: F401
    except ImportError:
        return False
    return True


class ReportsTab(PersonTab):
    TITLE = N_("Reports")

    def __init__(self, store, person_id: str, parent=None):
        super().__init__(store, person_id, parent)
        self._op = None
        self._password_used = ""
        self.pending = None          # (bytes, pages, suggested file name) while previewing
        col = QVBoxLayout(self)
        col.addWidget(heading(_("Print the papers for a meeting"), 1.2))
        form = form_layout()
        self.kind = QComboBox()
        for key, title in PAPERS:
            self.kind.addItem(_(title), key)
        add_row(form, _("&Report:"), self.kind)
        self.meeting = QComboBox()
        add_row(form, _("&Meeting:"), self.meeting, _("For the meeting record / minutes."))
        self.since, self.until = OptionalDateEdit(), OptionalDateEdit()
        add_row(form, _("Fr&om:"), self.since,
                _("Leave empty for the default: the SPOC report runs from the last meeting "
                "(or the last three months); the other papers cover every record."))
        add_row(form, _("&To:"), self.until, _("Leave empty for up to today."))
        self.agency = QLineEdit()
        add_row(form, _("&Agency:"), self.agency, _("Chronology only: one agency's entries."))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        add_row(form, _("Pass&word (optional):"), self.password,
                _("Whoever opens the PDF will need it. Tell them by phone, not in the same email."))
        col.addLayout(form)
        self.warning = MessageLabel()
        self.warning.show_message(_(LEAVES_STORE), MessageLabel.WARNING)
        col.addWidget(self.warning)
        row = QHBoxLayout()
        self.make = QPushButton(_("Ma&ke PDF\u2026"))
        name(self.make, _("Make PDF"), _("Build the report and choose where to save it."))
        self.make.clicked.connect(self.start)
        self.print_button = QPushButton(_("Pr&int\u2026"))
        name(self.print_button, _("Print"), _("Build the report and print it (the print dialog "
                                         "chooses the printer)."))
        self.print_button.clicked.connect(self.start_print)
        self.csv_button = QPushButton(_("Save as &CSV\u2026"))
        name(self.csv_button, _("Save as CSV"),
             _("The chronology or the action plan as a spreadsheet file (opens in Excel)."))
        self.csv_button.clicked.connect(self.export_csv)
        self.cancel = QPushButton(_("Cancel"))
        self.cancel.clicked.connect(self._cancel)
        self.cancel.setEnabled(False)
        row.addWidget(self.make)
        row.addWidget(self.print_button)
        row.addWidget(self.csv_button)
        row.addWidget(self.cancel)
        row.addStretch(1)
        col.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        name(self.progress, _("Report progress"))
        col.addWidget(self.progress)
        self.message = MessageLabel()
        col.addWidget(self.message)
        col.addWidget(hint(_("Reports use the records as they are now; nothing is changed.")))
        col.addStretch(1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.refresh()

    # ------------------------------------------------------------------ tab contract
    def refresh(self) -> None:
        current = self.meeting.currentData()
        self.meeting.clear()
        meetings = getattr(self.store, "meetings", None)
        if meetings is not None and self.store.is_open:
            for m in meetings.for_person(self.person_id):
                self.meeting.addItem(f"{m.kind.label}, {m.date.day} {m.date:%b %Y}", m.id)
        if current:
            i = self.meeting.findData(current)
            if i >= 0:
                self.meeting.setCurrentIndex(i)
        self._kind_changed()

    def clear(self) -> None:
        self.pending = None
        self.password.clear()
        self.meeting.clear()

    # ------------------------------------------------------------------ making the PDF
    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        is_meeting = kind == "meeting"
        self.meeting.setEnabled(is_meeting)
        for w in (self.since, self.until):
            w.setEnabled(not is_meeting)
        self.agency.setEnabled(kind == "chronology")
        self.csv_button.setEnabled(kind in CSV_KINDS and self._op is None)

    def request(self) -> dict | str:
        """The chosen report as keyword arguments for ``render_report``, or a message saying
        what to fix."""
        kind = self.kind.currentData()
        if kind == "meeting":
            if self.meeting.currentData() is None:
                return _("There is no meeting recorded for this person yet.")
            return {"kind": "meeting", "meeting_id": self.meeting.currentData()}
        for w, what in ((self.since, _("From")), (self.until, _("To"))):
            if not w.is_valid():
                return f"{what}: {w.error()}"
        since, until = self.since.date(), self.until.date()
        if since and until and since > until:
            return _("The period starts after it ends: swap the dates.")
        return {"kind": kind, "person_id": self.person_id, "since": since, "until": until,
                "agency": self.agency.text().strip() or None}

    def start(self, *, for_printing: bool = False) -> None:
        req = self.request()
        if isinstance(req, str):
            self.message.show_error(req)
            return
        self.message.clear()
        # paper needs no password: it is for a printer, not a file that travels
        password = None if for_printing else self.password.text() or None
        self._password_used = password or ""
        store = self.store

        def work(progress, cancelled):
            from desktop.reports import render_report
            def report(fraction, text):
                if cancelled():
                    raise ops.Cancelled()
                progress(int(fraction * 100), 100, text)
            return render_report(store, password=password, progress=report, **req)

        self._busy(True)
        after = self._print_built if for_printing else (lambda r: self._built(r, req))
        self._op = ops.run_in_background(self, work, after, self._failed, self._progress,
                                         on_cancelled=lambda: self._busy(False))

    # ------------------------------------------------------------------ printing
    def start_print(self) -> None:
        self.start(for_printing=True)

    def _print_built(self, rendered) -> None:
        self._busy(False)
        self.choose_printer(lambda printer: self._send_to_printer(rendered.data, printer))

    def _send_to_printer(self, data: bytes, printer) -> None:
        if printer is None:
            self.message.show_message(_("Nothing was printed."))
            return

        def work(progress, cancelled):
            from desktop.ui.printing import print_pdf
            return print_pdf(data, printer, progress, cancelled)

        def printed(pages: int) -> None:
            self._busy(False)
            self._printer = None
            self.message.show_message(ngettext("Sent {n} page to the printer.",
                                               "Sent {n} pages to the printer.",
                                               pages).format(n=pages))
            self.status(_("Report printed."))

        self._printer = printer          # kept alive until the worker is done with it
        from desktop.ui.printing import load_image_plugins
        load_image_plugins()
        self._busy(True)
        self._op = ops.run_in_background(self, work, printed, self._failed, self._progress,
                                         on_cancelled=lambda: self._busy(False))

    # ------------------------------------------------------------------ CSV
    def export_csv(self) -> str | None:
        kind = self.kind.currentData()
        if kind not in CSV_KINDS:
            return None
        path = self.choose_csv_path(f"{kind}-{date.today():%Y-%m-%d}.csv")
        if not path:
            self.message.show_message(_("Nothing was saved."))
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        from desktop.reports import csv_export
        try:
            if kind == "chronology":
                n = csv_export.write_chronology(self.store, self.person_id, path,
                                                agency=self.agency.text().strip() or None)
            else:
                n = csv_export.write_action_plan(self.store, self.person_id, path)
        except OSError as exc:
            self.message.show_error(_('The CSV file could not be written: {strerror}.').format(strerror=exc.strerror))
            return None
        self.message.show_message(ngettext(
            "Saved {n} row as CSV. The file has left the encrypted store: keep it only where "
            "your agency allows.",
            "Saved {n} rows as CSV. The file has left the encrypted store: keep it only where "
            "your agency allows.", n).format(n=n))
        self.status(_("CSV saved."))
        return path

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setValue(done)
        self.progress.setFormat(f"{text} (%p%)")

    def _busy(self, on: bool) -> None:
        if not on:
            self._op = None
        self.make.setEnabled(not on)
        self.print_button.setEnabled(not on)
        self.csv_button.setEnabled(not on and self.kind.currentData() in CSV_KINDS)
        self.cancel.setEnabled(on)
        self.progress.setVisible(on)
        if on:
            self.progress.setValue(0)

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        from desktop.reports.base import ReportError
        if isinstance(exc, (ReportError, ValueError)):
            self.message.show_error(str(exc))
        else:
            ops.default_failure(self, exc)

    def _built(self, rendered, req: dict) -> None:
        self._busy(False)
        # a file name without personal data: the kind and today's date
        suggested = f"{req['kind']}-report-{date.today():%Y-%m-%d}.pdf"
        self.pending = (rendered.data, rendered.pages, suggested)
        if qt_pdf_available():
            from desktop.ui.person.report_preview import PreviewDialog
            PreviewDialog(rendered.data, rendered.pages, self._password_used,
                          on_save=self.save_as, parent=self).open()
        else:
            self.save_as(open_after=True)

    def save_as(self, open_after: bool = False, path: str | None = None) -> str | None:
        """Ask where to save the pending PDF (unless ``path`` is given) and save it."""
        if self.pending is None:
            return None
        data, pages, suggested = self.pending
        if path is None:
            path = self.choose_path(suggested)
            if not path:
                self.message.show_message(_("The report was not saved."))
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from desktop.reports import save_pdf
        from desktop.reports.base import ReportError
        try:
            saved = save_pdf(data, path)
        except ReportError as exc:
            self.message.show_error(str(exc))
            return None
        self.pending = None
        self.message.show_message(ngettext("Saved ({n} page).", "Saved ({n} pages).",
                                           pages).format(n=pages))
        self.status(_("Report saved."))
        if open_after:
            self.open_file(str(saved))
        return str(saved)

    # hooks (tests replace them)
    def choose_printer(self, then) -> None:
        """Qt's print dialog, window-modal and not blocking (an idle lock can still close it):
        ``then`` gets the chosen printer, or ``None`` when cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the report"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        dialog.accepted.connect(lambda: then(printer))
        dialog.rejected.connect(lambda: then(None))
        QDialog.open(dialog)          # QPrintDialog.open() only takes a receiver and a slot

    def choose_csv_path(self, suggested: str) -> str:
        path, _ignored = QFileDialog.getSaveFileName(self, _("Save as CSV"), suggested,
                                              "CSV files (*.csv)")
        return path

    def choose_path(self, suggested: str) -> str:
        path, _ignored = QFileDialog.getSaveFileName(self, _("Save the report"), suggested,
                                              "PDF files (*.pdf)")
        return path

    def open_file(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
