"""The person screen's tabs, in order. To add a tab: import its class and add it to ``TABS``
(see ``desktop/ui/person/base.py`` for the contract: ``TITLE``, ``__init__(store, person_id,
parent=None)``, ``refresh()``)."""
from desktop.ui.person.checklist_tab import ChecklistTab
from desktop.ui.person.chronology_tab import ChronologyTab
from desktop.ui.person.closure_tab import ClosureTab
from desktop.ui.person.plan_tab import PlanTab
from desktop.ui.person.referrals_tab import ReferralsTab
from desktop.ui.person.risk_tab import RiskTab
from desktop.ui.caseload import alerts as caseload_alerts  # noqa: F401  (fills the Alerts column)
from desktop.ui.person.barriers_tab import BarriersTab
from desktop.ui.person.goals_tab import GoalsTab
from desktop.ui.person.overview_tab import OverviewTab
from desktop.ui.person.contacts_tab import ContactsTab
from desktop.ui.person.escalation_tab import EscalationTab
from desktop.ui.person.reports_tab import ReportsTab

TABS = [
    OverviewTab,        # alerts, before you knock
    ContactsTab,
    GoalsTab, BarriersTab,
    # the lead agency's procedure records (read-only on a field device)
    RiskTab, ChecklistTab, PlanTab, ChronologyTab, ReferralsTab, EscalationTab, ClosureTab,
    ReportsTab,         # keep last (Design: … Chronology, Reports)
]
