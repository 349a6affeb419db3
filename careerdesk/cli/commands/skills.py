"""``careerdesk skills --profile NAME [--json] [--advisor-rate SKILL=LEVEL] [--self-rate …]``:
the skill model's estimates (docs/skills.md), optionally after recording ratings.

For each skill with evidence: its ``skill_id``, ``name``, ``estimate`` (0–100), ``interval``
(``[low, high]``, the central 80 %), ``evidence_count``, ``last_evidence_at`` and ``sources``
(the kinds of evidence that count). The same numbers Insights, Learning, the charts, posting
fit and the advisor's cohort show.
"""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.skills.service import SkillProfileService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "skills", help="a learner's skill estimates with their uncertainty and evidence"
    )
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--advisor-rate",
        action="append",
        default=[],
        metavar="SKILL=LEVEL",
        help="record an advisor's rating (0-100) of a skill first; repeatable",
    )
    p.add_argument(
        "--self-rate",
        action="append",
        default=[],
        metavar="SKILL=LEVEL",
        help="record the learner's own rating (0-100) of a skill first; repeatable",
    )
    p.set_defaults(func=_run)


def _ratings(pairs: list[str], option: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for pair in pairs:
        skill, sep, level = pair.partition("=")
        try:
            if not sep:
                raise ValueError
            out[skill.strip()] = float(level)
        except ValueError:
            raise UserError(f"{option} takes SKILL=LEVEL (e.g. sql=60), not {pair!r}.") from None
    return out


def _run(args: argparse.Namespace) -> int:
    advisor = _ratings(args.advisor_rate, "--advisor-rate")
    own = _ratings(args.self_rate, "--self-rate")
    with open_app() as app:
        profile = profile_of(app, args.profile)
        service = app.service(SkillProfileService)
        # Validated as a whole before anything is written (unknown skill, level outside 0-100).
        service.check_levels({**advisor, **own})
        if own:
            service.set_self_ratings(profile.id, own)
        if advisor:
            service.rate_as_advisor(profile.id, advisor)
        views = service.estimate_views(profile.id)
    if args.json:
        print_json(
            [
                {
                    "skill_id": v.skill_id,
                    "name": v.name,
                    "estimate": v.estimate,
                    "interval": list(v.interval),
                    "evidence_count": v.evidence_count,
                    "last_evidence_at": v.last_evidence_at.isoformat(),
                    "sources": v.sources,
                    "self_rated_only": v.self_rated_only,
                }
                for v in views
            ]
        )
        return 0
    if not views:
        print(
            f"No skill evidence for {profile.name} yet: rate yourself on your target role's "
            "skills, take an assessment or record an interview practice."
        )
        return 0
    print(f"Skills of {profile.name} (estimate ± the 80 % interval; docs/skills.md):")
    width = max(len(v.name) for v in views)
    for v in views:
        print(f"  {v.name:<{width}}  {v.text:<34} from {v.sources_text}")
    return 0
