"""The duplicate rules on a synthetic caseload with planted duplicates (bench/duplicates.py
prints the full figures)."""
from desktop.synthetic.duplicates import caseload_with_duplicates, measure


def test_rules_find_most_planted_duplicates_without_drowning_them():
    m = measure(caseload_with_duplicates(600, 0.05, 11))
    assert m.planted == 30
    assert m.recall >= 0.8, m.missed
    assert m.precision >= 0.5, m.false_reasons
    # every false alarm is a same-name pair with a date of birth missing: the rule asks
    assert all("no date of birth" in why or "same date of birth" in why
               or "swapped" in why for why in m.false_reasons), m.false_reasons
