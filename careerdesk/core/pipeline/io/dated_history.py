"""An imported row's dates -> a valid, dated event log (pure; see docs/pipeline.md, "Import").

A tracker's export says when things happened (``applied_at``, ``interview_at``,
``offer_at``, ``rejected_at``…) and where the application stands now (its status). The
import turns that into the history CareerDesk itself would have written:

1. Every dated stage becomes a move on its date, in time order (ties in pipeline order).
2. Where the state machine needs a stage the export skipped (an interview without an applied
   date), the stage is *inferred*: it is inserted at the next known date and reported.
3. When the status is further along than the last date, the move to it is dated by the
   row's "last updated" time (or its latest date) and reported as such.
4. Dates that cannot fit (an interview after a rejection) are reported; the interview is
   still recorded as an interview.

Interviews and offers with dates become interview and offer records; contacts, résumés and
cover letters become contacts and documents; columns without a CareerDesk field become an
"Imported fields" note. Moves are never dated in the future (a scheduled interview keeps its
date on the interview record).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from careerdesk.core.pipeline import history as h
from careerdesk.core.pipeline.keys import company_key, title_key
from careerdesk.core.pipeline.models import (
    ApplicationInput,
    ContactInput,
    DocumentInput,
    InterviewInput,
    OfferInput,
    OfferStatus,
    check,
)
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.core.pipeline.states import TRANSITIONS, State

_S = State
STAGE_STATES: dict[str, State] = {
    "applied_on": _S.APPLIED,
    "screening_at": _S.SCREENING,
    "interview_at": _S.PHONE_INTERVIEW,  # "an interview": the first interview stage
    "offer_at": _S.OFFER_RECEIVED,
    "accepted_at": _S.ACCEPTED,
    "rejected_at": _S.REJECTED,
    "withdrawn_at": _S.WITHDRAWN,
    "ghosted_at": _S.GHOSTED,
}
_RANK = {s: i for i, s in enumerate(State)}
_OFFER_STATUS: dict[State, OfferStatus] = {
    _S.NEGOTIATING: "negotiating",
    _S.ACCEPTED: "accepted",
    _S.WITHDRAWN: "declined",
    _S.REJECTED: "rescinded",
}


@dataclass
class ImportRow:
    """One valid CSV row, read: what ``build`` needs to write its application."""

    line: int
    value: ApplicationInput  # the fields; ``state`` is the status column's (or SAVED)
    key: str
    status: State | None  # None: no status, or one nobody mapped yet
    status_text: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    stages: list[tuple[str, datetime, str]] = field(default_factory=list)  # field, when, column
    contact: ContactInput | None = None
    documents: list[DocumentInput] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (column, value)
    notes: list[str] = field(default_factory=list)  # how the row was read, for the report


@dataclass
class Step:
    state: State
    at: datetime
    why: str  # "" when the row dates this stage itself


@dataclass
class Plan:
    created_state: State
    created_at: datetime
    steps: list[Step]
    state: State
    reports: list[str]


def _path(a: State, b: State) -> list[State] | None:
    """The shortest chain of allowed moves from ``a`` to ``b`` (without ``a``), or None."""
    if a == b:
        return []
    seen = {a}
    queue: deque[tuple[State, list[State]]] = deque([(a, [])])
    while queue:
        here, path = queue.popleft()
        for nxt in TRANSITIONS[here]:
            if nxt in seen:
                continue
            if nxt == b:
                return [*path, b]
            seen.add(nxt)
            queue.append((nxt, [*path, nxt]))
    return None


def _day(when: datetime) -> str:
    return when.date().isoformat()


def plan(row: ImportRow, now: datetime) -> Plan:
    """The dated moves for ``row`` (see the module docstring), with what was inferred."""
    reports: list[str] = []
    dated = sorted(
        ((min(when, now), STAGE_STATES[name], column) for name, when, column in row.stages),
        key=lambda m: (m[0], _RANK[m[1]]),
    )
    steps: list[Step] = []
    current = _S.SAVED
    for when, target, column in dated:
        if target == current:
            continue
        path = _path(current, target)
        if path is None:
            reports.append(
                f"{column} {_day(when)} ({target.label}) cannot follow {current.label}: "
                "the date is kept on the records, not as a move"
            )
            continue
        for s in path[:-1]:
            steps.append(Step(s, when, f"(inferred: {column} skips it)"))
        steps.append(Step(target, when, ""))
        current = target
    final = row.status or current
    if final != current:
        path = _path(current, final)
        if path is None:
            reports.append(
                f"status {row.status_text!r} ({final.label}) cannot follow {current.label} "
                f"from the dates: kept {current.label}"
            )
            final = current
        else:
            last = steps[-1].at if steps else (row.created_at or now)
            if row.updated_at is not None and last <= row.updated_at <= now:
                when, source = row.updated_at, "last updated"
            else:
                when, source = min(last, now), "the row's latest date" if steps else "import"
            for s in path[:-1]:
                steps.append(Step(s, when, f"(inferred on the way to {final.label})"))
            steps.append(Step(final, when, f"(status {row.status_text!r}, dated by {source})"))
    # Created at the very moment of the first stage: created in that stage (as a learner
    # adding an application they just sent), not Saved for no time at all.
    if row.created_at is not None and (not steps or row.created_at < steps[0].at):
        created_state, created_at = _S.SAVED, min(row.created_at, now)
    elif steps and steps[0].state in (_S.APPLIED, _S.APPLYING):
        created_state, created_at = steps[0].state, steps[0].at
        if steps[0].why:
            reports.append(f"{steps[0].state.label} on {_day(steps[0].at)} {steps[0].why}")
        steps = steps[1:]
    else:
        created_state, created_at = _S.SAVED, steps[0].at if steps else now
    reports += [f"{s.state.label} on {_day(s.at)} {s.why}" for s in steps if s.why]
    return Plan(created_state, created_at, steps, final, reports)


def _sentence(why: str) -> str:
    """``"(status 'Offer', dated by …)"`` -> ``"Status 'Offer', dated by …"`` (the event's note)."""
    text = why.strip("()")
    return text[:1].upper() + text[1:]


def _changes(values: dict[str, Any]) -> dict[str, Any]:
    return {k: {"old": None, "new": jsonable(v)} for k, v in values.items()}


def kept_note(source: str, line: int, kept: list[tuple[str, str]]) -> str:
    lines = [f"Imported fields ({source}, line {line}):"]
    lines += [f"{column}: {value}" for column, value in kept]
    return "\n".join(lines)


@dataclass
class Built:
    """One application ready to insert (``csv_write``): its columns, children, events."""

    columns: dict[str, Any]
    children: dict[str, list[dict[str, Any]]]  # kind -> records with their "ref"
    events: list[dict[str, Any]]  # log order; child events carry subject_type/subject_ref


def _event(kind: str, at: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "from_state": None,
        "to_state": None,
        "changes": {},
        "note": "",
        "subject_type": "",
        "subject_ref": None,
        "at": at,
        "actor": "import",
        **extra,
    }


def build(row: ImportRow, source: str, now: datetime) -> tuple[Built, list[str]]:
    """The application with its children and dated log, and the report lines about it."""
    p = plan(row, now)
    fields = row.value.model_dump(exclude={"state"})
    applied_on: date | None = fields["applied_on"]
    carries_applied = p.created_state == _S.SAVED and any(
        s.state == _S.APPLIED and not s.why for s in p.steps
    )
    created_fields = {**fields, "applied_on": None} if carries_applied else fields
    events: list[dict[str, Any]] = [
        _event(
            h.CREATED,
            p.created_at,
            to_state=p.created_state.value,
            changes=_changes(created_fields),
            note=f"Imported from {source}, line {row.line}",
        )
    ]
    start = p.created_at
    children: dict[str, list[dict[str, Any]]] = {
        "interview": [],
        "offer": [],
        "contact": [],
        "document": [],
    }
    if row.kept:
        events.append(_event(h.NOTE, start, note=kept_note(source, row.line, row.kept)))
    if row.contact is not None:
        _child(children, events, "contact", row.contact.model_dump(), start)
    for doc in row.documents:
        _child(children, events, "document", doc.model_dump(), start, stamp="added_at")
    before = start
    for s in p.steps:
        before = max(before, s.at)  # the log stays in time order
        changes = {}
        if s.state == _S.APPLIED and carries_applied and not s.why:
            changes["applied_on"] = {"old": None, "new": jsonable(applied_on)}
        events.append(
            _event(h.STATE, before, to_state=s.state.value, changes=changes, note=_sentence(s.why))
        )
    _fix_from_states(events, p.created_state)
    for name, when, _column in row.stages:
        if name == "interview_at":
            interview = InterviewInput(
                title="Imported interview",
                starts_at=when,
                outcome="scheduled" if when > now else "completed",
            )
            data = interview.model_dump()
            _child(children, events, "interview", data, max(start, min(when, now)))
        elif name == "offer_at":
            offer = OfferInput(
                received_on=when.date(), status=_OFFER_STATUS.get(p.state, "pending")
            )
            data = offer.model_dump()
            _child(children, events, "offer", data, max(start, min(when, now)))
    events.sort(key=lambda e: e["at"])  # stable: the created event stays first
    last = events[-1]["at"]
    state_at = max((e["at"] for e in events if e["kind"] == h.STATE), default=p.created_at)
    updated = max(last, row.updated_at) if row.updated_at else last
    columns = {
        **fields,
        "company_key": company_key(row.value.company),
        "title_key": title_key(row.value.title),
        "state": p.state.value,
        "created_at": row.created_at or p.created_at,
        "updated_at": updated,
        "state_changed_at": state_at,
        "dedupe_key": row.key,
    }
    # Every move is an edge of the transition table by construction (``_path``); the tests
    # replay every imported log (``json_io.validate_application``), so no replay here.
    return Built(columns, children, events), [
        f"line {row.line}: {r}" for r in [*row.notes, *p.reports]
    ]


def _fix_from_states(events: list[dict[str, Any]], created: State) -> None:
    current = created.value
    for e in events:
        if e["kind"] == h.STATE:
            e["from_state"] = current
            current = e["to_state"]


def _child(
    children: dict[str, list[dict[str, Any]]],
    events: list[dict[str, Any]],
    kind: str,
    data: dict[str, Any],
    at: datetime,
    stamp: str = "",
) -> None:
    items = children[kind]
    ref = len(items) + 1
    stamps = {stamp: at} if stamp else {"created_at": at, "updated_at": at}
    items.append({**data, "ref": ref, **stamps})
    events.append(
        _event(f"{kind}_added", at, changes=_changes(data), subject_type=kind, subject_ref=ref)
    )


def check_contact(data: dict[str, str]) -> ContactInput | None:
    """A contact from the row's contact columns (the e-mail names it when no name is given)."""
    if not any(data.values()):
        return None
    name = data.get("name") or data.get("email") or data.get("phone") or ""
    return check(ContactInput, {**data, "name": name})
