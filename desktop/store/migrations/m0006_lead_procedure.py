"""The lead agency's procedure: escalation and de-escalation records, professional
disagreements, agencies withdrawing, the referral received and its referrer's updates,
decisions on worrying visits; meeting invitations, chair's role and minutes' distribution;
closure agreements of senior managers, the risks-addressed decision and a management override;
who was told about a risk; corrections of contact attempts. Columns only added: an older store
opens and keeps every row."""
from desktop.store.migrations.m0001_core import RECORD_META

VERSION = 6


def up(db):
    for sql in STATEMENTS:
        if sql.startswith("ALTER TABLE"):
            table, column = sql.split()[2], sql.split()[5]
            have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
            if column in have:      # a store re-run from an older version mark: keep it
                continue
        db.execute(sql)


def _add(table: str, *columns: str) -> list[str]:
    return [f"ALTER TABLE {table} ADD COLUMN {c}" for c in columns]


STATEMENTS = [
    *_add("contact_attempt", "correction_reason TEXT NOT NULL DEFAULT ''", "corrected_at TEXT"),
    *_add("meeting", "invitations TEXT", "chair_role TEXT NOT NULL DEFAULT ''",
          "chair_agency TEXT NOT NULL DEFAULT ''", "distribution TEXT",
          "risk_assessment_id TEXT NOT NULL DEFAULT ''", "chair_line_manager_on TEXT",
          "chair_line_manager_note TEXT NOT NULL DEFAULT ''"),
    *_add("closure", "senior_agreements TEXT", "risks_addressed TEXT NOT NULL DEFAULT ''",
          "override TEXT", "blockers_overridden TEXT"),
    *_add("risk_assessment", "told TEXT"),
    f"""CREATE TABLE IF NOT EXISTS escalation ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        escalated_on TEXT NOT NULL,
        escalated_by TEXT NOT NULL,
        agency TEXT NOT NULL DEFAULT '',
        criteria TEXT,
        irds TEXT,
        rationale TEXT NOT NULL DEFAULT '',
        meeting_id TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS escalation_person ON escalation (person_id, escalated_on)",
    f"""CREATE TABLE IF NOT EXISTS deescalation ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        decided_on TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        basis TEXT NOT NULL DEFAULT 'risk_reduced',
        decision TEXT NOT NULL DEFAULT '',
        rationale TEXT NOT NULL DEFAULT '',
        consensus INTEGER NOT NULL DEFAULT 0,
        continuing_support TEXT NOT NULL DEFAULT '',
        meeting_id TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS deescalation_person ON deescalation (person_id, decided_on)",
    f"""CREATE TABLE IF NOT EXISTS professional_disagreement ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        raised_on TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        agency TEXT NOT NULL,
        about TEXT NOT NULL,
        route TEXT NOT NULL DEFAULT 'discussion',
        outcome TEXT NOT NULL DEFAULT '',
        resolved_on TEXT,
        sab_escalated_on TEXT,
        sab_reference TEXT NOT NULL DEFAULT '',
        meanwhile TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS professional_disagreement_person ON professional_disagreement (person_id)",
    f"""CREATE TABLE IF NOT EXISTS agency_withdrawal ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        agency TEXT NOT NULL,
        worker TEXT NOT NULL DEFAULT '',
        withdrawn_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        ongoing_support TEXT NOT NULL DEFAULT '',
        informed TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS agency_withdrawal_person ON agency_withdrawal (person_id)",
    f"""CREATE TABLE IF NOT EXISTS incoming_referral ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        received_on TEXT NOT NULL,
        referrer TEXT NOT NULL,
        referrer_agency TEXT NOT NULL DEFAULT '',
        referrer_contact TEXT NOT NULL DEFAULT '',
        concern TEXT NOT NULL DEFAULT '',
        services_to_date TEXT NOT NULL DEFAULT '',
        evidence_of_need TEXT NOT NULL DEFAULT '',
        expected_outcomes TEXT NOT NULL DEFAULT '',
        feedback_expected TEXT NOT NULL DEFAULT '',
        known_risks TEXT NOT NULL DEFAULT '',
        triggers TEXT NOT NULL DEFAULT '',
        strategies_tried TEXT NOT NULL DEFAULT '',
        updates TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS incoming_referral_person ON incoming_referral (person_id)",
    f"""CREATE TABLE IF NOT EXISTS concern_decision ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        visit_id TEXT NOT NULL DEFAULT '',
        decided_on TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        raise_concern INTEGER NOT NULL DEFAULT 0,
        rationale TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS concern_decision_person ON concern_decision (person_id)",
]
