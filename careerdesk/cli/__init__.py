"""The ``careerdesk`` command: no subcommand opens the GUI; subcommands script the services.

Each module in ``careerdesk.cli.commands`` defines ``register(subparsers)`` and is found
automatically. Exit codes: 0 ok; 2 bad input or refused (message on stderr, nothing
changed); 1 unexpected error (details in the log).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from careerdesk import APP_NAME, __version__
from careerdesk.core.kernel import timeline
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.paths import keep_matplotlib_cache
from careerdesk.core.kernel.plugins import CLI_COMMANDS, discover

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REFUSED = 2


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser; ``with_commands=False`` skips importing the command modules."""
    parser = argparse.ArgumentParser(
        prog="careerdesk",
        description=f"{APP_NAME}: from skills to offer. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="also log to the console")
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="open the app in kiosk mode: full screen, learner picker, advisor PIN to leave",
    )
    parser.add_argument(
        "--trace-startup",
        metavar="FILE",
        help="write the start-up timeline (JSON, see docs/performance.md) to FILE",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if not with_commands:
        return parser
    for plugin in discover(CLI_COMMANDS):
        plugin.value(sub)
    return parser


def _names_a_command(argv: Sequence[str]) -> bool:
    """True if the arguments name a subcommand or ask for help (an option's value is not a
    command: ``--trace-startup FILE`` opens the GUI)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-h", "--help"):
            return True
        elif arg == "--trace-startup":
            skip = True
        elif not arg.startswith("-"):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    # Before any command module imports matplotlib (it reads the setting once).
    keep_matplotlib_cache()
    argv = list(sys.argv[1:] if argv is None else argv)
    # Opening the GUI (no command) must not pay for importing every command module.
    wants_command = _names_a_command(argv)
    parser = build_parser(with_commands=wants_command)
    args = parser.parse_args(argv)
    if args.command is None:
        if args.trace_startup:
            os.environ[timeline.TRACE_ENV] = str(args.trace_startup)
        timeline.mark("arguments-read")
        from careerdesk.ui.shell.app import run_gui

        return run_gui(verbose=args.verbose, kiosk=args.kiosk)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"careerdesk: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("careerdesk: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        log.exception("command %s failed", args.command)
        print(f"careerdesk: unexpected error: {exc!r} (details in the log)", file=sys.stderr)
        return EXIT_ERROR
