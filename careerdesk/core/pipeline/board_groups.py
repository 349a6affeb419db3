"""The board's six grouped columns over the 14 application states (docs/pipeline.md, "Board").

A job seeker thinks in a handful of steps (saved, applying, applied, interviewing, offer,
closed), not in the 14 states the transition table needs. This module is the one mapping
between the two, and the rule for what a drop onto a grouped column means:

- a column holding one state moves the card to that state;
- *Interviewing* and *Offer* move the card to the **next** stage the transition table allows
  (Applied → Screening, Phone interview → Technical interview, Offer received → Negotiating):
  stages only go forwards, so the earliest allowed one is the natural next step;
- *Closed* means different things (the employer said no, the learner stopped, no answer, an
  accepted offer): when more than one is allowed the board asks which.

A drop onto the column the card is already in changes nothing (a drag that ends where it
started is not a request to skip ahead). Pure: no Qt, no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from careerdesk.core.pipeline.states import State, allowed_transitions


class BoardGroup(StrEnum):
    SAVED = "saved"
    APPLYING = "applying"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return GROUP_LABELS[self]

    @property
    def states(self) -> tuple[State, ...]:
        """The states this column holds, in pipeline order."""
        return GROUP_STATES[self]


GROUP_LABELS: dict[BoardGroup, str] = {
    BoardGroup.SAVED: "Saved",
    BoardGroup.APPLYING: "Applying",
    BoardGroup.APPLIED: "Applied",
    BoardGroup.INTERVIEWING: "Interviewing",
    BoardGroup.OFFER: "Offer",
    BoardGroup.CLOSED: "Closed",
}

# Screening counts as interviewing: the employer has answered and is talking to the learner,
# which is what "interviewing" means to them; its badge still says "Screening".
GROUP_STATES: dict[BoardGroup, tuple[State, ...]] = {
    BoardGroup.SAVED: (State.SAVED,),
    BoardGroup.APPLYING: (State.APPLYING,),
    BoardGroup.APPLIED: (State.APPLIED,),
    BoardGroup.INTERVIEWING: (
        State.SCREENING,
        State.PHONE_INTERVIEW,
        State.TECHNICAL_INTERVIEW,
        State.ONSITE_INTERVIEW,
        State.FINAL_INTERVIEW,
    ),
    BoardGroup.OFFER: (State.OFFER_RECEIVED, State.NEGOTIATING),
    BoardGroup.CLOSED: (State.ACCEPTED, State.REJECTED, State.WITHDRAWN, State.GHOSTED),
}

GROUP_OF: dict[State, BoardGroup] = {s: g for g, states in GROUP_STATES.items() for s in states}

# Columns whose cards carry their exact state as a badge (the column name alone is not enough).
BADGED_GROUPS: frozenset[BoardGroup] = frozenset(g for g, s in GROUP_STATES.items() if len(s) > 1)

# A fit verdict ("Apply now", "Reconsider") is advice about *whether to apply*: once the
# learner has applied it is no longer a decision they can act on.
VERDICT_STATES: frozenset[State] = frozenset({State.SAVED, State.APPLYING})


def group_of(state: State) -> BoardGroup:
    return GROUP_OF[state]


def shows_verdict(state: State) -> bool:
    """Whether a card in ``state`` shows its fit verdict badge (only before applying)."""
    return state in VERDICT_STATES


def stage_badge(state: State) -> str | None:
    """The badge a grouped card shows ("Phone interview", "Rejected"), or None."""
    return state.label if GROUP_OF[state] in BADGED_GROUPS else None


@dataclass(frozen=True)
class DropPlan:
    """What dropping a card in ``from_state`` onto a grouped column does.

    ``target`` is set when the move is clear; ``choices`` (two or more) when the board must
    ask; neither when the move is refused (``reason`` says why, empty for a no-op drop onto
    the card's own column).
    """

    target: State | None
    choices: tuple[State, ...] = ()
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.target is not None or bool(self.choices)


def plan_drop(from_state: State, group: BoardGroup) -> DropPlan:
    """The move a drop of a ``from_state`` card onto ``group``'s column stands for."""
    if GROUP_OF[from_state] == group:
        return DropPlan(None)
    allowed = [s for s in allowed_transitions(from_state) if GROUP_OF[s] == group]
    if not allowed:
        possible = allowed_transitions(from_state)
        if not possible:
            reason = (
                f"{from_state.label} is final: it cannot move to {group.label} "
                "(undo the last move to correct a mistake)."
            )
        else:
            names = ", ".join(dict.fromkeys(GROUP_OF[s].label for s in possible))
            reason = (
                f"Cannot move from {from_state.label} to {group.label}. "
                f"From {from_state.label} it can move to: {names}."
            )
        return DropPlan(None, reason=reason)
    if group is BoardGroup.CLOSED and len(allowed) > 1:
        return DropPlan(None, choices=tuple(allowed))
    # Stages go forwards only, and the transition table lists targets in pipeline order: the
    # first allowed one is the next step.
    return DropPlan(allowed[0])
