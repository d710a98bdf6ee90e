"""Child process for the UI and memory figures: the real main window, offscreen, on the big
caseload store. Prints one JSON object of timings (seconds) and resident memory (MB).

    python -m bench.app_probe STORE_DIR HEAVY_PERSON_ID
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(store_dir: str, heavy: str) -> dict:
    from PySide6.QtWidgets import QApplication
    from desktop.store.store import Store
    from desktop.ui.main_window import MainWindow
    from bench.stores import PASSPHRASE
    out: dict = {"rss_start": rss_mb()}
    t0 = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(store_dir, auto_unlock=False)
    window.show()
    app.processEvents()
    store = Store.unlock(store_dir, PASSPHRASE)

    def timed(key, fn):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        app.processEvents()              # layout and paint of what changed
        out[key] = time.perf_counter() - t
        out[key + "_cpu"] = time.process_time() - c
        return result

    import desktop.ui.workspace  # noqa: F401  (imported on first unlock: timed on its own)
    out["workspace_import"] = time.perf_counter() - t0

    timed("caseload_open", lambda: window.open_workspace(store))
    view = window.workspace.caseload
    out["caseload_rows"] = view.model.rowCount()
    from desktop.ui.caseload.model import Col
    from PySide6.QtCore import Qt
    timed("caseload_sort", lambda: view.table.sortByColumn(Col.LAST_CONTACT,
                                                          Qt.SortOrder.DescendingOrder))
    timed("caseload_search", lambda: view.search.setText("Crui"))
    timed("caseload_search_clear", lambda: view.search.setText(""))
    out["rss_caseload"] = rss_mb()
    person = timed("person_open", lambda: window.workspace.open_person(heavy))
    out["contacts_rows"] = _rows_of(person)
    chron_cls = _tab_class(person, "ChronologyTab")
    if chron_cls is not None:
        timed("chronology_open", lambda: person.show_tab(chron_cls))
        out["chronology_rows"] = _rows_of(person.tab(chron_cls))
    from desktop.ui.person.contacts_tab import ContactsTab
    person.show_tab(ContactsTab)
    app.processEvents()
    bar = person.tab(ContactsTab).quick_log
    lat, cpu = [], []
    for i in range(int(os.environ.get("BENCH_UI_LOGS", "10"))):
        # the outcomes offered follow the method (a letter is "sent", never "seen")
        bar.outcome.setCurrentIndex(i % bar.outcome.count())
        bar.note.setText("No answer at the door.")
        t, c = time.perf_counter(), time.process_time()
        ok = bar.save()
        app.processEvents()
        lat.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert ok, _message(bar)
    out["ui_log"], out["ui_log_cpu"] = lat, cpu
    out["rss_end"] = rss_mb()
    out["rss_peak"] = peak_mb()
    window.lock()
    return out


def _message(bar) -> str:
    for attr in ("message", "text"):
        fn = getattr(bar.message, attr, None)
        if callable(fn):
            return f"quick-log refused: {fn()}"
    return "quick-log refused"


def _tab_class(person, name: str):
    from desktop.ui.person import tabs
    return next((c for c in tabs.TABS if c.__name__ == name), None)


def _rows_of(widget) -> int | None:
    from PySide6.QtWidgets import QAbstractItemView
    if widget is None:
        return None
    views = widget.findChildren(QAbstractItemView)
    counts = [v.model().rowCount() for v in views if v.model() is not None]
    return max(counts) if counts else None


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
