"""Calendar checks: the Google client builds offline from the shipped discovery document (a
frozen build that lost ``calendar.v3.json`` fails here), and an .ics export reads back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from careerdesk.selftest import Check, SelfTestContext


def _google_client(ctx: SelfTestContext) -> str:
    from google.oauth2.credentials import Credentials

    from careerdesk.integrations.google.calendar import GoogleCalendarProvider, batch_uri

    provider = GoogleCalendarProvider(Credentials(token="self-test"))
    service = provider._client()  # builds from the packaged discovery document, no network
    methods = [m for m in ("insert", "patch", "delete", "list") if hasattr(service.events(), m)]
    provider.close()
    if len(methods) != 4:
        raise AssertionError(f"Calendar v3 client lacks event methods: {methods}")
    return f"Calendar v3 client built offline; batches go to {batch_uri(provider.api_endpoint)}"


def _ics_round_trip(ctx: SelfTestContext) -> str:
    from icalendar import Calendar

    from careerdesk.core.calendar import CalendarEntry
    from careerdesk.integrations.ics import to_ics

    start = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    entry = CalendarEntry(
        source_kind="interview",
        source_id=1,
        profile_id=1,
        title="Self-test interview",
        start=start,
        end=start + timedelta(hours=1),
    )
    parsed = Calendar.from_ical(to_ics([entry]))
    events = parsed.walk("VEVENT")
    alarms = events[0].walk("VALARM") if events else []
    if len(events) != 1 or len(alarms) != 3 or str(events[0]["UID"]) != entry.uid:
        raise AssertionError(f"ICS round trip gave {len(events)} events, {len(alarms)} alarms")
    return "ICS export reads back: 1 event, 3 reminders, stable UID"


def _shipped_client(ctx: SelfTestContext) -> str:
    """Whether this copy carries its own OAuth client; never prints the client itself."""
    from careerdesk.integrations.google import auth

    if auth.has_shipped_client():
        return (
            "Google sign-in client shipped (Desktop app, PKCE): Settings → Calendar connects "
            "with one button"
        )
    return (
        "no Google sign-in client shipped (source checkout or built without "
        "CAREERDESK_GOOGLE_CLIENT_FILE): users bring their own OAuth client"
    )


CHECKS = [
    Check("Google Calendar client (offline build)", _google_client, order=60),
    Check("Google sign-in client shipped", _shipped_client, order=62),
    Check("calendar file (.ics) round trip", _ics_round_trip, order=61),
]
