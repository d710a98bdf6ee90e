"""The SPOC's fieldwork screens: person tabs (``OverviewTab``, ``GoalsTab``, ``BarriersTab``),
the visit-details dialog for a seen contact, the person-record dialog, and drafts offered back
after an unlock. Tabs follow the person-tab contract (``TITLE``, ``__init__(store, person_id,
parent=None)``, ``refresh()``)."""
