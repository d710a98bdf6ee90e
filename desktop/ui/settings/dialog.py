"""File → Settings… (Ctrl+,): every setting of the typed registry, and the passphrase.

The "General" page is generated from ``desktop.store.settings.REGISTRY``: an ``int`` setting is a
spin box bounded by its minimum and maximum, a ``bool`` a check box, a ``str`` a line edit (a
folder picker when the key ends in ``_folder``, a drop-down when it has ``choices``); each shows its help text. A setting added to
the registry appears here with no change to this module (in "Other" until ``SECTIONS`` places
it). Save checks every value first and writes nothing unless all are good; ``saved`` carries the
keys that changed so the main window can apply them at once (the auto-lock time, the name in
the status bar). The "Passphrase and device" page (``settings_security``) acts at once.

Non-blocking (``open()``): locking closes it.
"""
from __future__ import annotations

import re

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGroupBox, QHBoxLayout,
    QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.store.settings import REGISTRY, Setting
from desktop.ui.settings.security import SecurityPage
from desktop.ui.widgets import (MessageLabel, add_row, form_layout, heading, hint, name,
                                 save_shortcuts)
from desktop.i18n import N_, _, ngettext  # noqa: F401

SECTIONS: list[tuple[str, list[str]]] = [
    (N_("You and your agency"), ["worker_name", "agency_name", "procedure", "holiday_region"]),
    (N_("This computer"), ["language"]),
    (N_("Safety and prompts"), ["auto_lock_minutes", "failed_attempts_threshold", "unseen_days",
                            "review_months", "supervision_weeks"]),
    # the folder last: its two controls (path, Browse…) end the page's Tab order
    (N_("Sync"), ["move_imported", "closed_case_days", "sync_folder"]),
]
OTHER = N_("Other")
RESERVED = (N_("&Save"), N_("&Browse…"))       # always there: their letters are taken


def with_mnemonic(label: str, used: set[str]) -> str:
    """``label`` with an ``&`` before a letter no other control of the dialog uses (word
    starts first); unchanged when every letter is taken."""
    if "&" in label:
        return label
    starts = [i for i, c in enumerate(label) if c.isalpha() and (i == 0 or label[i - 1] == " ")]
    others = [i for i, c in enumerate(label) if c.isalpha() and i not in starts]
    for i in starts + others:
        letter = label[i].lower()
        if letter not in used:
            used.add(letter)
            return label[:i] + "&" + label[i:]
    return label


class FolderEdit(QWidget):
    """A folder path, typed or picked with "Browse…" (a non-blocking folder dialog)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("No folder chosen"))
        self.browse = QPushButton(_("&Browse…"))
        name(self.browse, _('Choose the {value}').format(value=title.lower()))
        self.browse.clicked.connect(self.pick)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)
        self.setFocusProxy(self.edit)
        self.dialog: QFileDialog | None = None

    def setAccessibleName(self, text: str) -> None:     # noqa: N802 - Qt naming
        super().setAccessibleName(text)
        self.edit.setAccessibleName(text)

    def setAccessibleDescription(self, text: str) -> None:  # noqa: N802
        super().setAccessibleDescription(text)
        self.edit.setAccessibleDescription(text)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:               # noqa: N802
        self.edit.setText(text)

    def pick(self) -> QFileDialog:
        start = self.edit.text().strip() or str(Path.home())
        dialog = QFileDialog(self, _("Choose the {what}").format(what=self.title.lower()), start)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.edit.setText)
        dialog.open()
        self.dialog = dialog
        return dialog


class _FittingScrollArea(QScrollArea):
    """Asks for the whole page's height; the dialog caps it to the screen and scrolls."""

    def sizeHint(self):                                # noqa: N802 - Qt naming
        hint_ = super().sizeHint()
        inner = self.widget()
        if inner is not None:
            hint_.setHeight(inner.sizeHint().height() + 2 * self.frameWidth())
            hint_.setWidth(max(hint_.width(), inner.sizeHint().width() + 24))
        return hint_


class SettingEditor:
    """One setting's control: ``widget`` (what gets focus), ``value()``, ``set_value()``."""

    def __init__(self, setting: Setting):
        self.setting = setting
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(setting.minimum if setting.minimum is not None else -10**6,
                          setting.maximum if setting.maximum is not None else 10**6)
            spin.setMinimumWidth(110)
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.widget: QWidget = spin
        elif setting.type is bool:
            self.widget = QCheckBox(_(setting.label))
        elif setting.choices:
            combo = QComboBox()
            for value, label in setting.choices:
                combo.addItem(_(label), value)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.widget = combo
        elif setting.key.endswith("_folder"):
            self.widget = FolderEdit(_(setting.label))
        else:
            self.widget = QLineEdit()

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        return w.text().strip()

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        else:
            w.setText("" if value is None else str(value))

    def problem(self) -> str:
        """What is wrong with the value typed, in words a worker understands ('' when fine)."""
        s, value = self.setting, self.value()
        if s.type is str and getattr(s, "required", False) and not value:
            return _("{setting} is needed: it is recorded with everything you write.").format(
                setting=_(s.label))
        if s.key.endswith("_folder") and value and not Path(value).expanduser().is_dir():
            return _("The {setting} “{value}” does not exist. Connect the drive first, choose "
                     "another folder with Browse…, or leave it empty.").format(
                setting=_(s.label).lower(), value=value)
        try:
            s.coerce(value)
        except (TypeError, ValueError) as exc:
            return str(exc) or _("{setting}: that value cannot be used.").format(setting=_(s.label))
        return ""


class SettingsDialog(QDialog):
    """``saved`` carries the set of setting keys whose value changed."""

    saved = Signal(object)

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("Settings"))
        name(self, _("Settings"))
        self.setMinimumWidth(560)
        self.editors: dict[str, SettingEditor] = {}

        self.tabs = QTabWidget()
        name(self.tabs, _("Settings pages"))
        self.tabs.addTab(self._general_page(), _("General"))
        self.security = SecurityPage(store)
        self.tabs.addTab(self.security, _("Passphrase and device"))

        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save"))
        name(self.save_button, _("Save settings"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        name(self.cancel_button, _("Cancel"), _("Close without saving the General page (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save_shortcuts(self, self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Settings"), 1.3))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.load()
        self._fit_height()

    def _fit_height(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        limit = int(screen.height() * 0.85) if screen else 800
        self.resize(max(self.sizeHint().width(), 620), min(self.sizeHint().height() + 40, limit))

    # ---------------------------------------------------------------- building
    def _general_page(self) -> QWidget:
        sections: dict[str, list[Setting]] = {title: [] for title, _ignored in SECTIONS}
        placed = {key for _ignored, keys in SECTIONS for key in keys}
        for title, keys in SECTIONS:
            sections[title] = [REGISTRY[k] for k in keys if k in REGISTRY]
        extra = [s for k, s in REGISTRY.items() if k not in placed]
        if extra:
            sections[OTHER] = extra
        used = {m.lower() for text in RESERVED for m in re.findall(r"&(\w)", _(text))}
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(12)
        column.addWidget(hint(_("These settings are kept inside your encrypted store. Changes "
                              "apply as soon as you save.")))
        for title, settings in sections.items():
            if not settings:
                continue
            box = QGroupBox(_(title))
            form = form_layout()
            box.setLayout(form)
            for s in settings:
                editor = SettingEditor(s)
                self.editors[s.key] = editor
                if isinstance(editor.widget, QCheckBox):
                    editor.widget.setText(with_mnemonic(_(s.label), used))
                    name(editor.widget, _(s.label), _(s.help) if s.help else "")
                    form.addRow("", editor.widget)
                    if s.help:
                        form.addRow("", hint(_(s.help)))
                else:
                    add_row(form, with_mnemonic(_(s.label), used) + ":", editor.widget,
                            help=_(s.help) if s.help else "", accessible_name=_(s.label))
            column.addWidget(box)
        column.addStretch(1)
        scroll = _FittingScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widgets = [e.widget for e in self.editors.values()]
        for a, b in zip(widgets, widgets[1:]):
            QWidget.setTabOrder(a.focusProxy() or a, b.focusProxy() or b)
            if isinstance(a, FolderEdit):
                QWidget.setTabOrder(a.edit, a.browse)
                QWidget.setTabOrder(a.browse, b.focusProxy() or b)
        return scroll

    # ---------------------------------------------------------------- values
    def load(self) -> None:
        for key, editor in self.editors.items():
            try:
                editor.set_value(self.store.settings.get(key, derived=False))
            except (TypeError, ValueError):
                editor.set_value(editor.setting.default)

    def editor(self, key: str) -> SettingEditor:
        return self.editors[key]

    def problems(self) -> list[tuple[str, str]]:
        return [(k, p) for k, e in self.editors.items() if (p := e.problem())]

    def changed(self) -> dict[str, Any]:
        out = {}
        for key, editor in self.editors.items():
            value = editor.setting.coerce(editor.value())
            if value != self.store.settings.get(key, derived=False):
                out[key] = value
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            key, text = problems[0]
            more = _(' (and {value} more)').format(value=len(problems) - 1) if len(problems) > 1 else ""
            self.message.show_error(text + more)
            self.tabs.setCurrentIndex(0)
            self.editors[key].widget.setFocus()
            return
        try:
            changes = self.changed()
            if changes:
                with self.store.transaction():
                    for key, value in changes.items():
                        self.store.settings.set(key, value)
        except Exception as exc:  # noqa: BLE001 - shown, and nothing typed is lost
            self.message.show_error(_('The settings could not be saved: {exc}').format(exc=exc))
            return
        self.message.clear()
        self.saved.emit(set(changes))
        super().accept()
