"""The desktop app: ``stickability`` / ``python -m desktop``.

    stickability [--store PATH] [--demo] [--self-test] [--palette NAME] [--font-scale N]

``--store`` picks the store folder (default: ``STICKABILITY_STORE`` or the user data directory).
``--demo`` opens a throwaway store filled with invented people (``desktop.demo``), deleted on
exit. ``--self-test`` checks the installation headless and exits (``desktop.selftest``; no
window, no user data touched). ``--palette dark|light|high-contrast`` and ``--font-scale 1.5``
force a palette and a larger font (checking screens and taking screenshots; by default the app
follows the system's palette and font). Only what the first screen needs is imported before the window
shows.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path


#: benchmark hook (``bench/startup.py``): quit as soon as the first screen has been painted
EXIT_AFTER_FIRST_PAINT = "STICKABILITY_EXIT_AFTER_FIRST_PAINT"


def _quit_after_first_paint(app, window) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    window._first_paint = _FirstPaint(window)
    window.installEventFilter(window._first_paint)
    QTimer.singleShot(20000, app.quit)      # never leave a benchmark hanging


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="stickability",
        description="Stickability: safeguarding outreach and engagement escalation, offline.")
    parser.add_argument("--store", metavar="PATH|URL",
                        help="store folder (default: the user data directory), or the lead "
                             "agency's hub: postgresql://… or service=NAME")
    parser.add_argument("--demo", action="store_true",
                        help="open a throwaway store with invented people (deleted on exit)")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation headless (temporary stores, a sync "
                             "package, a PDF, Qt) and exit: 0 if every step passed")
    parser.add_argument("--palette", choices=("system", "light", "dark", "high-contrast"),
                        default="system",
                        help="force a palette instead of the system's (checking, screenshots)")
    parser.add_argument("--font-scale", type=float, default=1.0, metavar="N",
                        help="scale the application font, e.g. 1.5 (0.5 to 3)")
    args = parser.parse_args(argv)
    if not 0.5 <= args.font_scale <= 3.0:
        parser.error("--font-scale must be between 0.5 and 3")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.self_test:                      # before any QApplication exists
        from desktop.selftest import main as self_test
        return self_test()

    from PySide6.QtWidgets import QApplication

    from desktop.store.paths import default_store_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Stickability")
    app.setApplicationName("Stickability")
    from desktop.ui.app_icon import app_icon
    from desktop.ui.i18n import install_translators
    app.setWindowIcon(app_icon())
    install_translators(app)
    from desktop.ui.theme import apply_theme
    apply_theme(app, args.palette, args.font_scale)

    demo_dir: Path | None = None
    demo_store = None
    if args.demo:
        from desktop.demo import DEMO_PASSPHRASE, build_demo_store
        demo_dir = Path(tempfile.mkdtemp(prefix="stickability-demo-"))
        store_dir = demo_dir / "store"
        demo_store, _ = build_demo_store(store_dir)
        hint = f"Demo store with invented people. The passphrase is “{DEMO_PASSPHRASE}”."
    else:
        from desktop.store.postgres import as_location
        store_dir = as_location(args.store) if args.store else default_store_dir()
        hint = ""

    from PySide6.QtCore import QTimer

    from desktop.ui.main_window import MainWindow

    # Ctrl+C / SIGTERM in a terminal quit cleanly (the demo store is still deleted): Python
    # handles signals only between bytecodes, so a timer wakes it up now and then.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    wake = QTimer()
    wake.start(500)
    wake.timeout.connect(lambda: None)
    try:
        window = MainWindow(store_dir, demo_hint=hint, auto_unlock=not args.demo)
        if demo_store is not None:
            window.open_workspace(demo_store)
        window.show()
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):
            _quit_after_first_paint(app, window)
        return app.exec()
    finally:
        from desktop.ui import ops
        ops.wait_for_all(5000)
        if demo_store is not None:
            demo_store.lock()
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
