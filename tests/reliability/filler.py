"""Child for the full-disk tests: fills a store until the disk (or a file-size limit) says no.

    python -m tests.reliability.filler STORE PASSPHRASE rlimit   # RLIMIT_FSIZE, SIGXFSZ ignored
    python -m tests.reliability.filler STORE PASSPHRASE ballast  # a small file system: the
                                                                 # parent left STORE/../ballast

Then, still full: a passphrase change and a backup are tried. Then space is given back (limit
lifted / ballast removed) and one more record is written. Prints one JSON object.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path

from desktop.domain.person import Person
from desktop.store.backup import create_backup
from desktop.store.errors import StoreFull
from desktop.store.store import Store

NOTES = "x" * 3000   # not personal data: filler


def _limit(nbytes: int) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, hard))


def _unlimit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))


def _top_up(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    if os.write(fd, b"\0" * size) < size:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)


def _try(fn) -> str:
    try:
        fn()
    except StoreFull as exc:
        return f"StoreFull: {exc}"
    except Exception as exc:  # reported to the parent, which fails the test
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def main(folder: Path, passphrase: str, how: str) -> dict:
    store = Store.unlock(folder, passphrase)
    result: dict = {"ids": [], "full": None}
    if how == "rlimit":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        biggest = max(p.stat().st_size for p in folder.iterdir() if p.is_file())
        _limit(biggest + (256 << 10))
    for i in range(5000):
        try:
            result["ids"].append(store.people.add(Person(name=f"Filler {i}", notes=NOTES)).id)
        except StoreFull as exc:
            result["full"] = str(exc)
            break
        except Exception as exc:
            result["full"] = f"{type(exc).__name__}: {exc}"
            break
    if how == "ballast":
        _top_up(folder.parent / "ballast-2")   # take the last few free bytes too
    result["again"] = _try(lambda: store.people.add(Person(name="One more", notes=NOTES)))
    if how == "rlimit":
        _limit(64)      # smaller than a key file: its temp copy cannot be written
    result["passphrase"] = _try(lambda: store.change_passphrase("a new passphrase"))
    if how == "rlimit":
        _limit(folder.joinpath("store.db").stat().st_size // 2)
    result["backup"] = _try(lambda: create_backup(store))
    if how == "rlimit":
        _unlimit()
    else:
        os.unlink(folder.parent / "ballast")
        os.unlink(folder.parent / "ballast-2")
    result["after"] = store.people.add(Person(name="After space came back")).id
    store.lock()
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])))
