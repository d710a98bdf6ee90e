"""Translations: Qt's own strings and the app's, for the system locale (English shipped).

Call ``install_translators(app)`` once, right after the ``QApplication`` exists and before any
window is built. User-visible strings in ``desktop/ui`` are written ``self.tr("...")`` (or
``QCoreApplication.translate("Context", "...")`` outside a QObject) so that ``pyside6-lupdate``
finds them; ``packaging/update_translations.sh`` refreshes ``resources/translations/*.ts`` and
compiles the ``.qm`` files the app loads.

A missing or unreadable translation is never an error: the app falls back to the English in the
source.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import ResourcesMissing, resource

APP_CATALOGUE = "stickability"
SHIPPED = ("en",)                     # languages with a catalogue in resources/translations


def translations_dir() -> Path | None:
    try:
        return resource("translations")
    except ResourcesMissing:
        return None


def available_languages() -> list[str]:
    """Language codes with a compiled app catalogue (``stickability_<code>.qm``)."""
    folder = translations_dir()
    if folder is None:
        return []
    prefix = APP_CATALOGUE + "_"
    return sorted(p.stem[len(prefix):] for p in folder.glob(f"{prefix}*.qm"))


def install_translators(app: QCoreApplication | None = None,
                        locale: QLocale | None = None) -> list[QTranslator]:
    """Install Qt's translation (standard buttons, dialogs) and the app's for ``locale``
    (default: the system locale). Returns the translators that loaded; they are also kept on
    the application object so they live as long as it does."""
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QApplication")
    locale = locale or QLocale.system()
    for old in getattr(app, "_stickability_translators", []):
        app.removeTranslator(old)
    loaded: list[QTranslator] = []

    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt)

    folder = translations_dir()
    ours = QTranslator(app)
    if folder is not None and ours.load(locale, APP_CATALOGUE, "_", str(folder)):
        loaded.append(ours)

    for translator in loaded:
        app.installTranslator(translator)
    app._stickability_translators = loaded       # keep them alive
    return loaded
