"""Fieldwork: visit details, small goals and their progress, barriers, disengagement patterns,
form drafts; and the person's "referrer told of disengagement" date."""
from desktop.store.migrations.m0001_core import RECORD_META

VERSION = 2


def up(db):
    for sql in STATEMENTS:
        db.execute(sql)


STATEMENTS = [
    "ALTER TABLE person ADD COLUMN disengagement_shared_on TEXT",
    f"""CREATE TABLE visit ({RECORD_META},
        attempt_id TEXT NOT NULL REFERENCES contact_attempt (id),
        person_id TEXT NOT NULL REFERENCES person (id),
        present TEXT NOT NULL DEFAULT '',
        observed TEXT NOT NULL DEFAULT '',
        reported TEXT NOT NULL DEFAULT '',
        mismatch INTEGER NOT NULL DEFAULT 0,
        home_conditions TEXT NOT NULL DEFAULT '',
        wellbeing TEXT NOT NULL DEFAULT '',
        risks_noticed TEXT NOT NULL DEFAULT '',
        incident TEXT,
        joint_visit_needed_next INTEGER NOT NULL DEFAULT 0,
        debrief_needed INTEGER NOT NULL DEFAULT 0,
        debrief_done_on TEXT,
        debrief_done_by TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX visit_person ON visit (person_id)",
    "CREATE INDEX visit_attempt ON visit (attempt_id)",
    f"""CREATE TABLE goal ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        title TEXT NOT NULL,
        why_it_matters TEXT NOT NULL DEFAULT '',
        steps TEXT,
        status TEXT NOT NULL DEFAULT 'proposed',
        target_date TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX goal_person ON goal (person_id)",
    f"""CREATE TABLE goal_progress ({RECORD_META},
        goal_id TEXT NOT NULL REFERENCES goal (id),
        person_id TEXT NOT NULL REFERENCES person (id),
        on_date TEXT NOT NULL,
        step_reached INTEGER,
        rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 0 AND 10),
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX goal_progress_person ON goal_progress (person_id)",
    "CREATE INDEX goal_progress_goal ON goal_progress (goal_id, on_date)",
    f"""CREATE TABLE barrier ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        category TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        strategy_tried TEXT NOT NULL DEFAULT '',
        what_happened TEXT NOT NULL DEFAULT '',
        noted_on TEXT,
        resolved INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX barrier_person ON barrier (person_id)",
    f"""CREATE TABLE disengagement_pattern ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        kind TEXT NOT NULL,
        examples TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX disengagement_pattern_person ON disengagement_pattern (person_id)",
    # Unsaved forms. Not records: no history, no audit, no sync; encrypted with the rest.
    """CREATE TABLE draft (
        form_key TEXT NOT NULL,
        person_id TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (form_key, person_id)
    )""",
]
