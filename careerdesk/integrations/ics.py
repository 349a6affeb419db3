"""iCalendar (.ics) export with the ``icalendar`` library.

Every upcoming interview, follow-up and deadline becomes a VEVENT with VALARM reminders and a
UID that depends only on the item (``interview-42@careerdesk``), so re-importing or
re-subscribing updates events instead of duplicating them. Deadlines are all-day events.
Files are written atomically (temporary file + rename), so a calendar app reading the
subscribed file never sees half of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Alarm, Calendar, Event, vDuration

from careerdesk import APP_NAME, __version__
from careerdesk.core.calendar.models import KIND_LABELS, CalendarEntry
from careerdesk.core.calendar.service import CalendarSyncService
from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.files import atomic_write_bytes

PRODID = f"-//{APP_NAME}//{APP_NAME} {__version__}//EN"
# How often subscribing apps that honour these hints should re-read the file.
REFRESH_INTERVAL = timedelta(hours=1)


def build_calendar(
    entries: Iterable[CalendarEntry], *, now: datetime | None = None, name: str = APP_NAME
) -> Calendar:
    """A VCALENDAR holding one VEVENT (with its VALARMs) per entry."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", "Interviews, follow-ups and deadlines from CareerDesk")
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for entry in entries:
        if not entry.cancelled:
            cal.add_component(_event(entry, stamp))
    return cal


def _event(entry: CalendarEntry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    if entry.all_day is not None:
        event.add("dtstart", entry.all_day)
        event.add("dtend", entry.all_day + timedelta(days=1))
    else:
        assert entry.start is not None and entry.end is not None
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
    event.add("summary", entry.title)
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    event.add("categories", [KIND_LABELS[entry.source_kind]])
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE" if entry.source_kind == "interview" else "TRANSPARENT")
    if entry.updated_at is not None:
        event.add("last-modified", entry.updated_at.replace(microsecond=0))
    for minutes in entry.reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Reminder: {entry.title}")
        alarm.add("trigger", timedelta(minutes=-minutes))
        event.add_component(alarm)
    return event


def to_ics(entries: Iterable[CalendarEntry], **kwargs: Any) -> bytes:
    """The .ics bytes (CRLF line endings, folded lines) for ``entries``."""
    return build_calendar(entries, **kwargs).to_ical()


def write_ics(entries: Iterable[CalendarEntry], path: Path, **kwargs: Any) -> int:
    """Write ``entries`` to ``path`` atomically; returns how many events were written.

    Raises :class:`UserError` when the folder does not exist or cannot be written.
    """
    items = [e for e in entries if not e.cancelled]
    data = to_ics(items, **kwargs)
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist; choose another place.")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    return len(items)


class IcsExporter:
    """Exports a profile's upcoming entries, and keeps its subscribed file up to date."""

    def __init__(
        self,
        calendar: CalendarSyncService,
        *,
        folder: Path,
        profile_name: Callable[[int], str],
        clock: Clock,
    ) -> None:
        self.calendar = calendar
        self.folder = folder
        self._profile_name = profile_name
        self._clock = clock

    def subscribed_path(self, profile_id: int) -> Path:
        """The file calendar apps can subscribe to: one per profile, in the data folder.

        One file per profile (not one per install) so that on a shared computer nobody's
        calendar shows another person's interviews.
        """
        return self.folder / f"careerdesk-profile-{profile_id}.ics"

    def export(self, profile_id: int, path: Path) -> int:
        """Write every upcoming entry of ``profile_id`` to ``path``; returns the event count."""
        return write_ics(
            self.calendar.upcoming(profile_id),
            path,
            now=self._clock.now(),
            name=f"{APP_NAME} — {self._profile_name(profile_id)}",
        )

    def update_subscribed_file(self, profile_id: int) -> Path:
        """Rewrite the profile's subscribed file (see :meth:`subscribed_path`)."""
        path = self.subscribed_path(profile_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.export(profile_id, path)
        return path
