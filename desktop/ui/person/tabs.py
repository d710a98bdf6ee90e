"""The person screen's tabs, in order. To add a tab: import its class and add it to ``TABS``
(see ``desktop/ui/person/base.py`` for the contract: ``TITLE``, ``__init__(store, person_id,
parent=None)``, ``refresh()``)."""
from desktop.ui.person.contacts_tab import ContactsTab
from desktop.ui.person.reports_tab import ReportsTab

TABS = [
    ContactsTab,
    ReportsTab,         # keep last (Design: … Chronology, Reports)
]
