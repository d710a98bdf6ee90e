"""Headless commands for lead-agency scripting and tests: ``stickability-cli`` /
``python -m desktop.cli``.

Global options: ``--store PATH`` (default: the user data directory) and ``--json`` (one JSON
object on stdout). The passphrase comes from ``STICKABILITY_PASSPHRASE`` or is prompted without
echo. Exit 0 on success, 1 with a one-line message on stderr for a user error, 2 for usage
errors. Commands live in ``desktop/commands/`` (one module per area, found automatically).
"""
from __future__ import annotations

import argparse
import sys

from desktop.commands import Context, UserError, build_parser


def _language_option(argv: list[str]) -> str | None:
    """``--language CODE`` / ``--language=CODE``, read before the parser (whose help is
    translated) is built."""
    for i, arg in enumerate(argv):
        if arg == "--language" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    from desktop import i18n
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        i18n.start(_language_option(argv))
    except ValueError as exc:
        print(f"stickability-cli: {exc}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        which = getattr(args, "_group_parser", None) or parser
        which.print_usage(sys.stderr)
        print(f"{which.prog}: error: choose one of the actions above", file=sys.stderr)
        return 2
    from desktop import logs
    logs.setup(faults=False)               # warnings and errors to the log file, never data
    ctx = Context(args)
    try:
        return args.handler(ctx) or 0
    except UserError as exc:
        ctx.fail(str(exc))
        return 1
    except KeyboardInterrupt:
        print("Interrupted; nothing more was changed.", file=sys.stderr)
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
