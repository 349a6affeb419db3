"""Interviews, offers, negotiation rounds, contacts, documents and notes of an application.

Every add, edit and removal writes an event whose ``changes`` carry the record's fields
(``old``/``new``), so the timeline shows it and the audit trail survives a removal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.pipeline import history as h
from careerdesk.core.pipeline import interview_scores
from careerdesk.core.pipeline.events import ApplicationChanged, InterviewChanged, OfferChanged
from careerdesk.core.pipeline.models import (
    ContactInput,
    ContactOut,
    DocumentInput,
    DocumentOut,
    EventOut,
    InterviewInput,
    InterviewOut,
    OfferInput,
    OfferOut,
    RoundInput,
    RoundOut,
    check,
)
from careerdesk.core.pipeline.queries import event_out, get_row, jsonable, offer_out
from careerdesk.core.pipeline.service_base import PipelineServiceBase
from careerdesk.core.skills.ledger import evidence_event
from careerdesk.core.storage.tables.pipeline import (
    Application,
    ApplicationEvent,
    Contact,
    Document,
    Interview,
    NegotiationRound,
    Offer,
)

# The child tables of an application, and what each is handed out as.
_Row = TypeVar("_Row", Interview, Offer, Contact, Document)
_Out = TypeVar("_Out", bound=BaseModel)


def _validated(output: type[_Out]) -> Callable[[Session, object], _Out]:
    """The plain reader of a child row: its output model, validated from its attributes."""
    return lambda _s, row: output.model_validate(row, from_attributes=True)


@dataclass(frozen=True)
class _Kind(Generic[_Row, _Out]):
    name: str
    table: type[_Row]
    input: type[BaseModel]
    output: Callable[[Session, _Row], _Out]
    added: str
    updated: str
    removed: str


_INTERVIEW = _Kind(
    "interview",
    Interview,
    InterviewInput,
    _validated(InterviewOut),
    h.INTERVIEW_ADDED,
    h.INTERVIEW_UPDATED,
    h.INTERVIEW_REMOVED,
)
_OFFER = _Kind(
    "offer", Offer, OfferInput, offer_out, h.OFFER_ADDED, h.OFFER_UPDATED, h.OFFER_REMOVED
)
_CONTACT = _Kind(
    "contact",
    Contact,
    ContactInput,
    _validated(ContactOut),
    h.CONTACT_ADDED,
    h.CONTACT_UPDATED,
    h.CONTACT_REMOVED,
)
_DOCUMENT = _Kind(
    "document",
    Document,
    DocumentInput,
    _validated(DocumentOut),
    h.DOCUMENT_ADDED,
    h.DOCUMENT_ADDED,
    h.DOCUMENT_REMOVED,
)


def _values(row: object, model: type[BaseModel]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in model.model_fields}


def _created(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: {"old": None, "new": jsonable(v)} for k, v in values.items()}


def _removed(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: {"old": jsonable(v), "new": None} for k, v in values.items()}


class RecordsMixin(PipelineServiceBase):
    """The child records of an application (part of ``ApplicationService``)."""

    # -- generic ---------------------------------------------------------------------------
    def _domain_event(
        self, kind: _Kind[_Row, _Out], app: Application, row_id: int, action: str
    ) -> DomainEvent:
        if kind.name == "interview":
            return InterviewChanged(
                profile_id=app.profile_id,
                application_id=app.id,
                change="interview",
                interview_id=row_id,
                action=action,
            )
        if kind.name == "offer":
            return OfferChanged(
                profile_id=app.profile_id,
                application_id=app.id,
                change="offer",
                offer_id=row_id,
                action=action,
            )
        return ApplicationChanged(
            profile_id=app.profile_id, application_id=app.id, change=kind.name
        )

    def _add(
        self,
        kind: _Kind[_Row, _Out],
        app_id: int,
        data: BaseModel | Mapping[str, Any],
        at: datetime | None,
        actor: str,
    ) -> _Out:
        value = check(kind.input, data)
        when = self._when(at)
        with self.db.session() as s:
            app = get_row(s, app_id)
            fields = value.model_dump()
            row = kind.table(profile_id=app.profile_id, application_id=app.id, **fields)
            for stamp in ("created_at", "updated_at", "added_at"):
                if hasattr(kind.table, stamp):
                    setattr(row, stamp, when)
            s.add(row)
            s.flush()
            self._log(
                s,
                app,
                kind.added,
                at=when,
                actor=actor,
                changes=_created(fields),
                subject=(kind.name, row.id),
            )
            app.updated_at = max(app.updated_at, when)
            out = kind.output(s, row)
            event = self._domain_event(kind, app, row.id, "added")
            evidence: list[DomainEvent] = self._scores_as_evidence(row)
        self._publish([event, *evidence])
        return out

    def _child(self, s: Session, kind: _Kind[_Row, _Out], row_id: int) -> tuple[_Row, Application]:
        row = s.get(kind.table, row_id)
        if row is None:
            raise NotFoundError(f"That {kind.name} no longer exists.")
        return row, get_row(s, row.application_id)

    def _update(
        self,
        kind: _Kind[_Row, _Out],
        row_id: int,
        changes: Mapping[str, Any],
        actor: str,
        at: datetime | None = None,
    ) -> _Out:
        when = self._when(at)
        with self.db.session() as s:
            row, app = self._child(s, kind, row_id)
            current = _values(row, kind.input)
            unknown = set(changes) - set(current)
            if unknown:
                raise ValidationError(f"Unknown {kind.name} field(s): {', '.join(sorted(unknown))}")
            value = check(kind.input, {**current, **changes}).model_dump()
            diff = {
                k: {"old": jsonable(current[k]), "new": jsonable(v)}
                for k, v in value.items()
                if jsonable(v) != jsonable(current[k])
            }
            if not diff:
                return kind.output(s, row)
            for k in diff:
                setattr(row, k, value[k])
            if hasattr(row, "updated_at"):
                row.updated_at = when
            self._log(
                s,
                app,
                kind.updated,
                at=when,
                actor=actor,
                changes=diff,
                subject=(kind.name, row.id),
            )
            app.updated_at = max(app.updated_at, when)
            s.flush()
            out = kind.output(s, row)
            event = self._domain_event(kind, app, row.id, "updated")
            evidence: list[DomainEvent] = self._scores_as_evidence(row)
        self._publish([event, *evidence])
        return out

    def _remove(self, kind: _Kind[_Row, _Out], row_id: int, actor: str) -> None:
        when = self.clock.now()
        with self.db.session() as s:
            row, app = self._child(s, kind, row_id)
            self._log(
                s,
                app,
                kind.removed,
                at=when,
                actor=actor,
                changes=_removed(_values(row, kind.input)),
                subject=(kind.name, row.id),
            )
            evidence: list[DomainEvent] = self._scores_as_evidence(row, deleted=True)
            s.delete(row)
            app.updated_at = when
            event = self._domain_event(kind, app, row_id, "removed")
        self._publish([event, *evidence])

    def _scores_as_evidence(self, row: object, *, deleted: bool = False) -> list[DomainEvent]:
        """A real interview's scores restated as skill-model evidence (same transaction);
        the event to publish after the commit."""
        s = object_session(row) if isinstance(row, Interview) else None
        if not isinstance(row, Interview) or s is None:
            return []
        added = interview_scores.restate(s, row, self.clock.now(), deleted=deleted)
        event = evidence_event(row.profile_id, added)
        return [event] if event is not None else []

    # -- interviews ------------------------------------------------------------------------
    def add_interview(
        self,
        app_id: int,
        data: InterviewInput | Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> InterviewOut:
        """Schedule (or record) an interview; ``at`` is when it was recorded."""
        return self._add(_INTERVIEW, app_id, data, at, actor)

    def update_interview(
        self,
        interview_id: int,
        changes: Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> InterviewOut:
        """Change some fields (e.g. ``{"outcome": "passed"}``); only real changes are logged."""
        return self._update(_INTERVIEW, interview_id, changes, actor, at)

    def remove_interview(self, interview_id: int, *, actor: str = "user") -> None:
        self._remove(_INTERVIEW, interview_id, actor)

    # -- offers and negotiation rounds -----------------------------------------------------
    def add_offer(
        self,
        app_id: int,
        data: OfferInput | Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> OfferOut:
        return self._add(_OFFER, app_id, data, at, actor)

    def update_offer(
        self,
        offer_id: int,
        changes: Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> OfferOut:
        return self._update(_OFFER, offer_id, changes, actor, at)

    def remove_offer(self, offer_id: int, *, actor: str = "user") -> None:
        self._remove(_OFFER, offer_id, actor)

    def add_round(
        self, offer_id: int, data: RoundInput | Mapping[str, Any], *, actor: str = "user"
    ) -> RoundOut:
        """Record a counter-offer exchange; rounds are numbered 1, 2, … per offer."""
        value = check(RoundInput, data)
        when = self._when(value.at)
        with self.db.session() as s:
            offer, app = self._child(s, _OFFER, offer_id)
            number = 1 + (
                s.scalar(
                    select(func.max(NegotiationRound.number)).where(
                        NegotiationRound.offer_id == offer.id
                    )
                )
                or 0
            )
            fields = value.model_dump(exclude={"at"})
            row = NegotiationRound(
                profile_id=app.profile_id, offer_id=offer.id, number=number, at=when, **fields
            )
            s.add(row)
            s.flush()
            self._log(
                s,
                app,
                h.ROUND_ADDED,
                at=when,
                actor=actor,
                changes=_created({"number": number, "offer_id": offer.id, **fields}),
                subject=("round", row.id),
            )
            app.updated_at = max(app.updated_at, when)
            out = RoundOut.model_validate(row, from_attributes=True)
            event = self._domain_event(_OFFER, app, offer.id, "round")
        self._publish([event])
        return out

    def remove_round(self, round_id: int, *, actor: str = "user") -> None:
        """Take back a counter-offer round recorded by mistake (the log keeps it)."""
        when = self.clock.now()
        with self.db.session() as s:
            row = s.get(NegotiationRound, round_id)
            if row is None:
                raise NotFoundError("That negotiation round no longer exists.")
            offer, app = self._child(s, _OFFER, row.offer_id)
            fields = {"number": row.number, "offer_id": offer.id, **_values(row, RoundInput)}
            fields.pop("at", None)
            self._log(
                s,
                app,
                h.ROUND_REMOVED,
                at=when,
                actor=actor,
                changes=_removed(fields),
                subject=("round", row.id),
            )
            s.delete(row)
            app.updated_at = when
            event = self._domain_event(_OFFER, app, offer.id, "round")
        self._publish([event])

    # -- contacts and documents -------------------------------------------------------------
    def add_contact(
        self,
        app_id: int,
        data: ContactInput | Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> ContactOut:
        """A person at the employer (recruiter, hiring manager) for this application."""
        return self._add(_CONTACT, app_id, data, at, actor)

    def update_contact(
        self,
        contact_id: int,
        changes: Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> ContactOut:
        return self._update(_CONTACT, contact_id, changes, actor, at)

    def remove_contact(self, contact_id: int, *, actor: str = "user") -> None:
        self._remove(_CONTACT, contact_id, actor)

    def add_document(
        self,
        app_id: int,
        data: DocumentInput | Mapping[str, Any],
        *,
        at: datetime | None = None,
        actor: str = "user",
    ) -> DocumentOut:
        """Remember which résumé/cover-letter file and version was used (the file stays put)."""
        return self._add(_DOCUMENT, app_id, data, at, actor)

    def remove_document(self, document_id: int, *, actor: str = "user") -> None:
        self._remove(_DOCUMENT, document_id, actor)

    # -- notes -----------------------------------------------------------------------------
    def add_note(
        self, app_id: int, text: str, *, at: datetime | None = None, actor: str = "user"
    ) -> EventOut:
        """A note on the timeline ("Called the recruiter"); it is an event itself."""
        text = text.strip()
        if not text:
            raise ValidationError("A note cannot be empty.")
        if len(text) > 20_000:
            raise ValidationError("A note can have at most 20,000 characters.")
        when = self._when(at)
        with self.db.session() as s:
            app = get_row(s, app_id)
            event = self._log(s, app, h.NOTE, at=when, actor=actor, note=text)
            app.updated_at = max(app.updated_at, when)
            s.flush()
            out = event_out(event)
        self._publish(
            [ApplicationChanged(profile_id=app.profile_id, application_id=app_id, change="note")]
        )
        return out

    def remove_note(self, note_event_id: int, *, actor: str = "user") -> EventOut:
        """Take a note back: the note stays in the log, a ``note_removed`` event hides it."""
        when = self.clock.now()
        with self.db.session() as s:
            note = s.get(ApplicationEvent, note_event_id)
            if note is None or note.kind != h.NOTE:
                raise NotFoundError("That note does not exist.")
            app = get_row(s, note.application_id)
            event = self._log(
                s, app, h.NOTE_REMOVED, at=when, actor=actor, subject=("event", note.id)
            )
            app.updated_at = when
            s.flush()
            out = event_out(event)
        self._publish(
            [ApplicationChanged(profile_id=app.profile_id, application_id=app.id, change="note")]
        )
        return out
