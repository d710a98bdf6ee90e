"""Helpers for the GUI tests (importable: ``from tests.ui.helpers import ...``)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tests.conftest import PASSPHRASE

__all__ = ["PASSPHRASE", "caseload_alerts", "make_window", "unlock", "visible_texts"]


def make_window(qtbot, folder, **kwargs):
    from desktop.ui.main_window import MainWindow
    window = MainWindow(folder, **kwargs)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    return window


def caseload_alerts(model, person_id: str, timeout: float = 20.0):
    """The caseload's Alerts cell of ``person_id`` once its alerts have arrived: they are
    evaluated off the GUI thread when the row is first painted (asked for here as painting
    does) or after a commit touched them."""
    import time

    from PySide6.QtWidgets import QApplication

    from desktop.ui import ops
    from desktop.ui.caseload.model import Col
    deadline = time.monotonic() + timeout
    while True:
        row = model.row_for(person_id)
        if row >= 0:
            model.index(row, Col.ALERTS).data()
        if model.alerts_settled(person_id):
            return model.index(model.row_for(person_id), Col.ALERTS)
        assert time.monotonic() < deadline, "the caseload's alerts never arrived"
        QApplication.processEvents()
        ops.wait_for_all(200)
        QApplication.processEvents()


def unlock(qtbot, window, passphrase: str = PASSPHRASE):
    """Type the passphrase and press Enter, as a person does."""
    from PySide6.QtCore import Qt
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=5000)
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None or page.message.kind == "error",
                    timeout=10_000)
    return window


def visible_texts(root: QWidget) -> list[str]:
    """Every piece of text a widget tree shows or exposes (labels, edits, buttons, items,
    accessible names, tooltips, the window title)."""
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QComboBox, QLabel, QLineEdit, QPlainTextEdit,
        QTabWidget, QTextEdit,
    )
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        texts += [w.accessibleName(), w.accessibleDescription(), w.toolTip(), w.windowTitle()]
        if isinstance(w, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            for r in range(m.rowCount()):
                for c in range(m.columnCount()):
                    texts.append(str(m.index(r, c).data() or ""))
    return [t for t in texts if t]


def open_unlocked(qtbot, store, size=(1280, 800)):
    """Lock ``store``, open a main window on its folder and unlock it by typing the passphrase,
    as a person starting the app does. Returns the window."""
    folder = store.folder
    store.lock()
    win = make_window(qtbot, folder, auto_unlock=False)
    win.resize(*size)
    qtbot.waitUntil(lambda: win.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, win)
    return win


def open_person_by_keyboard(qtbot, store, person_id: str, size=(1280, 800)):
    """``open_unlocked``, then the person opened from the caseload with Enter. Returns
    (window, store, workspace, person view)."""
    from PySide6.QtCore import Qt

    from tests.ui.kbd import press
    win = open_unlocked(qtbot, store, size)
    ws = win.workspace
    ws.caseload.select(person_id)
    ws.caseload.focus_table()
    press(Qt.Key.Key_Return)
    return win, win.store, ws, ws.person_view
