"""The desktop app: ``stickability`` / ``python -m desktop``.

    stickability [--store PATH] [--demo] [--self-test] [--palette NAME] [--font-scale N]
                 [--version] [FILE.stkpkg ...]

``--store`` picks the store folder (default: ``STICKABILITY_STORE`` or the user data directory).
``--demo`` opens a throwaway store filled with invented people (``desktop.demo``), deleted on
exit. ``--self-test`` checks the installation headless and exits (``desktop.selftest``; no
window, no user data touched). ``--palette dark|light|high-contrast`` and ``--font-scale 1.5``
force a palette and a larger font (checking screens and taking screenshots; by default the app
follows the system's palette and font). ``FILE``s are sync packages to import: the Sync screen
opens with them (after the unlock). One app per store: a second launch on the same store
brings the first window forward (handing it its files) and exits. Only what the first screen needs is imported before the window
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

from desktop import __version__
from desktop.i18n import _, ngettext  # noqa: F401

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


#: the reverse-DNS id: desktop entry, AppStream metainfo, MIME file, icon name
APP_ID = "org.stickability.Stickability"
#: named mutex the Windows installer waits on (AppMutex in packaging/windows/stickability.iss)
WINDOWS_MUTEX = "StickabilityAppMutex"


def _windows_app_mutex():
    """Held while the app runs, so the installer asks to close it before replacing files."""
    if sys.platform != "win32":
        return None
    import ctypes
    return ctypes.windll.kernel32.CreateMutexW(None, False, WINDOWS_MUTEX)


def _language(code: str) -> str:
    from desktop import i18n
    try:
        i18n.resolve(code)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return code


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="stickability",
        description=_("Stickability: safeguarding outreach and engagement escalation, offline."))
    parser.add_argument("--version", action="version", version=f"stickability {__version__}")
    parser.add_argument("--language", metavar="CODE", type=_language,
                        help=_("language of the app: cy (Cymraeg), en (English) or system "
                             "(default: the setting, else the system's)"))
    parser.add_argument("--store", metavar="PATH|URL",
                        help=_("store folder (default: the user data directory), or the lead "
                             "agency's hub: postgresql://… or service=NAME"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open a throwaway store with invented people (deleted on exit)"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("check this installation headless (temporary stores, a sync "
                             "package, a PDF, Qt) and exit: 0 if every step passed"))
    parser.add_argument("--palette", choices=("system", "light", "dark", "high-contrast"),
                        default="system",
                        help=_("force a palette instead of the system's (checking, screenshots)"))
    parser.add_argument("--font-scale", type=float, default=1.0, metavar="N",
                        help=_("scale the application font, e.g. 1.5 (0.5 to 3)"))
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help=_("sync packages (.stkpkg) to import (opens the Sync screen)"))
    args = parser.parse_args(argv)
    if not 0.5 <= args.font_scale <= 3.0:
        parser.error(_("--font-scale must be between 0.5 and 3"))
    return args


def _remembered_or_default():
    """The store chosen with File → Open store… last time, if it is still there; else the
    user data directory."""
    from desktop.store.paths import default_store_dir
    from desktop.store.postgres import as_location, is_url
    from desktop.ui.unlock.open_store import remembered_location
    remembered = remembered_location()
    if remembered and (is_url(remembered) or Path(remembered).is_dir()):
        return as_location(remembered)
    return default_store_dir()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    from desktop import i18n
    option = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--language"),
                  next((a.split("=", 1)[1] for a in argv if a.startswith("--language=")), None))
    try:
        language = i18n.start(option)           # before the help, any window or message
    except ValueError as exc:
        print(f"stickability: {exc}", file=sys.stderr)
        return 2
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from desktop import logs
    logs.setup()                            # the rotating log + faulthandler (desktop/logs.py)
    logging.getLogger(__name__).info("starting %s", "desktop.app")
    if args.self_test:                      # before any QApplication exists
        from desktop.selftest import main as self_test
        return self_test()

    from PySide6.QtWidgets import QApplication

    from desktop.store.paths import default_store_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Stickability")
    app.setApplicationName("Stickability")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)          # Wayland/X11 match the window to the .desktop entry
    app._windows_mutex = _windows_app_mutex()
    from desktop.ui.app_icon import app_icon
    from desktop.ui.i18n import install_translators
    app.setWindowIcon(app_icon())
    from PySide6.QtCore import QLocale
    QLocale.setDefault(QLocale(language))   # dates and numbers in the UI (desktop/ui/dates.py)
    install_translators(app, QLocale(language))
    from desktop.ui import crash_dialog
    crash_dialog.install(app)
    from desktop.ui.theme import apply_theme
    apply_theme(app, args.palette, args.font_scale)

    demo_dir: Path | None = None
    demo_store = None
    if args.demo:
        from desktop.demo import DEMO_PASSPHRASE, build_demo_store
        demo_dir = Path(tempfile.mkdtemp(prefix="stickability-demo-"))
        store_dir = demo_dir / "store"
        demo_store, _ignored = build_demo_store(store_dir)
        hint = f"Demo store with invented people. The passphrase is “{DEMO_PASSPHRASE}”."
    else:
        from desktop.store.postgres import as_location
        store_dir = as_location(args.store) if args.store else _remembered_or_default()
        hint = ""

    from PySide6.QtCore import QTimer

    instance_lock = server = None
    if demo_dir is None:                    # one app per store (desktop/store/instance.py)
        from desktop.store.instance import StoreInUse, acquire, channel_name
        from desktop.ui.single_instance import InstanceServer, notify_running
        files = [str(Path(f).expanduser().resolve()) for f in args.files]
        try:
            instance_lock = acquire(store_dir)
        except StoreInUse as exc:
            if notify_running(channel_name(store_dir), files):
                return 0                    # the running window came forward
            from PySide6.QtWidgets import QMessageBox
            QMessageBox.warning(None, _("Stickability is already open"),
                                f"{exc}\n\nSwitch to that window, or close it and try again.")
            print(str(exc), file=sys.stderr)
            return 1
        except OSError as exc:
            logging.getLogger(__name__).warning("store lock not available: %s", exc)
        server = InstanceServer(channel_name(store_dir), app)

    from desktop.ui.main_window import MainWindow

    # Ctrl+C / SIGTERM in a terminal quit cleanly (the demo store is still deleted): Python
    # handles signals only between bytecodes, so a timer wakes it up now and then.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_ignored: app.quit())
    wake = QTimer()
    wake.start(500)
    wake.timeout.connect(lambda: None)
    try:
        window = MainWindow(store_dir, demo_hint=hint, auto_unlock=not args.demo)
        if demo_store is not None:
            window.open_workspace(demo_store)
        window.show()
        if server is not None:
            server.request.connect(window.bring_forward)
        if args.files:
            window.open_files([str(Path(f).expanduser().resolve()) for f in args.files])
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
        if server is not None:
            server.close()
        if instance_lock is not None:
            instance_lock.release()


if __name__ == "__main__":
    raise SystemExit(main())
