"""The 14 application states and the transition table that governs moves between them.

The table is the single source of truth: the service refuses anything not in it, the board
only accepts drops along it, ``docs/pipeline.md`` renders it (``transition_table_markdown``),
and history replay checks every recorded move against it.

Design of the table (why each edge exists):

- A posting is SAVED, then APPLYING (preparing documents) or straight to APPLIED.
- After APPLIED, employers skip steps freely, so any later interview stage may follow any
  earlier one; stages never go backwards (a second phone call is an interview record on the
  same stage, not a state change).
- Any open application may end as WITHDRAWN (the learner stops); once applied it may end as
  REJECTED or GHOSTED (no answer). A GHOSTED employer sometimes comes back, so GHOSTED can
  reopen into screening or an interview stage, or turn into a late REJECTED.
- OFFER_RECEIVED leads to NEGOTIATING, ACCEPTED, WITHDRAWN (the learner declines) or
  REJECTED (the offer is rescinded); NEGOTIATING can return to OFFER_RECEIVED when a revised
  offer arrives.
- ACCEPTED, REJECTED and WITHDRAWN are final. Mistakes are corrected with a *revert* (see
  ``ApplicationService.revert_state``), which is recorded as its own event, not a transition.
"""

from __future__ import annotations

import re
from enum import StrEnum

from careerdesk.core.kernel.errors import ValidationError


class State(StrEnum):
    SAVED = "SAVED"
    APPLYING = "APPLYING"
    APPLIED = "APPLIED"
    SCREENING = "SCREENING"
    PHONE_INTERVIEW = "PHONE_INTERVIEW"
    TECHNICAL_INTERVIEW = "TECHNICAL_INTERVIEW"
    ONSITE_INTERVIEW = "ONSITE_INTERVIEW"
    FINAL_INTERVIEW = "FINAL_INTERVIEW"
    OFFER_RECEIVED = "OFFER_RECEIVED"
    NEGOTIATING = "NEGOTIATING"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    GHOSTED = "GHOSTED"

    @property
    def label(self) -> str:
        """Human label: ``PHONE_INTERVIEW`` -> ``Phone interview``."""
        return LABELS[self]

    @property
    def is_active(self) -> bool:
        return self in ACTIVE_STATES


LABELS: dict[State, str] = {
    State.SAVED: "Saved",
    State.APPLYING: "Applying",
    State.APPLIED: "Applied",
    State.SCREENING: "Screening",
    State.PHONE_INTERVIEW: "Phone interview",
    State.TECHNICAL_INTERVIEW: "Technical interview",
    State.ONSITE_INTERVIEW: "Onsite interview",
    State.FINAL_INTERVIEW: "Final interview",
    State.OFFER_RECEIVED: "Offer received",
    State.NEGOTIATING: "Negotiating",
    State.ACCEPTED: "Accepted",
    State.REJECTED: "Rejected",
    State.WITHDRAWN: "Withdrawn",
    State.GHOSTED: "Ghosted",
}

# Board columns, in pipeline order. Closed states get drop targets but no column.
ACTIVE_STATES: tuple[State, ...] = (
    State.SAVED,
    State.APPLYING,
    State.APPLIED,
    State.SCREENING,
    State.PHONE_INTERVIEW,
    State.TECHNICAL_INTERVIEW,
    State.ONSITE_INTERVIEW,
    State.FINAL_INTERVIEW,
    State.OFFER_RECEIVED,
    State.NEGOTIATING,
)
# GHOSTED is "closed" for the board (nothing to do) even though it can reopen.
CLOSED_STATES: tuple[State, ...] = (State.ACCEPTED, State.REJECTED, State.WITHDRAWN, State.GHOSTED)
# States where the learner has been in contact with the employer about this job.
INTERVIEW_STATES: tuple[State, ...] = (
    State.PHONE_INTERVIEW,
    State.TECHNICAL_INTERVIEW,
    State.ONSITE_INTERVIEW,
    State.FINAL_INTERVIEW,
)

_S = State
_END_AFTER_APPLYING = (_S.REJECTED, _S.WITHDRAWN, _S.GHOSTED)

TRANSITIONS: dict[State, tuple[State, ...]] = {
    _S.SAVED: (_S.APPLYING, _S.APPLIED, _S.WITHDRAWN),
    _S.APPLYING: (_S.SAVED, _S.APPLIED, _S.WITHDRAWN),
    _S.APPLIED: (_S.SCREENING, *INTERVIEW_STATES[:3], _S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.SCREENING: (*INTERVIEW_STATES, _S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.PHONE_INTERVIEW: (*INTERVIEW_STATES[1:], _S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.TECHNICAL_INTERVIEW: (*INTERVIEW_STATES[2:], _S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.ONSITE_INTERVIEW: (_S.FINAL_INTERVIEW, _S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.FINAL_INTERVIEW: (_S.OFFER_RECEIVED, *_END_AFTER_APPLYING),
    _S.OFFER_RECEIVED: (_S.NEGOTIATING, _S.ACCEPTED, _S.REJECTED, _S.WITHDRAWN),
    _S.NEGOTIATING: (_S.OFFER_RECEIVED, _S.ACCEPTED, _S.REJECTED, _S.WITHDRAWN),
    _S.ACCEPTED: (),
    _S.REJECTED: (),
    _S.WITHDRAWN: (),
    _S.GHOSTED: (
        _S.SCREENING,
        _S.PHONE_INTERVIEW,
        _S.TECHNICAL_INTERVIEW,
        _S.ONSITE_INTERVIEW,
        _S.REJECTED,
        _S.WITHDRAWN,
    ),
}


class InvalidTransitionError(ValidationError):
    """A move the transition table does not allow; the message names the allowed targets."""

    def __init__(self, from_state: State, to_state: State) -> None:
        allowed = allowed_transitions(from_state)
        if from_state == to_state:
            reason = f"The application is already {from_state.label}."
        elif allowed:
            names = ", ".join(s.label for s in allowed)
            reason = (
                f"Cannot move from {from_state.label} to {to_state.label}. "
                f"From {from_state.label} it can move to: {names}."
            )
        else:
            reason = (
                f"Cannot move from {from_state.label} to {to_state.label}: "
                f"{from_state.label} is final (undo the last move to correct a mistake)."
            )
        super().__init__(reason)
        self.from_state = from_state
        self.to_state = to_state
        self.allowed = allowed


def coerce_state(value: State | str) -> State:
    """``State`` from a state or its exact name; ValidationError for anything else."""
    if isinstance(value, State):
        return value
    try:
        return State(str(value).strip().upper())
    except ValueError:
        raise ValidationError(
            f"Unknown state {value!r}; states are: {', '.join(s.value for s in State)}."
        ) from None


def allowed_transitions(state: State | str) -> tuple[State, ...]:
    """The states ``state`` may move to, in pipeline order."""
    return TRANSITIONS[coerce_state(state)]


def can_transition(from_state: State | str, to_state: State | str) -> bool:
    return coerce_state(to_state) in allowed_transitions(from_state)


def validate_transition(from_state: State | str, to_state: State | str) -> State:
    """Return the target state, or raise InvalidTransitionError naming the allowed targets."""
    a, b = coerce_state(from_state), coerce_state(to_state)
    if b not in TRANSITIONS[a]:
        raise InvalidTransitionError(a, b)
    return b


# --- free-text statuses (CSV imports, spreadsheets) -----------------------------------------
STATUS_ALIASES: dict[str, State] = {
    **{s.value.lower().replace("_", ""): s for s in State},
    **{LABELS[s].lower().replace(" ", ""): s for s in State},
    "wishlist": State.SAVED,
    "bookmarked": State.SAVED,
    "interested": State.SAVED,
    "todo": State.SAVED,
    "inprogress": State.APPLYING,
    "preparing": State.APPLYING,
    "drafting": State.APPLYING,
    "submitted": State.APPLIED,
    "sent": State.APPLIED,
    "screen": State.SCREENING,
    "recruiterscreen": State.SCREENING,
    "hrscreen": State.SCREENING,
    "phone": State.PHONE_INTERVIEW,
    "phonescreen": State.PHONE_INTERVIEW,
    "phonecall": State.PHONE_INTERVIEW,
    "interview": State.PHONE_INTERVIEW,
    "interviewing": State.PHONE_INTERVIEW,
    "technical": State.TECHNICAL_INTERVIEW,
    "techinterview": State.TECHNICAL_INTERVIEW,
    "codinginterview": State.TECHNICAL_INTERVIEW,
    "takehome": State.TECHNICAL_INTERVIEW,
    "onsite": State.ONSITE_INTERVIEW,
    "onsiteinterview": State.ONSITE_INTERVIEW,
    "final": State.FINAL_INTERVIEW,
    "finalround": State.FINAL_INTERVIEW,
    "offer": State.OFFER_RECEIVED,
    "offered": State.OFFER_RECEIVED,
    "negotiation": State.NEGOTIATING,
    "hired": State.ACCEPTED,
    "offeraccepted": State.ACCEPTED,
    "rejection": State.REJECTED,
    "notselected": State.REJECTED,
    "nooffer": State.REJECTED,
    "offerdeclined": State.WITHDRAWN,
    "withdrew": State.WITHDRAWN,
    "notinterested": State.WITHDRAWN,
    "noresponse": State.GHOSTED,
    "noreply": State.GHOSTED,
    "noanswer": State.GHOSTED,
}


# Words people use for opposite things; an import asks instead of guessing.
AMBIGUOUS_STATUSES: dict[str, str] = {
    "declined": "use Rejected (the employer said no) or Withdrawn (you said no)",
    "closed": "use Rejected, Withdrawn, Ghosted or Accepted",
    "done": "use Accepted, Rejected, Withdrawn or Ghosted",
}


_NOT_KEY = re.compile(r"[\s_\-./]+")


def _status_key(text: str) -> str:
    return _NOT_KEY.sub("", text.strip().lower())


def state_from_text(text: str) -> State | None:
    """Map a spreadsheet status ("Phone screen", "on-site", "OFFER_RECEIVED") to a state.

    Case, spaces, hyphens and underscores are ignored. None when the text is unknown or
    ambiguous (see ``status_hint``).
    """
    return STATUS_ALIASES.get(_status_key(text))


def status_hint(text: str) -> str:
    """Why ``text`` is not a status, and what to write instead."""
    key = _status_key(text)
    if key in AMBIGUOUS_STATUSES:
        return f"status {text.strip()!r} is ambiguous: {AMBIGUOUS_STATUSES[key]}"
    known = ", ".join(s.label for s in State)
    return f"unknown status {text.strip()!r} (known: {known})"


def transition_table_markdown() -> str:
    """The transition table as a Markdown table (rendered into docs/pipeline.md)."""
    lines = ["| from | may move to |", "|---|---|"]
    for state in State:
        targets = ", ".join(f"`{t.value}`" for t in TRANSITIONS[state]) or "— (final)"
        lines.append(f"| `{state.value}` | {targets} |")
    return "\n".join(lines)
