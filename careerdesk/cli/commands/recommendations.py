"""``careerdesk recommendations --profile NAME [--json] [--like APP_ID]``: postings worth
applying to (every captured or imported one not applied to yet, over the minimum score), or
the postings most like one the learner liked (docs/intel.md, Recommendations)."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.pipeline.intel.job_recommendation_service import JobRecommendationService
from careerdesk.core.pipeline.service import ApplicationService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("recommendations", help="postings to apply to, or more like one")
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--like", type=int, metavar="APP_ID", help="postings most like this one")
    p.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(JobRecommendationService)
        if args.like is not None:
            liked = app.service(ApplicationService).get(args.like)
            if liked.profile_id != profile.id:
                raise NotFoundError(f"No application {args.like} in profile {profile.name!r}.")
            similar = svc.more_like_this(args.like, limit=max(1, args.limit))
            if args.json:
                print_json([s.model_dump(mode="json") for s in similar])
                return 0
            print(f"Most like {liked.company} — {liked.title}:")
            for s in similar:
                print(f"  {s.similarity:4.0%}  [{s.application_id}] {s.company} — {s.title}"
                      f"  ({', '.join(s.reasons)})")  # fmt: skip
            if not similar:
                print("  nothing alike yet")
            return 0
        recs = svc.refresh(profile.id)[: max(1, args.limit)]
        if args.json:
            print_json([r.model_dump(mode="json") for r in recs])
            return 0
        if not recs:
            print("No recommendations over the minimum score.")
        for r in recs:
            print(f"{r.score:4.0%}  [{r.application_id}] {r.company} — {r.title}")
            for why in r.reasons:
                print(f"        • {why}")
    return 0
