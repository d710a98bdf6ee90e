"""The Qt half of ``--self-test`` (see ``desktop/selftest.py``): can this installation start Qt,
find a platform plugin for the desktop it runs on, draw its SVG icon, load its translations and
show its help? Each step is ``(name, fn(ctx) -> detail)``; a failure raises."""
from __future__ import annotations

import os
import sys

from desktop.resources import icon_file


def _app():
    """A QApplication on the offscreen platform: a self-test never shows a window."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "stickability"])


def step_qt(ctx) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo
    _app()
    wanted = {"linux": "libqxcb", "win32": "qwindows", "darwin": "libqcocoa"}
    plugin = next((v for k, v in wanted.items() if sys.platform.startswith(k)), None)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    found = sorted(f for f in os.listdir(os.path.join(folder, "platforms"))) \
        if os.path.isdir(os.path.join(folder, "platforms")) else []
    if plugin and not any(f.startswith(plugin) for f in found):
        raise RuntimeError(f"no {plugin} platform plugin in {folder}/platforms: a window could "
                           f"not open on this desktop (found: {', '.join(found) or 'none'})")
    return f"PySide6 {pyside_version}, platform plugins: {len(found)}"


def step_icon(ctx) -> str:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from desktop.ui.app_icon import app_icon
    _app()
    renderer = QSvgRenderer(str(icon_file()))
    if not renderer.isValid():
        raise RuntimeError("the SVG icon did not load")
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if image.pixelColor(32, 32).alpha() == 0:
        raise RuntimeError("the SVG icon drew nothing")
    sizes = app_icon().availableSizes()
    if len(sizes) < 8:
        raise RuntimeError(f"only {len(sizes)} icon sizes found")
    return f"SVG renders, {len(sizes)} PNG sizes"


def step_translations(ctx) -> str:
    from PySide6.QtCore import QLocale
    from desktop.ui import i18n
    app = _app()
    languages = i18n.available_languages()
    if "en" not in languages:
        raise RuntimeError("the English catalogue (stickability_en.qm) is missing")
    loaded = i18n.install_translators(app, QLocale(QLocale.Language.English))
    if not any(t.filePath().endswith("stickability_en.qm") for t in loaded):
        raise RuntimeError("the English catalogue did not load")
    return f"languages: {', '.join(languages)}"


def step_help(ctx) -> str:
    from desktop.ui.help_window import HelpWindow
    _app()
    window = HelpWindow()
    try:
        if not window.topics:
            raise RuntimeError("no help topics found")
        for topic in window.topics:
            if not window.show_topic(topic.id) or not window.browser.toPlainText().strip():
                raise RuntimeError(f"help topic {topic.id!r} did not show")
    finally:
        window.deleteLater()
    return f"{len(window.topics)} topics"


def qt_steps() -> list:
    return [("Start Qt and find the platform plugin", step_qt),
            ("Draw the app icon", step_icon),
            ("Load the translations", step_translations),
            ("Show every help topic", step_help)]
