"""PLACEHOLDER on the sync branch only: migration 0002 is allocated to the fieldwork branch.
When merging, take the fieldwork branch's version of this file (it replaces this one)."""

VERSION = 2


def up(db):
    pass
