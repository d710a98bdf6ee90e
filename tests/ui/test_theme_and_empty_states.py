"""Palettes, font scaling, empty states, and the screenshots script."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QTableWidget

from desktop.app import parse_args
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.ui.empty_state import empty_text, set_empty_text
from desktop.ui.person.contacts_tab import ContactsTab
from desktop.ui.screenshots import END, START, update_readme
from desktop.ui.theme import (
    DARK_SHEET, HIGH_CONTRAST_SHEET, PALETTES, apply_theme, contrast_ratio, em, is_dark, is_high_contrast,
    palette,
)

R = QPalette.ColorRole


@pytest.fixture
def restore_app(qapp):
    app = qapp
    font, pal, sheet = QFont(app.font()), QPalette(app.palette()), app.styleSheet()
    yield app
    app.setStyleSheet(sheet)
    app.setPalette(pal)
    app.setFont(font)


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_palettes_keep_text_readable(name):
    pal = palette(name)
    # WCAG AA for body text (4.5:1) for text, placeholder text and selected text
    assert contrast_ratio(pal) >= 7
    for fg, bg in ((R.Text, R.Base), (R.PlaceholderText, R.Base), (R.ButtonText, R.Button),
                   (R.HighlightedText, R.Highlight), (R.PlaceholderText, R.Window)):
        probe = QPalette(pal)
        probe.setColor(R.Window, pal.color(bg))
        probe.setColor(R.WindowText, pal.color(fg))
        assert contrast_ratio(probe) >= 4.5, (name, fg, bg)
    assert is_dark(pal) == (name != "light")
    assert is_high_contrast(pal) == (name == "high-contrast")


def test_apply_theme_palette_font_and_high_contrast_frames(restore_app):
    app = restore_app
    size = app.font().pointSizeF()
    apply_theme(app, "high-contrast", 1.5)
    assert app.font().pointSizeF() == pytest.approx(size * 1.5)
    assert app.palette().color(R.Window).name() == "#000000"
    assert app.styleSheet() == HIGH_CONTRAST_SHEET
    assert "#" not in HIGH_CONTRAST_SHEET            # palette roles only, no fixed colours
    apply_theme(app, "dark")
    assert app.styleSheet() == DARK_SHEET and is_dark(app.palette())
    assert "#" not in DARK_SHEET
    with pytest.raises(ValueError):
        apply_theme(app, "sepia")
    assert set(PALETTES) == {"system", "light", "dark", "high-contrast"}


def test_app_options():
    args = parse_args(["--palette", "dark", "--font-scale", "1.5"])
    assert (args.palette, args.font_scale) == ("dark", 1.5)
    assert parse_args([]).palette == "system"
    with pytest.raises(SystemExit):
        parse_args(["--font-scale", "9"])


def test_column_widths_grow_with_the_text(qtbot, unlocked, restore_app):
    table = unlocked.workspace.caseload.table
    assert table.columnWidth(0) == em(table, 18)
    big = QFont(table.font())
    big.setPointSizeF(big.pointSizeF() * 1.5)
    table.setFont(big)
    assert em(table, 18) > table.columnWidth(0)


def test_empty_state_text_follows_the_rows(qtbot):
    table = QTableWidget(0, 2)
    qtbot.addWidget(table)
    table.setAccessibleDescription("Things")
    set_empty_text(table, "Nothing yet. Add one with New…")
    assert empty_text(table) == "Nothing yet. Add one with New…"
    assert table.accessibleDescription() == "Nothing yet. Add one with New…"
    table.setRowCount(1)
    assert empty_text(table) == "" and table.accessibleDescription() == "Things"
    table.setRowCount(0)
    assert table.accessibleDescription().startswith("Nothing yet")


def test_contact_timeline_says_what_to_do_until_the_first_attempt(qtbot, unlocked):
    person = unlocked.store.people.add(Person(name="Jean Whitlock"))
    tab = unlocked.workspace.open_person(person.id).tab(ContactsTab)
    assert "Log the first one above" in empty_text(tab.table)
    unlocked.store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    assert empty_text(tab.table) == ""


def test_readme_section_is_replaced_and_the_top_left_alone(tmp_path):
    readme = tmp_path / "README.md"
    top = "# App\n\n```sh\n./scripts/app\n./scripts/test\n```\n"
    readme.write_text(top + "\nMore.\n", encoding="utf-8")
    out = tmp_path / "docs" / "screenshots"
    update_readme(readme, [("01-caseload.png", "The caseload")], out)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(top) and "## Screenshots" in text
    assert "![The caseload](docs/screenshots/01-caseload.png)" in text
    update_readme(readme, [("01-setup.png", "Setup")], out)
    text = readme.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1
    assert "01-caseload" not in text and "01-setup.png" in text
    assert text.startswith(top)


def test_goal_step_boxes_show_in_the_dark_palette(qtbot, restore_app):
    """An unticked step's box was invisible on a dark list: its frame must stand out."""
    from PySide6.QtWidgets import QListWidget, QListWidgetItem
    apply_theme(restore_app, "dark")
    steps = QListWidget()
    qtbot.addWidget(steps)
    item = QListWidgetItem("Walk to the corner")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    steps.addItem(item)
    steps.resize(300, 80)
    steps.show()
    qtbot.waitExposed(steps)
    image = steps.viewport().grab().toImage()
    row = steps.visualItemRect(item)
    base = steps.palette().color(QPalette.ColorRole.Base).lightness()
    # The box sits at the row's start, before the text.
    box = [image.pixelColor(x, y).lightness() for x in range(row.left(), row.left() + 16)
           for y in range(row.top(), row.bottom())]
    assert max(box) - base > 100, (base, max(box))
