"""Lead-agency casework tabs of the person workspace: Risk, Checklist, Plan & meetings,
Chronology, Referrals & supervision, Closure.

Each tab follows the person-tab contract (``TITLE``, ``__init__(store, person_id, parent=None)``,
``refresh()``). The lead agency edits; on a field device (``store.role == "field"``) the tabs are
read-only except for adding chronology entries.
"""
