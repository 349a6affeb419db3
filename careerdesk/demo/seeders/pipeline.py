"""Demo pipeline: about 30 applications of a Manchester-based graduate looking for data roles.

Histories are spread over the last ten weeks (relative to ``app.clock``) through the real
service, so every state, event, interview and offer obeys the same rules as user input: one
offer is being negotiated (with a counter-offer round), another has just arrived, a few
interviews are coming up in the next days, and the rest are at every other stage.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from careerdesk.app import App
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.resources_access import read_text

ORDER = 30
DATA = ("demo", "pipeline.json")  # under careerdesk/resources


def load_demo_data() -> list[dict[str, Any]]:
    """The demo applications: fields plus (days ago, action, payload) steps."""
    return list(json.loads(read_text(*DATA))["applications"])


def _at(now: datetime, days: float, step: int, n: int) -> datetime:
    """Office hours ``days`` ago; later steps of the same day come later (never in the future)."""
    day = (now - timedelta(days=days)).date()
    hour = 9 + (n * 5 + int(days) * 3) % 7 + min(step, 2)
    local = datetime.combine(day, time(hour, (n * 7 + int(days) * 13 + step * 11) % 60))
    when = local.astimezone(UTC)  # a naive time is read as the computer's local time
    return min(when, now - timedelta(minutes=5))


def _start(now: datetime, days: float, hour: int) -> datetime:
    """An interview start at ``hour`` local time, ``days`` ago (negative: in the future)."""
    day = (now - timedelta(days=days)).astimezone().date()
    return datetime.combine(day, time(hour, 0 if hour % 2 else 30)).astimezone(UTC)


def seed(app: App, profile: ProfileInfo) -> str:
    """Add the demo pipeline to ``profile``; returns a one-line summary."""
    svc = app.service(ApplicationService)
    now = app.clock.now()
    counts = {"interview": 0, "offer": 0}
    apps = load_demo_data()
    for n, item in enumerate(apps):
        app_id = offer_id = 0
        previous, k = None, 0
        for days, action, payload in sorted(item["steps"], key=lambda s: -s[0]):
            k = k + 1 if days == previous else 0  # k-th step on that day: a little later
            previous = days
            at = _at(now, days, k, n)
            if action == "create":
                app_id = svc.create(
                    profile.id,
                    _new(item, n, State(payload), now, days),
                    at=at,
                    actor="demo",
                    allow_duplicate=True,
                ).id
            elif action == "move":
                svc.move(app_id, State(payload), at=at, actor="demo")
            elif action == "update":
                changes = {k: (now - timedelta(days=v)).date() for k, v in payload.items()}
                svc.update(app_id, changes, at=at, actor="demo")
            elif action == "note":
                svc.add_note(app_id, payload, at=at, actor="demo")
            elif action == "contact":
                svc.add_contact(app_id, payload, at=at, actor="demo")
            elif action == "document":
                svc.add_document(app_id, payload, at=at, actor="demo")
            elif action == "interview":
                p = dict(payload)
                start = _start(now, p.pop("start"), 10 + (n % 6))
                data = {
                    "kind": p.pop("kind"),
                    "starts_at": start,
                    "duration_min": p.pop("duration", 60),
                    **p,
                }
                svc.add_interview(app_id, data, at=at, actor="demo")
            elif action == "offer":
                p = dict(payload)
                for key in ("deadline", "received_on"):
                    p[key] = (now - timedelta(days=p[key])).date()
                offer_id = svc.add_offer(app_id, p, at=at, actor="demo").id
            elif action == "round":
                svc.add_round(offer_id, {**payload, "at": at}, actor="demo")
                svc.update_offer(offer_id, {"status": "negotiating"}, at=at, actor="demo")
            else:
                raise ValueError(f"unknown demo step {action!r}")
            counts[action] = counts.get(action, 0) + 1
    return (
        f"pipeline: {len(apps)} applications, {counts['interview']} interviews, "
        f"{counts['offer']} offers (one in negotiation)"
    )


def _new(item: dict[str, Any], n: int, state: State, now: datetime, days: float) -> dict[str, Any]:
    slug = "".join(ch for ch in item["company"].lower() if ch.isalnum())
    applied = (now - timedelta(days=days)).date()
    return {
        **{k: item[k] for k in ("company", "title", "location", "remote", "source", "tags")},
        "description": item.get("description", ""),
        "notes": item.get("notes", ""),
        "priority": item.get("priority", 2),
        "salary_min": item["salary"][0],
        "salary_max": item["salary"][1],
        "currency": item["salary"][2],
        "state": state,
        "applied_on": None if state in (State.SAVED, State.APPLYING) else applied,
        "posting_url": f"https://careers.{slug}.example/jobs/{n + 101}",
    }
