"""The calendar contract and the outbox, without any network."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from careerdesk.app import App
from careerdesk.core.calendar import CalendarEntry, CalendarSyncService, make_uid
from careerdesk.core.calendar.events import CalendarOutboxChanged
from careerdesk.core.calendar.models import CalendarSource, SyncStatus, entry_hash
from careerdesk.core.calendar.sources import register_all
from careerdesk.core.storage.tables.calendar import CalendarEventLink
from tests.calendar_support import T0, FakeSource, deadline, followup, interview


def test_entries_validate_and_default_their_reminders() -> None:
    iv = interview(1, 42, T0)
    assert iv.uid == make_uid("interview", 42) == "interview-42@careerdesk"
    assert iv.reminders == (1440, 60, 15)
    assert followup(1, 1, T0).reminders == (1440, 60)
    assert deadline(1, 1, date(2026, 1, 9)).reminders == (4320, 1440, 180)
    custom = interview(1, 1, T0, reminders=(5, 30, 30))
    assert custom.reminders == (30, 5)
    local = datetime(2026, 1, 5, 10, 0, tzinfo=UTC).astimezone()
    assert interview(1, 1, local).start.tzinfo is UTC  # type: ignore[union-attr]
    bad = [
        {"start": datetime(2026, 1, 5, 9)},  # naive
        {"all_day": date(2026, 1, 5), "start": T0, "end": T0 + timedelta(hours=1)},
        {},  # neither
        {"start": T0, "end": T0},  # empty range
        {"start": T0, "end": T0 + timedelta(hours=1), "reminders": (1, 2, 3, 4, 5, 6)},
        {"start": T0, "end": T0 + timedelta(hours=1), "timezone": "Mars/Olympus"},
    ]
    for extra in bad:
        if "start" in extra and "end" not in extra:
            extra["end"] = extra["start"] + timedelta(hours=1)
        with pytest.raises(ValidationError):
            CalendarEntry(source_kind="interview", source_id=1, profile_id=1, title="x", **extra)


def test_the_hash_ignores_updated_at_but_not_what_is_shown() -> None:
    a = interview(1, 1, T0)
    assert entry_hash(a) == entry_hash(a.model_copy(update={"updated_at": T0}))
    assert entry_hash(a) != entry_hash(interview(1, 1, T0, title="Other"))
    assert entry_hash(a) == entry_hash(a.payload())
    assert CalendarEntry.model_validate(a.payload()) == a


def test_status_line_in_plain_words() -> None:
    now = T0
    assert SyncStatus(profile_id=1).describe(now) == "Never synced · nothing waiting"
    status = SyncStatus(
        profile_id=1,
        last_sync_at=now - timedelta(minutes=5),
        pending=2,
        last_error="Google Calendar cannot be reached (are you offline?).",
    )
    assert status.describe(now) == (
        "Last sync 5 min ago · 2 changes waiting · Last error: Google Calendar cannot be "
        "reached (are you offline?)."
    )


def _service(app: App) -> tuple[CalendarSyncService, FakeSource, int]:
    service = app.service(CalendarSyncService)
    source = FakeSource()
    service.register_source(source)
    return service, source, app.profiles.create("Pat").id


def _ops(service: CalendarSyncService, pid: int) -> list[tuple[str, str]]:
    return [(i.uid, i.operation) for i in service.pending(pid)]


def test_refresh_diffs_sources_against_what_was_pushed(app: App) -> None:
    service, source, pid = _service(app)
    assert isinstance(source, CalendarSource)
    seen: list[int] = []
    app.bus.subscribe(CalendarOutboxChanged, lambda e: seen.append(e.pending))
    source.put(interview(pid, 1, T0))
    source.put(deadline(pid, 2, date(2026, 1, 9)))
    report = service.refresh_from_sources(pid)
    assert (report.upserts, report.deletes, report.entries) == (2, 0, 2)
    assert seen == [2]
    assert service.refresh_from_sources(pid).upserts == 0  # already queued: no churn

    # Pretend interview 1 was pushed, as push.py records it.
    with app.db.session() as s:
        entry = source.get(pid, "interview-1@careerdesk")
        s.add(
            CalendarEventLink(
                profile_id=pid,
                uid=entry.uid,
                calendar_id="primary",
                event_id="ev1",
                pushed_hash=entry_hash(entry),
                payload=entry.payload(),
            )
        )
    service.enqueue_delete(pid, "interview-1@careerdesk")  # a stale queued change...
    report = service.refresh_from_sources(pid)
    assert report.dropped == 1  # ... is dropped: Google already shows the entry
    assert _ops(service, pid) == [("deadline-2@careerdesk", "upsert")]

    source.put(interview(pid, 1, T0 + timedelta(hours=2)))  # changed
    source.remove(pid, "deadline-2@careerdesk")  # gone before it was ever confirmed
    service.refresh_from_sources(pid)
    assert sorted(_ops(service, pid)) == [
        ("deadline-2@careerdesk", "delete"),  # it may have reached Google before a crash
        ("interview-1@careerdesk", "upsert"),
    ]
    source.put(interview(pid, 1, T0 + timedelta(hours=2), cancelled=True))
    service.refresh_from_sources(pid)
    assert ("interview-1@careerdesk", "delete") in _ops(service, pid)


def test_one_row_per_event_and_the_latest_change_wins(app: App) -> None:
    service, _source, pid = _service(app)
    service.enqueue_upsert(interview(pid, 1, T0))
    service.enqueue_upsert(interview(pid, 1, T0 + timedelta(hours=1)))
    service.enqueue_delete(pid, "interview-1@careerdesk")
    assert _ops(service, pid) == [("interview-1@careerdesk", "delete")]
    service.enqueue_upsert(interview(pid, 1, T0 + timedelta(hours=3)))
    (item,) = service.pending(pid)
    assert item.operation == "upsert" and item.attempts == 0
    assert service.pending_count(pid) == 1


def test_deleting_a_profile_removes_its_calendar_rows(app: App) -> None:
    service, _source, pid = _service(app)
    service.enqueue_upsert(interview(pid, 1, T0))
    app.profiles.delete(pid)
    assert service.pending_count(pid) == 0


def test_sources_are_merged_per_profile(app: App) -> None:
    service, source, pid = _service(app)
    other = FakeSource()
    service.register_source(other)
    source.put(interview(pid, 1, T0 + timedelta(days=2)))
    other.put(interview(pid, 1, T0))  # same uid from a second source: the first wins
    other.put(followup(pid, 2, T0 + timedelta(days=1)))
    other.items[pid]["stray"] = interview(pid + 1, 3, T0)  # wrong profile: ignored
    entries = service.entries(pid)
    assert [e.uid for e in entries] == ["followup-2@careerdesk", "interview-1@careerdesk"]
    assert entries[1].start == T0 + timedelta(days=2)


def test_install_id_is_stable(app: App) -> None:
    service = app.service(CalendarSyncService)
    first = service.install_id()
    assert len(first) == 16
    assert CalendarSyncService(app.db, app.bus, app.clock).install_id() == first


def test_plug_ins_are_discovered(app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from careerdesk.core.calendar import sources

    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    (plugin_dir / "zz_test_plugin.py").write_text(
        "from tests.calendar_support import FakeSource\n"
        "def register(service, app):\n"
        "    service.register_source(FakeSource())\n"
        "    service.on_change(lambda change: False)\n"
    )
    monkeypatch.setattr(sources, "__path__", [*sources.__path__, str(plugin_dir)])
    monkeypatch.delitem(
        sys.modules, "careerdesk.core.calendar.sources.zz_test_plugin", raising=False
    )
    service = CalendarSyncService(app.db, app.bus, app.clock)
    assert register_all(service, app)[-1] == "zz_test_plugin"
    # the shipped plug-ins (pipeline, follow-ups) plus the test one
    assert len(service.sources) == 3 and len(service.handlers) == 2
