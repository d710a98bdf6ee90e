"""The crawler: use the app as a person would, everywhere at once.

It opens the demo store (a field worker's) and a lead agency's store, visits every screen and
every person tab, presses every Add / New / Remove / Save button and every button that opens a
dialog ("…"), and in each dialog fills the empty text fields, presses every Add and Remove,
then presses Ctrl+S (and Save if the dialog is still open). It fails on an uncaught exception
(``sys.excepthook``), an Add that adds no row, a Save or Ctrl+S that neither saves nor shows a
message, an Alt+letter claimed twice in one window as it shows (every screen, every page of
every dialog, the unlock screen, each menu), and the procedures' shorthand (RARA, IRD, NPR, SAB…)
shown as a label instead of plain words; each failure names the screen and the button. File choosers (export, import, PDFs) are left out: they open the system's dialogs.
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
                               QDialog, QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit,
                               QSpinBox, QTabWidget, QWidget)

from desktop.ui.dates import OptionalDateEdit
from desktop.ui.forms.object_form import ListEditor
from desktop.ui.widgets import MessageLabel
from tests.ui.helpers import make_window, unlock
from tests.ui.mnemonics import clashes, jargon, menu_clashes

LEFT = Qt.MouseButton.LeftButton
PRESS = re.compile(r"^(Add|New|Remove|Delete|Save|Log|Record|Edit|Open)\b|…$")
SKIP = re.compile(r"folder|file|Export|Import|Print|PDF|Preview|Choose|Browse|Discard|Lock|"
                  r"passphrase|recovery|Copy|Restore|Resume|Help|Back", re.IGNORECASE)


@dataclass
class Crawl:
    screens: list[str] = field(default_factory=list)
    dialogs: int = 0
    pressed: int = 0
    failures: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    ctrl_s: int = 0
    where: str = ""
    seen_boxes: dict = field(default_factory=dict)

    def fail(self, what: str) -> None:
        self.failures.append(f"{self.where}: {what}")

    def check_mnemonics(self, window: QWidget) -> None:
        """No Alt+letter claimed twice in the window as it shows now."""
        for letter, owners in clashes(window).items():
            line = f"{self.where}: Alt+{letter.upper()} claimed by {', '.join(owners)}"
            if line not in self.clashes:
                self.clashes.append(line)
        for shown in jargon(window):
            line = f"{self.where}: shorthand shown: {shown}"
            if line not in self.clashes:
                self.clashes.append(line)


def _text(b: QAbstractButton) -> str:
    return b.text().replace("&", "").strip() or b.accessibleName()


def _live(w) -> bool:
    return w is not None and shiboken6.isValid(w)


def _usable(b: QAbstractButton) -> bool:
    return _live(b) and b.isVisible() and b.isEnabled()


def _open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and _live(w) and w.isVisible()]


def _shows_a_message(dlg: QWidget) -> bool:
    for m in dlg.findChildren(MessageLabel):
        if m.isVisible() and m.message().strip():
            return True
    return any(isinstance(w, QMessageBox) for w in _open_dialogs())


def _saves(b: QAbstractButton) -> bool:
    """A dialog's Save: "Save …", or its button box's accept button ("Add person")."""
    text = _text(b)
    if SKIP.search(text) or text.endswith("…"):
        return False
    box = b.parentWidget()
    return text.startswith("Save") or isinstance(box, QDialogButtonBox) and \
        box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole


def _messages(dlg: QWidget) -> list[str]:
    return [m.message() for m in dlg.findChildren(MessageLabel) if m.isVisible()]


class Crawler:
    def __init__(self, qtbot, crawl: Crawl):
        self.qtbot, self.c = qtbot, crawl
        # File choosers and message boxes run their own event loop: close them if they stay.
        self.watchdog = QTimer()
        self.watchdog.setInterval(250)
        self.watchdog.timeout.connect(self._close_stuck)
        self.watchdog.start()

    def _close_stuck(self) -> None:
        now = time.monotonic()
        for w in QApplication.topLevelWidgets():
            if not (_live(w) and w.isVisible()):
                continue
            if isinstance(w, QFileDialog):
                w.reject()
            elif isinstance(w, QMessageBox) and w.isModal():
                first = self.c.seen_boxes.setdefault(id(w), now)
                if now - first > 2:
                    w.reject()

    def settle(self) -> None:
        self.qtbot.wait(30)

    def press(self, button: QAbstractButton) -> None:
        self.c.pressed += 1
        self.qtbot.mouseClick(button, LEFT)
        self.settle()

    # ---------------------------------------------------------------- screens
    def crawl_screen(self, name: str, root: QWidget) -> None:
        self.c.screens.append(name)
        self.c.where = name
        self.c.check_mnemonics(root.window())
        done: set[str] = set()
        while _live(root) and root.isVisible():
            todo = [b for b in root.findChildren(QAbstractButton)
                    if _usable(b) and PRESS.search(_text(b)) and not SKIP.search(_text(b))
                    and _text(b) not in done and not self._in_list_editor(b)]
            if not todo:
                break
            b = todo[0]
            done.add(_text(b))
            self.c.where = f"{name} / {_text(b)}"
            before = {id(d) for d in _open_dialogs()}
            self.press(b)
            for dlg in _open_dialogs():
                if id(dlg) not in before:
                    self.crawl_dialog(f"{name} / {_text(b)}", dlg)
        for editor in root.findChildren(ListEditor) if _live(root) else []:
            if _live(editor) and editor.isVisible():
                self.c.where = f"{name} / {editor.noun}"
                self.list_editor(editor)

    @staticmethod
    def _in_list_editor(b: QAbstractButton) -> bool:
        p = b.parentWidget()
        while p is not None:
            if isinstance(p, ListEditor):
                return True
            p = p.parentWidget()
        return False

    # ---------------------------------------------------------------- dialogs
    def crawl_dialog(self, where: str, dlg: QDialog) -> None:
        self.c.dialogs += 1
        title = dlg.windowTitle() or type(dlg).__name__
        self.c.where = f"{where} → {title}"
        if isinstance(dlg, QMessageBox):
            self.qtbot.keyClick(dlg, Qt.Key.Key_Escape)
            self.settle()
            if _live(dlg) and dlg.isVisible():
                dlg.reject()
            return
        pages = dlg.findChildren(QTabWidget)
        for tabs in pages or [None]:
            for i in range(tabs.count() if tabs else 1):
                if tabs is not None:
                    if not _live(tabs):
                        break
                    tabs.setCurrentIndex(i)
                    self.settle()
                    self.c.where = f"{where} → {title} / {tabs.tabText(i).replace('&', '')}"
                self.c.check_mnemonics(dlg)
                self.fill(dlg)
                for editor in dlg.findChildren(ListEditor):
                    if _live(editor) and editor.isVisible():
                        self.c.where = f"{where} → {title} / {editor.noun}"
                        self.list_editor(editor)
        self.c.where = f"{where} → {title}"
        save = [b for b in dlg.findChildren(QAbstractButton) if _usable(b) and _saves(b)]
        if save:
            self.c.where = f"{where} → {title} / Ctrl+S"
            self.ctrl_s(dlg)
        if save and _live(dlg) and dlg.isVisible():
            self.c.where = f"{where} → {title} / {_text(save[0])}"
            self.press(save[0])
            if _live(dlg) and dlg.isVisible() and not _shows_a_message(dlg):
                self.c.fail("Save neither closed the dialog nor said why")
        for box in _open_dialogs():
            if isinstance(box, QMessageBox):
                box.reject()
        if _live(dlg) and dlg.isVisible():
            self.qtbot.keyClick(dlg, Qt.Key.Key_Escape)
            self.settle()
        if _live(dlg) and dlg.isVisible():
            dlg.reject()
            self.settle()

    def ctrl_s(self, dlg: QDialog) -> None:
        """Ctrl+S, pressed where the focus is, saves (the dialog is accepted) or says why not."""
        before = _messages(dlg)
        dlg.activateWindow()
        focus = QApplication.focusWidget()
        target = focus if focus is not None and focus.window() is dlg else dlg
        results: list[int] = []
        dlg.finished.connect(results.append)
        self.c.ctrl_s += 1
        self.qtbot.keyClick(target, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        self.settle()
        if not (_live(dlg) and dlg.isVisible()):
            if results != [QDialog.DialogCode.Accepted.value]:
                self.c.fail("Ctrl+S closed the dialog without saving")
        elif _messages(dlg) == before and not any(
                isinstance(w, QMessageBox) for w in _open_dialogs()):
            self.c.fail("Ctrl+S neither saved nor said why")

    def fill(self, dlg: QDialog) -> None:
        """Type into every empty, editable text field, as a hurried worker would."""
        for w in dlg.findChildren(QLineEdit):
            if not (w.isVisible() and w.isEnabled() and not w.isReadOnly() and not w.text()):
                continue
            p = w.parentWidget()
            if isinstance(p, (OptionalDateEdit, QComboBox, QSpinBox, QDateTimeEdit)) or \
                    w.echoMode() != QLineEdit.EchoMode.Normal:
                continue
            w.setFocus()
            self.qtbot.keyClicks(w, "Crawler")
        for w in dlg.findChildren(QPlainTextEdit):
            if w.isVisible() and w.isEnabled() and not w.isReadOnly() and \
                    not w.toPlainText():
                w.setFocus()
                self.qtbot.keyClicks(w, "Crawler note")

    def list_editor(self, editor: ListEditor) -> None:
        if not _usable(editor.add_button):
            return
        before = editor.list.count()
        self.press(editor.add_button)
        if editor.list.count() != before + 1:
            self.c.fail(f"Add {editor.noun} added no row")
            return
        if _usable(editor.remove_button):
            self.press(editor.remove_button)
            if editor.list.count() != before:
                self.c.fail(f"Remove {editor.noun} removed no row")
            self.press(editor.add_button)
        first = editor.form.fields[0] if editor.form.fields else None
        w = editor.form.widgets.get(first.attr) if first else None
        if isinstance(w, QLineEdit) and not w.text():
            w.setFocus()
            self.qtbot.keyClicks(w, "Crawler")


def _crawl_window(qtbot, crawler: Crawler, window, people: list[str]) -> None:
    ws = window.workspace
    crawler.crawl_screen("Caseload", ws.caseload)
    for pid in people:
        view = ws.open_person(pid)
        crawler.settle()
        for i in range(view.tab_widget.count()):
            view.show_tab_index(i)
            crawler.settle()
            name = view.tab_widget.tabText(i).replace("&", "")
            crawler.crawl_screen(f"Person: {name}", view.tab_widget.widget(i))
        ws.back_to_caseload()
    def open_by_key(keys: str) -> QDialog | None:
        before = {id(d) for d in _open_dialogs()}
        seq = QKeySequence(keys)[0]
        window.activateWindow()
        ws.focus_default()
        crawler.settle()
        qtbot.keyClick(QApplication.focusWidget() or window, seq.key(), seq.keyboardModifiers())
        crawler.settle()
        new = [d for d in _open_dialogs() if id(d) not in before]
        return new[0] if new else None

    for name, keys in (("Sync", "Ctrl+Shift+S"), ("Settings", "Ctrl+,")):
        screen = open_by_key(keys)
        assert screen is not None, f"{keys} opened no {name} screen (open: " \
            f"{[d.windowTitle() for d in _open_dialogs()]}, focus: {QApplication.focusWidget()})"
        crawler.crawl_screen(name, screen)
        for d in _open_dialogs():
            d.reject()
    crawler.c.where = "Settings / Ctrl+S"          # an editable screen: Ctrl+S saves it too
    crawler.ctrl_s(open_by_key("Ctrl+,"))


@pytest.mark.qt_no_exception_capture
def test_crawl_every_screen_of_a_field_and_a_lead_store(qtbot, tmp_path, monkeypatch):
    from desktop.demo import DEMO_PASSPHRASE, build_demo_store
    from desktop.store.store import Store
    from desktop.synthetic import Spec, case_study, populate
    from tests.conftest import PASSPHRASE

    crawl = Crawl()
    errors = []
    monkeypatch.setattr(sys, "excepthook",
                        lambda t, v, tb: errors.append(f"{crawl.where}: {t.__name__}: {v}"))
    demo, _ = build_demo_store(tmp_path / "demo", log2_n=10, people=3)
    field_people = [p.id for p in demo.people.where(order="name")][:2]
    demo.lock()
    lead, _code = Store.create(tmp_path / "lead", PASSPHRASE, role="lead", worker="Lee Lead",
                               agency="Social Work")
    with lead.transaction():
        lead_person = case_study.seed(lead)
    populate(lead, Spec(people=2, attempts_per_person=6, years=1, seed=3))
    lead.lock()

    crawler = Crawler(qtbot, crawl)
    for folder, passphrase, people in ((tmp_path / "demo", DEMO_PASSPHRASE, field_people),
                                       (tmp_path / "lead", PASSPHRASE, [lead_person])):
        window = make_window(qtbot, folder, auto_unlock=False)
        qtbot.waitUntil(lambda: window.unlock_page.keychain_checked, timeout=5000)
        crawl.where = "Unlock"
        crawl.check_mnemonics(window)
        unlock(qtbot, window, passphrase)
        assert window.workspace is not None
        for menu, letters in menu_clashes(window).items():
            crawl.clashes.append(f"menu {menu}: {letters}")
        _crawl_window(qtbot, crawler, window, people)
        window.lock()
        window.close()
    crawler.watchdog.stop()
    print(f"\ncrawler: {len(crawl.screens)} screens, {crawl.dialogs} dialogs, "
          f"{crawl.pressed} buttons pressed, Ctrl+S pressed in {crawl.ctrl_s} dialogs")
    assert not errors, "\n".join(errors)
    assert not crawl.failures, "\n".join(crawl.failures)
    assert not crawl.clashes, "\n".join(crawl.clashes)
    assert len(crawl.screens) >= 20 and crawl.dialogs >= 15 and crawl.pressed >= 100
