"""Advisor commands: ``cohort`` (table / CSV), ``learner-report`` (PDF/PNG) and
``demo-cohort`` (demo learners for the dashboard)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from careerdesk.cli.common import open_app, print_json
from careerdesk.core.kernel.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cohort", help="the advisor's cohort table (all learners, with flags)")
    p.add_argument("--csv", metavar="FILE", type=Path, help="write it as CSV ('-' for stdout)")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(func=_cohort)

    r = sub.add_parser("learner-report", help="a one-page learner report (PDF or PNG)")
    r.add_argument("name", help="profile name")
    r.add_argument("out", type=Path, help="output file ending in .pdf or .png")
    r.set_defaults(func=_report)

    d = sub.add_parser(
        "demo-cohort", help="create demo learners with weeks of varied activity (dashboard demo)"
    )
    d.add_argument("count", type=int, nargs="?", default=12, help="how many (default 12)")
    d.add_argument("--seed", type=int, default=7, help="random seed (same seed, same cohort)")
    d.set_defaults(func=_demo_cohort)


def _cohort(args: argparse.Namespace) -> int:
    from careerdesk.core.advising.service import MonitoringService, cohort_csv

    with open_app() as app:
        cohort = app.service(MonitoringService).cohort()
    if args.json:
        print_json(cohort.model_dump(mode="json"))
        return 0
    if args.csv is not None:
        text = cohort_csv(cohort.rows)
        if str(args.csv) == "-":
            sys.stdout.write(text)
        else:
            try:
                # utf-8-sig: Excel then reads accented names correctly.
                args.csv.write_text(text, encoding="utf-8-sig", newline="")
            except OSError as exc:
                raise UserError(f"Cannot write {args.csv}: {exc}") from exc
            print(f"Wrote {len(cohort.rows)} learners to {args.csv}")
        return 0
    if not cohort.rows:
        print("No learners yet. Create some with: careerdesk demo-cohort 12")
        return 0
    print(f"{'learner':<18}{'readiness':>10}{'trend':>8}{'idle d':>8}{'tests':>7}  flags")
    for row in cohort.rows:
        ready = "—" if row.readiness is None else f"{row.readiness:.0f}"
        trend = "—" if row.readiness_change is None else f"{row.readiness_change:+.0f}"
        tests = "—" if row.assessments_taken is None else str(row.assessments_taken)
        print(
            f"{row.name[:17]:<18}{ready:>10}{trend:>8}{row.days_inactive or 0:>8}{tests:>7}  "
            f"{', '.join(row.flags)}"
        )
    return 0


def _report(args: argparse.Namespace) -> int:
    from careerdesk.core.advising.report import build_learner_report
    from careerdesk.render.learner_report import render_learner_report

    with open_app() as app:
        profile = app.profiles.by_name(args.name)
        report = build_learner_report(app, profile.id)
    path = render_learner_report(report, args.out)
    print(f"Wrote the report for {profile.name!r} to {path}")
    return 0


def _demo_cohort(args: argparse.Namespace) -> int:
    from careerdesk.app import build_app
    from careerdesk.core.kernel.clock import FixedClock, SystemClock
    from careerdesk.core.kernel.paths import AppPaths
    from careerdesk.demo.cohort import build_cohort
    from careerdesk.logging_setup import setup_logging

    if not 1 <= args.count <= 200:
        raise UserError("demo-cohort makes 1 to 200 learners.")
    paths = AppPaths.resolve()
    paths.ensure()
    setup_logging(paths.log_dir)
    # A movable clock dates the activity in the past through the real services.
    clock = FixedClock(SystemClock().now())
    app = build_app(paths, clock=clock)
    try:
        made = build_cohort(
            app, clock, args.count, seed=args.seed, report=lambda s: print(f"  {s}")
        )
    finally:
        app.close(backup=False)
    print(f"Created {len(made)} demo learners. See them with: careerdesk cohort")
    return 0
