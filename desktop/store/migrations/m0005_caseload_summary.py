"""Caseload summary: each person's last contact, last time seen, unsuccessful attempts since,
and next planned attempt, kept up to date by triggers on ``contact_attempt``.

Why: the caseload screen opens on every unlock and refreshes after every quick-log. Computing
these four figures from the attempts each time reads every attempt ever logged (500,000 after
ten years of a 10,000-person caseload: over a second). With this table the caseload reads one
row per person, however long the history.

The triggers fire for every write to ``contact_attempt`` — the repositories, sync import and
anything else — in the same transaction, so the summary can never disagree with the attempts.
A new attempt later than the person's last contact (the usual case) updates the row in place;
anything else (an older attempt arriving by sync, an edit, a soft delete or restore) recomputes
that person's row from the ``(person_id, at)`` index. "Seen" is frozen here as it was defined
when this migration was written (``ContactOutcome.seen``); a change to that definition needs a
new migration that recreates the triggers and rebuilds the table.

On the PostgreSQL hub the same four cases are one PL/pgSQL trigger function (``PG_STATEMENTS``):
PostgreSQL's trigger conditions cannot read other tables.
"""
from desktop.store.postgres import is_postgresql

VERSION = 5

SEEN = "('seen_engaged', 'seen_declined')"


def _recompute(person: str) -> str:
    """SQL that rebuilds the summary row of ``person`` (an SQL expression) from its attempts."""
    live = f"person_id = {person} AND deleted = 0"
    last_seen = f"(SELECT max(at) FROM contact_attempt WHERE {live} AND outcome IN {SEEN})"
    return f"""
        INSERT OR REPLACE INTO person_contact_summary
            (person_id, last_contact, last_seen, unsuccessful, next_due)
        SELECT {person},
               (SELECT max(at) FROM contact_attempt WHERE {live}),
               {last_seen},
               (SELECT count(*) FROM contact_attempt WHERE {live} AND outcome NOT IN {SEEN}
                  AND at > coalesce({last_seen}, '')),
               (SELECT next_planned_at FROM contact_attempt WHERE {live}
                 ORDER BY at DESC, rowid DESC LIMIT 1);"""


STATEMENTS = [
    """CREATE TABLE person_contact_summary (
        person_id TEXT PRIMARY KEY,
        last_contact TEXT,
        last_seen TEXT,
        unsuccessful INTEGER NOT NULL DEFAULT 0,
        next_due TEXT
    ) WITHOUT ROWID""",
    # The usual case: a live attempt at or after the person's last contact.
    f"""CREATE TRIGGER contact_summary_append AFTER INSERT ON contact_attempt
        WHEN NEW.deleted = 0 AND NEW.at >= coalesce(
            (SELECT last_contact FROM person_contact_summary WHERE person_id = NEW.person_id),
            '')
        BEGIN
            INSERT INTO person_contact_summary
                (person_id, last_contact, last_seen, unsuccessful, next_due)
            VALUES (NEW.person_id, NEW.at,
                    CASE WHEN NEW.outcome IN {SEEN} THEN NEW.at END,
                    CASE WHEN NEW.outcome IN {SEEN} THEN 0 ELSE 1 END,
                    NEW.next_planned_at)
            ON CONFLICT (person_id) DO UPDATE SET
                last_contact = NEW.at,
                last_seen = CASE WHEN NEW.outcome IN {SEEN} THEN NEW.at ELSE last_seen END,
                unsuccessful = CASE
                    WHEN NEW.outcome IN {SEEN} THEN 0
                    WHEN NEW.at > coalesce(last_seen, '') THEN unsuccessful + 1
                    ELSE unsuccessful END,
                next_due = NEW.next_planned_at;
        END""",
    # An attempt older than the last contact (e.g. imported from another device).
    f"""CREATE TRIGGER contact_summary_insert_older AFTER INSERT ON contact_attempt
        WHEN NEW.deleted = 0 AND NEW.at < coalesce(
            (SELECT last_contact FROM person_contact_summary WHERE person_id = NEW.person_id),
            '')
        BEGIN {_recompute("NEW.person_id")} END""",
    f"""CREATE TRIGGER contact_summary_update AFTER UPDATE OF person_id, at, outcome, deleted,
        next_planned_at ON contact_attempt
        BEGIN {_recompute("OLD.person_id")} {_recompute("NEW.person_id")} END""",
    f"""CREATE TRIGGER contact_summary_delete AFTER DELETE ON contact_attempt
        BEGIN {_recompute("OLD.person_id")} END""",
    # Existing stores: one pass over the attempts, once.
    f"""INSERT INTO person_contact_summary
            (person_id, last_contact, last_seen, unsuccessful, next_due)
        SELECT s.person_id, s.last_contact, s.last_seen,
               (SELECT count(*) FROM contact_attempt a
                 WHERE a.person_id = s.person_id AND a.deleted = 0
                   AND a.outcome NOT IN {SEEN} AND a.at > coalesce(s.last_seen, '')),
               (SELECT a.next_planned_at FROM contact_attempt a
                 WHERE a.person_id = s.person_id AND a.deleted = 0
                 ORDER BY a.at DESC, a.rowid DESC LIMIT 1)
        FROM (SELECT person_id, max(at) AS last_contact,
                     max(CASE WHEN outcome IN {SEEN} THEN at END) AS last_seen
              FROM contact_attempt WHERE deleted = 0 GROUP BY person_id) AS s""",
]


_PG_RECOMPUTE = f"""
    INSERT INTO person_contact_summary (person_id, last_contact, last_seen, unsuccessful, next_due)
    SELECT pid,
           (SELECT max(at) FROM contact_attempt WHERE person_id = pid AND deleted = 0),
           (SELECT max(at) FROM contact_attempt
             WHERE person_id = pid AND deleted = 0 AND outcome IN {SEEN}),
           (SELECT count(*) FROM contact_attempt
             WHERE person_id = pid AND deleted = 0 AND outcome NOT IN {SEEN}
               AND at > coalesce((SELECT max(at) FROM contact_attempt
                                   WHERE person_id = pid AND deleted = 0
                                     AND outcome IN {SEEN}), '')),
           (SELECT next_planned_at FROM contact_attempt WHERE person_id = pid AND deleted = 0
             ORDER BY at DESC, rowid DESC LIMIT 1)
    ON CONFLICT (person_id) DO UPDATE SET last_contact = EXCLUDED.last_contact,
        last_seen = EXCLUDED.last_seen, unsuccessful = EXCLUDED.unsuccessful,
        next_due = EXCLUDED.next_due"""

PG_STATEMENTS = [
    STATEMENTS[0],
    f"""CREATE FUNCTION person_contact_summary_recompute(pid TEXT) RETURNS void
        LANGUAGE sql AS $${_PG_RECOMPUTE}$$""",
    f"""CREATE FUNCTION person_contact_summary_trigger() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            previous TEXT;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.deleted <> 0 THEN
                    RETURN NULL;
                END IF;
                SELECT s.last_contact INTO previous FROM person_contact_summary s
                    WHERE s.person_id = NEW.person_id;
                IF NEW.at >= coalesce(previous, '') THEN
                    INSERT INTO person_contact_summary AS s
                        (person_id, last_contact, last_seen, unsuccessful, next_due)
                    VALUES (NEW.person_id, NEW.at,
                            CASE WHEN NEW.outcome IN {SEEN} THEN NEW.at END,
                            CASE WHEN NEW.outcome IN {SEEN} THEN 0 ELSE 1 END,
                            NEW.next_planned_at)
                    ON CONFLICT (person_id) DO UPDATE SET
                        last_contact = NEW.at,
                        last_seen = CASE WHEN NEW.outcome IN {SEEN} THEN NEW.at
                                         ELSE s.last_seen END,
                        unsuccessful = CASE
                            WHEN NEW.outcome IN {SEEN} THEN 0
                            WHEN NEW.at > coalesce(s.last_seen, '') THEN s.unsuccessful + 1
                            ELSE s.unsuccessful END,
                        next_due = NEW.next_planned_at;
                ELSE
                    PERFORM person_contact_summary_recompute(NEW.person_id);
                END IF;
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM person_contact_summary_recompute(OLD.person_id);
                IF NEW.person_id <> OLD.person_id THEN
                    PERFORM person_contact_summary_recompute(NEW.person_id);
                END IF;
            ELSE
                PERFORM person_contact_summary_recompute(OLD.person_id);
            END IF;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER contact_summary_write AFTER INSERT OR DELETE ON contact_attempt
        FOR EACH ROW EXECUTE FUNCTION person_contact_summary_trigger()""",
    """CREATE TRIGGER contact_summary_update AFTER UPDATE OF person_id, at, outcome, deleted,
        next_planned_at ON contact_attempt
        FOR EACH ROW EXECUTE FUNCTION person_contact_summary_trigger()""",
    STATEMENTS[-1],
]


def up(db):
    for sql in PG_STATEMENTS if is_postgresql(db) else STATEMENTS:
        db.execute(sql)
