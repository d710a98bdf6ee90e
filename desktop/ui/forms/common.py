"""Small pieces the casework tabs share: the tab base, enum combos, record lists, and
palette-safe emphasis (icons and bold, never hard-coded colours). Dates, messages, hints and
headings come from ``desktop.ui.widgets``."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea,
    QStyle, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.ui.person.base import PersonTab
from desktop.ui.widgets import (  # noqa: F401  (re-exported for the casework tabs)
    MessageLabel, OptionalDateEdit, format_date, heading, hint, name, save_shortcuts)
from desktop.i18n import _, ngettext  # noqa: F401

ID = Qt.ItemDataRole.UserRole   # the record id on a tree row


def enum_combo(enum_cls, optional: str = "", parent: QWidget | None = None,
               exclude=()) -> QComboBox:
    """A combo of an enum's members by label; ``optional`` adds a first 'none' entry."""
    combo = QComboBox(parent)
    if optional:
        combo.addItem(optional, None)
    for member in enum_cls:
        if member not in exclude:
            label = getattr(member, "label", None) or member.value.replace("_", " ").capitalize()
            combo.addItem(label, member)
    return combo


def set_combo_data(combo: QComboBox, value) -> None:
    i = combo.findData(value)
    combo.setCurrentIndex(max(i, 0))


def bold(widget_or_font=None) -> QFont:
    font = QFont(widget_or_font.font()) if isinstance(widget_or_font, QWidget) else QFont()
    font.setBold(True)
    return font


def std_icon(widget: QWidget, which: str):
    """Palette-independent emphasis: 'warning', 'error', 'info', 'ok'."""
    pix = {"warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
           "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
           "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
           "ok": QStyle.StandardPixmap.SP_DialogApplyButton}[which]
    return widget.style().standardIcon(pix)


def date_edit(value=None) -> OptionalDateEdit:
    """The shell's optional date field, with its clear button named for screen readers."""
    edit = OptionalDateEdit(value=value)
    for b in edit.edit.findChildren(QToolButton):
        b.setAccessibleName(_("Clear the date"))
    return edit


def name_buttons(box) -> None:
    """Give a QDialogButtonBox's buttons accessible names (their text without mnemonics)."""
    for b in box.buttons():
        b.setAccessibleName(b.text().replace("&", ""))


def heading_label(text: str, scale: float = 1.25) -> QLabel:
    """A section heading inside a tab (smaller than a screen heading)."""
    return heading(text, scale)


class CaseworkTab(PersonTab):
    """A person tab (``TITLE``, ``__init__(store, person_id, parent=None)``, ``refresh()``);
    ``editable`` is True on the lead agency's install, where casework is kept."""

    @property
    def editable(self) -> bool:
        return getattr(self.store, "role", "field") == "lead"


# ---------------------------------------------------------------- lists of records

def tree_widget(columns, accessible: str, widths) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels([_(c) for c in columns])
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    name(tree, accessible, _("Enter opens the selected row"))
    for i, w in enumerate(widths):
        tree.setColumnWidth(i, w)
    tree.header().setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    return tree


def button(text: str, accessible: str, slot) -> QPushButton:
    b = QPushButton(text)
    name(b, accessible)
    b.clicked.connect(slot)
    return b


def button_row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def current_id(tree: QTreeWidget) -> str:
    node = tree.currentItem()
    return node.data(0, ID) if node is not None else ""


def select_id(tree: QTreeWidget, record_id: str) -> None:
    for i in range(tree.topLevelItemCount()):
        node = tree.topLevelItem(i)
        if node.data(0, ID) == record_id or (not record_id and i == 0):
            tree.setCurrentItem(node)
            return
    if tree.topLevelItemCount():
        tree.setCurrentItem(tree.topLevelItem(0))


def record_node(texts, record_id: str) -> QTreeWidgetItem:
    node = QTreeWidgetItem(list(texts))
    node.setData(0, ID, record_id)
    return node


def scroll_page(*widgets) -> QScrollArea:
    """A page of a tabbed form: the widgets stacked at the top, scrolling when the window is
    small (large text, a small laptop); not a Tab stop itself."""
    page = QWidget()
    col = QVBoxLayout(page)
    for w in widgets:
        col.addWidget(w)
    col.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(page)
    return area
