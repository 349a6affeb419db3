"""The fake Calendar server is strict where Google is: proof that its checks bite."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError

from careerdesk.integrations.google.calendar import batch_uri
from tests.calendar_support import T0, interview
from tests.fakes.calendar_server import FakeCalendar


@pytest.fixture
def fake() -> FakeCalendar:
    with FakeCalendar() as server:
        yield server


def _client(fake: FakeCalendar):  # type: ignore[no-untyped-def]
    credentials = Credentials(token="ya29.test")
    return build(
        "calendar",
        "v3",
        credentials=credentials,
        static_discovery=True,
        cache_discovery=False,
        client_options={"api_endpoint": fake.api_endpoint},
    )


def _good_body() -> dict:
    from careerdesk.integrations.google.events import event_body

    return event_body(interview(1, 1, T0), {"careerdeskId": "interview-1@careerdesk"})


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"colour": "red"}, "Unknown name 'colour'"),
        ({"summary": 42}, "summary: expected a string"),
        ({"reminders": {"useDefault": False, "overrides": [{"minutes": "15"}]}}, "integer"),
        ({"extendedProperties": {"private": {"careerdeskId": 7}}}, "expected a string"),
        ({"start": {"dateTime": "tomorrow"}}, "not a valid date-time"),
        ({"end": {"dateTime": "2026-01-05T08:00:00Z", "timeZone": "UTC"}}, "range is empty"),
    ],
)
def test_bodies_are_checked_against_the_discovery_schema(
    fake: FakeCalendar, change: dict, words: str
) -> None:
    service = _client(fake)
    with pytest.raises(HttpError) as info:
        service.events().insert(calendarId="primary", body={**_good_body(), **change}).execute()
    assert info.value.resp.status == 400
    assert words in info.value.content.decode()
    assert fake.events() == []


def test_sync_tokens_refuse_filters_like_google(fake: FakeCalendar) -> None:
    events = _client(fake).events()
    events.insert(calendarId="primary", body=_good_body()).execute()
    token = events.list(calendarId="primary").execute()["nextSyncToken"]
    with pytest.raises(HttpError) as info:
        events.list(
            calendarId="primary", syncToken=token, privateExtendedProperty="careerdeskId=x"
        ).execute()
    assert info.value.resp.status == 400
    assert events.list(calendarId="primary", syncToken=token).execute()["items"] == []


def test_the_batch_endpoint_follows_the_api_endpoint(fake: FakeCalendar) -> None:
    service = _client(fake)
    # googleapiclient's own batch would go to rootUrl + batchPath, i.e. to Google itself.
    assert service.new_batch_http_request()._batch_uri.startswith("https://www.googleapis.com/")
    assert batch_uri(fake.api_endpoint) == f"{fake.base_url}/batch/calendar/v3"
    assert batch_uri(None) == "https://www.googleapis.com/batch/calendar/v3"
    assert batch_uri("https://proxy.example/gcal/") == "https://proxy.example/batch/calendar/v3"


def test_a_hanging_request_ends_promptly_on_close() -> None:
    fake = FakeCalendar()
    fake.hang(60)
    service = _client(fake)
    errors: list[BaseException] = []

    def call() -> None:
        try:
            service.calendarList().list().execute()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    # Wait until the request has reached the fake (it is hanging there now).
    for _ in range(500):
        if fake.ops():
            break
        time.sleep(0.01)
    assert fake.ops() and worker.is_alive()
    fake.close()
    worker.join(10)
    assert not worker.is_alive()  # the hang ended with close(), not after its own time


def test_user_moves_bump_the_sync_token(fake: FakeCalendar) -> None:
    events = _client(fake).events()
    created = events.insert(calendarId="primary", body=_good_body()).execute()
    token = events.list(calendarId="primary").execute()["nextSyncToken"]
    fake.move_event(created["id"], T0 + timedelta(days=1), T0 + timedelta(days=1, hours=1))
    changed = events.list(calendarId="primary", syncToken=token).execute()["items"]
    assert [e["id"] for e in changed] == [created["id"]]
    fake.expire_sync_tokens()
    with pytest.raises(HttpError) as info:
        events.list(calendarId="primary", syncToken=token).execute()
    assert info.value.resp.status == 410
