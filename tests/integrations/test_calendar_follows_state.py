"""Reminders follow the pipeline's state (docs/calendar.md): an apply-by deadline leaves
Google (deleted through the real client against the loopback fake) and the ``.ics`` export once
the learner applies or the application closes; an offer's reply deadline and an interview's
preparation slot are scheduled; a moved interview moves its preparation too."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from tests.calendar_support import (
    T0,
    Env,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
)


def _uids_in_google(env: Env) -> set[str]:
    return {e["extendedProperties"]["private"]["careerdeskId"] for e in env.fake.events()}


def _uids_in_ics(env: Env, path: Path) -> set[str]:
    env.sync.export_ics(env.pid, path)
    return {str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_apply_by_leaves_google_and_ics_after_applying_or_closing(env: Env, tmp_path: Path) -> None:
    svc = env.app.service(ApplicationService)
    a = svc.create(env.pid, {"company": "Acme", "title": "Analyst", "deadline": date(2026, 1, 20)})
    b = svc.create(env.pid, {"company": "Beta", "title": "Dev", "deadline": date(2026, 1, 22)})
    env.connect()
    env.sync.sync(env.pid)
    deadlines = {f"deadline-{a.id}@careerdesk", f"deadline-{b.id}@careerdesk"}
    assert _uids_in_google(env) == deadlines
    assert _uids_in_ics(env, tmp_path / "before.ics") == deadlines

    svc.move(a.id, State.APPLIED)  # applied: Acme's apply-by date is no longer a reminder
    svc.move(b.id, State.WITHDRAWN)  # closed without applying: Beta's neither
    outcome = env.sync.sync(env.pid)
    assert outcome.push.deleted == 2
    left = _uids_in_google(env)
    assert not left & deadlines
    # What is left are the three follow-ups applying started (3, 7, 14 days after).
    assert {u.split("-")[0] for u in left} == {"followup"} and len(left) == 3
    assert not _uids_in_ics(env, tmp_path / "after.ics") & deadlines


def test_offer_reply_deadline_is_scheduled_and_leaves_once_answered(
    env: Env, tmp_path: Path
) -> None:
    svc = env.app.service(ApplicationService)
    a = svc.create(env.pid, {"company": "Acme", "title": "Analyst", "state": "FINAL_INTERVIEW"})
    svc.move(a.id, State.OFFER_RECEIVED)
    offer = svc.add_offer(a.id, {"base": 50000, "currency": "GBP", "deadline": date(2026, 1, 16)})
    env.connect()
    env.sync.sync(env.pid)
    uid = f"offer-{offer.id}@careerdesk"
    ours = {e["extendedProperties"]["private"]["careerdeskId"]: e for e in env.fake.events()}
    assert uid in ours
    event = ours[uid]
    assert event["summary"] == "Reply to the offer: Acme — Analyst"
    assert event["start"] == {"date": "2026-01-16"} and event["end"] == {"date": "2026-01-17"}
    # Reminders 3 days and 1 day before (docs/calendar.md).
    assert [r["minutes"] for r in event["reminders"]["overrides"]] == [4320, 1440]
    assert uid in _uids_in_ics(env, tmp_path / "offer.ics")

    svc.move(a.id, State.ACCEPTED)  # answered: the reply deadline is gone
    env.sync.sync(env.pid)
    assert uid not in _uids_in_google(env)
    assert uid not in _uids_in_ics(env, tmp_path / "done.ics")


def test_interview_preparation_moves_with_the_interview(env: Env) -> None:
    svc = env.app.service(ApplicationService)
    a = svc.create(env.pid, {"company": "Acme", "title": "Analyst", "state": "PHONE_INTERVIEW"})
    starts = T0 + timedelta(days=3, hours=5)  # Thursday 8 January 2026 14:00 UTC
    iv = svc.add_interview(a.id, {"kind": "phone", "starts_at": starts, "duration_min": 30})
    env.connect()
    env.sync.sync(env.pid)
    prep_uid = f"prep-{iv.id}@careerdesk"
    events = {e["extendedProperties"]["private"]["careerdeskId"]: e for e in env.fake.events()}
    prep = events[prep_uid]
    # The day before at the same time, 45 minutes long.
    assert prep["start"]["dateTime"] == "2026-01-07T14:00:00Z"
    assert prep["end"]["dateTime"] == "2026-01-07T14:45:00Z"
    assert prep["summary"] == "Prepare: phone interview tomorrow, Acme — Analyst"

    env.clock.advance(minutes=5)
    svc.update_interview(iv.id, {"starts_at": datetime(2026, 1, 12, 9, 30, tzinfo=starts.tzinfo)})
    env.sync.sync(env.pid)
    events = {e["extendedProperties"]["private"]["careerdeskId"]: e for e in env.fake.events()}
    assert events[f"interview-{iv.id}@careerdesk"]["start"]["dateTime"] == "2026-01-12T09:30:00Z"
    assert events[prep_uid]["start"]["dateTime"] == "2026-01-11T09:30:00Z"

    svc.update_interview(iv.id, {"outcome": "completed"})  # over: nothing left to prepare
    env.sync.sync(env.pid)
    assert prep_uid not in _uids_in_google(env)
