"""What the help screens need to know about this app: keys that are not menu actions (the
shortcuts dialog lists every QAction by itself and adds these), and which guide topic belongs to
which screen (F1 opens the guide there)."""
from __future__ import annotations

from desktop.i18n import N_

#: (where, [(keys, what it does)]) for keys that no QAction carries
SHORTCUTS = [
    (N_("Caseload"), [
        ("Esc", N_("Clear the search")),
        ("Up / Down", N_("Move through the list")),
        ("Enter", N_("Open the selected person")),
    ]),
    (N_("Person screen"), [
        ("Tab / Shift+Tab", N_("Method → outcome → note → …")),
        ("Enter", N_("Save the attempt (in the quick-log bar)")),
        ("Alt+1 … Alt+9", N_("Switch between the sections (tabs)")),
        ("Ctrl+Tab", N_("Next section")),
        ("Esc", N_("Back to the caseload")),
        ("Alt+Down", N_("Open the calendar of a date field")),
    ]),
]

#: person-tab title → topic id in resources/help/ (desktop/ui/help_window.py)
TAB_TOPICS = {
    "Overview": "spoc",
    "Contacts": "contact-loop",
    "Goals": "small-goals",
    "Barriers": "escalation",
    "Risk": "risk",
    "Checklist": "checklist",
    "Plan & meetings": "meetings",
    "Chronology": "chronology",
    "Referrals & supervision": "escalation",
    "Closure": "closure",
    "Reports": "meetings",
}


def topic_for(tab) -> str:
    """The guide topic for a person tab (its ``HELP_TOPIC``, else by its title), or the
    overview when no person is open."""
    if tab is None:
        return "overview"
    return getattr(tab, "HELP_TOPIC", None) or TAB_TOPICS.get(getattr(tab, "TITLE", ""),
                                                              "overview")
