"""The diagnostic log: a rotating file in the platform's log folder that never holds personal data.

- ``setup()`` (the app and the CLI call it once): ``stickability.log`` (1 MB, five old files
  kept) in ``log_dir()`` (``STICKABILITY_LOG_DIR`` or the platform's user log folder), and
  ``faulthandler`` writing a hard crash's stack to ``faults.log`` beside it.
- Nothing a person wrote reaches the file. ``SafeFormatter`` keeps a log call's template and
  its numbers; a text argument is kept only when it is a code name (``GoalsTab``,
  ``desktop.ui.ops``, ``no_answer``) and is written ``<text>`` otherwise; quoted text, ids,
  e-mail addresses and long numbers left in a template are replaced too. An exception is logged
  as its type and stack frames, never its message (messages can quote what was typed).
- ``crash_report(exc_info)`` is the same summary with the versions, for the "Copy details"
  button of the exception dialog; ``versions()`` and ``last_errors()`` feed
  ``stickability-cli diagnose``.
"""
from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import re
import sys
import traceback
from importlib import metadata
from pathlib import Path

import platformdirs

LOG_NAME = "stickability.log"
FAULTS_NAME = "faults.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_CODE_SUFFIXES = ("Error", "Exception", "Warning", "Tab", "Dialog", "Widget", "Page", "Screen",
                  "Model", "Panel", "View", "Form", "Bar", "Window", "Editor", "Worker")
_CODE_NAME = re.compile(r"^(?:[a-z][a-z0-9]*(?:[._][a-z0-9]+)+"           # snake / dotted
                        r"|(?:[A-Z][a-z0-9]+){2,})$")                       # CamelCase
_SCRUB = [
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I), "<id>"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "<email>"),
    (re.compile(r"“[^”]*”|\"[^\"]*\"|'[^']*'"), "<text>"),
    (re.compile(r"\+?\d[\d ]{5,}\d"), "<number>"),
]
_state: dict = {}


def log_dir() -> Path:
    env = os.environ.get("STICKABILITY_LOG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_log_dir("Stickability", appauthor=False))


def log_file() -> Path:
    return log_dir() / LOG_NAME


def faults_file() -> Path:
    return log_dir() / FAULTS_NAME


def scrub(text: str) -> str:
    for pattern, repl in _SCRUB:
        text = pattern.sub(repl, text)
    return text


def _safe_arg(value):
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, type):
        return value.__qualname__
    if isinstance(value, BaseException):
        return f"<{type(value).__name__}>"
    if isinstance(value, str) and _CODE_NAME.match(value) and (
            not value[0].isupper() or value.endswith(_CODE_SUFFIXES)):
        return value
    return "<text>"


def exception_summary(exc_type, exc, tb) -> str:
    """Type and stack frames of an exception (and of its causes), without any message."""
    lines = []
    chain = []
    while exc is not None and len(chain) < 5:
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    for i, e in enumerate(reversed(chain or [None])):
        etype = type(e) if e is not None else exc_type
        frames = traceback.extract_tb(e.__traceback__ if e is not None else tb)
        if i:
            lines.append("which led to:")
        lines.append("Traceback (most recent call last; the message is left out):")
        for f in frames:
            lines.append(f'  File "{f.filename}", line {f.lineno}, in {f.name}')
        lines.append(f"{etype.__module__}.{etype.__qualname__}")
    return "\n".join(lines)


class SafeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        if isinstance(record.args, tuple):
            record.args = tuple(_safe_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _safe_arg(v) for k, v in record.args.items()}
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        exc_info, record.exc_info, record.exc_text = record.exc_info, None, None
        text = super().format(record)
        if exc_info and exc_info[0] is not None:
            text += "\n" + exception_summary(*exc_info)
        if record.stack_info:
            text = text.replace(record.stack_info, "")
        return text


def setup(level: int = logging.INFO, folder: Path | None = None, *,
          faults: bool = True) -> Path | None:
    """Send every log record to the rotating file (idempotent); with ``faults``, a hard crash's
    stack goes to ``faults.log``. Returns the file, or ``None`` when the folder cannot be
    written (the app still runs; warnings then go to stderr)."""
    folder = Path(folder) if folder else log_dir()
    path = folder / LOG_NAME
    if _state.get("path") == path:
        return path
    teardown()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        fault_file = (open(folder / FAULTS_NAME, "a", encoding="utf-8")   # noqa: SIM115 - kept
                      if faults else None)
    except OSError:
        return None
    handler.setFormatter(SafeFormatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    for other in root.handlers:                 # stderr, if any, gets the same protection
        if other is not handler:
            other.setFormatter(SafeFormatter(FORMAT))
    if fault_file is not None:
        faulthandler.enable(file=fault_file, all_threads=True)
    _state.update(path=path, handler=handler, faults=fault_file)
    return path


def teardown() -> None:
    handler = _state.pop("handler", None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
    faults = _state.pop("faults", None)
    if faults is not None:
        faulthandler.disable()
        faults.close()
    _state.pop("path", None)


def versions() -> dict[str, str]:
    from desktop import __version__
    out = {"stickability": __version__, "python": platform.python_version(),
           "platform": platform.platform()}
    for dist in ("PySide6-Essentials", "sqlcipher3", "reportlab", "pyrage", "cryptography",
                 "pypdf", "keyring", "zxcvbn", "holidays", "Babel"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    out["frozen"] = "yes" if getattr(sys, "frozen", False) else "no"
    return out


def crash_report(exc_type, exc, tb) -> str:
    """What "Copy details" copies: versions and the stack, no message, no data."""
    head = "\n".join(f"{k}: {v}" for k, v in versions().items())
    return f"{head}\n\n{exception_summary(exc_type, exc, tb)}\n"


def last_errors(limit: int = 20, folder: Path | None = None) -> list[str]:
    """The last ``limit`` WARNING/ERROR/CRITICAL entries (first line of each), oldest first."""
    folder = Path(folder) if folder else log_dir()
    files = [folder / f"{LOG_NAME}.{i}" for i in range(BACKUPS, 0, -1)] + [folder / LOG_NAME]
    found: list[str] = []
    pattern = re.compile(r"^\S+ \S+ (WARNING|ERROR|CRITICAL) ")
    for f in files:
        try:
            lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        found.extend(line for line in lines if pattern.match(line))
    return found[-limit:]
