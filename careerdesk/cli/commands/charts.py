"""``careerdesk charts --profile NAME --output DIR``: the skill charts as image files.

Writes progression, radar (current vs target role), comparison (latest interviews) and
readiness charts, as drawn in the Skill charts tab, with matplotlib's Agg renderer — no
display or Qt needed, so advisors can script it for reports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, profile_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "charts",
        help="write a learner's skill charts as PNG (or SVG) files",
        description="Write the Skill charts tab's four charts for one profile into a folder: "
        "progression.png, radar.png, comparison.png and readiness.png.",
    )
    add_profile_arg(p)
    p.add_argument("--output", required=True, metavar="DIR", type=Path, help="folder to write")
    p.add_argument("--format", choices=("png", "svg"), default="png", help="default: png")
    p.add_argument("--dark", action="store_true", help="dark background (for screens)")
    p.add_argument("--overwrite", action="store_true", help="replace existing chart files")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    # matplotlib is imported here, not at module import: `careerdesk --help` stays fast.
    from careerdesk.core.charts.queries import ChartsDataService
    from careerdesk.render.charts.export import save_all
    from careerdesk.render.charts.theme import DARK, LIGHT

    with open_app() as app:
        profile = profile_of(app, args.profile)
        data = app.service(ChartsDataService).gather(profile.id)
        written = save_all(
            data,
            args.output.expanduser(),
            fmt=args.format,
            theme=DARK if args.dark else LIGHT,
            overwrite=args.overwrite,
        )
    for path, result in written:
        note = f"  (empty: {result.message})" if result.empty else ""
        print(f"{path}{note}")
    print(f"Wrote {len(written)} charts for {profile.name!r}.")
    return 0
