"""A covering index for the caseload query: the caseload reads name, known-as, status and SPOC
of every live person from this index instead of from the person rows (whose JSON columns fill
ten times as many pages, every one of which SQLCipher would decrypt on opening the caseload)."""

VERSION = 10


def up(db):
    db.execute("CREATE INDEX IF NOT EXISTS person_caseload ON person "
               "(deleted, name COLLATE NOCASE, known_as, status, spoc, id)")
