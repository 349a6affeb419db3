"""Shared helpers for the calendar tests: a test source, the fake server, a wired app.

Fixtures are defined here under ``*_fixture`` names and registered as ``fake_calendar`` and
``env``: import ``fake_calendar_fixture`` / ``env_fixture`` into a test module to use them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from careerdesk.app import App, build_app
from careerdesk.core.calendar import CalendarChange, CalendarEntry, CalendarSyncService
from careerdesk.core.calendar.service import RetryPolicy
from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.google.calendar import GoogleCalendarProvider
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS
from tests.fakes.calendar_server import FakeCalendar

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class FakeSource:
    """A CalendarSource whose entries tests set by hand (the pipeline stands in later)."""

    def __init__(self) -> None:
        self.items: dict[int, dict[str, CalendarEntry]] = defaultdict(dict)

    def entries(self, profile_id: int) -> list[CalendarEntry]:
        return list(self.items[profile_id].values())

    def put(self, entry: CalendarEntry) -> CalendarEntry:
        self.items[entry.profile_id][entry.uid] = entry
        return entry

    def get(self, profile_id: int, uid: str) -> CalendarEntry:
        return self.items[profile_id][uid]

    def remove(self, profile_id: int, uid: str) -> None:
        del self.items[profile_id][uid]


def interview(profile_id: int, source_id: int, start: datetime, **kw: Any) -> CalendarEntry:
    minutes = kw.pop("minutes", 60)
    data = {
        "title": f"Interview #{source_id}: Acme Ltd (video)",
        "description": "Type: video\nInterviewers: Dana Smith, Lee Park",
        "location": "https://meet.example.com/abc-defg",
        **kw,
    }
    return CalendarEntry(
        source_kind="interview",
        source_id=source_id,
        profile_id=profile_id,
        start=start,
        end=start + timedelta(minutes=minutes),
        **data,
    )


def followup(profile_id: int, source_id: int, start: datetime, **kw: Any) -> CalendarEntry:
    return CalendarEntry(
        source_kind="followup",
        source_id=source_id,
        profile_id=profile_id,
        title=kw.pop("title", f"Follow up with Beta Corp (#{source_id})"),
        start=start,
        end=start + timedelta(minutes=30),
        **kw,
    )


def deadline(profile_id: int, source_id: int, day: date, **kw: Any) -> CalendarEntry:
    return CalendarEntry(
        source_kind="deadline",
        source_id=source_id,
        profile_id=profile_id,
        title=kw.pop("title", f"Application deadline: Gamma plc (#{source_id})"),
        all_day=day,
        **kw,
    )


class ApplyMoves:
    """A change handler like the pipeline's: records changes and applies them to the source."""

    def __init__(self, source: FakeSource, clock: FixedClock, *, apply: bool = True) -> None:
        self.source, self.clock, self.apply = source, clock, apply
        self.changes: list[CalendarChange] = []

    def __call__(self, change: CalendarChange) -> bool:
        self.changes.append(change)
        if not self.apply:
            return False
        entry = self.source.get(change.profile_id, change.uid)
        moved = entry.with_times(change.new_start, change.new_end, change.new_date)
        self.source.put(moved.model_copy(update={"updated_at": self.clock.now()}))
        return True


class Env:
    """An app with a test source, a fixed clock and fast retries, plus the fake server."""

    def __init__(self, app: App, fake: FakeCalendar, clock: FixedClock) -> None:
        self.app, self.fake, self.clock = app, fake, clock
        self.source = FakeSource()
        self.service = app.service(CalendarSyncService)
        self.service.register_source(self.source)
        self.sleeps: list[float] = []
        self.service.retry = RetryPolicy(attempts=3, base_delay_s=0.01, max_delay_s=0.05)
        self.service.sleep = self.sleeps.append
        self.sync = app.service(CalendarSync)
        self.sync.timeout_s = 2.0
        self.profile = app.profiles.create("Sam")
        fake.clock = clock.now

    @property
    def pid(self) -> int:
        return self.profile.id

    def provider(self) -> GoogleCalendarProvider:
        """A provider on the stored sign-in (the tests close it with the fake server)."""
        credentials = google_auth.load_credentials(self.app.secrets)
        return GoogleCalendarProvider(credentials, timeout_s=self.sync.timeout_s)

    def connect(self, **overrides: Any) -> None:
        store_credentials(self.app, self.fake, **overrides)

    def outbox(self) -> list[tuple[str, str, dict]]:
        """(uid, operation, payload) of every queued row, for "the outbox is intact" checks."""
        from sqlalchemy import select

        from careerdesk.core.storage.tables.calendar import CalendarOutbox

        with self.app.db.read() as s:
            rows = s.scalars(
                select(CalendarOutbox)
                .where(CalendarOutbox.profile_id == self.pid)
                .order_by(CalendarOutbox.uid)
            ).all()
            return [(r.uid, r.operation, dict(r.payload)) for r in rows]


def credentials_info(fake: FakeCalendar, **overrides: Any) -> dict[str, Any]:
    """Authorised-user JSON as google-auth writes it, pointing at the fake's token URI."""
    info = {
        "type": "authorized_user",
        "token": "ya29.initial-token",
        "refresh_token": "1//fake-refresh-token",
        "token_uri": fake.token_uri,
        "client_id": "123-test.apps.googleusercontent.com",
        "client_secret": "test-secret",
        "scopes": ["https://www.googleapis.com/auth/calendar.events"],
        "expiry": (datetime.now(UTC) + timedelta(hours=1)).replace(tzinfo=None).isoformat() + "Z",
    }
    info.update(overrides)
    return info


def store_credentials(app: App, fake: FakeCalendar, **overrides: Any) -> None:
    app.secrets.set(GOOGLE_CALENDAR_CREDENTIALS, json.dumps(credentials_info(fake, **overrides)))


def write_credentials(path: Path, fake: FakeCalendar, **overrides: Any) -> Path:
    path.write_text(json.dumps(credentials_info(fake, **overrides)), encoding="utf-8")
    return path


@pytest.fixture(name="fake_calendar")
def fake_calendar_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCalendar]:
    """The fake Google Calendar on 127.0.0.1, with the app's endpoints pointed at it."""
    with FakeCalendar() as fake:
        monkeypatch.setenv("CAREERDESK_GOOGLE_API_ENDPOINT", fake.api_endpoint)
        monkeypatch.setenv("CAREERDESK_GOOGLE_REVOKE_URL", fake.revoke_uri)
        monkeypatch.setenv("CAREERDESK_GOOGLE_TOKEN_URI", fake.token_uri)
        yield fake


@pytest.fixture(name="env")
def env_fixture(fake_calendar: FakeCalendar, careerdesk_home: Path) -> Iterator[Env]:
    clock = FixedClock(T0)
    app = build_app(AppPaths.resolve(), clock=clock)
    yield Env(app, fake_calendar, clock)
    app.close(backup=False)
