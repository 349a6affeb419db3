"""``careerdesk export-ics`` and ``careerdesk sync-calendar``.

Exit codes: 0 done; 2 with a message when not connected, the credentials are unusable, Google
cannot be reached or some changes could not be sent (they stay queued for the next run).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, profile_of
from careerdesk.core.kernel.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser(
        "export-ics",
        help="write upcoming interviews, follow-ups and deadlines to an .ics file",
    )
    add_profile_arg(e)
    e.add_argument("--output", required=True, type=Path, metavar="FILE.ics", help="file to write")
    e.set_defaults(func=_export)
    s = sub.add_parser(
        "sync-calendar", help="send queued changes to Google Calendar and pull moves"
    )
    add_profile_arg(s)
    s.add_argument(
        "--credentials",
        type=Path,
        metavar="FILE",
        help="authorised-user JSON (as google-auth writes it) instead of the stored sign-in",
    )
    s.set_defaults(func=_sync)


def _export(args: argparse.Namespace) -> int:
    from careerdesk.core.calendar.sync import CalendarSync

    output = args.output.expanduser().resolve()
    if output.is_dir():
        raise UserError(
            f"{output} is a folder; give a file name such as {output / 'careerdesk.ics'}"
        )
    with open_app() as app:
        profile = profile_of(app, args.profile)
        count = app.service(CalendarSync).export_ics(profile.id, output)
    print(f"Wrote {count} event{'s' if count != 1 else ''} to {output}")
    return 0


def _sync(args: argparse.Namespace) -> int:
    from careerdesk.core.calendar.sync import CalendarSync

    with open_app() as app:
        profile = profile_of(app, args.profile)
        credentials = args.credentials.expanduser() if args.credentials else None
        outcome = app.service(CalendarSync).sync(profile.id, credentials_file=credentials)
        print(outcome.summary())
        if outcome.push.failed:
            return 2
    return 0
