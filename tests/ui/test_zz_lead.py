from tests.ui.kbd import *
from tests.ui.kbd import K, ALT, CTRL
from PySide6.QtWidgets import QApplication
from desktop.domain.person import Person, AgencyInvolvement
from tests.ui.helpers import visible_texts, unlock, make_window

def desc(w):
    return f"{type(w).__name__}:{w.accessibleName() or w.objectName()}" if w else "None"

def walk(n=30):
    out=[]
    for i in range(n):
        out.append(desc(focus())); tab()
    return out

def test_lead(qtbot, tmp_path):
    from tests.sync.helpers import make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    pid = lead.people.add(Person(name="Morag Delacroix-Baird", known_as="Morag", agencies=[
        AgencyInvolvement("Housing", "Pat Low"), AgencyInvolvement("Fire and Rescue", "Sam Bell")])).id
    lead.lock()
    win = make_window(qtbot, tmp_path / "lead", auto_unlock=False)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, win)
    ws = win.workspace
    ws.caseload.select(pid); ws.caseload.focus_table(); press(K.Key_Return)
    press(K.Key_8, ALT); print("chron", desc(focus()))
    alt("a"); d = modal(); print("chron dlg", d and d.windowTitle()); print(walk(12))
    d.grab().save("/tmp/qa-lead-chron-dlg.png")
    press(K.Key_Escape)
    press(K.Key_6, ALT); print(walk(14))
    press(K.Key_5, ALT); alt("n"); d = modal(); print("risk", d and d.windowTitle()); print(walk(40))
    d.grab().save("/tmp/qa-lead-risk-dlg.png")
    press(K.Key_Escape)
    press(K.Key_7, ALT); alt("n"); d = modal(); print("meeting", d and d.windowTitle()); print(walk(20))
    press(K.Key_Tab, CTRL); print("ctrl-tab", walk(14))
    d.grab().save("/tmp/qa-lead-meeting-people.png")
