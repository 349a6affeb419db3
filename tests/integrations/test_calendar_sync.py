"""Google Calendar sync through the real google-api-python-client against the fake server:
offline queueing, idempotent pushes, batches, moved times coming back, 410 resyncs."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest

from careerdesk.core.calendar import CalendarNotConnectedError
from careerdesk.core.calendar import push as push_module
from careerdesk.core.calendar.errors import CalendarNetworkError
from tests.calendar_support import (
    T0,
    ApplyMoves,
    Env,
    deadline,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
    followup,
    interview,
)


def _start(event: dict) -> datetime:
    return datetime.fromisoformat(event["start"]["dateTime"])


def _three(e: Env) -> None:
    e.source.put(interview(e.pid, 1, T0 + timedelta(days=2, hours=1)))
    e.source.put(followup(e.pid, 2, T0 + timedelta(days=3)))
    e.source.put(deadline(e.pid, 3, date(2026, 1, 20)))


def test_offline_edits_are_queued_then_delivered(env: Env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _three(env)
    # Not connected yet: the changes wait in the outbox.
    with pytest.raises(CalendarNotConnectedError):
        env.sync.sync(env.pid)
    assert [op for _uid, op, _p in env.outbox()] == ["upsert"] * 3
    # Connected but offline (nothing listens on the port): still queued, error in plain words.
    env.connect()
    monkeypatch.setenv("CAREERDESK_GOOGLE_API_ENDPOINT", "http://127.0.0.1:9/calendar/v3/")
    with pytest.raises(CalendarNetworkError):
        env.sync.sync(env.pid)
    assert len(env.outbox()) == 3
    status = env.service.status(env.pid)
    assert status.pending == 3 and "cannot be reached" in (status.last_error or "")
    # Back online: everything is delivered, in one batch for the searches and one for inserts.
    monkeypatch.setenv("CAREERDESK_GOOGLE_API_ENDPOINT", env.fake.api_endpoint)
    outcome = env.sync.sync(env.pid)
    assert outcome.push.created == 3 and outcome.push.failed == 0
    assert env.outbox() == []
    assert env.fake.batch_posts == 2
    assert "Sent 3 changes (3 new" in outcome.summary()
    status = env.service.status(env.pid)
    assert status.pending == 0 and status.last_error is None and status.last_sync_at == T0

    events = {e["extendedProperties"]["private"]["careerdeskId"]: e for e in env.fake.events()}
    assert set(events) == {
        "interview-1@careerdesk",
        "followup-2@careerdesk",
        "deadline-3@careerdesk",
    }
    iv = events["interview-1@careerdesk"]
    assert iv["start"]["dateTime"] == "2026-01-07T10:00:00Z"
    assert [r["minutes"] for r in iv["reminders"]["overrides"]] == [1440, 60, 15]
    assert iv["reminders"]["useDefault"] is False
    assert iv["location"] == "https://meet.example.com/abc-defg"
    assert "Dana Smith" in iv["description"]
    assert [r["minutes"] for r in events["followup-2@careerdesk"]["reminders"]["overrides"]] == [
        1440,
        60,
    ]
    dl = events["deadline-3@careerdesk"]
    assert dl["start"] == {"date": "2026-01-20"} and dl["end"] == {"date": "2026-01-21"}
    assert [r["minutes"] for r in dl["reminders"]["overrides"]] == [4320, 1440, 180]
    assert dl["transparency"] == "transparent"
    assert all(
        e["extendedProperties"]["private"]["careerdeskInstall"] == env.service.install_id()
        for e in events.values()
    )


def test_edits_deletes_and_cancellations_reach_google(env: Env) -> None:
    _three(env)
    env.connect()
    env.sync.sync(env.pid)
    moved = interview(env.pid, 1, T0 + timedelta(days=4), title="Interview: Acme (onsite)")
    env.source.put(moved)
    env.source.remove(env.pid, "followup-2@careerdesk")
    env.source.put(deadline(env.pid, 3, date(2026, 1, 20), cancelled=True))
    outcome = env.sync.sync(env.pid)
    assert (outcome.push.updated, outcome.push.deleted, outcome.push.created) == (1, 2, 0)
    live = env.fake.events()
    assert [e["summary"] for e in live] == ["Interview: Acme (onsite)"]
    assert live[0]["start"]["dateTime"] == "2026-01-09T09:00:00Z"
    assert env.service.linked_uids(env.pid).keys() == {"interview-1@careerdesk"}
    # Nothing changed: nothing is sent.
    before = len(env.fake.ops())
    outcome = env.sync.sync(env.pid)
    assert outcome.push.sent == 0
    assert [r.op for r in env.fake.ops()[before:]] == ["list"]  # only the pull


def test_no_duplicates_after_a_crash_between_insert_and_outbox_update(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three(env)
    env.connect()
    env.service.refresh_from_sources(env.pid)
    queued = env.outbox()
    real = push_module._record_done

    def crash_after_inserts(svc, profile_id, works, target):  # type: ignore[no-untyped-def]
        if any(w.outcome == "created" for w in works):
            raise RuntimeError("power cut after Google created the events")
        return real(svc, profile_id, works, target)

    monkeypatch.setattr(push_module, "_record_done", crash_after_inserts)
    with pytest.raises(RuntimeError, match="power cut"):
        env.service.push(env.pid, env.provider())
    assert len(env.fake.events()) == 3  # Google has them ...
    assert env.outbox() == queued  # ... but CareerDesk never learnt it: all still queued

    monkeypatch.setattr(push_module, "_record_done", real)
    inserts_before = len(env.fake.ops("insert"))
    report = env.service.push(env.pid, env.provider())
    assert env.outbox() == []
    assert (report.updated, report.created) == (3, 0)
    assert len(env.fake.ops("insert")) == inserts_before  # found by CareerDesk id, patched
    assert len(env.fake.events()) == 3
    for uid in ("interview-1@careerdesk", "followup-2@careerdesk", "deadline-3@careerdesk"):
        assert len(env.fake.find(uid)) == 1


def test_duplicates_left_by_an_old_crash_are_removed(env: Env) -> None:
    env.source.put(interview(env.pid, 7, T0 + timedelta(days=1)))
    env.connect()
    entry = env.source.get(env.pid, "interview-7@careerdesk")
    from careerdesk.integrations.google.events import event_body

    private = {"careerdeskId": entry.uid, "careerdeskInstall": env.service.install_id()}
    env.fake.add_event(event_body(entry, private))
    env.fake.add_event(event_body(entry, private))
    report = env.sync.sync(env.pid).push
    assert report.updated == 1 and report.duplicates_removed == 1
    assert len(env.fake.find(entry.uid)) == 1


def test_events_of_another_install_are_left_alone(env: Env) -> None:
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=1)))
    env.connect()
    entry = env.source.get(env.pid, "interview-1@careerdesk")
    from careerdesk.integrations.google.events import event_body

    other = env.fake.add_event(
        event_body(entry, {"careerdeskId": entry.uid, "careerdeskInstall": "another-laptop"})
    )
    report = env.sync.sync(env.pid).push
    assert report.created == 1
    assert len(env.fake.find(entry.uid)) == 2
    assert env.fake.events()[0]["id"] == other["id"]
    assert env.fake.events()[0]["updated"] == other["updated"]


def test_time_moved_in_google_comes_back(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    _three(env)
    env.connect()
    handler = ApplyMoves(env.source, env.clock)
    env.service.on_change(handler)
    env.sync.sync(env.pid)
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    env.clock.advance(hours=1)
    new_start = T0 + timedelta(days=2, hours=3)
    env.fake.move_event(event_id, new_start, new_start + timedelta(minutes=45))
    env.clock.advance(minutes=5)
    before = len(env.fake.ops())
    with caplog.at_level(logging.INFO, logger="careerdesk.core.calendar"):
        outcome = env.sync.sync(env.pid)
    assert outcome.pull.applied == 1 and not outcome.pull.full_resync
    (change,) = handler.changes
    assert change.uid == "interview-1@careerdesk"
    assert (change.source_kind, change.source_id) == ("interview", 1)
    assert change.new_start == new_start and change.new_end == new_start + timedelta(minutes=45)
    assert change.previous_start == T0 + timedelta(days=2, hours=1)
    assert "moved in Google" in caplog.text
    # The source now holds Google's time: it is not pushed back (no echo, no patch).
    assert [r.op for r in env.fake.ops()[before:]] == ["list"]
    assert env.outbox() == []
    assert env.source.get(env.pid, change.uid).start == new_start
    # Our own earlier pushes coming back through the next pull are not changes.
    env.sync.sync(env.pid)
    assert len(handler.changes) == 1


def test_latest_change_wins(env: Env) -> None:
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    handler = ApplyMoves(env.source, env.clock)
    env.service.on_change(handler)
    env.sync.sync(env.pid)
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    # Google's move at T0+1h; CareerDesk's edit at T0+2h → CareerDesk's is newer and wins.
    env.clock.set(T0 + timedelta(hours=1))
    env.fake.move_event(event_id, T0 + timedelta(days=5), T0 + timedelta(days=5, hours=1))
    env.clock.set(T0 + timedelta(hours=2))
    local = T0 + timedelta(days=3)
    env.source.put(interview(env.pid, 1, local, updated_at=env.clock.now()))
    outcome = env.sync.sync(env.pid)
    assert outcome.pull.kept_local == 1 and handler.changes == []
    assert _start(env.fake.events()[0]) == local  # CareerDesk's newer time was pushed

    # Now Google's change is the later one: it wins and comes back.
    env.clock.set(T0 + timedelta(hours=3))
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=4), updated_at=env.clock.now()))
    env.service.refresh_from_sources(env.pid)  # queued while offline, at T0+3h
    env.clock.set(T0 + timedelta(hours=4))
    env.fake.move_event(event_id, T0 + timedelta(days=6), T0 + timedelta(days=6, hours=1))
    outcome = env.sync.sync(env.pid)
    assert outcome.pull.applied == 1 and outcome.pull.kept_local == 0
    assert env.source.get(env.pid, "interview-1@careerdesk").start == T0 + timedelta(days=6)
    assert _start(env.fake.events()[0]) == T0 + timedelta(days=6)  # no push back


def test_410_gone_means_a_full_resync(env: Env) -> None:
    _three(env)
    env.connect()
    handler = ApplyMoves(env.source, env.clock)
    env.service.on_change(handler)
    env.sync.sync(env.pid)
    env.sync.sync(env.pid)  # now with a sync token
    assert env.fake.ops("list")[-1].query.get("syncToken")
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    env.clock.advance(hours=1)
    env.fake.move_event(event_id, T0 + timedelta(days=9), T0 + timedelta(days=9, hours=1))
    env.fake.expire_sync_tokens()
    outcome = env.sync.sync(env.pid)
    assert outcome.pull.full_resync
    lists = env.fake.ops("list")
    assert lists[-2].status == 410 and "syncToken" not in lists[-1].query
    assert [c.uid for c in handler.changes] == ["interview-1@careerdesk"]
    assert env.sync.sync(env.pid).pull.full_resync is False


def test_deleted_in_google_is_respected_until_the_item_changes(env: Env) -> None:
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    env.sync.sync(env.pid)
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    env.fake.delete_event(event_id)
    outcome = env.sync.sync(env.pid)
    assert outcome.pull.removed_in_google == 1 and outcome.push.sent == 0
    assert env.fake.events() == []
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=3)))
    outcome = env.sync.sync(env.pid)
    assert outcome.push.created == 1 and len(env.fake.events()) == 1


def test_changing_the_calendar_moves_the_events(env: Env) -> None:
    _three(env)
    env.connect()
    env.sync.sync(env.pid)
    env.app.settings.calendar.calendar_id = "work@example.com"
    outcome = env.sync.sync(env.pid)
    assert outcome.push.created == 3
    assert env.fake.events() == []
    assert len(env.fake.events("work@example.com")) == 3


def test_a_single_change_is_a_plain_request_and_bulk_uses_batches(env: Env) -> None:
    env.connect()
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=1)))
    env.sync.sync(env.pid)
    assert env.fake.batch_posts == 0
    assert [(r.op, r.in_batch) for r in env.fake.ops() if r.op != "list"] == [("insert", False)]
    for i in range(2, 122):
        env.source.put(followup(env.pid, i, T0 + timedelta(days=1, minutes=i)))
    outcome = env.sync.sync(env.pid)
    assert outcome.push.created == 120
    # 120 searches and 120 inserts in batches of 50: 3 + 3 batch requests.
    assert env.fake.batch_posts == 6
    assert all(r.in_batch for r in env.fake.ops("insert")[1:])
    assert len(env.fake.events()) == 121
