"""``careerdesk demo``: create a demo profile filled with realistic data."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import open_app
from careerdesk.demo import DEMO_NAME, build_demo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="create a demo profile with realistic data")
    p.add_argument("--name", default=DEMO_NAME, help=f"profile name (default {DEMO_NAME!r})")
    p.add_argument("--reset", action="store_true", help="rebuild it if it already exists")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = build_demo(app, args.name, reset=args.reset, report=lambda s: print(f"  {s}"))
        app.settings.last_profile_id = profile.id
        app.save_settings()
        print(f"Demo profile {profile.name!r} is ready. Open it with: careerdesk")
    return 0
