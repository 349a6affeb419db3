"""``careerdesk follow-ups --profile NAME [--json] [--due]``: pending follow-ups and due dates.

Each sequence shows every pending step with its due date; only the next step of a sequence
can be due (docs/intel.md, Follow-ups). Missing sequences for changes made while no app was
running are started first (``FollowUpService.sync``), as the Follow-ups view does.
"""

from __future__ import annotations

import argparse

from careerdesk.cli.common import add_profile_arg, open_app, print_json, profile_of
from careerdesk.core.pipeline.intel.followup_models import FollowUpItem
from careerdesk.core.pipeline.intel.followup_service import FollowUpService


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("follow-ups", help="pending follow-ups with their due dates")
    add_profile_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--due", action="store_true", help="only the follow-ups due now")
    p.set_defaults(func=_run)


def _row(item: FollowUpItem, now_due: bool) -> dict[str, object]:
    return {
        "id": item.id,
        "application_id": item.application_id,
        "company": item.company,
        "title": item.title,
        "scenario": item.scenario,
        "template": item.template_name,
        "step": item.step + 1,
        "steps": item.steps,
        "due_at": item.effective_due.isoformat(),
        "due_on": item.effective_due.date().isoformat(),
        "snoozed": item.snoozed_until is not None,
        "next": item.is_next,
        "due_now": now_due,
    }


def _run(args: argparse.Namespace) -> int:
    with open_app() as app:
        profile = profile_of(app, args.profile)
        fu = app.service(FollowUpService)
        fu.sync(profile.id)
        due_ids = {i.id for i in fu.due(profile.id)}
        items = [i for i in fu.pending(profile.id) if not args.due or i.id in due_ids]
        rows = [_row(i, i.id in due_ids) for i in items]
        if args.json:
            print_json({"profile": profile.name, "due_now": len(due_ids), "follow_ups": rows})
            return 0
        if not rows:
            print("No follow-ups pending." if not args.due else "No follow-ups due now.")
            return 0
        print(f"{len(rows)} follow-up(s) pending, {len(due_ids)} due now")
        for r in rows:
            mark = "DUE " if r["due_now"] else ("    " if r["next"] else "wait")
            print(
                f"  {mark} {r['due_on']}  {r['company']} — {r['title']}: "
                f"{r['template']} (step {r['step']} of {r['steps']})"
            )
    return 0
