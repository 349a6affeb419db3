"""Read side of ``ApplicationService``: lists, rows, details, counts, duplicates."""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select

from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.pipeline.keys import company_key, title_key
from careerdesk.core.pipeline.models import (
    ApplicationDetail,
    ApplicationFilter,
    ApplicationRow,
    DuplicateMatch,
    EventOut,
    InterviewOut,
)
from careerdesk.core.pipeline.queries import app_events, event_out, get_row, load_detail, load_rows
from careerdesk.core.pipeline.service_base import PipelineServiceBase
from careerdesk.core.pipeline.states import ACTIVE_STATES, State
from careerdesk.core.storage.tables.pipeline import Application, Interview


class PipelineReads(PipelineServiceBase):
    """Queries (part of ``ApplicationService``); each is one read-only unit of work."""

    def list(
        self, profile_id: int, flt: ApplicationFilter | None = None, *, limit: int | None = None
    ) -> list[ApplicationRow]:
        """A profile's applications, most recently changed first, optionally filtered.

        ``limit`` returns only the most recently changed ones (a first page).
        """
        conditions: list[ColumnElement[bool]] = []
        if flt is not None:
            if flt.states:
                conditions.append(Application.state.in_([s.value for s in flt.states]))
            if flt.active_only:
                conditions.append(Application.state.in_([s.value for s in ACTIVE_STATES]))
            if flt.source:
                conditions.append(func.lower(Application.source) == flt.source.strip().lower())
            if flt.remote is not None:
                conditions.append(Application.remote == flt.remote)
            for word in flt.text.lower().split():
                like = f"%{word}%"
                conditions.append(
                    or_(
                        func.lower(Application.company).like(like),
                        func.lower(Application.title).like(like),
                        func.lower(Application.location).like(like),
                    )
                )
        with self.db.read() as s:
            return load_rows(s, self.clock.now(), *conditions, profile_id=profile_id, limit=limit)

    def row(self, app_id: int) -> ApplicationRow:
        """One application as a board/table row."""
        with self.db.read() as s:
            profile_id = get_row(s, app_id).profile_id
            return load_rows(s, self.clock.now(), Application.id == app_id, profile_id=profile_id)[
                0
            ]

    def get(self, app_id: int) -> ApplicationDetail:
        """Everything about one application: fields, children, allowed moves, events."""
        with self.db.read() as s:
            return load_detail(s, app_id, self.clock.now())

    def events(self, app_id: int) -> builtins.list[EventOut]:
        """The application's events in log order (oldest first)."""
        with self.db.read() as s:
            get_row(s, app_id)
            return [event_out(e) for e in app_events(s, app_id)]

    def counts(self, profile_id: int) -> dict[State, int]:
        """How many applications are in each state (every state present, zeros included)."""
        with self.db.read() as s:
            found = dict(
                s.execute(
                    select(Application.state, func.count())
                    .where(Application.profile_id == profile_id)
                    .group_by(Application.state)
                ).all()
            )
        return {st: int(found.get(st.value, 0)) for st in State}

    def find_duplicates(
        self, profile_id: int, company: str, title: str, *, exclude_id: int | None = None
    ) -> builtins.list[DuplicateMatch]:
        """Applications with the same company and title (normalised: "Google LLC" = "google")."""
        with self.db.read() as s:
            stmt = select(
                Application.id,
                Application.company,
                Application.title,
                Application.state,
                Application.applied_on,
                Application.created_at,
            ).where(
                Application.profile_id == profile_id,
                Application.company_key == company_key(company),
                Application.title_key == title_key(title),
            )
            if exclude_id is not None:
                stmt = stmt.where(Application.id != exclude_id)
            return [
                DuplicateMatch(
                    id=r.id,
                    company=r.company,
                    title=r.title,
                    state=State(r.state),
                    applied_on=r.applied_on,
                    created_at=r.created_at,
                )
                for r in s.execute(stmt.order_by(Application.created_at))
            ]

    def existing_dedupe_keys(self, profile_id: int) -> set[str]:
        with self.db.read() as s:
            return set(
                s.scalars(
                    select(Application.dedupe_key).where(Application.profile_id == profile_id)
                )
            )

    def interview(self, interview_id: int) -> InterviewOut:
        with self.db.read() as s:
            row = s.get(Interview, interview_id)
            if row is None:
                raise NotFoundError("That interview no longer exists.")
            return InterviewOut.model_validate(row, from_attributes=True)

    def upcoming_interviews(
        self, profile_id: int, *, after: datetime | None = None
    ) -> builtins.list[InterviewOut]:
        """Scheduled interviews starting at or after ``after`` (default now), soonest first."""
        since = self._when(after)
        with self.db.read() as s:
            rows = s.scalars(
                select(Interview)
                .where(
                    Interview.profile_id == profile_id,
                    Interview.starts_at >= since,
                    Interview.outcome == "scheduled",
                )
                .order_by(Interview.starts_at)
            )
            return [InterviewOut.model_validate(r, from_attributes=True) for r in rows]
