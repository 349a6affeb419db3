"""Demo data for the calendar: queue every pipeline entry for Google Calendar and write the
subscribed .ics file. Needs no network; the entries come from whatever sources are plugged
in (the pipeline and follow-ups, when present)."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 70


def seed(app: App, profile: ProfileInfo) -> str:
    """Refresh the outbox and the subscribed file; returns a one-line summary."""
    from careerdesk.core.calendar.sync import CalendarSync

    sync = app.service(CalendarSync)
    report = sync.refresh(profile.id)
    path = sync.ics.subscribed_path(profile.id)
    return (
        f"calendar: {report.entries} event(s) queued for Google Calendar and written to {path.name}"
    )
