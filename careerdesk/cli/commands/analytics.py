"""``careerdesk analytics --profile NAME [--json]``: the pipeline's outcome analytics."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.pipeline.intel.analytics_rules import judged_text
from careerdesk.core.pipeline.intel.analytics_service import AnalyticsReport, AnalyticsService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "analytics", help="funnel, conversion, time in stage, patterns and verdict accuracy"
    )
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _print_text(r: AnalyticsReport) -> None:
    print(f"{r.total} applications")
    print("Funnel:")
    for stage in r.funnel:
        conv = "" if stage.conversion is None else f"  ({_pct(stage.conversion)} of previous)"
        print(f"  {stage.stage:<10} {stage.count:>5}{conv}")
    if r.time_in_stage:
        print("Median days in stage:")
        for state, days in sorted(r.time_in_stage.items()):
            print(f"  {state:<20} {days:>5.1f}")
    if r.patterns:
        print("Patterns:")
        for p in r.patterns:
            print(f"  • {p}")
    a = r.accuracy
    print(
        f"Verdict accuracy over {a.n} outcomes: precision {_pct(a.precision)}, "
        f"recall {_pct(a.recall)}, F1 {_pct(a.f1)}"
    )
    print(f"  {judged_text(r.judged)}")
    w = r.weights
    print("Fit-score weights: " + ", ".join(f"{k} {v:.0%}" for k, v in w.weights.items()))
    for line in w.explanation:
        print(f"  {line}")
    print(f"Next re-fit after {w.next_refit_after} more outcome(s) ({w.outcomes} recorded).")


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        report = app.service(AnalyticsService).report(profile.id)
        if args.json:
            print_json(report.model_dump(mode="json"))
        else:
            _print_text(report)
    return 0
