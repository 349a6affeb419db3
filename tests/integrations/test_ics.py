"""ICS export parsed back with icalendar: event count, alarms, stable UIDs, all-day dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from careerdesk.core.kernel.errors import UserError
from careerdesk.integrations.ics import write_ics
from tests.calendar_support import (
    T0,
    Env,
    deadline,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
    followup,
    interview,
)


def _parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _fill(e: Env) -> None:
    e.source.put(interview(e.pid, 1, T0 + timedelta(days=1), url="https://meet.example.com/x"))
    e.source.put(followup(e.pid, 2, T0 + timedelta(days=2)))
    e.source.put(deadline(e.pid, 3, date(2026, 1, 20)))
    e.source.put(interview(e.pid, 4, T0 - timedelta(days=3)))  # over: not upcoming
    e.source.put(deadline(e.pid, 5, date(2026, 1, 25), cancelled=True))


def test_export_parses_back_with_events_alarms_and_stable_uids(env: Env, tmp_path: Path) -> None:
    _fill(env)
    first = tmp_path / "a.ics"
    assert env.sync.export_ics(env.pid, first) == 3
    env.clock.advance(hours=5)
    second = tmp_path / "b.ics"
    assert env.sync.export_ics(env.pid, second) == 3

    cal_a, cal_b = _parse(first), _parse(second)
    events_a, events_b = cal_a.walk("VEVENT"), cal_b.walk("VEVENT")
    assert len(events_a) == 3
    uids_a = [str(e["UID"]) for e in events_a]
    assert uids_a == ["interview-1@careerdesk", "followup-2@careerdesk", "deadline-3@careerdesk"]
    assert uids_a == [str(e["UID"]) for e in events_b]  # stable across exports
    # DTSTAMP is the export time, so it moves; the UID does not.
    assert events_a[0].decoded("DTSTAMP") == T0
    assert events_b[0].decoded("DTSTAMP") == T0 + timedelta(hours=5)
    assert str(cal_a["X-WR-CALNAME"]) == "CareerDesk — Sam"

    by_uid = {str(e["UID"]): e for e in events_a}
    iv = by_uid["interview-1@careerdesk"]
    assert iv.decoded("DTSTART") == T0 + timedelta(days=1)
    assert iv.decoded("DTEND") == T0 + timedelta(days=1, hours=1)
    assert str(iv["URL"]) == "https://meet.example.com/x"
    assert "Dana Smith" in str(iv["DESCRIPTION"])
    triggers = [a.decoded("TRIGGER") for a in iv.walk("VALARM")]
    assert triggers == [timedelta(days=-1), timedelta(hours=-1), timedelta(minutes=-15)]
    assert all(str(a["ACTION"]) == "DISPLAY" for a in iv.walk("VALARM"))
    fu = by_uid["followup-2@careerdesk"]
    assert [a.decoded("TRIGGER") for a in fu.walk("VALARM")] == [
        timedelta(days=-1),
        timedelta(hours=-1),
    ]
    dl = by_uid["deadline-3@careerdesk"]
    assert dl.decoded("DTSTART") == date(2026, 1, 20)
    assert not isinstance(dl.decoded("DTSTART"), datetime)
    assert dl.decoded("DTEND") == date(2026, 1, 21)
    assert [a.decoded("TRIGGER") for a in dl.walk("VALARM")] == [
        timedelta(days=-3),
        timedelta(days=-1),
        timedelta(hours=-3),
    ]
    assert str(dl["TRANSP"]) == "TRANSPARENT"
    assert list(tmp_path.glob("*.tmp")) == []


def test_the_subscribed_file_follows_every_refresh(env: Env) -> None:
    path = env.sync.ics.subscribed_path(env.pid)
    assert path.parent == env.app.paths.data_dir
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=1)))
    env.sync.refresh(env.pid)
    assert len(_parse(path).walk("VEVENT")) == 1
    env.source.put(deadline(env.pid, 2, date(2026, 2, 1)))
    env.sync.refresh(env.pid)
    assert len(_parse(path).walk("VEVENT")) == 2
    other = env.app.profiles.create("Kim")
    assert env.sync.ics.subscribed_path(other.id) != path


def test_the_subscribed_file_is_refreshed_after_pipeline_events(env: Env) -> None:
    from careerdesk.core.pipeline.events import ApplicationChanged

    stop = env.sync.watch()
    env.source.put(interview(env.pid, 9, T0 + timedelta(days=1)))
    env.app.bus.publish(
        ApplicationChanged(profile_id=env.pid, application_id=1, change="interview")
    )
    path = env.sync.ics.subscribed_path(env.pid)
    assert [str(e["UID"]) for e in _parse(path).walk("VEVENT")] == ["interview-9@careerdesk"]
    assert [op for _u, op, _p in env.outbox()] == ["upsert"]
    stop()


def test_write_ics_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        write_ics([], tmp_path / "nope" / "x.ics")


def test_an_empty_calendar_is_still_valid(tmp_path: Path) -> None:
    path = tmp_path / "empty.ics"
    assert write_ics([], path) == 0
    cal = _parse(path)
    assert cal.walk("VEVENT") == [] and str(cal["VERSION"]) == "2.0"
