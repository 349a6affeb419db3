"""``careerdesk export-ics`` and ``careerdesk sync-calendar``: exit codes 0 / 2 and messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from careerdesk.cli import main
from careerdesk.core.calendar import sources
from tests.calendar_support import (
    FakeSource,
    deadline,
    fake_calendar_fixture,  # noqa: F401  (fixture)
    interview,
    write_credentials,
)
from tests.fakes.calendar_server import FakeCalendar


@pytest.fixture
def source(monkeypatch: pytest.MonkeyPatch) -> FakeSource:
    """Every app the CLI builds gets this source (as the pipeline plug-in will do)."""
    fake_source = FakeSource()
    real = sources.register_all

    def register_all(service, app):  # type: ignore[no-untyped-def]
        service.register_source(fake_source)
        return real(service, app)

    monkeypatch.setattr(sources, "register_all", register_all)
    return fake_source


def _profile_with_entries(source: FakeSource) -> None:
    assert main(["profile", "create", "Ann"]) == 0
    from careerdesk.app import build_app

    app = build_app()
    pid = app.profiles.by_name("Ann").id
    app.close(backup=False)
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    source.put(interview(pid, 1, soon))
    source.put(deadline(pid, 2, (soon + timedelta(days=5)).date()))


def test_export_ics(source: FakeSource, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _profile_with_entries(source)
    out = tmp_path / "cal.ics"
    assert main(["export-ics", "--profile", "Ann", "--output", str(out)]) == 0
    assert "Wrote 2 events" in capsys.readouterr().out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 2
    assert main(["export-ics", "--profile", "Nobody", "--output", str(out)]) == 2
    assert main(["export-ics", "--profile", "Ann", "--output", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    missing = tmp_path / "no" / "cal.ics"
    assert main(["export-ics", "--profile", "Ann", "--output", str(missing)]) == 2


def test_sync_calendar_needs_a_connection(
    source: FakeSource, fake_calendar: FakeCalendar, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    _profile_with_entries(source)
    assert main(["sync-calendar", "--profile", "Ann"]) == 2
    err = capsys.readouterr().err
    assert "not connected to Google Calendar" in err and "--credentials FILE" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "service_account"}')
    assert main(["sync-calendar", "--profile", "Ann", "--credentials", str(bad)]) == 2
    assert "authorised-user" in capsys.readouterr().err
    assert fake_calendar.ops() == []  # nothing reached Google


def test_sync_calendar_with_a_credentials_file(
    source: FakeSource, fake_calendar: FakeCalendar, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    _profile_with_entries(source)
    creds = write_credentials(tmp_path / "user.json", fake_calendar)
    assert main(["sync-calendar", "--profile", "Ann", "--credentials", str(creds)]) == 0
    out = capsys.readouterr().out
    assert "Sent 2 changes (2 new" in out and "Nothing waiting" in out
    assert len(fake_calendar.events()) == 2
    assert main(["sync-calendar", "--profile", "Ann", "--credentials", str(creds)]) == 0
    assert "Sent 0 changes" in capsys.readouterr().out
    assert len(fake_calendar.events()) == 2
    # Google refuses the sign-in: exit 2 with the reconnect advice; changes stay queued.
    fake_calendar.set_reject_all_tokens()
    source.put(interview(source.entries(1)[0].profile_id, 3, datetime.now(UTC) + timedelta(days=9)))
    assert main(["sync-calendar", "--profile", "Ann", "--credentials", str(creds)]) == 2
    assert "Reconnect" in capsys.readouterr().err
