"""The child process of the crash tests: writes through the Store API and prints one line after
each commit returns (flushed), until the parent kills it.

``python -m tests.reliability.writer`` imports everything once, prints ``loaded`` and then, for
each JSON job line read from stdin, forks a writer process that does the job, so every run
starts in milliseconds (the parent SIGKILLs the forked writer; this server reaps it and prints
``ended PID STATUS``):

    ["records", STORE, PASSPHRASE, SEED]
    ["passphrase", STORE, PASSPHRASE, PREFIX]
    ["migration", STORE, PASSPHRASE]
    ["export", STORE, PASSPHRASE, OUT_DIR]     (a field store enrolled with a lead agency)
    ["import", STORE, PASSPHRASE, PACKAGES_DIR]

Lines a writer prints: ``ready PID`` (unlocked, first commit done, writing on); ``person ID``; ``attempt ID``;
``group PERSON A1 A2 A3`` (one transaction); ``update PERSON REV``; ``changing NEW`` / ``now NEW``
around a passphrase change; ``migrated`` once the unlock (with its migration) returned;
``exported N`` after an export wrote N files; ``done K`` when K packages have been imported.
"""
from __future__ import annotations

import json
import os
import random
import sys
import traceback
from pathlib import Path

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store.store import Store


def out(*parts: str) -> None:
    sys.stdout.write(" ".join(parts) + "\n")
    sys.stdout.flush()


def records(folder: Path, passphrase: str, seed: str) -> None:
    store = Store.unlock(folder, passphrase)
    rng = random.Random(seed)
    people = [p.id for p in store.people.where(limit=200)]
    n = 0
    while True:
        n += 1
        if n == 2:
            out("ready", str(os.getpid()))   # one commit done: the kill lands in the loop
        r = rng.random()
        if r < 0.3 or not people or n == 1:
            p = store.people.add(Person(name=f"Crash person {seed}-{n}"))
            people.append(p.id)
            out("person", p.id)
        elif r < 0.7:
            a = store.attempts.log(rng.choice(people), ContactMethod.PHONE,
                                   ContactOutcome.NO_ANSWER, f"note {n}")
            out("attempt", a.id)
        elif r < 0.85:
            with store.transaction():
                p = store.people.add(Person(name=f"Crash group {seed}-{n}"))
                ids = [store.attempts.log(p.id, ContactMethod.HOME_VISIT,
                                          ContactOutcome.NOT_AT_HOME, f"group {k}").id
                       for k in range(3)]
            people.append(p.id)
            out("group", p.id, *ids)
        else:
            pid = rng.choice(people)
            p = store.people.require(pid)
            store.people.update(store.people.copy(p, notes=f"rev {n}"))
            out("update", pid, str(n))


def passphrase(folder: Path, current: str, prefix: str) -> None:
    store = Store.unlock(folder, current)
    i = 0
    while True:
        i += 1
        if i == 2:
            out("ready", str(os.getpid()))   # one change done: the kill lands in the loop
        new = f"{prefix}-{i}"
        out("changing", new)
        store.change_passphrase(new)
        out("now", new)


def migration(folder: Path, current: str) -> None:
    from tests.reliability.fake_migration import installed
    with installed():
        out("ready", str(os.getpid()))
        store = Store.unlock(folder, current)
        out("migrated")
        store.lock()


def export(folder: Path, current: str, out_dir: str) -> None:
    from desktop.sync import export_packages
    store = Store.unlock(folder, current)
    n = 0
    while True:
        n += 1
        p = store.people.add(Person(name=f"Export person {n}"))
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "exported")
        result = export_packages(store, out_dir)
        out("exported", str(len(result.packages)))
        if n == 1:
            out("ready", str(os.getpid()))


def import_(folder: Path, current: str, packages: str) -> None:
    from desktop.sync import import_paths
    store = Store.unlock(folder, current)
    out("ready", str(os.getpid()))

    def progress(done, total, _name):
        out("done", str(done))

    summary = import_paths(store, [packages], progress=progress)
    out("summary", str(summary.imported), str(summary.rejected))
    store.lock()


def main(argv: list[str]) -> None:
    mode, folder, secret, *rest = argv
    if mode == "records":
        records(Path(folder), secret, rest[0])
    elif mode == "passphrase":
        passphrase(Path(folder), secret, rest[0])
    elif mode == "migration":
        migration(Path(folder), secret)
    elif mode == "export":
        export(Path(folder), secret, rest[0])
    elif mode == "import":
        import_(Path(folder), secret, rest[0])
    else:
        raise SystemExit(f"unknown mode {mode}")


def serve() -> None:
    out("loaded")
    for line in sys.stdin:
        job = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            status = 0
            try:
                main(job)
            except BaseException:
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        _pid, wait_status = os.waitpid(pid, 0)
        out("ended", str(pid), str(wait_status))


if __name__ == "__main__":
    import tests.reliability.fake_migration  # noqa: F401
    serve()
