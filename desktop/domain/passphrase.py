"""How hard a passphrase is to guess: zxcvbn's estimate, shared by the set-up screen, the
passphrase change (settings and recovery code) and ``stickability-cli init``.

``assess(text, context)`` → ``Assessment(score 0-4, label, warning, suggestions)``. A score below
``MIN_SCORE`` (3) cannot be used. Two additions to zxcvbn's own estimate:

- a passphrase shorter than ``MIN_LENGTH`` is score 0 whatever zxcvbn says;
- zxcvbn adds a fixed 10^8 to a passphrase built from three guessable parts ("Summer2024!!":
  a word, a year it does not know past 2019, two symbols), which lifts it to score 3 exactly.
  We ask for at least ``GOOD_GUESSES`` (10^9) guesses before calling a passphrase "Good", and
  give years 1940–2049, the seasons and the app's own words as known words.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from zxcvbn import zxcvbn

from desktop.i18n import N_, _, ngettext

MIN_LENGTH = 10
MIN_SCORE = 3
GOOD_GUESSES = 10 ** 9
SCORED_LENGTH = 100          # zxcvbn slows down on very long input; the rest only adds strength
# zxcvbn's own feedback (English in the package), for the catalogue: shown with ``_()``.
ZXCVBN_FEEDBACK = (
    N_("Capitalization doesn't help very much."), N_("Dates are often easy to guess."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Recent years are easy to guess."), N_("Reversed words aren't much harder to guess."),
    N_("Use a few words, avoid common phrases."), N_("A word by itself is easy to guess."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Avoid dates and years that are associated with you."), N_("Avoid recent years."),
    N_("Avoid repeated words and characters."), N_("Avoid sequences."),
    N_("Avoid years that are associated with you."),
    N_("Common names and surnames are easy to guess."),
    N_("Names and surnames by themselves are easy to guess."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Short keyboard patterns are easy to guess."), N_("Straight rows of keys are easy to guess."),
    N_("This is a top-10 common password."), N_("This is a top-100 common password."),
    N_("This is a very common password."), N_("This is similar to a commonly used password."),
    N_("Use a longer keyboard pattern with more turns."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
)
LABELS = (N_("Too short"), N_("Weak"), N_("Fair"), N_("Good"), N_("Strong"))

_KNOWN_WORDS = (["stickability", "safeguarding", "outreach", "passphrase", "password",
                 "summer", "winter", "spring", "autumn"]
                + [str(y) for y in range(2049, 1939, -1)])


@dataclass(frozen=True)
class Assessment:
    score: int
    warning: str = ""
    suggestions: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _(LABELS[self.score])

    @property
    def usable(self) -> bool:
        return self.score >= MIN_SCORE

    @property
    def feedback(self) -> str:
        """One line for the screen: the verdict, then zxcvbn's warning and suggestions."""
        parts = [_verdict(self.score)]
        if self.warning:
            parts.append(_(self.warning))
        parts.extend(_(s) for s in self.suggestions)
        return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _verdict(score: int) -> str:
    return {
        0: _("Too short: use at least {n} characters. A few unrelated words make a good "
             "passphrase").format(n=MIN_LENGTH),
        1: _("Weak: this is easy to guess and cannot be used"),
        2: _("Fair, but still too easy to guess: it cannot be used yet"),
        3: _("Good. A little longer would make it strong"),
        4: _("Strong. Do not use it for anything else"),
    }[score]


def assess(text: str, context: tuple[str, ...] | list[str] = ()) -> Assessment:
    """zxcvbn's verdict on ``text``; ``context`` are words a guesser would try first (the
    worker's name, the agency)."""
    if len(text) < MIN_LENGTH:
        more = MIN_LENGTH - len(text)
        return Assessment(0, ngettext("Add {n} more character", "Add {n} more characters",
                                      more).format(n=more))
    words = [w.lower() for c in context for w in str(c).split() if w] + _KNOWN_WORDS
    result = zxcvbn(text[:SCORED_LENGTH], user_inputs=words)
    score = int(result["score"])
    warning = result["feedback"].get("warning") or ""
    suggestions = list(result["feedback"].get("suggestions") or [])
    if score == 3 and float(result["guesses"]) < GOOD_GUESSES:
        score = 2
        if not suggestions:
            suggestions = ["Add another word or two. Uncommon words are better."]
    if score < MIN_SCORE and not warning and not suggestions:
        suggestions = ["Add another word or two. Uncommon words are better."]
    return Assessment(max(score, 1), warning, suggestions)


def refusal(text: str, context: tuple[str, ...] | list[str] = ()) -> str:
    """Why ``text`` cannot be used as a passphrase ('' when it can)."""
    a = assess(text, context)
    return "" if a.usable else a.feedback
