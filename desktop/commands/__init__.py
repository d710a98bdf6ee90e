"""CLI plumbing shared by every command module.

A command module ``desktop/commands/<area>.py`` defines ``register(sub, group)`` where ``sub`` is
the top-level subparsers object and ``group(name, help)`` returns the (shared) subparsers of a
command group such as ``person``, so several modules can add ``person …`` commands. A handler
takes a ``Context`` and returns an exit code (or None for 0); it raises ``UserError`` for
anything the user can fix.
"""
from __future__ import annotations

import argparse
import enum
import getpass
import importlib
import json
import os
import pkgutil
import sys
from datetime import date, datetime
from pathlib import Path

from desktop.store.errors import StoreError
from desktop.store.paths import default_store_dir
from desktop.store.postgres import is_url, redact
from desktop.i18n import _, ngettext  # noqa: F401


class UserError(Exception):
    """A problem the user can fix; printed as one line on stderr, exit code 1."""


def enum_value(enum_cls: type[enum.Enum], text: str, what: str) -> enum.Enum:
    try:
        return enum_cls(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise UserError(_("unknown {what} '{text}'; allowed: {allowed}").format(what=what, text=text, allowed=allowed)) from None


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(_("bad {what} '{text}'; use YYYY-MM-DD").format(what=what, text=text)) from None


def parse_optional_date(text: str, what: str = "date") -> date | None:
    """A date, or None for 'none' (or nothing): the option clears the date."""
    if text.strip().lower() in ("none", ""):
        return None
    return parse_date(text, what)


def parse_datetime(text: str, what: str = "time") -> datetime:
    from desktop.domain.ids import from_iso
    try:
        return from_iso(text)
    except ValueError:
        raise UserError(_("bad {what} '{text}'; use ISO-8601, e.g. 2026-05-14T10:30").format(what=what, text=text)) from None


class Context:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.json = bool(getattr(args, "json", False))
        raw = getattr(args, "store", None)
        #: a folder, or (for the hub) the ``postgresql://…`` URL / ``service=NAME`` as given:
        #: a URL never becomes a local folder
        self.store_dir = raw.strip() if is_url(raw) else (
            Path(raw).expanduser() if raw else default_store_dir())
        self.is_hub = is_url(raw)
        self._store = None

    @property
    def location(self) -> str:
        """The store's folder, or the hub's URL without its password: fit to print."""
        return redact(self.store_dir) if self.is_hub else str(self.store_dir)

    # -- passphrase and store --------------------------------------------------------------
    def passphrase(self, prompt: str = "Passphrase: ") -> str:
        env = os.environ.get("STICKABILITY_PASSPHRASE")
        if env is not None:
            return env
        if not sys.stdin.isatty():
            raise UserError(_("no passphrase: set STICKABILITY_PASSPHRASE or run in a terminal"))
        return getpass.getpass(prompt)

    def store(self):
        if self._store is None:
            from desktop.store.store import Store
            try:
                if not Store.exists(self.store_dir):
                    raise UserError(_("no store at {location}; create one with 'init'").format(location=self.location))
                if self.is_hub:
                    # Coordinators work without the hub's passphrase; it unseals the hub's
                    # sync keys, which import and export need (StoreError otherwise).
                    self._store = Store.unlock(self.store_dir,
                                               os.environ.get("STICKABILITY_PASSPHRASE"))
                else:
                    self._store = Store.unlock(self.store_dir, self.passphrase())
            except StoreError as exc:
                raise UserError(str(exc)) from None
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.lock()
            self._store = None

    # -- output ----------------------------------------------------------------------------
    def emit(self, data: dict, text: str | None = None) -> None:
        """``data`` as one JSON object with ``--json``; otherwise ``text`` (or a plain dump)."""
        from desktop.commands.terminal import safe, safe_json
        if self.json:
            print(safe_json(json.dumps(data, ensure_ascii=False, default=_default)))
        elif text is not None:
            print(safe(text))
        else:
            for k, v in data.items():
                print(safe(f"{k}: {v}"))

    def fail(self, message: str) -> None:
        from desktop.commands.terminal import safe
        print(f"error: {safe(message)}", file=sys.stderr)


def _default(o):
    if isinstance(o, enum.Enum):
        return o.value
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def handles_store_errors(fn):
    """Decorator: store errors become UserError (exit 1, one line)."""
    def wrapper(ctx):
        try:
            return fn(ctx)
        except StoreError as exc:
            raise UserError(str(exc)) from None
        except LookupError as exc:
            raise UserError(str(exc).strip("'\"")) from None
        except ValueError as exc:
            raise UserError(str(exc)) from None
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _common() -> argparse.ArgumentParser:
    """``--store`` and ``--json`` are accepted after the command too (``person list --json``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH|URL", default=argparse.SUPPRESS,
                        help=_("store folder (default: the user data directory), or the hub: "
                             "postgresql://… or service=NAME"))
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help=_("print one JSON object on stdout"))
    return common


COMMON = _common()


def command(subparsers, name: str, handler, help: str) -> argparse.ArgumentParser:
    """Add a leaf command that accepts the global options and runs ``handler(ctx)``."""
    p = subparsers.add_parser(name, help=help, description=help, parents=[COMMON])
    p.set_defaults(handler=handles_store_errors(handler))
    return p


def version_line(prog: str) -> str:
    from desktop import __version__
    return f"{prog} {__version__}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stickability-cli",
        description=_("Stickability headless commands (lead-agency scripting, import, export)."))
    parser.add_argument("--store", metavar="PATH|URL",
                        help=_("store folder (default: the user data directory), or the hub: "
                             "postgresql://… or service=NAME"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object on stdout"))
    parser.add_argument("--version", action="version", version=version_line("stickability-cli"))
    parser.add_argument("--language", metavar="CODE",
                        help=_("language of messages and reports: cy, en or system"))
    sub = parser.add_subparsers(metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction] = {}

    def group(name: str, help: str = ""):
        if name not in groups:
            p = sub.add_parser(name, help=help)
            groups[name] = p.add_subparsers(metavar="ACTION")
            p.set_defaults(handler=None, _group_parser=p)
        return groups[name]

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "register"):
            mod.register(sub, group)
    return parser
