"""Invented names and addresses for synthetic cases.

Every name is an invented combination of a common given name and a common family name from the
same naming tradition; none is meant to be a real person. Several traditions are written in
their own script (Urdu, Chinese, Greek, Arabic) with a Latin "known as", so the store, search,
sorting, the UI and the PDFs meet real Unicode; Polish and Vietnamese use Latin letters with
diacritics.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    key: str
    language: str             # as the worker would write it in "communication needs"
    interpreter_share: float  # chance that an interpreter is needed
    given: tuple[tuple[str, str], ...]    # (name as written, Latin form for "known as")
    family: tuple[str, ...]
    order: str = "given-family"           # or "family-given" (Chinese, Vietnamese)


def _latin(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, "") for n in names)


CULTURES = (
    Culture("scots-english", "English", 0.0, _latin(
        "Morag", "Callum", "Ewan", "Aileen", "Shona", "Duncan", "Brenda", "Gordon", "Fiona",
        "Keith", "Janet", "Alasdair", "Heather", "Craig", "Lorraine", "Stuart", "Agnes",
        "Derek", "Isla", "Malcolm", "Sheena", "Trevor", "Wendy", "Barry", "Kirsty"),
        ("Blackwood", "Fairbairn", "MacAskill", "Pettigrew", "Cruickshank", "Dunlevy",
         "Halkett", "Inglis", "Lockhart", "McGlashan", "Rennison", "Strachan", "Tolmie",
         "Wishart", "Yellowlees", "Brackenridge", "Gilfillan", "Haddow", "Kinnear",
         "Delacroix-Baird")),
    Culture("polish", "Polish", 0.35, _latin(
        "Zbigniew", "Małgorzata", "Grzegorz", "Jadwiga", "Bożena", "Łukasz", "Wiesław",
        "Agnieszka", "Ryszard", "Halina", "Józef", "Krystyna"),
        ("Wójcik", "Przybylska", "Łukasiewicz", "Żółkiewska", "Grabowski", "Szczęsny",
         "Kaczmarek", "Dąbrowska", "Wróblewski", "Jankowiak")),
    Culture("urdu", "Urdu", 0.4, (
        ("محمد", "Mohammed"), ("عارف", "Arif"), ("نسرین", "Nasreen"), ("شازیہ", "Shazia"),
        ("عمران", "Imran"), ("رخسانہ", "Rukhsana"), ("طارق", "Tariq"), ("پروین", "Parveen")),
        ("خان", "قریشی", "بٹ", "چوہدری", "ملک", "شیخ")),
    Culture("chinese", "Cantonese", 0.5, (
        ("伟明", "Wai-Ming"), ("丽华", "Lai-Wah"), ("建国", "Kin-Kwok"), ("美玲", "Mei-Ling"),
        ("志强", "Chi-Keung"), ("秀英", "Sau-Ying"), ("家豪", "Ka-Ho"), ("淑芬", "Suk-Fan")),
        ("陈", "黄", "李", "林", "张", "吴", "何"), order="family-given"),
    Culture("greek", "Greek", 0.3, (
        ("Γιώργος", "Giorgos"), ("Ελένη", "Eleni"), ("Κώστας", "Kostas"), ("Δέσποινα", "Despina"),
        ("Νίκος", "Nikos"), ("Σταυρούλα", "Stavroula"), ("Παναγιώτης", "Panos")),
        ("Παπαδόπουλος", "Οικονόμου", "Καραγιάννης", "Βλάχου", "Αντωνίου", "Χριστοδούλου")),
    Culture("arabic", "Arabic", 0.45, (
        ("أحمد", "Ahmed"), ("فاطمة", "Fatima"), ("يوسف", "Youssef"), ("ليلى", "Layla"),
        ("خالد", "Khalid"), ("سميرة", "Samira"), ("عمر", "Omar")),
        ("الحسيني", "المصري", "الزين", "حداد", "النجار", "العلي")),
    Culture("vietnamese", "Vietnamese", 0.45, _latin(
        "Thị Hương", "Văn Đức", "Ngọc Ánh", "Minh Tuấn", "Thu Hằng", "Quốc Bảo", "Phương Thảo"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"), order="family-given"),
)

# How often each tradition appears in a caseload (a Scottish or English city).
CULTURE_WEIGHTS = (70, 8, 6, 4, 3, 5, 4)

STREET_PARTS = ("Harbour", "Mill", "Station", "Kirk", "Thistle", "Rowan", "Beech", "Quarry",
                "Tannery", "Lindenhall", "Braeside", "Gowan", "Whin", "Cairn", "Weaver")
STREET_KINDS = ("Row", "Street", "Close", "Wynd", "Court", "Road", "Gardens", "Place", "Terrace")
TOWNS = ("Eastmuir", "Braidholm", "Kinloss Bay", "Strathmore Vale", "Dunharrow", "Westfield")

WORKERS = ("Sam Outreach", "Priya Nandakumar", "Jo McCandless", "Tomasz Zieliński",
           "Aisha Rahman", "Greig Paterson", "Hannah Lowther", "Colin Abernethy")

AGENCIES = ("Community Nursing", "Adult Social Work", "Police Scotland", "Housing Options",
            "Fire and Rescue", "Addictions Service", "Community Mental Health Team",
            "GP Practice", "Women's Aid", "Advocacy Project", "Ambulance Service")


def pick_culture(rng: random.Random) -> Culture:
    return rng.choices(CULTURES, weights=CULTURE_WEIGHTS, k=1)[0]


def person_name(rng: random.Random, culture: Culture) -> tuple[str, str]:
    """(name as written, known as). The known-as is a Latin form for non-Latin scripts, and
    now and then a short form for everyone."""
    given, latin = rng.choice(culture.given)
    family = rng.choice(culture.family)
    if culture.order == "family-given":
        name = f"{family}{given}" if culture.key == "chinese" else f"{family} {given}"
    elif culture.key == "arabic":
        name = f"{given} {family}"
    else:
        name = f"{given} {family}"
    if latin:
        known_as = latin
    elif rng.random() < 0.15:
        known_as = given.split()[-1][:4] if len(given) > 5 else given
    else:
        known_as = ""
    return name, known_as


def address(rng: random.Random) -> str:
    street = f"{rng.choice(STREET_PARTS)} {rng.choice(STREET_KINDS)}"
    number = rng.randint(1, 180)
    flat = f"Flat {rng.randint(1, 12)}, " if rng.random() < 0.4 else ""
    return f"{flat}{number} {street}, {rng.choice(TOWNS)}"


def child_name(rng: random.Random, culture: Culture) -> str:
    given, latin = rng.choice(culture.given)
    return latin or given
