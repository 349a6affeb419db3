"""The pipeline's calendar plug-in: interviews and deadlines in, moved times back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from careerdesk.app import App
from careerdesk.core.calendar import CalendarChange, CalendarSyncService
from careerdesk.core.calendar.sources import pipeline as source
from careerdesk.core.pipeline.service import ApplicationService

START = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _setup(app: App) -> tuple[int, int, int]:
    pid = app.profiles.create("Cal").id
    svc = app.service(ApplicationService)
    acme = svc.create(
        pid,
        {
            "company": "Acme",
            "title": "Data Analyst",
            "state": "APPLIED",
            "deadline": date(2026, 12, 10),
            "posting_url": "https://jobs.example/1",
        },
    )
    svc.create(
        pid, {"company": "Gone", "title": "QA", "state": "REJECTED", "deadline": date(2026, 12, 3)}
    )
    saved = svc.create(
        pid, {"company": "Later", "title": "BI", "state": "SAVED", "deadline": date(2026, 12, 12)}
    )
    assert saved.id
    iv = svc.add_interview(
        acme.id,
        {"kind": "video", "starts_at": START, "duration_min": 45, "interviewers": ["Ann Lee"]},
    )
    other = app.profiles.create("Other").id
    svc.create(other, {"company": "Initech", "title": "Dev", "deadline": date(2026, 12, 4)})
    return pid, acme.id, iv.id


def test_entries_are_interviews_and_open_deadlines_of_the_profile(app: App) -> None:
    pid, app_id, iv_id = _setup(app)
    entries = source.PipelineCalendarSource(app).entries(pid)
    by_kind = {(e.source_kind, e.source_id): e for e in entries}
    # Acme is APPLIED and Gone REJECTED: only the saved posting keeps its apply-by date.
    saved_id = next(e.source_id for e in entries if e.source_kind == "deadline")
    assert set(by_kind) == {("interview", iv_id), ("prep", iv_id), ("deadline", saved_id)}
    assert saved_id != app_id
    interview = by_kind[("interview", iv_id)]
    assert interview.title == "Video interview: Acme — Data Analyst"
    assert (interview.start, interview.end) == (START, START + timedelta(minutes=45))
    assert "Ann Lee" in interview.description and not interview.cancelled
    deadline = by_kind[("deadline", saved_id)]
    assert deadline.all_day == date(2026, 12, 12) and deadline.title == "Apply by: Later — BI"
    prep = by_kind[("prep", iv_id)]  # the day before, 45 minutes
    assert (prep.start, prep.end) == (
        datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
        datetime(2026, 11, 30, 14, 45, tzinfo=UTC),
    )

    app.service(ApplicationService).update_interview(iv_id, {"outcome": "cancelled"})
    entries = source.PipelineCalendarSource(app).entries(pid)
    assert next(e for e in entries if e.source_kind == "interview").cancelled
    assert not [e for e in entries if e.source_kind == "prep"]  # nothing to prepare for


def test_the_plugin_is_discovered_and_fills_the_outbox(app: App) -> None:
    pid, _app_id, _iv = _setup(app)
    sync = app.service(CalendarSyncService)
    sync.refresh_from_sources(pid)
    # The interview, its preparation the day before, the saved posting's apply-by date, and
    # the three reminders of the post-application follow-up sequence (3, 7 and 14 days:
    # docs/intel.md) that creating Acme as APPLIED started; applied Acme and the rejected
    # application have no apply-by entry.
    assert sync.pending_count(pid) == 3 + 3


def test_a_time_moved_in_google_is_recorded_with_its_actor(app: App) -> None:
    pid, app_id, iv_id = _setup(app)
    pipeline = app.service(ApplicationService)
    moved = START + timedelta(days=1, hours=2)
    change = CalendarChange(
        uid="x",
        profile_id=pid,
        source_kind="interview",
        source_id=iv_id,
        new_start=moved,
        new_end=moved + timedelta(minutes=90),
    )
    assert source.apply_moved_interview(app, change)
    iv = pipeline.interview(iv_id)
    assert (iv.starts_at, iv.duration_min) == (moved, 90)
    assert any(e.actor == source.CALENDAR_ACTOR for e in pipeline.events(app_id))
    assert source.apply_moved_interview(app, change)  # re-delivery changes nothing more
    assert not source.apply_moved_interview(app, change.model_copy(update={"source_id": 9999}))
    deadline = change.model_copy(update={"source_kind": "deadline"})
    assert not source.apply_moved_interview(app, deadline)


def test_pending_follow_ups_are_calendar_entries_until_sent(app: App) -> None:
    from careerdesk.core.calendar.sources import followups
    from careerdesk.core.pipeline.intel.followup_service import FollowUpService

    pid = app.profiles.create("Fu").id
    fus = app.service(FollowUpService)
    created = app.service(ApplicationService).create(
        pid, {"company": "Acme", "title": "Data Analyst", "state": "APPLIED"}
    )
    fus.sync(pid)
    pending = fus.pending(pid)
    assert pending, "applying starts the post-application sequence"
    entries = followups.FollowUpCalendarSource(app).entries(pid)
    assert {e.source_id for e in entries} == {f.id for f in pending}
    first = next(e for e in entries if e.source_id == pending[0].id)
    assert first.title.endswith("Acme — Data Analyst") and first.source_kind == "followup"
    assert first.end - first.start == timedelta(minutes=30)  # docs/calendar.md: 30-minute reminder

    fus.snooze(pending[0].id, days=2)
    moved = next(
        e
        for e in followups.FollowUpCalendarSource(app).entries(pid)
        if e.source_id == pending[0].id
    )
    assert moved.start - first.start == timedelta(days=2)  # due later than now: due + 2 days
    fus.mark_sent(pending[0].id)
    ids = {e.source_id for e in followups.FollowUpCalendarSource(app).entries(pid)}
    assert pending[0].id not in ids  # done: the calendar drops it
    assert created.id  # (the application itself stays)
