"""Plumbing shared by the pipeline service's parts: clock, event log writes, publishing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock, as_utc
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.events import DomainEvent, EventBus
from careerdesk.core.pipeline.events import ApplicationStateChanged
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.pipeline import Application, ApplicationEvent

MAX_ACTOR = 40


class PipelineServiceBase:
    """Holds the database, bus and clock; writes events; publishes after commit."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    def _when(self, at: datetime | None) -> datetime:
        if at is None:
            return self.clock.now()
        if at.tzinfo is None:
            raise ValidationError("A time given to the pipeline needs a time zone.")
        return as_utc(at)

    @staticmethod
    def _actor(actor: str) -> str:
        actor = actor.strip()
        if not actor or len(actor) > MAX_ACTOR:
            raise ValidationError(f"The actor must be 1–{MAX_ACTOR} characters.")
        return actor

    def _log(
        self,
        s: Session,
        app: Application,
        kind: str,
        *,
        at: datetime,
        actor: str,
        from_state: str | None = None,
        to_state: str | None = None,
        changes: dict[str, Any] | None = None,
        note: str = "",
        subject: tuple[str, int | None] = ("", None),
    ) -> ApplicationEvent:
        """Append one immutable event to ``app``'s log (inside the caller's transaction)."""
        event = ApplicationEvent(
            profile_id=app.profile_id,
            application_id=app.id,
            kind=kind,
            from_state=from_state,
            to_state=to_state,
            changes=changes or {},
            note=note.strip(),
            subject_type=subject[0],
            subject_id=subject[1],
            at=at,
            actor=self._actor(actor),
        )
        s.add(event)
        return event

    def _publish(self, events: Iterable[DomainEvent]) -> None:
        for event in events:
            self.bus.publish(event)

    def _set_state(
        self,
        s: Session,
        row: Application,
        kind: str,
        before: State,
        target: State,
        *,
        when: datetime,
        updated_at: datetime,
        actor: str,
        changes: dict[str, Any],
        note: str,
    ) -> None:
        """Put ``row`` in ``target`` and log it as one ``kind`` event (a move or the undoing
        of one) inside the caller's transaction."""
        row.state = target.value
        row.state_changed_at = when
        row.updated_at = updated_at
        self._log(
            s,
            row,
            kind,
            at=when,
            actor=actor,
            from_state=before.value,
            to_state=target.value,
            changes=changes,
            note=note,
        )

    def _publish_state(
        self, profile_id: int, app_id: int, change: str, before: State, target: State
    ) -> None:
        """After the commit: say that the application changed state (``change`` is
        ``"state"`` or ``"state_reverted"``)."""
        self._publish(
            [
                ApplicationStateChanged(
                    profile_id=profile_id,
                    application_id=app_id,
                    change=change,
                    from_state=before.value,
                    to_state=target.value,
                )
            ]
        )
