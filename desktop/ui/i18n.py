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

from desktop.i18n import N_, _
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
    install_catalogue_bridge(app)
    return loaded


# Qt's own words (standard buttons, the line edit's context menu, the file dialog's buttons)
# that Qt has no Welsh for: the app's gettext catalogue answers for them.
QT_CONTEXTS = ("QPlatformTheme", "QDialogButtonBox", "QMessageBox", "QLineEdit",
               "QWidgetTextControl", "QFileDialog", "QGnomeTheme")
QT_TEXTS = (N_("OK"), N_("&OK"), N_("Save"), N_("&Save"), N_("Save All"), N_("Open"),
            N_("&Open"), N_("&Yes"), N_("Yes to &All"), N_("&No"), N_("N&o to All"),
            N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"), N_("&Close"), N_("Cancel"),
            N_("&Cancel"), N_("Discard"), N_("Close without Saving"), N_("Help"),
            N_("Apply"), N_("Reset"), N_("Restore Defaults"), N_("&Undo"), N_("&Redo"),
            N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"), N_("Select All"),
            N_("&Delete"), N_("&Choose"), N_("Show Details..."), N_("Hide Details..."))


class CatalogueBridge(QTranslator):
    """Answers Qt's lookups in ``QT_CONTEXTS`` from the gettext catalogue (``_()``); no
    answer (a null string) means "not translated", so Qt keeps its English."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802
        if context in QT_CONTEXTS and source_text:
            # "Open" is also a case status ("Agored"); the button is the verb
            text = _("&Open").replace("&", "") if source_text == "Open" else _(source_text)
            if text != source_text:
                return text
        return None                              # a null string: "not translated here"

    def isEmpty(self) -> bool:                   # noqa: N802
        return False


def install_catalogue_bridge(app: QCoreApplication) -> None:
    """Install (once) the bridge from Qt's own strings to the app's catalogue; it answers in
    whatever language ``desktop.i18n`` has."""
    if getattr(app, "_stickability_bridge", None) is None:
        bridge = CatalogueBridge(app)
        app.installTranslator(bridge)
        app._stickability_bridge = bridge
