"""Idempotent inserts: a lost answer never makes a second event (issue 19, docs/calendar.md).

Every test goes through the real google-api-python-client to the loopback fake, which applies
a request and then answers 503 instead of the result (``lose_answer``), or answers 409 to an
insert under an id that is already taken, as Google does.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from careerdesk.core.calendar import push as push_module
from careerdesk.core.calendar.models import stable_event_id
from careerdesk.core.calendar.service import CalendarSyncService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.integrations.google.calendar import GoogleCalendarProvider
from careerdesk.integrations.google.events import event_body
from tests.calendar_support import (
    T0,
    Env,
    deadline,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
    followup,
    interview,
)

UIDS = ("interview-1@careerdesk", "followup-2@careerdesk", "deadline-3@careerdesk")


def _three(e: Env) -> None:
    e.source.put(interview(e.pid, 1, T0 + timedelta(days=2)))
    e.source.put(followup(e.pid, 2, T0 + timedelta(days=3)))
    e.source.put(deadline(e.pid, 3, date(2026, 1, 20)))
    e.connect()


def _one_event_per_item(e: Env, uids: tuple[str, ...] = UIDS) -> None:
    assert len(e.fake.events()) == len(uids)
    for uid in uids:
        (event,) = e.fake.find(uid)
        assert event["id"] == stable_event_id(e.service.install_id(), uid)


def test_stable_ids_are_what_google_accepts() -> None:
    # Google: base32hex (digits and a-v), 5 to 1024 characters; the same item, the same id.
    first = stable_event_id("install-a", "interview-42@careerdesk")
    assert re.fullmatch(r"[0-9a-v]{5,1024}", first)
    assert first == stable_event_id("install-a", "interview-42@careerdesk")
    assert first != stable_event_id("install-b", "interview-42@careerdesk")
    assert first != stable_event_id("install-a", "interview-43@careerdesk")


def test_issue_scenario_lost_batch_answer_then_sync_twice_gives_three_events(env: Env) -> None:
    """Three applications with future deadlines; the first insert batch's answer is lost."""
    apps = env.app.service(ApplicationService)
    for n, company in enumerate(("Acme", "Beta", "Gamma"), start=1):
        apps.create(
            env.pid,
            {"company": company, "title": "Data Analyst", "deadline": date(2026, 2, n)},
        )
    env.connect()
    env.fake.lose_answer("insert", batch=True)
    first = env.sync.sync(env.pid)
    second = env.sync.sync(env.pid)
    events = env.fake.events()
    assert len(events) == 3
    assert sorted(e["summary"].split(": ")[-1].split(" —")[0] for e in events) == [
        "Acme",
        "Beta",
        "Gamma",
    ]
    # The retried inserts were answered 409 and the events fetched: all three count as sent.
    assert [r.status for r in env.fake.ops("insert")] == [200, 200, 200, 409, 409, 409]
    assert len(env.fake.ops("get")) == 3
    assert (first.push.created, first.push.failed, first.status.pending) == (3, 0, 0)
    assert second.push.sent == 0
    assert len(env.service.linked_uids(env.pid)) == 3


def test_lost_answer_of_a_single_insert(env: Env) -> None:
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    env.fake.lose_answer("insert")  # a plain request: one change alone is not batched
    report = env.sync.sync(env.pid).push
    assert [(r.status, r.in_batch) for r in env.fake.ops("insert")] == [(503, False), (409, False)]
    assert (report.created, report.failed, report.remaining) == (1, 0, 0)
    _one_event_per_item(env, ("interview-1@careerdesk",))
    assert env.service.linked_uids(env.pid) == {
        "interview-1@careerdesk": stable_event_id(
            env.service.install_id(), "interview-1@careerdesk"
        )
    }


def test_lost_answers_every_time_leave_the_change_queued_without_duplicates(env: Env) -> None:
    _three(env)
    # Every answer of this push is lost: the inserts, then the fetches after their 409s.
    env.fake.lose_answer("insert", batch=True, times=1000)
    env.fake.lose_answer("get", batch=True, times=1000)
    report = env.sync.sync(env.pid).push
    assert report.failed == 3 and len(env.outbox()) == 3
    assert len(env.fake.events()) == 3  # Google applied the first batch
    env.fake.clear_failures()
    report = env.sync.sync(env.pid).push
    assert report.failed == 0 and env.outbox() == []
    _one_event_per_item(env)


def test_a_timeout_after_google_applied_the_insert(env: Env) -> None:
    """No answer at all: the push stops; the next one finds the event instead of inserting."""
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    env.fake.hang(seconds=30, op="get")  # after the 409, the fetch hangs
    env.fake.lose_answer("insert")
    with pytest.raises(Exception, match="did not answer"):
        env.sync.sync(env.pid)
    assert len(env.fake.events()) == 1 and len(env.outbox()) == 1
    env.fake.clear_failures()
    report = env.sync.sync(env.pid).push
    assert (report.updated, report.failed) == (1, 0)  # found by CareerDesk id and patched
    _one_event_per_item(env, ("interview-1@careerdesk",))


def test_409_for_an_event_that_already_exists_is_success(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An insert whose id is taken (another run got there first) fetches the event."""
    _three(env)
    env.service.refresh_from_sources(env.pid)
    install = env.service.install_id()
    entry = env.source.get(env.pid, "deadline-3@careerdesk")
    private = {"careerdeskId": entry.uid, "careerdeskInstall": install}
    real_execute = GoogleCalendarProvider.execute

    def execute(self: GoogleCalendarProvider, ops):  # type: ignore[no-untyped-def]
        if any(op.action == "insert" for op in ops):  # after the find saw nothing
            body = {**event_body(entry, private), "id": stable_event_id(install, entry.uid)}
            env.fake.add_event(body)  # another CareerDesk process created it meanwhile
        return real_execute(self, ops)

    monkeypatch.setattr(GoogleCalendarProvider, "execute", execute)
    report = env.service.push(env.pid, env.provider())
    assert (report.created, report.failed) == (3, 0)
    assert sorted(r.status for r in env.fake.ops("insert")) == [200, 200, 409]
    assert len(env.fake.ops("get")) == 1
    _one_event_per_item(env)


def test_an_item_deleted_then_back_restores_its_event(env: Env) -> None:
    """Deleted events keep their id in Google: the insert gets 409, the event is restored."""
    _three(env)
    env.sync.sync(env.pid)
    env.source.remove(env.pid, "deadline-3@careerdesk")
    assert env.sync.sync(env.pid).push.deleted == 1
    env.source.put(deadline(env.pid, 3, date(2026, 1, 22)))
    report = env.sync.sync(env.pid).push
    assert (report.created, report.failed) == (1, 0)
    assert [r.status for r in env.fake.ops("insert")][-1] == 409
    (event,) = env.fake.find("deadline-3@careerdesk")
    assert event["status"] == "confirmed" and event["start"] == {"date": "2026-01-22"}
    _one_event_per_item(env)


def test_a_full_sync_removes_copies_left_by_earlier_versions(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's duplicates, made as earlier versions made them, are removed once."""
    _three(env)
    other = env.fake.add_event(
        event_body(
            env.source.get(env.pid, UIDS[2]),
            {"careerdeskId": UIDS[2], "careerdeskInstall": "another-laptop"},
        )
    )
    # An earlier version: inserts without an id of CareerDesk's choosing, and no clean-up.
    with monkeypatch.context() as old:
        old.setattr(push_module, "stable_event_id", lambda install, uid: "")
        old.setattr(CalendarSyncService, "remove_duplicates", lambda self, pid, provider: 0)
        env.fake.lose_answer("insert", batch=True)
        env.sync.sync(env.pid)
    assert len(env.fake.events()) == 7  # two per item (the bug), plus another install's
    linked = env.service.linked_uids(env.pid)

    outcome = env.sync.sync(env.pid)
    assert outcome.push.duplicates_removed == 3
    assert "Removed 3 duplicate events." in outcome.summary()
    assert len(env.fake.events()) == 4
    for uid in UIDS:
        (event,) = [e for e in env.fake.find(uid) if e["id"] != other["id"]]
        assert event["id"] == linked[uid]  # the linked copy is kept
    assert env.service.linked_uids(env.pid) == linked
    assert any(e["id"] == other["id"] for e in env.fake.events())  # not ours: untouched
    # Done once: later syncs do not look again (nothing but the pull is sent).
    before = len(env.fake.ops())
    assert env.sync.sync(env.pid).push.sent == 0
    assert [r.op for r in env.fake.ops()[before:]] == ["list"]


def test_a_copy_under_the_stable_id_is_the_one_kept(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A linked old event and a copy under the stable id: the stable one stays, links follow."""
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    uid = "interview-1@careerdesk"
    with monkeypatch.context() as old:
        old.setattr(push_module, "stable_event_id", lambda install, uid: "")
        old.setattr(CalendarSyncService, "remove_duplicates", lambda self, pid, provider: 0)
        env.sync.sync(env.pid)
    install = env.service.install_id()
    entry = env.source.get(env.pid, uid)
    private = {"careerdeskId": uid, "careerdeskInstall": install}
    env.fake.add_event({**event_body(entry, private), "id": stable_event_id(install, uid)})
    assert env.sync.sync(env.pid).push.duplicates_removed == 1
    _one_event_per_item(env, (uid,))
    assert env.service.linked_uids(env.pid) == {uid: stable_event_id(install, uid)}


def test_copies_of_an_old_linked_event_keep_the_linked_one(env: Env) -> None:
    """Before stable ids: the linked event (random id) stays, its copy goes."""
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    entry = env.source.get(env.pid, "interview-1@careerdesk")
    private = {"careerdeskId": entry.uid, "careerdeskInstall": env.service.install_id()}
    old = env.fake.add_event(event_body(entry, private))
    copy = env.fake.add_event(event_body(entry, private))
    outcome = env.sync.sync(env.pid)  # find adopts one copy and removes the other
    assert outcome.push.duplicates_removed == 1
    (kept,) = env.fake.events()
    assert kept["id"] in (old["id"], copy["id"])
    assert env.service.linked_uids(env.pid) == {entry.uid: kept["id"]}
    assert env.sync.sync(env.pid).push.duplicates_removed == 0
