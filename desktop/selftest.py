"""``stickability --self-test``: prove, headless, that an installed copy works end to end.

Creates throwaway encrypted stores in a temporary folder (fictional data only, a fast key
derivation: this is a self-test, not a real store), writes and reads a person and a contact
attempt, exports a sync package from a field store and imports it into a lead-agency store, and
renders a PDF report. One line per step, ``OK`` / ``FAIL`` / ``skipped``; the exit code is 0 only
when every step ran and passed. Nothing is written outside the temporary folder, which is removed
afterwards whatever happens.

``run()`` imports no Qt (the domain, store, sync and reports are Qt-free). ``main()`` is what the
app's ``--self-test`` option calls: it adds the Qt checks from ``desktop.ui.selfcheck`` (platform
plugin, SVG icon, translations, help) when the UI package is present.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

PASSPHRASE = "self-test passphrase, not a real store"
SELF_TEST_LOG2_N = 10       # the smallest scrypt cost the key file accepts; fine for a self-test


class Skipped(Exception):
    """A step whose part of the app is not in this build."""


@dataclass
class Context:
    """What the steps share: the temporary folder and the objects earlier steps made."""
    root: Path
    stores: dict = field(default_factory=dict)
    person_id: str = ""

    def close(self) -> None:
        for store in self.stores.values():
            try:
                store.lock()
            except Exception:  # noqa: BLE001 - closing is best effort in a self-test
                pass


Step = tuple[str, Callable[[Context], str]]


# ---------------------------------------------------------------------------- steps
def _new_store(ctx: Context, name: str, role: str):
    from desktop.store.store import Store
    store, _code = Store.create(ctx.root / name, PASSPHRASE, role=role,
                                worker=f"Self-test {role} worker", agency=f"Self-test {role} agency",
                                log2_n=SELF_TEST_LOG2_N)
    ctx.stores[name] = store
    return store


def step_create_store(ctx: Context) -> str:
    store = _new_store(ctx, "field", "field")
    version = store.db.execute("PRAGMA cipher_version").fetchone()
    if not version or not version[0]:
        raise RuntimeError("the database is not encrypted (no SQLCipher)")
    plain = [p.name for p in store.folder.iterdir() if p.is_file() and _looks_plain(p)]
    if plain:
        raise RuntimeError(f"unencrypted database file(s): {', '.join(plain)}")
    return f"SQLCipher {version[0]}"


def _looks_plain(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def step_person_and_attempt(ctx: Context) -> str:
    from desktop.domain.contact import ContactMethod, ContactOutcome
    from desktop.domain.person import Person
    from desktop.store.store import Store
    store = ctx.stores["field"]
    person = store.people.add(Person(name="Alex Selftest", known_as="Alex"))
    store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                       note="self-test attempt")
    folder = store.folder
    store.lock()                               # read back through a fresh unlock
    store = ctx.stores["field"] = Store.unlock(folder, PASSPHRASE)
    again = store.people.require(person.id)
    timeline = store.attempts.timeline(person.id)
    if again.name != "Alex Selftest" or len(timeline) != 1 \
            or timeline[0].outcome is not ContactOutcome.NO_ANSWER:
        raise RuntimeError("the person or the attempt did not read back as written")
    result = store.audit_verify()
    if not getattr(result, "ok", True):
        raise RuntimeError(f"audit chain broken: {result}")
    ctx.person_id = person.id
    return "1 person, 1 attempt, audit chain intact"


def _built(name: str):
    """Import a part of the app, or ``Skipped`` when this build does not have it (an empty
    folder imports as a namespace package: that does not count)."""
    import importlib
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise Skipped("not built yet") from None
    if getattr(module, "__file__", None) is None:
        raise Skipped("not built yet")
    return module


def step_sync(ctx: Context) -> str:
    """Enrol a lead-agency store and the field store with each other (fingerprints confirmed),
    export the field store's changes, import them at the lead agency, then import the same
    package again: it must say "already imported" and change nothing."""
    sync = _built("desktop.sync")
    field = ctx.stores["field"]
    lead = _new_store(ctx, "lead", "lead")
    for sender, receiver, name in ((lead, field, "agency.json"), (field, lead, "device.json")):
        sync.export_enrolment(sender, ctx.root / name)
        enrolment = sync.read_enrolment(ctx.root / name)
        sync.enrol(receiver, enrolment, confirmed_fingerprint=enrolment.fingerprint)
    out = sync.export_packages(field, ctx.root / "outbox")
    if len(out.packages) != 1 or not out.changes:
        raise RuntimeError(f"expected one package with changes, got {out.message!r}")
    first = sync.import_paths(lead, out.packages)
    if first.imported != 1 or first.rejected or first.changes_applied != out.changes:
        raise RuntimeError(f"import: {first.text()}")
    attempts = lead.attempts.timeline(ctx.person_id)
    if len(attempts) != 1 or lead.people.require(ctx.person_id).name != "Alex Selftest":
        raise RuntimeError("the lead agency's store does not hold what was sent")
    again = sync.import_paths(lead, out.packages)
    if again.imported or again.already_imported != 1:
        raise RuntimeError(f"importing twice: {again.text()}")
    if not lead.audit_verify().ok:
        raise RuntimeError("the lead agency's audit chain is broken after the import")
    size = out.packages[0].stat().st_size
    return f"1 package, {out.changes} changes, {size // 1024 or 1} KB, imported exactly once"


def step_pdf(ctx: Context) -> str:
    reports = _built("desktop.reports")
    store = ctx.stores["field"]
    out = ctx.root / "self-test.pdf"
    kind = "chronology" if "chronology" in reports.KINDS else next(iter(reports.KINDS))
    built = reports.make_report(store, kind, ctx.person_id, out)
    data = out.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise RuntimeError("the file written is not a complete PDF")
    return f"{reports.KINDS[kind]}: {built.pages} page(s), {len(data) // 1024} KB"


CORE_STEPS: list[Step] = [
    ("Create an encrypted store", step_create_store),
    ("Write and read a person and a contact attempt", step_person_and_attempt),
    ("Export and import a sync package", step_sync),
    ("Render a PDF report", step_pdf),
]


# ---------------------------------------------------------------------------- runner
def run(extra_steps: list[Step] | tuple = (), out: TextIO | None = None) -> int:
    """Run every step; print one line each; 0 only if all ran and passed."""
    out = out or sys.stdout
    from desktop import __version__
    print(f"Stickability {__version__} self-test ({_where()})", file=out, flush=True)
    failed = skipped = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stickability-selftest-") as tmp:
        ctx = Context(Path(tmp))
        try:
            for name, fn in [*CORE_STEPS, *extra_steps]:
                t0 = time.perf_counter()
                try:
                    detail = fn(ctx)
                    status = "OK"
                except Skipped as exc:
                    status, detail = "skipped", f"({exc})"
                    skipped += 1
                except Exception as exc:  # noqa: BLE001 - report every failure, carry on
                    status, detail = "FAIL", f"{type(exc).__name__}: {exc}"
                    failed += 1
                    if os.environ.get("STICKABILITY_SELFTEST_TRACE"):
                        traceback.print_exc(file=out)
                took = time.perf_counter() - t0
                print(f"  {name} ... {status}  {detail}  [{took:.2f} s]".rstrip(),
                      file=out, flush=True)
        finally:
            ctx.close()
    total = time.perf_counter() - started
    verdict = "PASSED" if not failed and not skipped else "FAILED"
    print(f"Self-test {verdict}: {failed} failed, {skipped} skipped, {total:.2f} s in all",
          file=out, flush=True)
    return 0 if verdict == "PASSED" else 1


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"bundle at {Path(sys.executable).parent}"
    return f"Python {sys.version.split()[0]}"


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``--self-test``: the core steps plus the Qt checks when available.
    Call it before any QApplication exists."""
    extra: list[Step] = []
    try:
        from desktop.ui.selfcheck import qt_steps
    except ImportError:
        pass
    else:
        extra = qt_steps()
    out = sys.stdout
    if out is None:  # a windowed build on Windows has no console: write the report to a file
        out = open(Path(tempfile.gettempdir()) / "stickability-self-test.txt", "w",
                   encoding="utf-8")
    try:
        return run(extra, out)
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    raise SystemExit(main())
