"""Pending follow-ups (pipeline intelligence) as 30-minute calendar reminders.

Only follow-ups still to do are returned: one that is sent, skipped or cancelled stops being
returned, so the calendar drops it. A snoozed one moves to its new time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from careerdesk.core.calendar import CalendarEntry
from careerdesk.core.calendar.sources.pipeline import posting_entry
from careerdesk.core.kernel.ports import AppServices
from careerdesk.core.storage.tables.intel import FollowUp
from careerdesk.core.storage.tables.pipeline import Application

if TYPE_CHECKING:
    from careerdesk.core.calendar.service import CalendarSyncService

_SCENARIOS = {
    "post_application": "Follow up on your application",
    "thank_you": "Send a thank-you note",
    "no_response": "Nudge: no reply yet",
    "offer": "Follow up on the offer",
}
DURATION = timedelta(minutes=30)


class FollowUpCalendarSource:
    def __init__(self, app: AppServices) -> None:
        self.app = app

    def entries(self, profile_id: int) -> list[CalendarEntry]:
        out: list[CalendarEntry] = []
        with self.app.db.read() as s:
            rows = s.execute(
                select(FollowUp, Application)
                .join(Application, Application.id == FollowUp.application_id)
                .where(FollowUp.profile_id == profile_id, FollowUp.status == "pending")
                .order_by(FollowUp.due_at, FollowUp.id)
            ).all()
            for fu, app_row in rows:
                start = fu.snoozed_until or fu.due_at
                what = _SCENARIOS.get(fu.scenario, "Follow up")
                out.append(
                    posting_entry(
                        "followup",
                        fu.id,
                        profile_id,
                        app_row,
                        f"{what}: {app_row.company} — {app_row.title}",
                        description=(
                            "Compose it from CareerDesk (Pipeline → Follow-ups), then mark it "
                            "sent there."
                        ),
                        start=start,
                        end=start + DURATION,
                        updated_at=fu.snoozed_until or fu.created_at,
                    )
                )
        return out


def register(service: CalendarSyncService, app: AppServices) -> None:
    """Hook called by the calendar service for every app."""
    service.register_source(FollowUpCalendarSource(app))
