"""Every failure path of a push leaves the outbox intact, with the error in plain words.

401 (refresh, then reconnect), 403 rateLimitExceeded / 429 / 5xx (bounded retries with
backoff), 404 on update (recreate), 410 on delete (already gone), a hang (timeout), no
network — all through the real google-api-python-client against the fake server.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from careerdesk.core.calendar.errors import (
    CalendarAuthError,
    CalendarError,
    CalendarTimeoutError,
)
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS
from tests.calendar_support import (
    T0,
    Env,
    deadline,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
    followup,
    interview,
)


def _queue_three(e: Env) -> list[tuple[str, str, dict]]:
    e.source.put(interview(e.pid, 1, T0 + timedelta(days=2)))
    e.source.put(followup(e.pid, 2, T0 + timedelta(days=3)))
    e.source.put(deadline(e.pid, 3, date(2026, 1, 20)))
    e.connect()
    e.service.refresh_from_sources(e.pid)
    return e.outbox()


@pytest.mark.parametrize(
    ("status", "reason", "op", "words"),
    [
        (403, "rateLimitExceeded", "insert", "limiting how fast"),
        (403, "userRateLimitExceeded", "list", "limiting how fast"),
        (429, None, "insert", "limiting how fast"),
        (500, None, "insert", "had a problem (HTTP 500)"),
        (503, None, "batch", "had a problem (HTTP 503)"),
    ],
)
def test_rate_limits_and_server_errors_retry_then_keep_the_outbox(
    env: Env, status: int, reason: str | None, op: str, words: str
) -> None:
    queued = _queue_three(env)
    env.fake.fail(status, reason=reason, op=op, times=1000)
    report = env.service.push(env.pid, env.provider())
    assert report.failed == 3 and report.sent == 0
    assert env.sleeps == [0.01, 0.02]  # bounded: 3 attempts, growing backoff
    assert [(u, o, p) for u, o, p in env.outbox()] == queued
    status_now = env.service.status(env.pid)
    assert status_now.pending == 3 and words in (status_now.last_error or "")
    assert status_now.next_retry_at == T0 + timedelta(seconds=60)
    assert words in status_now.describe(T0)
    # Not due yet: an automatic push waits; "Sync now" (force) tries at once and delivers.
    env.fake.clear_failures()
    assert env.service.push(env.pid, env.provider(), force=False).sent == 0
    assert env.service.push(env.pid, env.provider(), force=True).created == 3
    assert env.outbox() == [] and env.service.status(env.pid).last_error is None


def test_a_short_rate_limit_is_ridden_out_by_the_retries(env: Env) -> None:
    _queue_three(env)
    env.fake.fail(403, reason="rateLimitExceeded", op="insert", times=2)
    report = env.service.push(env.pid, env.provider())
    assert report.created == 3 and report.failed == 0
    assert env.sleeps == [0.01]
    assert len(env.fake.events()) == 3


def test_a_hang_times_out_and_keeps_the_outbox(env: Env) -> None:
    queued = _queue_three(env)
    env.sync.timeout_s = 0.5
    env.fake.hang(30, op="batch")
    with pytest.raises(CalendarTimeoutError) as info:
        env.service.push(env.pid, env.provider())
    assert "did not answer within 0.5 s" in info.value.message
    assert env.outbox() == queued
    assert "did not answer" in (env.service.status(env.pid).last_error or "")


def test_a_hang_of_a_single_request_times_out_too(env: Env) -> None:
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=2)))
    env.connect()
    env.sync.timeout_s = 0.5
    env.fake.hang(30, op="list")
    with pytest.raises(CalendarTimeoutError):
        env.sync.sync(env.pid)
    assert [op for _u, op, _p in env.outbox()] == ["upsert"]


def test_401_refreshes_the_token_then_succeeds_and_keeps_it(env: Env) -> None:
    _queue_three(env)
    env.fake.invalidate_access_tokens()
    report = env.service.push(env.pid, env.provider())
    assert report.created == 3
    assert [r["grant_type"] for r in env.fake.token_requests] == ["refresh_token"]
    # Through CalendarSync the renewed token is saved, so the next run needs no refresh.
    env.source.put(interview(env.pid, 4, T0 + timedelta(days=5)))
    env.fake.invalidate_access_tokens()
    env.sync.sync(env.pid)
    stored = json.loads(env.app.secrets.get(GOOGLE_CALENDAR_CREDENTIALS) or "{}")
    assert stored["token"].startswith("ya29.fake-")
    assert stored["refresh_token"] == "1//fake-refresh-token"
    requests_before = len(env.fake.token_requests)
    env.sync.sync(env.pid)
    assert len(env.fake.token_requests) == requests_before


def test_401_after_a_refresh_asks_to_reconnect_and_keeps_the_outbox(env: Env) -> None:
    queued = _queue_three(env)
    env.fake.set_reject_all_tokens()
    with pytest.raises(CalendarAuthError) as info:
        env.service.push(env.pid, env.provider())
    assert "Reconnect in Settings → Calendar" in info.value.message
    assert env.fake.token_requests, "a refresh was attempted first"
    assert env.outbox() == queued
    assert "Reconnect" in (env.service.status(env.pid).last_error or "")


def test_a_revoked_refresh_token_asks_to_reconnect(env: Env) -> None:
    queued = _queue_three(env)
    env.fake.invalidate_access_tokens()
    env.fake.set_refresh_fails()
    with pytest.raises(CalendarAuthError, match="expired or was revoked"):
        env.service.push(env.pid, env.provider())
    assert env.outbox() == queued


def test_404_on_update_recreates_the_event(env: Env) -> None:
    _queue_three(env)
    env.service.push(env.pid, env.provider())
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    env.fake.purge_event(event_id)  # gone from Google for good; CareerDesk has not pulled since
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=4)))
    env.service.refresh_from_sources(env.pid)
    report = env.service.push(env.pid, env.provider())
    assert report.recreated == 1
    assert [r.status for r in env.fake.ops("patch")] == [404]
    (event,) = env.fake.find("interview-1@careerdesk")
    assert event["id"] == event_id  # the item's own id, chosen again
    assert event["start"]["dateTime"].startswith("2026-01-09T09:00")
    assert env.service.linked_uids(env.pid)["interview-1@careerdesk"] == event["id"]


def test_update_of_an_event_deleted_in_google_restores_it(env: Env) -> None:
    _queue_three(env)
    env.service.push(env.pid, env.provider())
    event_id = env.service.linked_uids(env.pid)["interview-1@careerdesk"]
    env.fake.delete_event(event_id)  # in Google's bin; CareerDesk has not pulled since
    env.source.put(interview(env.pid, 1, T0 + timedelta(days=4)))
    env.service.refresh_from_sources(env.pid)
    report = env.service.push(env.pid, env.provider())
    assert report.updated == 1 and report.failed == 0
    (event,) = env.fake.find("interview-1@careerdesk")
    assert event["id"] == event_id and event["status"] == "confirmed"
    assert len(env.fake.events()) == 3


def test_404_or_410_on_delete_means_already_gone(env: Env) -> None:
    _queue_three(env)
    env.service.push(env.pid, env.provider())
    env.fake.delete_event(env.service.linked_uids(env.pid)["followup-2@careerdesk"])
    env.source.remove(env.pid, "followup-2@careerdesk")
    env.source.remove(env.pid, "deadline-3@careerdesk")
    env.service.refresh_from_sources(env.pid)
    env.fake.fail(404, op="delete")
    report = env.service.push(env.pid, env.provider())
    assert report.deleted == 2 and report.failed == 0
    assert sorted(r.status for r in env.fake.ops("delete")) == [404, 410]
    assert env.outbox() == []


def test_a_refused_event_stays_queued_with_googles_reason(env: Env) -> None:
    queued = _queue_three(env)
    env.fake.fail(400, reason="invalid", op="insert", times=1)
    report = env.service.push(env.pid, env.provider())
    assert report.failed == 1 and report.created == 2
    assert len(env.outbox()) == 1 and env.outbox()[0] in queued
    assert env.sleeps == []  # not retried: the same request would be refused again
    assert "refused" in (env.service.status(env.pid).last_error or "")


def test_a_404_calendar_is_reported_in_plain_words(env: Env) -> None:
    _queue_three(env)
    env.app.settings.calendar.calendar_id = "deleted-calendar@example.com"
    report = env.service.push(env.pid, env.provider())
    assert report.failed == 3
    assert "could not find the event or calendar" in (report.last_error or "")
    assert len(env.outbox()) == 3


@pytest.mark.parametrize("op", ["insert", "list", "batch"])
def test_whole_exchange_errors_never_lose_a_change(env: Env, op: str) -> None:
    """A sweep: whatever fails, every queued change is still there afterwards."""
    queued = _queue_three(env)
    env.sync.timeout_s = 0.3
    env.fake.hang(10, op=op)
    try:
        env.service.push(env.pid, env.provider())
    except CalendarError:
        pass
    remaining = env.outbox()
    delivered = {e["extendedProperties"]["private"]["careerdeskId"] for e in env.fake.events()}
    # Whatever is not queued any more really reached Google.
    assert {u for u, _o, _p in queued} - {u for u, _o, _p in remaining} <= delivered
    assert {u for u, _o, _p in remaining} | delivered == {u for u, _o, _p in queued}
