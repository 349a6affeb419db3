"""``careerdesk insights``, ``refresh-recommendations`` and ``export-recommendations``.

* ``insights --profile NAME [--json] [--no-save]`` recomputes a learner's insights and prints
  them (the JSON document is described by docs/insights.schema.json).
* ``refresh-recommendations (--profile NAME | --all) [--force]`` regenerates career
  recommendations that are stale (new profile, interests changed, older than 7 days; course
  paths after 30 days) and says what it regenerated and why, or that Gemini failed and the
  previous set was kept. Made for schedulers (``careerdesk schedule install``): exit 0 when
  done (a kept set too: the next run retries), 2 for bad input. ``--home DIR`` picks the
  data folder as ``CAREERDESK_HOME`` does. Each run's result is recorded for
  ``careerdesk schedule status`` (docs/scheduling.md).
* ``export-recommendations --output FILE.csv [--profile NAME] [--overwrite]`` writes the CSV
  columns listed in docs/insights.md (Interfaces).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from careerdesk.cli.common import add_profile_arg, open_app, print_json
from careerdesk.core.kernel.errors import UserError

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("insights", help="recompute and show a learner's career insights")
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print the insights document as JSON")
    p.add_argument("--no-save", action="store_true", help="do not add a snapshot to the history")
    p.set_defaults(func=_insights)

    r = sub.add_parser(
        "refresh-recommendations",
        help="regenerate stale career recommendations (for schedulers)",
    )
    who = r.add_mutually_exclusive_group(required=True)
    who.add_argument("--profile", metavar="NAME", help="one profile")
    who.add_argument("--all", action="store_true", help="every profile")
    r.add_argument("--force", action="store_true", help="regenerate even when fresh")
    r.add_argument(
        "--home",
        metavar="DIR",
        help="the CareerDesk data folder (default: CAREERDESK_HOME or the platform's own)",
    )
    r.set_defaults(func=_refresh)

    e = sub.add_parser(
        "export-recommendations", help="write career recommendations as CSV (seed 001 columns)"
    )
    e.add_argument("--output", required=True, metavar="FILE.csv", help="where to write")
    e.add_argument("--profile", metavar="NAME", help="only this profile (default: all)")
    e.add_argument("--overwrite", action="store_true", help="replace an existing file")
    e.set_defaults(func=_export)


def _insights(args: argparse.Namespace) -> int:
    from careerdesk.core.insights.service import InsightsService

    with open_app() as app:
        profile = app.profiles.by_name(args.profile)
        svc = app.service(InsightsService)
        doc = svc.compute(profile.id) if args.no_save else svc.recompute(profile.id).document
        if args.json:
            print_json(doc)
            return 0
        r = doc.readiness
        target = doc.target_role.title if doc.target_role else "no target role"
        print(f"{profile.name} — {target} — computed {doc.computed_at:%Y-%m-%d %H:%M} UTC")
        print(
            f"Readiness {r.value:.0f}/100 = {r.weights.assessment:.0%} × assessments "
            f"{r.assessment_component:.0f} + {r.weights.learning:.0%} × learning "
            f"{r.learning_component:.0f}"
        )
        for c in doc.companies:
            print(f"  {c.name:<20} {c.probability:5.1f}%  {c.band:<4}  {c.explanation}")
        for role_id in doc.top_roles:
            m = next(x for x in doc.roles if x.role_id == role_id)
            print(f"  role {m.title}: {m.match:.0f}% match, openings: {m.openings_note}")
        for g in doc.gaps[:5]:
            print(f"  gap {g.name}: {g.current:.0f} → {g.target:.0f} (~{g.est_hours:.0f} h)")
        for a in doc.next_actions:
            print(f"  next: {a.title} (+{a.readiness_gain:.1f}) — {a.detail}")
        for hint in doc.hints:
            print(f"  hint: {hint}")
    return 0


def _refresh(args: argparse.Namespace) -> int:
    from careerdesk.core.insights.career_service import CareerRecommendationService
    from careerdesk.core.scheduling.last_run import write_last_run
    from careerdesk.core.scheduling.models import LastRun

    home = Path(args.home).expanduser() if args.home else None
    if home is not None and not home.is_dir():
        raise UserError(f"The data folder {home} does not exist.")
    with open_app(home=home) as app:
        started = app.clock.now()
        record = LastRun(started_at=started, finished_at=started, ok=False)
        try:
            svc = app.service(CareerRecommendationService)
            if args.all:
                outcomes = svc.refresh_all(force=args.force)
                if not outcomes:
                    print("No profiles yet; nothing to refresh.")
            else:
                outcomes = [svc.refresh(app.profiles.by_name(args.profile).id, force=args.force)]
            for outcome in outcomes:
                print(outcome.describe())
            kept = sum(1 for o in outcomes if o.kept_any)
            regenerated = sum(
                1 for o in outcomes if o.regenerated or (o.course_reason and not o.kept_any)
            )
            summary = f"{regenerated} of {len(outcomes)} regenerated"
            if kept:
                summary += (
                    f", {kept} kept the previous set because Gemini failed (retried next run)"
                )
            log.log(
                logging.WARNING if kept else logging.INFO, "refresh-recommendations: %s", summary
            )
            record = record.model_copy(
                update={
                    "ok": True,
                    "profiles": len(outcomes),
                    "regenerated": regenerated,
                    "kept_previous": kept,
                    "summary": summary,
                }
            )
        except Exception as exc:
            record = record.model_copy(update={"summary": f"failed: {exc}"})
            raise
        finally:
            record = record.model_copy(update={"finished_at": app.clock.now()})
            try:
                write_last_run(app.paths.log_dir, record)
            except OSError:
                log.warning("Could not record the refresh result", exc_info=True)
    return 0


def _export(args: argparse.Namespace) -> int:
    from careerdesk.core.insights.career_export import export_csv, recommendation_rows
    from careerdesk.core.insights.career_service import CareerRecommendationService

    target = Path(args.output).expanduser()
    if target.exists() and not args.overwrite:
        raise UserError(f"{target} already exists; add --overwrite to replace it.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    with open_app() as app:
        ids = [app.profiles.by_name(args.profile).id] if args.profile else None
        rows = recommendation_rows(app.db, app.service(CareerRecommendationService), ids)
        try:
            count = export_csv(target, rows)
        except OSError as exc:
            raise UserError(f"Could not write {target}: {exc}") from exc
    print(f"Wrote {count} row(s) to {target}.")
    return 0
