"""The Fife Engagement Escalation Protocol's engagement checklist, items 1-15, as data.

Codes are stable (they are stored and synced): an item is its number ("1" … "15"); a sub-item
is "<number>.<name>" ("7.gp", "9.referred"). Items with sub-items are recorded per sub-item;
the others are recorded as a whole. ``prompts`` are the bullet points printed under an item.

Reading the template: in the printed table the right-hand column of sub-rows slips one row
down from item 7 onwards, so "A&E/Ambulance services" is printed beside item 8 and "Referred"
beside item 10. They belong to item 7 (its last prompt is about A&E and the Ambulance Service)
and item 9 (MARAC considered / referred), and are encoded there.
"""
from __future__ import annotations

from dataclasses import dataclass
from desktop.i18n import _

SERIOUS_HARM_THROUGH = ("self-neglect", "risk taking behaviour", "refusal of services")


@dataclass(frozen=True)
class CatalogueItem:
    code: str
    number: int
    title: str
    prompts: tuple[str, ...] = ()
    sub_items: tuple["CatalogueItem", ...] = ()
    parent: str = ""
    note: str = ""
    short: str = ""                 # a few words for lists and tables

    @property
    def short_label(self) -> str:
        return f"{self.number}. {self.short or self.title}" if not self.parent else self.title

    @property
    def recordable(self) -> bool:
        """Recorded on its own row: a sub-item, or an item without sub-items."""
        return not self.sub_items

    @property
    def label(self) -> str:
        """Short label for lists: '7 GP' for a sub-item, '4' + title start for an item."""
        title = _(self.title)
        return f"{self.number} {title}" if self.parent else f"{self.number}. {title}"


def _sub(number: int, name: str, title: str) -> CatalogueItem:
    return CatalogueItem(code=f"{number}.{name}", number=number, title=title, parent=str(number))


def _item(number: int, title: str, prompts=(), subs=(), note="") -> CatalogueItem:
    return CatalogueItem(code=str(number), number=number, title=title, prompts=tuple(prompts),
                         sub_items=tuple(_sub(number, n, t) for n, t in subs), note=note,
                         short=SHORT[number])


SHORT = {1: "Efforts to engage pursued", 2: "Advocacy", 3: "Two or more IRDs, no resolution",
         4: "Grounds for a capacity assessment", 5: "Personal Outcome Support Assessment",
         6: "Protection orders and undue pressure", 7: "Health services",
         8: "Community and social services", 9: "MARAC", 10: "Dependencies (children, pets)",
         11: "Criminal Justice Services", 12: "Welfare benefits", 13: "Legal services",
         14: "Family and friends", 15: "Other"}


CATALOGUE: tuple[CatalogueItem, ...] = (
    _item(1, "All appropriate efforts to engage the adult at risk following the previous "
             "reports of harm have been pursued",
          ["you have been unsuccessful in engaging the adult at risk",
           "you believe the adult to be at risk of serious harm"]),
    _item(2, "Advocacy services have been considered, and/or offered. Consider offering at "
             "each contact if initially refused.",
          subs=[("considered", "Considered"), ("offered", "Offered")]),
    _item(3, "There have been 2 or more IRD's but there has been no resolution because",
          ["the Adult does not want to engage",
           "has the capacity to do so* (see item 4)",
           "is making choices which place them at risk of serious harm through: "
           + ", ".join(SERIOUS_HARM_THROUGH)]),
    _item(4, "You have fully considered whether there are any grounds to request an "
             "assessment of capacity.",
          note="Marked * in the template: it qualifies 'has the capacity to do so' in item 3."),
    _item(5, "You have completed or attempted to complete a Personal Outcome Support Assessment "
             "(POSA) and the Adult has not engaged with the process and you believe this choice "
             "places them at risk of serious harm through",
          list(SERIOUS_HARM_THROUGH)),
    _item(6, "You have fully considered the use of protection orders.",
          ["Including consideration of Undue Pressure"]),
    _item(7, "You have considered whether there are health issues which are placing the adult "
             "at risk of serious harm and if so, have attempted to engage the GP and/or "
             "appropriate NHS services including (as relevant)",
          ["Sexual Health Services", "Mental Health Services", "Psychological Services",
           "Alcohol and Drug Services",
           "You have checked whether the Adult is using Accident and Emergency Services, "
           "including Ambulance Service; and the Adult has not engaged and you believe this "
           "choice places them at risk of serious harm through self-neglect, risk taking "
           "behaviour or refusal of services."],
          subs=[("gp", "GP"), ("sexual_health", "Sexual Health Services"),
                ("mental_health", "Mental Health Service"),
                ("psychological", "Psychological Services"),
                ("alcohol_drugs", "Alcohol and Drug Services"),
                ("other_health", "Other health service"),
                ("ae_ambulance", "A&E/Ambulance services")]),
    _item(8, "You have attempted to engage the Adult with appropriate community and social "
             "services, including (as relevant)",
          ["Housing and Homeless services due to accommodation issues", "Fire Service",
           "Voluntary Sector supports", "Communities and Neighbourhood services"],
          subs=[("housing", "Housing and Homeless service"), ("fire", "Fire Service"),
                ("communities", "Communities and Neighbourhood services")],
          note="The template has no row of its own for voluntary sector supports: record them "
               "under item 15 (Other)."),
    _item(9, "You have considered / referred to MARAC for domestic violence.",
          subs=[("considered", "Considered"), ("referred", "Referred")]),
    _item(10, "You have checked if the Adult has any dependencies (i.e. children, pets etc.) "
              "and that appropriate measures have been/are put in place."),
    _item(11, "Criminal Justice Services have been contacted to establish if there is "
              "involvement."),
    _item(12, "You have checked that the adult has access to appropriate welfare benefits."),
    _item(13, "Legal services have been consulted",
          ["Consider inviting legal to the meeting (be clear why)"]),
    _item(14, "You have attempted to engage with and involve family and friends, where known. "
              "List."),
    _item(15, "Other?"),
)

GUIDANCE = ("Include date of update of decisions. List evidence and measures. "
            "A tick is not sufficient.")


def _walk():
    for item in CATALOGUE:
        yield item
        yield from item.sub_items


BY_CODE: dict[str, CatalogueItem] = {i.code: i for i in _walk()}
#: the rows a person's checklist is recorded on, in template order
RECORDABLE: tuple[CatalogueItem, ...] = tuple(i for i in _walk() if i.recordable)
RECORDABLE_CODES: tuple[str, ...] = tuple(i.code for i in RECORDABLE)


def lookup(code: str) -> CatalogueItem:
    """The catalogue entry for a code; KeyError with a helpful message when unknown."""
    try:
        return BY_CODE[code.strip().lower()]
    except KeyError:
        raise KeyError(f"unknown checklist item '{code}'; items are "
                       + ", ".join(RECORDABLE_CODES)) from None


def describe(code: str) -> str:
    """'Item 7 (GP)' / 'Item 4' for messages."""
    item = BY_CODE.get(code)
    if item is None:
        return f"Item {code}"
    return f"Item {item.number} ({item.title})" if item.parent else f"Item {item.number}"
