"""Possible duplicate people: the variants that must match and those that must not."""
from datetime import date

import pytest

from desktop.domain.duplicates import THRESHOLD, PersonFacts as P, candidates, fold, \
    matches_for, score_pair

DOB = date(1959, 3, 1)


def flagged(a: P, b: P) -> bool:
    return score_pair(a, b).score >= THRESHOLD


@pytest.mark.parametrize("a, b, reason", [
    (P("1", "Morag Delacroix-Baird", date_of_birth=DOB),
     P("2", "Morag Delacroix Baird", date_of_birth=DOB), "apart from a hyphen"),
    (P("1", "Morag Delacroix-Baird", date_of_birth=DOB),
     P("2", "Delacroix-Baird, Morag", date_of_birth=DOB), "different order"),
    (P("1", "Morag Delacroix-Baird", date_of_birth=DOB),
     P("2", "M. Delacroix-Baird", date_of_birth=DOB), "initial"),
    (P("1", "Morag Delacroix-Baird", known_as="Mo", date_of_birth=DOB),
     P("2", "Mo Delacroix-Baird", date_of_birth=DOB), "known as Mo"),
    (P("1", "Małgorzata Wójcik", date_of_birth=DOB),
     P("2", "Malgorzata Wojcik", date_of_birth=DOB), "accents"),
    (P("1", "Nguyễn Thị Hương"), P("2", "Nguyen Thi Huong"), "accents"),
    (P("1", "Callum Strachan", date_of_birth=DOB),
     P("2", "Calum Strachan", date_of_birth=DOB), "sound the same"),
    (P("1", "Morag Baird", date_of_birth=DOB),
     P("2", "Morag Delacroix-Baird", date_of_birth=DOB), "extra name"),
    (P("1", "Morag Delacroix-Baird", date_of_birth=date(1959, 3, 1)),
     P("2", "Morag Delacroix-Baird", date_of_birth=date(1959, 1, 3)), "day and month swapped"),
    (P("1", "Morag Delacroix-Baird"), P("2", "morag delacroix-baird"), "no date of birth"),
    (P("1", "Morag Delacroix-Baird", date_of_birth=DOB),
     P("2", "Morag Delacroix-Baird"), "no date of birth on one record"),
    (P("1", "Sean O'Neill", address="Flat 2, 14 Mill Row, Eastmuir"),
     P("2", "Sean ONeill", address="flat 2 14 Mill Row Eastmuir"), "same address"),
])
def test_variants_that_must_match(a, b, reason):
    m = score_pair(a, b)
    assert m.score >= THRESHOLD, (m.score, m.why)
    assert any(reason in w for w in m.why), m.why
    assert score_pair(b, a).score == pytest.approx(m.score)


@pytest.mark.parametrize("a, b", [
    # same date of birth, a different given name
    (P("1", "Morag Blackwood", date_of_birth=DOB), P("2", "Fiona Blackwood", date_of_birth=DOB)),
    # same name, a different date of birth (two people can share a common name)
    (P("1", "Morag Blackwood", date_of_birth=DOB),
     P("2", "Morag Blackwood", date_of_birth=date(1971, 8, 20))),
    # same family, different people, nothing else in common
    (P("1", "Duncan Inglis"), P("2", "Derek Inglis")),
    # an initial alone is not enough without a date of birth to back it
    (P("1", "M Blackwood"), P("2", "Malcolm Blackwood")),
    # siblings at one address with different dates of birth
    (P("1", "Shona Tolmie", date_of_birth=date(1980, 2, 2), address="3 Kirk Wynd, Eastmuir"),
     P("2", "Sheena Tolmie", date_of_birth=date(1983, 5, 9), address="3 Kirk Wynd, Eastmuir")),
])
def test_pairs_that_must_not_match(a, b):
    m = score_pair(a, b)
    assert m.score < THRESHOLD, (m.score, m.why)


def test_fold_takes_out_accents_hyphens_and_letters_nfkd_keeps():
    assert fold("Łukasz  Żółkiewska-Dąbrowska") == "lukasz zolkiewska dabrowska"
    assert fold("O’Neill") == "oneill"


def test_candidates_include_people_without_a_date_of_birth_and_sort_highest_first():
    people = [P("a", "Morag Delacroix-Baird", date_of_birth=DOB),
              P("b", "Morag Delacroix Baird", date_of_birth=DOB),
              P("c", "Callum Strachan"), P("d", "Callum Strachan"),
              P("e", "Fiona Blackwood", date_of_birth=DOB)]
    pairs = candidates(people)
    assert [(m.a, m.b) for m in pairs] == [("a", "b"), ("c", "d")]
    assert pairs[0].score > pairs[1].score
    assert candidates(people, exclude=[("d", "c")]) == pairs[:1]
    assert [(m.a, m.b) for m in candidates(people, only=["c"])] == [("c", "d")]


def test_matches_for_a_person_not_yet_saved():
    people = [P("a", "Morag Delacroix-Baird", date_of_birth=DOB), P("e", "Fiona Blackwood")]
    found = matches_for(P("new", "Morag Delacroix Baird", date_of_birth=DOB), people)
    assert [{m.a, m.b} for m in found] == [{"new", "a"}]
