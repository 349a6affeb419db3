"""``careerdesk learning-path --profile NAME``: show (or rebuild) a learner's path."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.learning.playable import PLAYS_IN_TEXT, study_time_text
from careerdesk.core.learning.service import LearningPathView, LearningService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("learning-path", help="show or regenerate a learner's learning path")
    add_profile_arg(p)
    p.add_argument("--generate", action="store_true", help="build a new path first")
    p.add_argument("--role", metavar="ROLE_ID", help="with --generate: build it for this role")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run)


def _print_text(path: LearningPathView) -> None:
    print(f"Learning path for {path.role_title}, built {path.created_at:%Y-%m-%d %H:%M} UTC")
    print(
        f"{len(path.items)} items, {path.done} done, {path.in_progress} in progress; "
        f"about {path.total_hours:.0f} h of study to close the gaps, "
        f"{path.content_hours:.0f} h of material"
    )
    if path.complete:
        print("Every gap of the role is closed: the path is done.")
    else:
        print(f"{path.gaps_open} of the role's skill levels still to reach:")
        for gap in path.gaps:
            if not gap.met:
                print(f"  {gap.skill_name}: {gap.level_text} → {gap.target} needed")
    if path.stale_reason:
        print(f"Note: {path.stale_reason}")
    if path.changes is not None:
        print(f"What changed: {path.changes.describe()}")
    for item in path.items:
        where = PLAYS_IN_TEXT.get(item.plays_in, item.plays_in)
        print(
            f"{item.position + 1:>3}. [{item.state}] {item.title} ({item.kind}, {item.level}, "
            f"{study_time_text(item.est_hours)}) · {where}"
        )
        print(f"     {item.reason}")
        if item.url:
            print(f"     {item.url}")


def _run(args: argparse.Namespace) -> int:
    if args.role and not args.generate:
        raise UserError("--role only applies with --generate.")
    with open_app() as app:
        profile = profile_of(app, args.profile)
        service = app.service(LearningService)
        path: LearningPathView | None
        if args.generate:
            path = service.generate_path(profile.id, args.role)
        else:
            path = service.current_path(profile.id)
        if path is None:
            raise UserError(
                f"{profile.name} has no learning path yet. Build one with: careerdesk "
                f"learning-path --profile {profile.name!r} --generate"
            )
        if args.json:
            data = path.model_dump(mode="json")
            data["done"], data["in_progress"] = path.done, path.in_progress
            data["complete"] = path.complete
            print_json(data)
        else:
            _print_text(path)
    return 0
