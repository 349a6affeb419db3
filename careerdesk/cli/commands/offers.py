"""``careerdesk offers compare --profile NAME [--json] [--weights total=0.5,...] [--save]``:
the learner's offers side by side with a first-year total and weighted scores
(docs/pipeline.md, Offers)."""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.offers import rules
from careerdesk.core.offers.models import Comparison
from careerdesk.core.offers.service import OfferService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("offers", help="compare job offers side by side")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = actions.add_parser("compare", help="open offers side by side, best first")
    add_profile_arg(c)
    c.add_argument("--json", action="store_true", help="print JSON")
    c.add_argument(
        "--weights",
        metavar="K=V,...",
        help=f"your weights for {', '.join(rules.CRITERIA)} (e.g. total=0.5,remote=0.3)",
    )
    c.add_argument("--save", action="store_true", help="keep --weights for next time")
    c.add_argument("--all", action="store_true", help="include accepted/declined offers")
    c.add_argument("--offer", type=int, action="append", metavar="ID", help="only these offers")
    c.set_defaults(func=_compare)


def _money(value: int | None, currency: str) -> str:
    return "–" if value is None else f"{value:,} {currency}".strip()


def _print(c: Comparison) -> None:
    if not c.offers:
        print("No open offers to compare. Record offers on applications in the pipeline.")
        return
    print("Weights: " + ", ".join(f"{rules.CRITERIA[k]} {w:.0%}" for k, w in c.weights.items()))
    for o in c.offers:
        f = o.offer
        score = "–" if o.weighted is None else f"{o.weighted:.0%}"
        print(f"{o.rank}. {f.company} — {f.title}  (score {score})")
        print(f"   First-year total: {_money(o.first_year_total, f.currency)}")
        if o.total_parts:
            print(f"     = {' + '.join(o.total_parts)}")
        where = ", ".join(
            x
            for x in (
                f.location,
                {"yes": "remote", "hybrid": "hybrid", "no": "on-site"}.get(f.remote, ""),
            )
            if x
        )
        print(f"   Where: {where or 'unknown'}   Equity: {f.equity or '–'}")
        print(f"   Benefits: {f.benefits or '–'}")
        start = f.start_date.isoformat() if f.start_date else "–"
        reply = f.deadline.isoformat() if f.deadline else "–"
        if o.days_to_reply is not None:
            reply += f" (in {o.days_to_reply} days)"
        print(f"   Start: {start}   Reply by: {reply}")
    for w in c.warnings:
        print(f"Note: {w}")


def _compare(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        svc = app.service(OfferService)
        weights = rules.parse_weights(args.weights) if args.weights else None
        if weights is not None and args.save:
            svc.set_weights(profile.id, weights)
        comparison = svc.compare(profile.id, args.offer or None, weights, include_closed=args.all)
        if args.json:
            data = comparison.model_dump(mode="json")
            data["profile"] = profile.name
            print_json(data)
        else:
            _print(comparison)
    return 0
