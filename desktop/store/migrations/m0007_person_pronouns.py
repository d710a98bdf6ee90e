"""The adult's preferred pronouns on the person record (``Person.pronouns``)."""

VERSION = 7


def up(db):
    db.execute("ALTER TABLE person ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
