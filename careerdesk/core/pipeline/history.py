"""The event log of an application: event kinds, replay, and timeline wording (pure).

Events are applied in log order (ascending id), which is the order they were recorded; the
``at`` time is when it happened and may be earlier (a backdated move, an import). Replay
validates every state event against the transition table, so a log that could not have been
produced by the service is reported instead of silently trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.states import (
    LABELS,
    InvalidTransitionError,
    State,
    coerce_state,
    validate_transition,
)

CREATED = "created"
STATE = "state"
REVERTED = "state_reverted"
UPDATED = "updated"
NOTE = "note"
NOTE_REMOVED = "note_removed"
INTERVIEW_ADDED = "interview_added"
INTERVIEW_UPDATED = "interview_updated"
INTERVIEW_REMOVED = "interview_removed"
OFFER_ADDED = "offer_added"
OFFER_UPDATED = "offer_updated"
OFFER_REMOVED = "offer_removed"
ROUND_ADDED = "round_added"
ROUND_REMOVED = "round_removed"
CONTACT_ADDED = "contact_added"
CONTACT_UPDATED = "contact_updated"
CONTACT_REMOVED = "contact_removed"
DOCUMENT_ADDED = "document_added"
DOCUMENT_REMOVED = "document_removed"

KINDS: frozenset[str] = frozenset(
    {
        CREATED,
        STATE,
        REVERTED,
        UPDATED,
        NOTE,
        NOTE_REMOVED,
        INTERVIEW_ADDED,
        INTERVIEW_UPDATED,
        INTERVIEW_REMOVED,
        OFFER_ADDED,
        OFFER_UPDATED,
        OFFER_REMOVED,
        ROUND_ADDED,
        ROUND_REMOVED,
        CONTACT_ADDED,
        CONTACT_UPDATED,
        CONTACT_REMOVED,
        DOCUMENT_ADDED,
        DOCUMENT_REMOVED,
    }
)


class HistoryError(UserError):
    """An event log that breaks the rules (e.g. an imported file edited by hand)."""


class EventLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def from_state(self) -> Any: ...
    @property
    def to_state(self) -> Any: ...
    @property
    def changes(self) -> dict[str, Any]: ...


# Kinds whose ``changes`` are edits of the application's own fields.
FIELD_KINDS = frozenset({CREATED, UPDATED, STATE, REVERTED})


@dataclass
class Lifecycle:
    """What a log adds up to: the state, the editable fields, and the moves a revert undoes."""

    state: State | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    moves: list[EventLike] = field(default_factory=list)  # unreverted moves, latest last

    def apply(self, event: EventLike) -> None:
        kind = event.kind
        if kind == CREATED:
            if self.state is not None:
                raise HistoryError("The history has two 'created' events.")
            self.state = coerce_state(event.to_state)
        elif self.state is None:
            raise HistoryError(f"The history has a {kind!r} event before 'created'.")
        elif kind == STATE:
            before, after = coerce_state(event.from_state), coerce_state(event.to_state)
            if before != self.state:
                raise HistoryError(
                    f"A move from {LABELS[before]} was recorded while the application was "
                    f"{LABELS[self.state]}."
                )
            try:
                validate_transition(before, after)
            except InvalidTransitionError as exc:
                raise HistoryError(f"The history holds a refused move: {exc}") from None
            self.moves.append(event)
            self.state = after
        elif kind == REVERTED:
            before, after = coerce_state(event.from_state), coerce_state(event.to_state)
            if before != self.state or self.revert_target != after:
                raise HistoryError("The history reverts a move that was not the last one.")
            self.moves.pop()
            self.state = after
        if kind in FIELD_KINDS:
            for name, change in (event.changes or {}).items():
                self.fields[name] = change.get("new")

    @property
    def revert_target(self) -> State | None:
        """Where ``revert_state`` would take the application, or None."""
        return coerce_state(self.moves[-1].from_state) if self.moves else None

    @property
    def last_move(self) -> EventLike | None:
        return self.moves[-1] if self.moves else None


def fold(events: Iterable[EventLike]) -> Lifecycle:
    """Apply ``events`` (in log order) from nothing; raises HistoryError on a broken log."""
    life = Lifecycle()
    for event in events:
        life.apply(event)
    if life.state is None:
        raise HistoryError("The history has no 'created' event.")
    return life


def replay(events: Iterable[EventLike]) -> State:
    """The current state rebuilt from an application's events (in log order)."""
    state = fold(events).state
    assert state is not None  # fold raises HistoryError when the log never set one
    return state


def replay_fields(events: Iterable[EventLike]) -> dict[str, Any]:
    """The editable fields rebuilt from the events (JSON values: dates as ISO strings)."""
    return fold(events).fields


# --- timeline wording -------------------------------------------------------------------
FIELD_LABELS: dict[str, str] = {
    "company": "company",
    "title": "title",
    "location": "location",
    "remote": "remote",
    "posting_url": "posting URL",
    "source": "source",
    "salary_min": "minimum salary",
    "salary_max": "maximum salary",
    "currency": "currency",
    "description": "description",
    "deadline": "deadline",
    "priority": "priority",
    "tags": "tags",
    "notes": "notes",
    "applied_on": "applied on",
}

_TITLES = {
    INTERVIEW_ADDED: "Interview scheduled",
    INTERVIEW_UPDATED: "Interview updated",
    INTERVIEW_REMOVED: "Interview removed",
    OFFER_ADDED: "Offer recorded",
    OFFER_UPDATED: "Offer updated",
    OFFER_REMOVED: "Offer removed",
    ROUND_ADDED: "Negotiation round",
    ROUND_REMOVED: "Negotiation round removed",
    CONTACT_ADDED: "Contact added",
    CONTACT_UPDATED: "Contact updated",
    CONTACT_REMOVED: "Contact removed",
    DOCUMENT_ADDED: "Document attached",
    DOCUMENT_REMOVED: "Document removed",
    NOTE: "Note",
    NOTE_REMOVED: "Note removed",
}
# The fields that identify a child record in one line ("video, 2026-03-03T14:00").
_KEY_FIELDS = {
    "interview": ("kind", "title", "starts_at"),
    "offer": ("base", "currency", "status"),
    "round": ("number", "requested_base", "response_base"),
    "contact": ("name", "role"),
    "document": ("kind", "version", "path"),
}
_LONG_FIELDS = frozenset({"description", "notes", "note"})
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")


def _short(value: object) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value).replace("\n", " ")
    if _ISO_DATETIME.match(text):
        # A datetime from the log (UTC): show it in the learner's local time, to the minute.
        text = datetime.fromisoformat(text).astimezone().strftime("%a %d %b %Y %H:%M")
    return text if len(text) <= 40 else text[:39] + "…"


def _diff_text(changes: dict[str, Any]) -> str:
    parts = []
    for name, change in changes.items():
        label = FIELD_LABELS.get(name, name.replace("_", " ")).capitalize()
        if name in _LONG_FIELDS:
            parts.append(f"{label} edited")
        else:
            parts.append(f"{label}: {_short(change.get('old'))} → {_short(change.get('new'))}")
    return "; ".join(parts)


def describe(event: EventLike) -> str:
    """One line for the timeline, e.g. "Moved Applied → Screening" or "Salary: — → 90000"."""
    kind = event.kind
    changes = event.changes or {}
    if kind == CREATED:
        return f"Created as {LABELS[coerce_state(event.to_state)]}"
    if kind == STATE:
        a, b = coerce_state(event.from_state), coerce_state(event.to_state)
        return f"Moved {LABELS[a]} → {LABELS[b]}"
    if kind == REVERTED:
        a, b = coerce_state(event.from_state), coerce_state(event.to_state)
        return f"Move undone: back from {LABELS[a]} to {LABELS[b]}"
    if kind == UPDATED:
        return _diff_text(changes) or "Edited"
    title = _TITLES.get(kind, kind.replace("_", " ").capitalize())
    if kind in (OFFER_ADDED, ROUND_ADDED):
        return _money_line(kind, {k: v.get("new") for k, v in changes.items()})
    if kind.endswith("_updated"):
        detail = _diff_text(changes)
    else:
        side = "old" if kind.endswith("_removed") else "new"
        keys = _KEY_FIELDS.get(getattr(event, "subject_type", "") or "", ())
        detail = ", ".join(
            _short(changes[k].get(side))
            for k in keys
            if changes.get(k, {}).get(side) not in (None, "")
        )
    return f"{title}: {detail}" if detail else title


def _amount(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else "…"


def _money_line(kind: str, v: dict[str, Any]) -> str:
    if kind == OFFER_ADDED:
        extra = f" + {_amount(v.get('bonus'))} bonus" if v.get("bonus") else ""
        equity = f" + {v['equity']}" if v.get("equity") else ""
        money = f"{_amount(v.get('base'))} {v.get('currency') or ''}".strip()
        return f"Offer recorded: {money}{extra}{equity}"
    asked, got = _amount(v.get("requested_base")), _amount(v.get("response_base"))
    return f"Counter-offer {v.get('number')}: asked {asked} → offered {got}"


class TimelineEvent(Protocol):
    """What :func:`visible_timeline` reads of an event (``EventOut``)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def subject_id(self) -> int | None: ...
    @property
    def at(self) -> datetime: ...


E = TypeVar("E", bound=TimelineEvent)


def visible_timeline(events: Iterable[E]) -> list[E]:
    """Events for the timeline, newest first, without notes the learner took back."""
    items = list(events)
    removed = {e.subject_id for e in items if e.kind == NOTE_REMOVED}
    shown = [
        e for e in items if e.kind != NOTE_REMOVED and not (e.kind == NOTE and e.id in removed)
    ]
    return sorted(shown, key=lambda e: (e.at, e.id), reverse=True)
