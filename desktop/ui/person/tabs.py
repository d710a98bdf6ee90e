"""The person screen's tabs, in order. To add a tab: import its class and add it to ``TABS``
(see ``desktop/ui/person/base.py`` for the contract: ``TITLE``, ``__init__(store, person_id,
parent=None)``, ``refresh()``)."""
from desktop.ui.casework.checklist_tab import ChecklistTab
from desktop.ui.casework.chronology_tab import ChronologyTab
from desktop.ui.casework.closure_tab import ClosureTab
from desktop.ui.casework.plan_tab import PlanTab
from desktop.ui.casework.referrals_tab import ReferralsTab
from desktop.ui.casework.risk_tab import RiskTab
from desktop.ui.fieldwork import caseload_alerts  # noqa: F401  (fills the Alerts column)
from desktop.ui.fieldwork.barriers_tab import BarriersTab
from desktop.ui.fieldwork.goals_tab import GoalsTab
from desktop.ui.fieldwork.overview_tab import OverviewTab
from desktop.ui.person.contacts_tab import ContactsTab
from desktop.ui.person.escalation_tab import EscalationTab
from desktop.ui.person.reports_tab import ReportsTab

TABS = [
    OverviewTab,        # fieldwork (desktop/ui/fieldwork): alerts, before you knock
    ContactsTab,
    GoalsTab, BarriersTab,
    # casework (desktop/ui/casework)
    RiskTab, ChecklistTab, PlanTab, ChronologyTab, ReferralsTab, EscalationTab, ClosureTab,
    ReportsTab,         # keep last (Design: … Chronology, Reports)
]
