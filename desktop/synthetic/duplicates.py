"""A synthetic caseload with planted duplicate people, to measure the duplicate rules.

``caseload_with_duplicates(people, share, seed)`` makes ``people`` synthetic adults (the same
generator as the demo caseload: invented names from several traditions, a shared pool of
names, so same-name strangers occur as in a real city) and, for ``share`` of them, a second
record of the same adult written the way another worker might: hyphen or space, names in the
other order, an initial, the known-as, no accents, a typo, a name that sounds the same; the
date of birth the same, missing, or with day and month swapped; the address the same, missing
or elsewhere (a move). Returns the facts and the planted pairs (the truth).

``measure(...)`` runs the rules and counts: pairs flagged, how many are real (planted),
precision and recall, per variant.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desktop.domain.duplicates import PersonFacts, candidates, fold
from desktop.synthetic import cases, names

NAME_VARIANTS = ("exact", "hyphen/space", "order", "initial", "known-as", "accents", "typo",
                 "sound", "case")
DOB_VARIANTS = ("same", "same", "same", "missing", "swapped")
ADDRESS_VARIANTS = ("same", "same", "missing", "moved")

_SOUNDS = (("ph", "f"), ("ck", "k"), ("ll", "l"), ("nn", "n"), ("y", "ie"), ("ee", "ea"),
           ("c", "k"), ("ai", "ay"))


@dataclass
class Planted:
    people: list[PersonFacts]
    truth: set[tuple[str, str]]
    variant: dict[tuple[str, str], str] = field(default_factory=dict)


def _variant_name(rng: random.Random, p: PersonFacts, kind: str) -> tuple[str, str] | None:
    """(name, known_as) written another way, or None when this variant does not apply."""
    toks = p.name.split()
    if kind == "exact":
        return p.name, p.known_as
    if kind == "case":
        return p.name.upper(), ""
    if kind == "hyphen/space":
        if "-" in p.name:
            return p.name.replace("-", " "), p.known_as
        return (f"{toks[0]}-{' '.join(toks[1:])}" if len(toks) > 1 else None), p.known_as
    if kind == "order" and len(toks) > 1:
        return f"{toks[-1]} {' '.join(toks[:-1])}", ""
    if kind == "initial" and len(toks) > 1 and toks[0].isalpha():
        return f"{toks[0][0]}. {' '.join(toks[1:])}", ""
    if kind == "known-as" and p.known_as and len(toks) > 1:
        return f"{p.known_as} {' '.join(toks[1:])}", ""
    if kind == "accents" and fold(p.name) != p.name.lower() and p.name.isascii() is False:
        plain = " ".join(t.capitalize() for t in fold(p.name).split())
        if plain.isascii():
            return plain, p.known_as
    if kind == "typo" and len(toks) > 1 and len(toks[-1]) > 5 and toks[-1].isascii():
        fam = toks[-1]
        i = rng.randint(1, len(fam) - 2)
        fam = fam[:i] + fam[i + 1] + fam[i] + fam[i + 2:]       # two letters swapped
        return " ".join([*toks[:-1], fam]), p.known_as
    if kind == "sound" and p.name.isascii():
        low = p.name
        for a, b in _SOUNDS:
            if a in low:
                return low.replace(a, b, 1), p.known_as
    return None


def caseload_with_duplicates(people: int = 1000, share: float = 0.05,
                             seed: int = 2026) -> Planted:
    rng = random.Random(f"{seed}:duplicates")
    end = date(2026, 6, 30)
    out: list[PersonFacts] = []
    for i in range(people):
        r = random.Random(f"{seed}:person:{i}")
        opened = end - timedelta(days=r.randint(14, 1000))
        person = cases.make_person(r, opened, end)
        dob = person.date_of_birth if r.random() > 0.1 else None   # some never had one
        out.append(PersonFacts(person.id, person.name, person.known_as, dob, person.address))
    truth: set[tuple[str, str]] = set()
    variant: dict[tuple[str, str], str] = {}
    originals = rng.sample(out, int(people * share))
    for n, p in enumerate(originals):
        written = None
        for _ in range(10):
            kind = rng.choice(NAME_VARIANTS)
            written = _variant_name(rng, p, kind)
            if written and written[0]:
                break
        if not written:
            kind, written = "exact", (p.name, p.known_as)
        dob_kind = rng.choice(DOB_VARIANTS)
        dob = p.date_of_birth
        if dob_kind == "missing":
            dob = None
        elif dob_kind == "swapped" and dob and dob.day <= 12 and dob.day != dob.month:
            dob = date(dob.year, dob.day, dob.month)
        else:
            dob_kind = "same" if dob else "missing"
        addr_kind = rng.choice(ADDRESS_VARIANTS)
        address = {"same": p.address, "missing": "",
                   "moved": names.address(rng)}[addr_kind]
        copy = replace(p, id=f"dup-{n:05d}-{p.id[-6:]}", name=written[0], known_as=written[1],
                       date_of_birth=dob, address=address)
        out.append(copy)
        pair = tuple(sorted((p.id, copy.id)))
        truth.add(pair)
        variant[pair] = f"{kind}, dob {dob_kind}, address {addr_kind}"
    rng.shuffle(out)
    return Planted(out, truth, variant)


@dataclass
class Measured:
    people: int
    planted: int
    flagged: int
    real: int
    precision: float
    recall: float
    missed: Counter
    false_reasons: Counter


def measure(planted: Planted) -> Measured:
    found = candidates(planted.people)
    flagged = {(m.a, m.b) for m in found}
    real = flagged & planted.truth
    missed = Counter(planted.variant[p].split(",")[0] + "," + planted.variant[p].split(",")[1]
                     for p in planted.truth - flagged)
    false_reasons = Counter("; ".join(m.why) for m in found if (m.a, m.b) not in real)
    return Measured(len(planted.people), len(planted.truth), len(flagged), len(real),
                    len(real) / len(flagged) if flagged else 1.0,
                    len(real) / len(planted.truth) if planted.truth else 1.0,
                    missed, false_reasons)
