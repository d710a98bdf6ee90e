"""What every person tab shares. A tab is a QWidget with:

* ``TITLE`` — the tab's label;
* ``__init__(self, store, person_id, parent=None)`` — build the widgets and load;
* ``refresh(self)`` — re-read everything from the store (called after any committed change
  while the tab is visible, and when it is shown after changes happened elsewhere);
* optionally ``clear(self)`` — drop personal data (before locking; the default does nothing
  because the whole screen is destroyed right after).

Subclassing ``PersonTab`` is optional but gives ``self.store``, ``self.person_id``,
``self.person()`` and ``self.status(text)``. Slow work goes through ``desktop.ui.ops``.
Reports tabs: import reportlab inside the function that needs it, never at module level, so
the app keeps starting fast.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.widgets import status_message


class PersonTab(QWidget):
    TITLE = ""

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.person_id = person_id

    def person(self):
        """The person as stored now (``desktop.domain.person.Person``)."""
        return self.store.people.require(self.person_id)

    def refresh(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        pass

    def status(self, text: str) -> None:
        """A short line in the status bar; never personal data."""
        status_message(self, text)
