"""After closure: the outcome documentation sent to the Safeguarding Adults Board (Oxfordshire)
and the learning and good practice shared (Nottingham s.13, Oxfordshire). Columns only added."""

VERSION = 11

COLUMNS = ("outcome_to_board_on TEXT", "learning TEXT NOT NULL DEFAULT ''",
           "learning_shared_with TEXT NOT NULL DEFAULT ''", "learning_shared_on TEXT")


def up(db):
    have = {r[1] for r in db.execute("PRAGMA table_info(closure)")}
    for column in COLUMNS:
        if column.split()[0] not in have:   # a store re-run from an older version mark
            db.execute(f"ALTER TABLE closure ADD COLUMN {column}")
