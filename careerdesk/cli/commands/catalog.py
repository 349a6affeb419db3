"""``careerdesk catalog``: what reference data this installation ships."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from careerdesk.cli.common import print_json
from careerdesk.core.reference.catalog import Catalog, load_catalog


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "catalog", help="counts and ids of skills, roles, questions and learning content"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_run)


def catalog_summary(catalog: Catalog) -> dict[str, Any]:
    """Counts and ids of everything in the shipped catalogue (validated on load)."""
    per_skill = catalog.question_counts()
    return {
        "skills": {"count": len(catalog.skills), "ids": list(catalog.skills)},
        "roles": {
            "count": len(catalog.roles),
            "ids": list(catalog.roles),
            "onet_codes": {r.id: r.onet_code for r in catalog.roles.values()},
        },
        "questions": {
            "count": len(catalog.questions),
            "skills_covered": len(per_skill),
            "per_skill": {s: per_skill[s] for s in sorted(per_skill)},
        },
        "content": {
            "count": len(catalog.content),
            "per_kind": dict(sorted(Counter(c.kind for c in catalog.content).items())),
            "ids": [c.id for c in catalog.content],
        },
        "riasec_items": len(catalog.riasec.items) if catalog.riasec else 0,
    }


def _run(args: argparse.Namespace) -> int:
    # Reference data only: no database is opened.
    summary = catalog_summary(load_catalog())
    if args.json:
        print_json(summary)
        return 0
    q = summary["questions"]
    print(f"Skills:    {summary['skills']['count']}")
    print(f"Roles:     {summary['roles']['count']}")
    print(f"Questions: {q['count']} over {q['skills_covered']} skills")
    for skill, counts in q["per_skill"].items():
        print(f"  {skill:<18} " + "  ".join(f"{d} {n}" for d, n in counts.items()))
    kinds = ", ".join(f"{n} {k}s" for k, n in summary["content"]["per_kind"].items())
    print(f"Content:   {summary['content']['count']} items ({kinds})")
    return 0
