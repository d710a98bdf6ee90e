"""zxcvbn decides whether a passphrase can be used (score 3 or more)."""
from __future__ import annotations

import pytest

from desktop.domain.passphrase import MIN_SCORE, assess, refusal
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("weak", ["P@ssw0rd2024!", "Summer2024!!", "Liverpool1985!",
                                  "Qwerty123456!", "password123", "aaaaaaaaaaaa"])
def test_the_issues_examples_are_refused(weak):
    a = assess(weak)
    assert a.score < MIN_SCORE and not a.usable
    assert refusal(weak)                     # a reason to show


def test_strong_passphrases_pass_and_the_test_one_is_strong():
    for strong in (PASSPHRASE, "plum tractor violin lantern", "kettle orbit sparrow 71 moss"):
        assert assess(strong).usable, strong
        assert refusal(strong) == ""


def test_short_is_score_zero_with_what_to_add():
    a = assess("abc")
    assert a.score == 0 and "7 more characters" in a.feedback


def test_the_workers_own_name_counts_against_it():
    plain = assess("tobermory hendricks")
    named = assess("tobermory hendricks", ["Tobermory Hendricks", "Community Nursing"])
    assert plain.usable and not named.usable


def test_feedback_carries_zxcvbns_warning():
    assert "commonly used password" in assess("P@ssw0rd2024!").feedback
