"""First run: the setup screen creates the store and shows the recovery code once."""
from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop.store.store import Store
from desktop.ui.unlock import setup_wizard
from tests.ui.helpers import make_window

LEFT = Qt.MouseButton.LeftButton
CODE = re.compile(r"^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$")


def fill(page, passphrase="tea kettle lighthouse", confirm=None, qtbot=None):
    """Type the form (with ``qtbot``: key by key, as a person does)."""
    for edit, text in ((page.worker, "Sam Taylor"), (page.agency, "Community Nursing"),
                       (page.passphrase.first, passphrase),
                       (page.passphrase.second, passphrase if confirm is None else confirm)):
        edit.clear()
        if qtbot is None:
            edit.setText(text)
        else:
            qtbot.keyClicks(edit, text)


def test_first_run_creates_store_and_shows_recovery_code(qtbot, tmp_path):
    folder = tmp_path / "new-store"
    window = make_window(qtbot, folder)
    page = window.setup_page
    assert page is not None and window.stack.currentWidget() is page
    assert window.windowTitle() == "Stickability"

    lead = page.role_buttons["lead"]
    qtbot.mouseClick(lead, LEFT, pos=QPoint(8, lead.height() // 2))     # on its round button
    assert lead.isChecked()
    fill(page, qtbot=qtbot)
    qtbot.mouseClick(page.create_button, LEFT)
    qtbot.waitUntil(lambda: page.steps.currentIndex() == 1, timeout=10_000)
    code = page.recovery_code_shown()
    assert CODE.match(code), code
    assert Store.exists(folder)

    # Continue only once the worker says the code is stored.
    assert not page.continue_button.isEnabled()
    qtbot.mouseClick(page.continue_button, LEFT)
    assert window.workspace is None
    qtbot.keyClick(page.confirm, Qt.Key.Key_Space)         # the box: ticked
    assert page.continue_button.isEnabled()
    qtbot.mouseClick(page.continue_button, LEFT)
    assert window.workspace is not None and window.store.role == "lead"
    assert window.store.actor == "Sam Taylor" and window.store.agency == "Community Nursing"
    assert window.setup_page is None          # the code is not kept on any screen

    # The code shown really unlocks the store.
    window.lock()
    store = Store.unlock_with_recovery(folder, code)
    store.lock()


def test_setup_refuses_short_and_mismatched_passphrases(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s")
    page = window.setup_page
    fill(page, passphrase="short", qtbot=qtbot)
    qtbot.mouseClick(page.create_button, LEFT)
    assert page.message.kind == "error" and "Too short" in page.message.message()
    assert not Store.exists(tmp_path / "s")

    fill(page, passphrase="tea kettle lighthouse", confirm="tea kettle lighthous", qtbot=qtbot)
    qtbot.keyClick(page.passphrase.second, Qt.Key.Key_Return)
    assert "do not match" in page.message.message()
    assert not Store.exists(tmp_path / "s")

    fill(page, qtbot=qtbot)
    page.worker.setFocus()
    qtbot.keyClick(page.worker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.worker, Qt.Key.Key_Delete)
    qtbot.mouseClick(page.create_button, LEFT)
    assert "name" in page.message.message()


def test_strength_hint_updates_live(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s")
    fields = window.setup_page.passphrase
    fields.first.setText("abc")
    assert fields.meter.value() == 0 and "Too short" in fields.hint.text()
    fields.first.setText("correct horse battery staple")
    assert fields.meter.value() == 4


def test_copy_puts_code_on_clipboard_and_clears_it(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(setup_wizard, "CLIPBOARD_CLEAR_MSECS", 50)
    window = make_window(qtbot, tmp_path / "s")
    page = window.setup_page
    fill(page, qtbot=qtbot)
    qtbot.keyClick(page.passphrase.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.steps.currentIndex() == 1, timeout=10_000)
    qtbot.mouseClick(page.copy_button, LEFT)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == page.recovery_code_shown()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)
    assert "cleared" in page.copy_note.text()


def test_strength_function():
    from desktop.ui.passphrase import strength
    assert strength("")[0] == 0
    assert strength("123456789")[0] == 0
    assert strength("password123")[0] == 1
    assert strength("aaaaaaaaaaaa")[0] == 1
    assert strength("correct horse battery staple")[0] == 4
    assert strength("Tr0ub4dor&3x")[0] >= 2


def test_setup_refuses_a_guessable_passphrase_and_shows_zxcvbn_feedback(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s")
    page = window.setup_page
    page.worker.setText("Sam Taylor")
    page.agency.setText("Community Nursing")
    page.passphrase.first.setFocus()
    qtbot.keyClicks(page.passphrase.first, "P@ssw0rd2024!")
    qtbot.keyClicks(page.passphrase.second, "P@ssw0rd2024!")
    assert page.passphrase.meter.value() < 3
    assert "commonly used password" in page.passphrase.hint.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.message.kind == "error" and "cannot be used" in page.message.message()
    assert not Store.exists(tmp_path / "s")
    assert page.focusWidget() is page.passphrase.first


def test_recovery_code_prints_and_enter_continues(qtbot, tmp_path):
    """Print… sends one page with the code to the chosen printer (here a PDF printer, to read
    it back); Enter continues only once the box is ticked."""
    import subprocess

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication
    window = make_window(qtbot, tmp_path / "s")
    page = window.setup_page
    page.worker.setFocus()
    qtbot.keyClicks(page.worker, "Sam Taylor")
    qtbot.keyClicks(page.agency, "Community Nursing")
    qtbot.keyClicks(page.passphrase.first, "tea kettle lighthouse")
    qtbot.keyClicks(page.passphrase.second, "tea kettle lighthouse")
    qtbot.keyClick(page.passphrase.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.steps.currentIndex() == 1, timeout=10_000)
    code = page.recovery_code_shown()

    pdf = tmp_path / "printed.pdf"

    def pdf_printer(then):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        then(printer)
    page.choose_printer = pdf_printer
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert "Sent to the printer" in page.recovery_message.message()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert code in text and "Sam Taylor" in text

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)   # not ticked yet
    assert window.workspace is None
    assert "Tick" in page.recovery_message.message()
    assert QApplication.focusWidget() is page.confirm
    qtbot.keyClick(page.confirm, Qt.Key.Key_Space)
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert window.workspace is not None
