"""Render the main windows offscreen from invented data into ``docs/screenshots/``.

    python -m desktop.ui.screenshots [--out docs/screenshots] [--readme README.md]
    ./scripts/screenshots

Scenes: first-run setup, unlock, the caseload (the demo store, ``desktop.demo``), every person
tab in ``desktop.ui.person.tabs.TABS`` (the fictional case study,
``desktop.synthetic.case_study``, as the lead agency sees it, or the demo store's first person),
the Sync screen and Settings when they exist, then the caseload and a person in the dark and
high-contrast palettes and at 150% text size. The README's Screenshots section (between the
``screenshots`` markers) is rewritten to show them. Everything shown is invented; the stores
live in a temporary folder deleted at the end, and no keychain is touched.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"   # never a real one

SIZE = (1366, 768)             # a common laptop screen
SMALL = (1024, 600)            # a small laptop: shown with text at 150%
FAST_KDF = 10          # throwaway stores: a quick key derivation
START, END = "<!-- screenshots:start -->", "<!-- screenshots:end -->"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Shooter:
    def __init__(self, app, out: Path, work: Path):
        self.app, self.out, self.work = app, out, work
        self.shots: list[tuple[str, str]] = []       # (file name, caption)

    def settle(self, rounds: int = 6) -> None:
        from desktop.ui import ops
        for _ in range(rounds):
            ops.wait_for_all(10_000)
            self.app.processEvents()

    def save(self, widget, name: str, caption: str) -> Path:
        self.settle()
        path = self.out / f"{len(self.shots) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.shots.append((path.name, caption))
        print(f"  {path}")
        return path

    size = SIZE

    def window(self, folder: Path, **kwargs):
        from desktop.ui.main_window import MainWindow
        window = MainWindow(folder, auto_unlock=False, **kwargs)
        window.resize(*self.size)
        window.show()
        self.settle()
        return window

    def unlocked(self, folder: Path, passphrase: str):
        from desktop.store.store import Store
        window = self.window(folder)
        window.open_workspace(Store.unlock(folder, passphrase))
        self.settle()
        return window

    def close(self, window) -> None:
        window.close()
        window.deleteLater()
        self.settle()


# ---------------------------------------------------------------- stores
def demo_store(work: Path) -> tuple[Path, str]:
    from desktop.demo import DEMO_PASSPHRASE, build_demo_store
    folder = work / "demo"
    store, _ = build_demo_store(folder, log2_n=FAST_KDF)
    store.lock()
    return folder, DEMO_PASSPHRASE


def case_study_store(work: Path) -> tuple[Path, str, str] | None:
    """A lead-agency store holding the fictional case study, or None if this build lacks it."""
    try:
        from desktop.synthetic import case_study
    except ImportError:
        return None
    from desktop.store.store import Store
    from desktop.ui.person.base import PersonTab  # noqa: F401  (UI importable before the store)
    passphrase = "case study passphrase"
    folder = work / "case-study"
    store, _ = Store.create(folder, passphrase, role="lead", worker="Fiona Grant",
                            agency="Social Work", log2_n=FAST_KDF)
    try:
        person_id = case_study.seed(store)
    finally:
        store.lock()
    return folder, passphrase, person_id


def first_person(window, name: str = "") -> str:
    rows = window.store.people.caseload()
    match = [r for r in rows if name and r.name == name]
    return (match or rows)[0].id


# ---------------------------------------------------------------- scenes
def shoot_setup_and_unlock(s: Shooter, demo: Path) -> None:
    window = s.window(s.work / "new")
    page = window.setup_page
    page.worker.setText("Sam Taylor")
    page.agency.setText("Community Nursing")
    s.save(window, "setup", "First run: who you are, your role and a passphrase")
    s.close(window)
    from desktop.demo import DEMO_PASSPHRASE
    window = s.window(demo, demo_hint=f"Demo store with invented people. The passphrase is "
                                      f"“{DEMO_PASSPHRASE}”.")
    s.save(window, "unlock", "Unlock (the key derivation runs off the screen's thread)")
    s.close(window)


def shoot_caseload_and_dialogs(s: Shooter, demo: Path, passphrase: str) -> None:
    window = s.unlocked(demo, passphrase)
    s.save(window, "caseload", "The caseload: search (Ctrl+F), status filter, alerts")
    settings = window.show_settings() if hasattr(window, "show_settings") else None
    if settings is not None:
        s.save(settings, "settings", "Settings (Ctrl+,), generated from the settings registry")
        settings.tabs.setCurrentIndex(1)
        s.save(settings, "settings-passphrase", "Settings: change the passphrase; "
                                                "remember on this device")
        settings.reject()
    sync = window.show_sync() if hasattr(window, "show_sync") else None
    if sync is not None:
        s.save(sync, "sync", "Sync: export and import packages, with progress and a summary")
        sync.reject()
    s.close(window)


def shoot_person_tabs(s: Shooter, folder: Path, passphrase: str, person_id: str | None,
                      demo_name: str = "") -> None:
    from desktop.ui.person import tabs as registry
    window = s.unlocked(folder, passphrase)
    pid = person_id or first_person(window, demo_name)
    view = window.workspace.open_person(pid)
    for cls in registry.TABS:
        view.show_tab(cls)
        s.settle()
        title = cls.TITLE.replace("&", "")
        s.save(window, f"person-{slug(title)}", f"Person screen: {title}")
    s.close(window)


def shoot_dialogs(s: Shooter, folder: Path, passphrase: str, person_id: str,
                  suffix: str = "", label: str = "") -> None:
    """The dialogs a worker fills in: the person record, a meeting with its attendees and
    decisions, a risk assessment with its incidents and RARA table."""
    from desktop.ui.person.overview_tab import OverviewTab
    from desktop.ui.person.plan_tab import PlanTab
    from desktop.ui.person.risk_tab import RiskTab
    window = s.unlocked(folder, passphrase)
    view = window.workspace.open_person(person_id)
    w, h = s.size

    def shot(dialog, name: str, caption: str) -> None:
        dialog.resize(min(w, 980), min(h, 720))
        s.save(dialog, f"{name}{suffix}", caption + label)

    view.show_tab(OverviewTab)
    s.settle()
    record = view.tab(OverviewTab).edit_person()
    for i in range(record.pages.count()):
        record.pages.setCurrentIndex(i)
        page = record.pages.tabText(i).replace("&", "").split(" ", 1)[-1]
        shot(record, f"dialog-person-{slug(page)}", f"Edit person record: {page}")
    record.reject()
    view.show_tab(PlanTab)
    s.settle()
    plan = view.tab(PlanTab)
    if plan.meetings.topLevelItemCount():
        plan.meetings.setCurrentItem(plan.meetings.topLevelItem(0))
        meeting = plan.open_meeting()
        for i in range(meeting.pages.count()):
            page = meeting.pages.tabText(i).replace("&", "")
            if page in ("People", "Decisions"):
                meeting.pages.setCurrentIndex(i)
                shot(meeting, f"dialog-meeting-{slug(page)}", f"Meeting record: {page}")
        meeting.reject()
    view.show_tab(RiskTab)
    s.settle()
    risk_tab = view.tab(RiskTab)
    if risk_tab.versions:
        risk = risk_tab.edit_current()
        for i in (1, 3):
            risk.pages.setCurrentIndex(i)
            page = risk.pages.tabText(i).replace("&", "")
            shot(risk, f"dialog-risk-{slug(page)}", f"Risk assessment: {page}")
        risk.reject()
    s.close(window)


def shoot_variant(s: Shooter, demo: Path, passphrase: str, label: str, key: str,
                  person: tuple[Path, str, str] | None, tabs: tuple[str, ...]) -> None:
    """The caseload and the person tabs titled ``tabs`` in one palette or text size."""
    window = s.unlocked(demo, passphrase)
    s.save(window, f"{key}-caseload", f"The caseload, {label}")
    s.close(window)
    from desktop.ui.person import tabs as registry
    folder, pw, pid = person or (demo, passphrase, None)
    window = s.unlocked(folder, pw)
    view = window.workspace.open_person(pid or first_person(window))
    for cls in registry.TABS:
        title = cls.TITLE.replace("&", "")
        if title in tabs:
            view.show_tab(cls)
            s.save(window, f"{key}-person-{slug(title)}", f"Person screen: {title}, {label}")
    s.close(window)


def run(out: Path) -> list[tuple[str, str]]:
    from PySide6.QtGui import QFont, QPalette
    from PySide6.QtWidgets import QApplication

    from desktop.ui.theme import apply_theme
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Stickability")
    app.setApplicationName("Stickability")
    from desktop.ui.i18n import install_catalogue_bridge
    install_catalogue_bridge(app)               # Qt's standard buttons in the chosen language
    base_font, base_palette = QFont(app.font()), QPalette(app.palette())
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    work = Path(tempfile.mkdtemp(prefix="stickability-shots-"))
    try:
        s = Shooter(app, out, work)
        demo, passphrase = demo_store(work)
        case = case_study_store(work)
        shoot_setup_and_unlock(s, demo)
        shoot_caseload_and_dialogs(s, demo, passphrase)
        if case is not None:
            shoot_person_tabs(s, case[0], case[1], case[2])
            shoot_dialogs(s, case[0], case[1], case[2])
        else:
            shoot_person_tabs(s, demo, passphrase, None, "Morag Delacroix-Baird")
        for palette, label, key in (("dark", "dark palette", "dark"),
                                    ("high-contrast", "high-contrast palette", "contrast")):
            apply_theme(app, palette)
            shoot_variant(s, demo, passphrase, label, key, case, ("Overview", "Goals"))
        app.setPalette(base_palette)
        apply_theme(app, "light", 1.5)
        s.size = SMALL
        label = "1024×600, text at 150%"
        shoot_variant(s, demo, passphrase, label, "small-large-text", case,
                      tuple(cls.TITLE.replace("&", "") for cls in _tabs()))
        if case is not None:
            shoot_dialogs(s, case[0], case[1], case[2], "-small-large-text", f", {label}")
        s.size = SIZE
        app.setFont(base_font)
        app.setPalette(base_palette)
        return s.shots
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _tabs():
    from desktop.ui.person import tabs as registry
    return registry.TABS


def readme_section(shots: list[tuple[str, str]], folder: str) -> str:
    lines = [START, "", "Rendered offscreen from invented data by `./scripts/screenshots` "
             "(`python -m desktop.ui.screenshots`); re-run it after changing a screen. The app "
             "follows the system's palette; `./scripts/app --demo --palette dark` (or `light`, "
             "`high-contrast`) and `--font-scale 1.5` show a screen the way these do.", ""]
    for file_name, caption in shots:
        lines += [f"**{caption}**", "", f"![{caption}]({folder}/{file_name})", ""]
    lines.append(END)
    return "\n".join(lines)


def update_readme(readme: Path, shots: list[tuple[str, str]], out: Path) -> None:
    """Replace the Screenshots section (or add one at the end); the rest is left alone."""
    text = readme.read_text(encoding="utf-8")
    try:
        folder = out.resolve().relative_to(readme.resolve().parent).as_posix()
    except ValueError:
        folder = out.as_posix()
    section = readme_section(shots, folder)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Screenshots\n\n" + section + "\n"
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--readme", default="README.md",
                        help="README to update ('' to leave it alone)")
    parser.add_argument("--language", default="en",
                        help="language of the screens (cy for the Welsh ones)")
    args = parser.parse_args(argv)
    from desktop import i18n
    i18n.set_language(args.language)
    out = Path(args.out)
    print(f"Rendering screenshots into {out}/ …")
    shots = run(out)
    if args.readme:
        update_readme(Path(args.readme), shots, out)
        print(f"Updated the Screenshots section of {args.readme}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
