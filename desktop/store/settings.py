"""One typed registry of settings, with defaults, kept inside the encrypted store.

Add a setting by adding one ``Setting`` to ``REGISTRY``; read it with ``store.settings.get(KEY)``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.domain.dates import DEFAULT_REGION, REGIONS
from desktop.i18n import N_
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    type: type
    default: Any
    minimum: int | None = None
    maximum: int | None = None
    help: str = ""
    required: bool = False          # a str setting that may not be left empty
    choices: tuple[tuple[str, str], ...] = ()   # (value, label): a str setting picked from a list
    device: bool = False            # kept on this computer (outside the store): read before unlock
    # not set (or set to ""): the value comes from the other settings (``derive(settings)``)
    derive: Any = None

    def coerce(self, value: Any) -> Any:
        if self.type is int:
            value = int(value)
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.label} must be at least {self.minimum}.")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.label} must be at most {self.maximum}.")
            return value
        if self.type is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        value = str(value)
        if self.choices and value not in dict(self.choices):
            allowed = ", ".join(f"{v} ({label})" for v, label in self.choices)
            raise ValueError(f"{self.label}: '{value}' is not one of {allowed}.")
        return value


AUTO_LOCK_MINUTES = Setting("auto_lock_minutes", N_("Lock after idle (minutes)"), int, 5, 1, 120,
                            N_("The store locks and the screen clears after this much idle time."))
FAILED_ATTEMPTS_THRESHOLD = Setting(
    "failed_attempts_threshold", N_("Unsuccessful attempts before escalation"), int, 3, 1, 20,
    N_("After this many unsuccessful attempts in a row, the app suggests escalating."))
UNSEEN_DAYS = Setting("unseen_days", N_("Days without being seen before an alert"), int, 28, 1, 365,
                      N_("A person not seen for this many days is flagged on the caseload."))
REVIEW_MONTHS = Setting("review_months", N_("Review meeting every (months)"), int, 3, 1, 12,
                        N_("Default gap between a meeting and the next review."))
def _procedure_choices():
    from desktop.domain.procedure import Procedure
    return tuple((p.value, p.label) for p in Procedure)


PROCEDURE = Setting(
    "procedure", N_("Procedure followed"), str, "fife", choices=_procedure_choices(),
    help=N_("The multi-agency procedure your agency follows: it sets the agencies a meeting must "
         "include, the chair's role, the supervision interval and the words used."))
SUPERVISION_WEEKS = Setting(
    "supervision_weeks", N_("Supervision every (weeks; 0: the procedure's default)"), int, 0, 0, 26,
    N_("A prompt when a case has had no supervision for this long."))
SYNC_FOLDER = Setting("sync_folder", N_("Sync folder"), str, "",
                      help=N_("A shared or removable folder used for one-click export and import."))
MOVE_IMPORTED = Setting(
    "move_imported", N_("Put imported packages away"), bool, True,
    help=N_("After a sync with a folder, move the packages imported from it into its 'imported' "
         "subfolder, so they are not opened again at the next sync."))
AGENCY_NAME = Setting("agency_name", N_("Agency"), str, "",
                      help=N_("Printed on reports and sent with sync packages."))
WORKER_NAME = Setting("worker_name", N_("Worker name"), str, "", required=True,
                      help=N_("Recorded with everything you write (contacts, visits, changes)."))
CLOSED_CASE_DAYS = Setting(
    "closed_case_days", N_("Keep closed cases on this device (days)"), int, 0, 0, 3650,
    N_("Field devices: a case the lead agency has closed is removed from this device once the lead "
    "agency has everything it sent about it, after this many more days (0: at once)."))

def _procedure_region(settings) -> str:
    """The bank holidays of the procedure's nation: Fife and South Lanarkshire → Scotland,
    the English procedures → England."""
    from desktop.domain.procedure import settings_for
    region = settings_for(settings.get("procedure")).holiday_region
    return region if region in REGIONS else DEFAULT_REGION


HOLIDAY_REGION = Setting(
    "holiday_region", N_("Bank holidays of"), str, "",
    help=N_("Working-day deadlines (minutes within 5 working days, actions) skip this part of "
            "the UK's bank holidays. By default, those of the nation whose procedure you "
            "follow."),
    choices=(("", N_("The procedure's nation")),
             *((key, label) for key, (label, _ignored) in REGIONS.items())),
    derive=_procedure_region)

LANGUAGE = Setting(
    "language", N_("Language"), str, "system", device=True,
    help=N_("The language of the screens, messages and reports on this computer. Applies the "
         "next time Stickability starts."),
    choices=(("system", N_("System default")), ("en", N_("English")), ("cy", N_("Cymraeg (Welsh)"))))

REGISTRY: dict[str, Setting] = {s.key: s for s in (
    AUTO_LOCK_MINUTES, FAILED_ATTEMPTS_THRESHOLD, UNSEEN_DAYS, REVIEW_MONTHS, PROCEDURE,
    SUPERVISION_WEEKS, SYNC_FOLDER, MOVE_IMPORTED, AGENCY_NAME, WORKER_NAME, CLOSED_CASE_DAYS,
    HOLIDAY_REGION, LANGUAGE)}


class Settings:
    """Typed access to the ``setting:<key>`` rows of the store's ``meta`` table."""

    def __init__(self, store):
        self._store = store

    def get(self, setting: Setting | str, *, derived: bool = True) -> Any:
        """The value in force; ``derived=False``: as chosen ("" for a setting left to follow
        the others, such as the bank holidays following the procedure)."""
        s = REGISTRY[setting] if isinstance(setting, str) else setting
        if s.device:
            from desktop.i18n import saved_language
            return saved_language()
        raw = self._store.meta_get(f"setting:{s.key}")
        value = s.default if raw is None else s.coerce(json.loads(raw))
        if derived and s.derive is not None and value in (None, ""):
            return s.derive(self)
        return value

    def set(self, setting: Setting | str, value: Any) -> None:
        s = REGISTRY[setting] if isinstance(setting, str) else setting
        if s.device:
            from desktop.i18n import save_language
            save_language(s.coerce(value))
            return
        self._store.meta_set(f"setting:{s.key}", json.dumps(s.coerce(value)))

    def all(self) -> dict[str, Any]:
        return {k: self.get(s) for k, s in REGISTRY.items()}
