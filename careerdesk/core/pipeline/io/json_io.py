"""Lossless JSON export/import of a profile's pipeline.

The document holds every application with its fields, timestamps, dedupe key, children and
full event log. Database ids are not exported: children get ``ref`` numbers (1, 2, … per
application, in id order) and events point at them with ``subject_ref``; a note removal points
at the note's position in the log. Events about a record that was removed since (a deleted
interview) point at negative refs ("ghosts", numbered in order of appearance) and are stored
with that negative number as ``subject_id``, so export → import → export is byte-identical
apart from the header.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal, cast

import pydantic
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, JsonValue
from sqlalchemy import ScalarResult, insert, select, update
from sqlalchemy.orm import Session

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline import history as h
from careerdesk.core.pipeline.io.json_checks import json_path, plain_local_document
from careerdesk.core.pipeline.keys import company_key, title_key
from careerdesk.core.pipeline.models import (
    EDITABLE_FIELDS,
    ApplicationFields,
    ContactInput,
    DocumentInput,
    InterviewInput,
    OfferInput,
    RoundInput,
)
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.tables.pipeline import (
    Application,
    ApplicationEvent,
    Contact,
    Document,
    Interview,
    NegotiationRound,
    Offer,
)

FORMAT = "careerdesk.applications"
VERSION = 1
ChildRow = Interview | Offer | Contact | Document
CHILDREN: tuple[tuple[str, type[ChildRow], type[BaseModel], tuple[str, ...]], ...] = (
    ("interview", Interview, InterviewInput, ("created_at", "updated_at")),
    ("offer", Offer, OfferInput, ("created_at", "updated_at")),
    ("contact", Contact, ContactInput, ("created_at", "updated_at")),
    ("document", Document, DocumentInput, ("added_at",)),
)
CHUNK = 1000


# --- document schema (validation on import) ---------------------------------------------
class JsonEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    from_state: State | None = None
    to_state: State | None = None
    # {field: {"old": …, "new": …}}: anything else would break the replay (issue 19).
    changes: dict[str, dict[Literal["old", "new"], JsonValue]] = Field(default_factory=dict)
    note: str = Field(default="", max_length=20_000)
    subject_type: str = ""
    subject_ref: int | None = None
    at: AwareDatetime
    actor: str = Field(default="user", min_length=1, max_length=40)


class JsonInterview(InterviewInput):
    ref: int
    created_at: AwareDatetime
    updated_at: AwareDatetime


class JsonRound(RoundInput):
    ref: int
    number: int
    at: AwareDatetime


class JsonOffer(OfferInput):
    ref: int
    created_at: AwareDatetime
    updated_at: AwareDatetime
    rounds: list[JsonRound] = Field(default_factory=list)


class JsonContact(ContactInput):
    ref: int
    created_at: AwareDatetime
    updated_at: AwareDatetime


class JsonDocument(DocumentInput):
    ref: int
    added_at: AwareDatetime


class JsonApplication(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: State
    created_at: AwareDatetime
    updated_at: AwareDatetime
    state_changed_at: AwareDatetime
    dedupe_key: str = Field(min_length=1, max_length=64)
    fields: ApplicationFields
    interviews: list[JsonInterview] = Field(default_factory=list)
    offers: list[JsonOffer] = Field(default_factory=list)
    contacts: list[JsonContact] = Field(default_factory=list)
    documents: list[JsonDocument] = Field(default_factory=list)
    events: list[JsonEvent] = Field(min_length=1)


class JsonHeader(BaseModel):
    format: Literal["careerdesk.applications"]
    version: int
    applications: list[dict[str, Any]]


# --- export -----------------------------------------------------------------------------
def _stamp(value: datetime) -> str:
    return value.isoformat()


def _child_dict(
    row: object, model: type[BaseModel], stamps: tuple[str, ...], ref: int
) -> dict[str, Any]:
    out: dict[str, Any] = {"ref": ref}
    out.update({k: jsonable(getattr(row, k)) for k in model.model_fields})
    out.update({k: _stamp(getattr(row, k)) for k in stamps})
    return out


def export_document(
    s: Session, profile_id: int, profile_name: str, now: datetime
) -> dict[str, Any]:
    """The whole pipeline of a profile as a JSON-ready dict (a handful of queries)."""
    apps = list(
        s.scalars(
            select(Application).where(Application.profile_id == profile_id).order_by(Application.id)
        )
    )
    by_app: dict[str, dict[int, list[ChildRow]]] = {}
    for name, table, _model, _stamps in CHILDREN:
        grouped: dict[int, list[ChildRow]] = defaultdict(list)
        stmt = select(table).where(table.profile_id == profile_id).order_by(table.id)
        # The rows are instances of ``table``: mypy joins the four classes to their Base.
        for row in cast("ScalarResult[ChildRow]", s.scalars(stmt)):
            grouped[row.application_id].append(row)
        by_app[name] = grouped
    rounds: dict[int, list[NegotiationRound]] = defaultdict(list)
    for r in s.scalars(
        select(NegotiationRound)
        .where(NegotiationRound.profile_id == profile_id)
        .order_by(NegotiationRound.offer_id, NegotiationRound.number)
    ):
        rounds[r.offer_id].append(r)
    events: dict[int, list[ApplicationEvent]] = defaultdict(list)
    for e in s.scalars(
        select(ApplicationEvent)
        .where(ApplicationEvent.profile_id == profile_id)
        .order_by(ApplicationEvent.id)
    ):
        events[e.application_id].append(e)
    out = []
    for app in apps:
        entry: dict[str, Any] = {
            "state": app.state,
            "created_at": _stamp(app.created_at),
            "updated_at": _stamp(app.updated_at),
            "state_changed_at": _stamp(app.state_changed_at),
            "dedupe_key": app.dedupe_key,
            "fields": {k: jsonable(getattr(app, k)) for k in EDITABLE_FIELDS},
        }
        refs: dict[tuple[str, int], int] = {}
        round_ref = 0
        for name, _table, model, stamps in CHILDREN:
            items = []
            for ref, row in enumerate(by_app[name].get(app.id, []), start=1):
                refs[(name, row.id)] = ref
                item = _child_dict(row, model, stamps, ref)
                if name == "offer":
                    item["rounds"] = []
                    for r in rounds.get(row.id, []):
                        round_ref += 1
                        refs[("round", r.id)] = round_ref
                        rd = _child_dict(r, RoundInput, (), round_ref)
                        rd.update(number=r.number, at=_stamp(r.at))
                        item["rounds"].append(rd)
                items.append(item)
            entry[f"{name}s"] = items
        log = events.get(app.id, [])
        positions = {e.id: i for i, e in enumerate(log, start=1)}
        ghosts: dict[tuple[str, int], int] = {}
        entry_events = []
        for e in log:
            subject_ref: int | None = None
            if e.subject_id is not None:
                key = (e.subject_type, e.subject_id)
                if e.subject_type == "event":
                    subject_ref = positions.get(e.subject_id)
                elif key in refs:
                    subject_ref = refs[key]
                else:
                    same_type = sum(1 for k in ghosts if k[0] == e.subject_type)
                    subject_ref = ghosts.setdefault(key, -(same_type + 1))
            entry_events.append(
                {
                    "kind": e.kind,
                    "from_state": e.from_state,
                    "to_state": e.to_state,
                    "changes": e.changes or {},
                    "note": e.note,
                    "subject_type": e.subject_type,
                    "subject_ref": subject_ref,
                    "at": _stamp(e.at),
                    "actor": e.actor,
                }
            )
        entry["events"] = entry_events
        out.append(entry)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _stamp(now),
        "profile": profile_name,
        "count": len(out),
        "applications": out,
    }


# --- import -----------------------------------------------------------------------------
def validate_application(item: object, loc: tuple[str | int, ...] = ()) -> JsonApplication:
    """Validate one exported application, including that its log replays to its state.

    Problems name their JSON path, prefixed with ``loc`` (e.g. ``applications[3]``).
    """
    try:
        app = JsonApplication.model_validate(item)
    except pydantic.ValidationError as exc:
        problems = []
        for err in exc.errors()[:20]:
            where = json_path((*loc, *err["loc"])) or "the application"
            problems.append(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
        raise ValidationError("; ".join(problems)) from None
    for e in app.events:
        if e.kind not in h.KINDS:
            raise ValidationError(f"unknown event kind {e.kind!r}")
    life = h.fold(app.events)
    if life.state != app.state:
        raise ValidationError(
            f"its history ends in {life.state} but the application says {app.state}"
        )
    stored = {k: jsonable(v) for k, v in app.fields.model_dump().items()}
    if life.fields != stored:
        diff = sorted(k for k in stored if life.fields.get(k) != stored[k])
        raise ValidationError(f"its history disagrees with its fields ({', '.join(diff)})")
    return app


def insert_applications(
    s: Session,
    profile_id: int,
    apps: list[JsonApplication],
    progress: Callable[[float], None] | None = None,
) -> list[int]:
    """Insert validated applications with children and events; returns the new ids."""
    new_ids: list[int] = []
    for start in range(0, len(apps), CHUNK):
        chunk = apps[start : start + CHUNK]
        ids = list(
            s.scalars(
                insert(Application).returning(Application.id, sort_by_parameter_order=True),
                [
                    {
                        "profile_id": profile_id,
                        **a.fields.model_dump(),
                        "company_key": company_key(a.fields.company),
                        "title_key": title_key(a.fields.title),
                        "state": a.state.value,
                        "state_changed_at": a.state_changed_at,
                        "created_at": a.created_at,
                        "updated_at": a.updated_at,
                        "dedupe_key": a.dedupe_key,
                    }
                    for a in chunk
                ],
            )
        )
        _insert_children(s, profile_id, chunk, ids)
        new_ids.extend(ids)
        if progress is not None:
            progress(len(new_ids) / max(1, len(apps)))
    return new_ids


def _returning(
    s: Session,
    table: type[ChildRow | NegotiationRound | ApplicationEvent],
    rows: list[dict[str, Any]],
) -> list[int]:
    if not rows:
        return []
    return list(s.scalars(insert(table).returning(table.id, sort_by_parameter_order=True), rows))


def _insert_children(
    s: Session, profile_id: int, apps: list[JsonApplication], ids: list[int]
) -> None:
    refs: dict[tuple[int, str, int], int] = {}  # (app position, type, ref) -> new id
    for name, table, model, stamps in CHILDREN:
        rows, keys = [], []
        for pos, (a, app_id) in enumerate(zip(apps, ids, strict=True)):
            for child in getattr(a, f"{name}s"):
                data = child.model_dump(include=set(model.model_fields) | set(stamps))
                if name == "document":
                    # A file from someone else may point anywhere; only plain local
                    # documents may ever be opened (see json_checks.plain_local_document).
                    data["text_only"] = not plain_local_document(data["path"])
                rows.append({"profile_id": profile_id, "application_id": app_id, **data})
                keys.append((pos, name, child.ref))
        refs.update(zip(keys, _returning(s, table, rows), strict=True))
    rows, keys = [], []
    for pos, a in enumerate(apps):
        for offer in a.offers:
            for r in offer.rounds:
                data = r.model_dump(include=set(RoundInput.model_fields) | {"number", "at"})
                offer_id = refs[(pos, "offer", offer.ref)]
                rows.append({"profile_id": profile_id, "offer_id": offer_id, **data})
                keys.append((pos, "round", r.ref))
    refs.update(zip(keys, _returning(s, NegotiationRound, rows), strict=True))
    rows, back_refs = [], []
    for pos, (a, app_id) in enumerate(zip(apps, ids, strict=True)):
        for e in a.events:
            subject_id = None
            if e.subject_ref is not None and e.subject_type != "event":
                subject_id = (
                    e.subject_ref
                    if e.subject_ref < 0
                    else refs.get((pos, e.subject_type, e.subject_ref))
                )
            rows.append(
                {
                    "profile_id": profile_id,
                    "application_id": app_id,
                    **e.model_dump(exclude={"subject_ref"}),
                    "from_state": e.from_state.value if e.from_state else None,
                    "to_state": e.to_state.value if e.to_state else None,
                    "subject_id": subject_id,
                }
            )
            back_refs.append((pos, e.subject_ref if e.subject_type == "event" else None))
    event_ids = _returning(s, ApplicationEvent, rows)
    # A note removal points at the note's position in its application's log.
    log_ids: dict[int, list[int]] = defaultdict(list)
    for (pos, _ref), eid in zip(back_refs, event_ids, strict=True):
        log_ids[pos].append(eid)
    for (pos, ref), eid in zip(back_refs, event_ids, strict=True):
        if ref is not None and 1 <= ref <= len(log_ids[pos]):
            s.execute(
                update(ApplicationEvent)
                .where(ApplicationEvent.id == eid)
                .values(subject_id=log_ids[pos][ref - 1])
            )
