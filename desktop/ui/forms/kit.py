"""What the person screens take from the shared widgets (``desktop/ui/widgets.py``,
``desktop/ui/dates.py``, ``desktop/ui/person/base.py``). Forms themselves are declared with
``desktop.ui.forms.object_form`` (fields, list editors) inside ``FormDialog``."""
from __future__ import annotations

from desktop.ui.person.base import PersonTab  # noqa: F401
from desktop.ui.widgets import (  # noqa: F401
    MessageLabel, OptionalDateEdit, add_row, format_date, format_datetime, heading, hint, name,
    parse_date, strip_mnemonic,
)
