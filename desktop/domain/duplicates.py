"""Possible duplicate people: two records that may be the same adult.

Split records of one adult at risk are what safeguarding adults reviews find, so the rules
lean towards asking ("Is this the same person as …?") and a person decides. Pure functions:
no Qt, no SQL; the store and the screens call ``candidates`` / ``score_pair``.

The rules (each pair gets a score from 0 to 1 and the reasons behind it):

* **Names** are compared token by token after folding: case, accents and letters such as
  ł/ø/đ (``Małgorzata`` = ``Malgorzata``), hyphens, dots and apostrophes (``Delacroix-Baird``
  = ``Delacroix Baird``, ``O'Neill`` = ``ONeill``). Tokens are matched in any order
  (``Baird Morag``), an initial matches a name starting with it (``M. Delacroix-Baird``), a
  token that sounds the same matches (Metaphone key: ``Callum``/``Calum``), a small typo
  matches (rapidfuzz ratio ≥ 85), and a known-as stands in for the given name
  (``Mo Delacroix-Baird`` when one record is known as "Mo"). One extra name on one side
  (a dropped half of a double-barrelled name, a middle name) costs a little.
* **Date of birth**: the same (strong), day and month swapped (almost as strong: 03/01 read
  as 01/03), missing on either side (neither for nor against: people without a date of birth
  are still compared), otherwise different (strongly against: two people with the same name
  are common).
* **Address**: the same or nearly (rapidfuzz token-set ratio ≥ 90) adds a little.
* **Common names**: when a date of birth is missing, a name that more than two people on the
  caseload share weighs less (``COMMON_NAME_PENALTY`` per extra sharer): "Morag Blackwood"
  without a date of birth is weak evidence when there are five Morag Blackwoods.

``score = 0.6 × name + date part + address part``, clipped to 0..1. A pair is flagged at
``THRESHOLD`` (0.65) and above: the same name with no date of birth flags; the same name with a
different date of birth does not, unless the address is the same too.
"""
from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import jellyfish
from rapidfuzz import fuzz
from desktop.i18n import _, ngettext  # noqa: F401

THRESHOLD = 0.65
NAME_WEIGHT = 0.6
DOB_SAME, DOB_SWAPPED, DOB_MISSING, DOB_DIFFERENT = 0.3, 0.25, 0.1, -0.3
ADDRESS_SAME = 0.1
TYPO_RATIO = 85
COMMON_NAME_PENALTY = 0.05

# Letters NFKD does not take apart into a base letter and an accent; punctuation that does not
# make a name different.
_LETTERS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae",
            "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i"}
_PUNCT = {"-": " ", "\u2010": " ", "\u2013": " ", ".": " ", ",": " ", "_": " ", "'": "",
          "\u2019": "", "`": ""}
_FOLD = str.maketrans({**_LETTERS, **_PUNCT})
_PLAIN = str.maketrans(_LETTERS)


@dataclass(frozen=True)
class PersonFacts:
    """What the rules look at, taken from a person record."""
    id: str
    name: str
    known_as: str = ""
    date_of_birth: date | None = None
    address: str = ""

    @classmethod
    def of(cls, person) -> "PersonFacts":
        return cls(person.id, person.name, person.known_as or "", person.date_of_birth,
                   person.address or "")


@dataclass
class Match:
    a: str
    b: str
    score: float
    why: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "score": round(self.score, 3), "why": list(self.why)}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, without accents or punctuation, single spaces."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def tokens(text: str) -> list[str]:
    return fold(text).split()


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """Metaphone key of a Latin token; other scripts keep the token itself."""
    if token.isascii() and token.isalpha():
        return jellyfish.metaphone(token) or token
    return token


@lru_cache(maxsize=65536)
def _name_forms(p: PersonFacts) -> list[tuple[list[str], str]]:
    """The ways a person's name may be written, with how each came about."""
    main = tokens(p.name)
    forms = [(main, "")]
    known = tokens(p.known_as)
    if known and known != main and len(main) >= 2:
        # the known-as in place of the given name (first, or last in family-given order);
        # a known-as alone is not a full name (many people are known as "Mo")
        for form in (known + main[1:], *([main[:-1] + known] if len(main) > 2 else [])):
            if form != main and all(form != f for f, _ignored in forms):
                forms.append((form, f"known as {p.known_as.strip()}"))
    return forms


@lru_cache(maxsize=65536)
def _token_match(x: str, y: str) -> tuple[float, str]:
    if x == y:
        return 1.0, ""
    if len(x) == 1 or len(y) == 1:
        short, long_ = (x, y) if len(x) == 1 else (y, x)
        if len(long_) > 1 and long_.startswith(short):
            return 0.8, "initial"
        return 0.0, ""
    if phonetic(x) == phonetic(y) and x[0] == y[0]:
        return 0.9, "sound"
    ratio = fuzz.ratio(x, y)
    if ratio >= TYPO_RATIO:
        return 0.9 * ratio / 100, "spelling"
    return 0.0, ""


def _align(t1: Sequence[str], t2: Sequence[str]) -> tuple[float, set[str], bool]:
    """Best one-to-one pairing of the shorter name's tokens with the longer's: mean token
    score, the kinds of inexact match used, and whether the order differs."""
    short, long_ = (t1, t2) if len(t1) <= len(t2) else (t2, t1)
    if not short:
        return 0.0, set(), False
    best: tuple[float, set[str], bool] = (0.0, set(), False)
    # names have a handful of tokens: try every assignment (bounded for safety)
    for perm in itertools.islice(itertools.permutations(range(len(long_)), len(short)), 720):
        total, kinds = 0.0, set()
        for i, j in enumerate(perm):
            s, kind = _token_match(short[i], long_[j])
            if s == 0.0:
                total = -1.0
                break
            total += s
            if kind:
                kinds.add(kind)
        if total < 0:
            continue
        mean = total / len(short)
        reordered = list(perm) != sorted(perm)
        if mean > best[0] or (mean == best[0] and best[2] and not reordered):
            best = (mean, kinds, reordered)
    score, kinds, reordered = best
    extra = len(long_) - len(short)
    if score and extra:
        score *= 0.9 ** extra
        kinds = kinds | {"extra"}
    return score, kinds, reordered


def name_similarity(a: PersonFacts, b: PersonFacts) -> tuple[float, list[str]]:
    """0..1 and the reasons, over every way each name may be written."""
    best, why = 0.0, []
    for (ta, how_a), (tb, how_b) in itertools.product(_name_forms(a), _name_forms(b)):
        score, kinds, reordered = _align(ta, tb)
        if score <= best:
            continue
        best, why = score, []
        raw_a, raw_b = a.name.strip(), b.name.strip()
        if ta == tb and not (how_a or how_b):
            if raw_a == raw_b:
                why.append("same name")
            elif raw_a.casefold() == raw_b.casefold():
                why.append("same name (different capitals)")
            else:
                why.append(_spelling_reason(raw_a, raw_b))
        else:
            if reordered:
                why.append("same names in a different order")
            if "initial" in kinds:
                why.append("an initial matches a given name")
            if "sound" in kinds:
                why.append("names sound the same")
            if "spelling" in kinds:
                why.append("names spelt slightly differently")
            if "extra" in kinds:
                why.append("one record has an extra name")
            for how in {how_a, how_b} - {""}:
                why.append(f"name matches when {how}")
            if not why:
                why.append(_spelling_reason(raw_a, raw_b))
    return best, why


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_PLAIN))
    return "".join(c for c in s if not unicodedata.combining(c))


def _spaced(s: str) -> str:
    return " ".join(s.replace("-", " ").replace("\u2010", " ").casefold().split())


def _spelling_reason(x: str, y: str) -> str:
    """Why two names that fold to the same tokens are written differently."""
    if _spaced(x) == _spaced(y):
        return "same name apart from a hyphen"
    if " ".join(_plain(x).casefold().split()) == " ".join(_plain(y).casefold().split()):
        return "same name apart from accents"
    if _spaced(_plain(x)) == _spaced(_plain(y)):
        return "same name apart from accents and a hyphen"
    return "same name apart from punctuation"


def dob_part(a: date | None, b: date | None) -> tuple[float, str]:
    if a is None or b is None:
        both = a is None and b is None
        return DOB_MISSING, ("no date of birth on either record" if both
                             else "no date of birth on one record")
    if a == b:
        return DOB_SAME, "same date of birth"
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return DOB_SWAPPED, "dates of birth with day and month swapped"
    return DOB_DIFFERENT, "different dates of birth"


def address_part(a: str, b: str) -> tuple[float, str]:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0, ""
    if fa == fb:
        return ADDRESS_SAME, "same address"
    if fuzz.token_set_ratio(fa, fb) >= 90:
        return ADDRESS_SAME, "similar address"
    return 0.0, ""


def score_pair(a: PersonFacts, b: PersonFacts) -> Match:
    name, why = name_similarity(a, b)
    if name == 0.0:
        return Match(a.id, b.id, 0.0, ["names differ"])
    d, d_why = dob_part(a.date_of_birth, b.date_of_birth)
    ad, ad_why = address_part(a.address, b.address)
    score = max(0.0, min(1.0, NAME_WEIGHT * name + d + ad))
    return Match(a.id, b.id, score, [*why, d_why, *([ad_why] if ad_why else [])])


def _block_keys(p: PersonFacts) -> set[tuple]:
    """Keys two possible duplicates are likely to share (so that a caseload of thousands is
    not compared pair by pair): a name token's sound with another token's first letter, in
    either order, for every way the name is written; and the date of birth (either way)."""
    keys: set[tuple] = set()
    for toks, _ignored in _name_forms(p):
        if len(toks) == 1:
            keys.add(("n", phonetic(toks[0])))
        for x, y in itertools.permutations(toks, 2):
            if len(x) > 1:
                keys.add(("n", phonetic(x), y[0]))
    dob = p.date_of_birth
    if dob is not None:
        keys.add(("d", dob.isoformat()))
        if dob.day <= 12 and dob.day != dob.month:
            keys.add(("d", date(dob.year, dob.day, dob.month).isoformat()))
    return keys


def candidates(people: Iterable[PersonFacts], *, only: Iterable[str] | None = None,
               threshold: float = THRESHOLD,
               exclude: Iterable[tuple[str, str]] = ()) -> list[Match]:
    """Possible duplicate pairs among ``people``, highest score first. ``only``: pairs that
    involve one of these ids (e.g. people just added or imported). ``exclude``: pairs already
    decided to be different people (either order)."""
    people = list(people)
    by_id = {p.id: p for p in people}
    blocks: dict[tuple, list[str]] = {}
    for p in people:
        for k in _block_keys(p):
            blocks.setdefault(k, []).append(p.id)
    wanted = set(only) if only is not None else None
    common = Counter(_name_key(p) for p in people)
    skip = {tuple(sorted(pair)) for pair in exclude}
    seen: set[tuple[str, str]] = set()
    out: list[Match] = []
    for ids in blocks.values():
        if len(ids) < 2:
            continue
        for x, y in itertools.combinations(ids, 2):
            pair = (x, y) if x < y else (y, x)
            if pair in seen or pair in skip:
                continue
            seen.add(pair)
            if wanted is not None and x not in wanted and y not in wanted:
                continue
            m = score_pair(by_id[pair[0]], by_id[pair[1]])
            _weigh_common_name(m, by_id[pair[0]], by_id[pair[1]], common)
            if m.score >= threshold:
                out.append(m)
    out.sort(key=lambda m: (-m.score, m.a, m.b))
    return out


def _name_key(p: PersonFacts) -> str:
    return " ".join(sorted(tokens(p.name)))


def _weigh_common_name(m: Match, a: PersonFacts, b: PersonFacts, common: Counter) -> None:
    """Without both dates of birth, a name many people on the caseload share says little:
    each sharer beyond the pair takes ``COMMON_NAME_PENALTY`` off the score."""
    if a.date_of_birth is not None and b.date_of_birth is not None:
        return
    n = max(common[_name_key(a)], common[_name_key(b)])
    if n > 2:
        m.score = max(0.0, m.score - COMMON_NAME_PENALTY * (n - 2))
        m.why.append(f"{n} people on the caseload have this name")


def matches_for(new: PersonFacts, people: Iterable[PersonFacts], *,
                threshold: float = THRESHOLD) -> list[Match]:
    """People who may be the same as ``new`` (not yet saved), highest first."""
    return [m for m in candidates([new, *people], only=[new.id], threshold=threshold)]
