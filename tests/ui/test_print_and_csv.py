"""Print… beside Make PDF… for every report (a QPrinter writing a PDF file stands in for the
printer chosen in Qt's print dialog), and Save as CSV… for the chronology and the action plan."""
from __future__ import annotations

import codecs
import subprocess
from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pypdf import PdfReader

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.ui.person.reports_tab import PAPERS, ReportsTab


def _tab(qtbot, store, person, tmp_path):
    tab = ReportsTab(store, person.id)
    qtbot.addWidget(tab)
    tab.show()
    printers = []

    def choose_printer(then):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"printed-{len(printers)}.pdf"))
        printers.append(printer)
        then(printer)
    tab.choose_printer = choose_printer
    return tab, printers


@pytest.mark.parametrize("kind", [k for k, _ in PAPERS if k != "meeting"])
def test_print_sends_every_page_of_the_report_to_the_printer(qtbot, store, person, tmp_path,
                                                            kind):
    store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER,
                       "curtains drawn", datetime(2026, 5, 28, 11, tzinfo=timezone.utc))
    tab, printers = _tab(qtbot, store, person, tmp_path)
    tab.kind.setCurrentIndex(tab.kind.findData(kind))
    tab.password.setText("not needed on paper")
    assert tab.print_button.isEnabled() and tab.print_button.text() == "Pr&int…"
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "to the printer" in tab.message.message(), timeout=60_000)
    out = tmp_path / "printed-0.pdf"
    pages = len(PdfReader(str(out)).pages)
    assert f"Sent {pages} page" in tab.message.message() and pages >= 1
    # the paper is not blank: its first page has dark ink where the report's title is
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(out), str(png)],
                   check=True)
    from PySide6.QtGui import QImage
    image = QImage(str(next(tmp_path.glob("page*.png"))))
    dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50
    assert tab.make.isEnabled() and tab.print_button.isEnabled()


def test_cancelling_the_print_dialog_prints_nothing(qtbot, store, person, tmp_path):
    tab, _ = _tab(qtbot, store, person, tmp_path)
    tab.choose_printer = lambda then: then(None)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.message.message() == "Nothing was printed.", timeout=30_000)


def test_save_as_csv_for_chronology_and_plan(qtbot, store, person, tmp_path):
    store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                       "rang twice", datetime(2026, 5, 28, 11, tzinfo=timezone.utc))
    tab, _ = _tab(qtbot, store, person, tmp_path)
    tab.choose_csv_path = lambda suggested: str(tmp_path / suggested)
    tab.kind.setCurrentIndex(tab.kind.findData("risk"))
    assert not tab.csv_button.isEnabled()
    tab.kind.setCurrentIndex(tab.kind.findData("chronology"))
    assert tab.csv_button.isEnabled()
    qtbot.mouseClick(tab.csv_button, Qt.MouseButton.LeftButton)
    out = tmp_path / f"chronology-{date.today():%Y-%m-%d}.csv"
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and "rang twice" in raw.decode("utf-8-sig")
    assert "Saved 1 row as CSV" in tab.message.message()
    tab.kind.setCurrentIndex(tab.kind.findData("plan"))
    qtbot.mouseClick(tab.csv_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / f"plan-{date.today():%Y-%m-%d}.csv").read_bytes().startswith(
        codecs.BOM_UTF8)
