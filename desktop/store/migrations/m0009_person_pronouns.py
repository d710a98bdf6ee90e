"""The adult's preferred pronouns on the person record (``Person.pronouns``)."""

VERSION = 9


def up(db):
    have = {r[1] for r in db.execute("PRAGMA table_info(person)")}
    if "pronouns" not in have:      # a store re-run from an older version mark: keep it
        db.execute("ALTER TABLE person ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
