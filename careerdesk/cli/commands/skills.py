"""``careerdesk skills --profile NAME [--json]``: the skill model's estimates (docs/skills.md).

For each skill with evidence: its ``skill_id``, ``name``, ``estimate`` (0–100), ``interval``
(``[low, high]``, the central 80 %), ``evidence_count``, ``last_evidence_at`` and ``sources``
(the kinds of evidence that count). The same numbers Insights, Learning, the charts, posting
fit and the advisor's cohort show.
"""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.skills.service import SkillProfileService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "skills", help="a learner's skill estimates with their uncertainty and evidence"
    )
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        views = app.service(SkillProfileService).estimate_views(profile.id)
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
