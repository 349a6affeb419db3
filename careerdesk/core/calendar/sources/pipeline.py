"""Interviews, their preparation, apply-by and offer reply deadlines, as calendar entries.

Reminders follow the state (docs/calendar.md): an apply-by deadline is returned only while
the learner has not applied yet (Saved, Applying), so applying or closing the application
removes it from Google and the ``.ics`` export; an offer's reply deadline is returned while
the offer is open; each upcoming interview gets a preparation slot the day before, derived
from its start, so a moved interview moves it too.

Discovered by :func:`careerdesk.core.calendar.sources.register_all`. A time moved in Google
Calendar comes back through :func:`apply_moved_interview` and is recorded like any other
edit (audit trail, ``ApplicationChanged``), so the pipeline stays the source of truth.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from careerdesk.core.calendar import CalendarChange, CalendarEntry
from careerdesk.core.calendar.models import SourceKind
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.ports import AppServices
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.tables.pipeline import Application, Interview, Offer

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService

# Who the audit trail names when Google moved an interview.
CALENDAR_ACTOR = "google-calendar"
# An apply-by date matters only before applying.
BEFORE_APPLYING = (State.SAVED.value, State.APPLYING.value)
# An offer waits for the learner's answer in these states and these offer statuses.
OFFER_OPEN_STATES = (State.OFFER_RECEIVED.value, State.NEGOTIATING.value)
OFFER_OPEN_STATUSES = ("pending", "negotiating")
# Interview preparation: a 45-minute slot one day before the interview starts.
PREP_BEFORE = timedelta(days=1)
PREP_LENGTH = timedelta(minutes=45)


def _role(app_row: Application) -> str:
    return f"{app_row.company} — {app_row.title}"


def posting_entry(
    source_kind: SourceKind,
    source_id: int,
    profile_id: int,
    app_row: Application,
    title: str,
    **fields: Any,
) -> CalendarEntry:
    """An entry about ``app_row`` linking to its posting: the title and the link cut to what
    a calendar event holds (``fields``: the rest of the entry)."""
    return CalendarEntry(
        source_kind=source_kind,
        source_id=source_id,
        profile_id=profile_id,
        title=title[:500],
        url=app_row.posting_url[:2000] or None,
        **fields,
    )


class PipelineCalendarSource:
    """Every interview of the profile (cancelled ones flagged) and deadlines of open
    applications: an entry that stops being returned is removed from the calendar."""

    def __init__(self, app: AppServices) -> None:
        self.app = app

    def entries(self, profile_id: int) -> list[CalendarEntry]:
        out: list[CalendarEntry] = []
        with self.app.db.read() as s:
            interviews = s.execute(
                select(Interview, Application)
                .join(Application, Application.id == Interview.application_id)
                .where(Interview.profile_id == profile_id)
                .order_by(Interview.starts_at, Interview.id)
            ).all()
            for iv, app_row in interviews:
                kind = iv.kind.title()
                lines = [f"Type: {kind} interview"]
                if iv.title:
                    lines.append(iv.title)
                if iv.interviewers:
                    lines.append("Interviewers: " + ", ".join(str(p) for p in iv.interviewers))
                if iv.link:
                    lines.append(f"Link: {iv.link}")
                out.append(
                    CalendarEntry(
                        source_kind="interview",
                        source_id=iv.id,
                        profile_id=profile_id,
                        title=f"{kind} interview: {_role(app_row)}"[:500],
                        description="\n".join(lines)[:8000],
                        location=(iv.location or iv.link or "")[:1000],
                        url=iv.link[:2000] or None,
                        start=iv.starts_at,
                        end=iv.starts_at + timedelta(minutes=iv.duration_min),
                        cancelled=iv.outcome == "cancelled",
                        updated_at=iv.updated_at,
                    )
                )
                if iv.outcome in ("scheduled", ""):  # still to come: prepare the day before
                    prep = iv.starts_at - PREP_BEFORE
                    out.append(
                        posting_entry(
                            "prep",
                            iv.id,
                            profile_id,
                            app_row,
                            f"Prepare: {kind.lower()} interview tomorrow, {_role(app_row)}",
                            description=(
                                "Re-read the posting and your notes, prepare questions, and "
                                "practise in CareerDesk (Interviews)."
                            ),
                            start=prep,
                            end=prep + PREP_LENGTH,
                            updated_at=iv.updated_at,
                        )
                    )
            deadlines = s.scalars(
                select(Application)
                .where(Application.profile_id == profile_id)
                .where(Application.deadline.is_not(None))
                .where(Application.state.in_(BEFORE_APPLYING))
                .order_by(Application.deadline, Application.id)
            ).all()
            for app_row in deadlines:
                out.append(
                    posting_entry(
                        "deadline",
                        app_row.id,
                        profile_id,
                        app_row,
                        f"Apply by: {_role(app_row)}",
                        description=f"Application deadline ({app_row.state.replace('_', ' ')})",
                        all_day=app_row.deadline,
                        updated_at=app_row.updated_at,
                    )
                )
            offers = s.execute(
                select(Offer, Application)
                .join(Application, Application.id == Offer.application_id)
                .where(Offer.profile_id == profile_id, Offer.deadline.is_not(None))
                .where(Offer.status.in_(OFFER_OPEN_STATUSES))
                .where(Application.state.in_(OFFER_OPEN_STATES))
                .order_by(Offer.deadline, Offer.id)
            ).all()
            for offer, app_row in offers:
                out.append(
                    posting_entry(
                        "offer",
                        offer.id,
                        profile_id,
                        app_row,
                        f"Reply to the offer: {_role(app_row)}",
                        description=(
                            "The offer's reply deadline. Compare your offers in CareerDesk "
                            "(Pipeline → Compare offers) before you answer."
                        ),
                        all_day=offer.deadline,
                        updated_at=offer.updated_at,
                    )
                )
        return out


def apply_moved_interview(app: AppServices, change: CalendarChange) -> bool:
    """Record an interview time moved in Google; False when it is not ours to apply.

    Idempotent: a re-delivered change finds the time already set and logs nothing new.
    """
    if change.source_kind != "interview" or change.new_start is None:
        return False
    from careerdesk.core.pipeline.service import ApplicationService

    changes: dict[str, Any] = {"starts_at": change.new_start}
    if change.new_end is not None and change.new_end > change.new_start:
        minutes = int((change.new_end - change.new_start).total_seconds() // 60)
        changes["duration_min"] = max(5, min(24 * 60, minutes))
    try:
        app.service(ApplicationService).update_interview(
            change.source_id, changes, actor=CALENDAR_ACTOR
        )
    except NotFoundError:
        return False
    return True


def register(service: CalendarSyncService, app: AppServices) -> None:
    """Hook called by the calendar service for every app."""
    service.register_source(PipelineCalendarSource(app))
    service.on_change(lambda change: apply_moved_interview(app, change))
