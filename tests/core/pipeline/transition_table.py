"""The transition table of ``docs/pipeline.md`` ("Lifecycle: 14 states"), written out by hand.

Tests take their allowed and refused moves from here, never from ``states.TRANSITIONS``:
a table read from the code under test would agree with any change made to the code (and to
the docs, since the docs test compares the two). Changing a transition means changing this
file too, on purpose.
"""

from __future__ import annotations

_INTERVIEWS_AFTER_APPLIED = {
    "SCREENING",
    "PHONE_INTERVIEW",
    "TECHNICAL_INTERVIEW",
    "ONSITE_INTERVIEW",
}

DOC_TABLE: dict[str, frozenset[str]] = {
    "SAVED": frozenset({"APPLYING", "APPLIED", "WITHDRAWN"}),
    "APPLYING": frozenset({"SAVED", "APPLIED", "WITHDRAWN"}),
    "APPLIED": frozenset(
        {
            "SCREENING",
            "PHONE_INTERVIEW",
            "TECHNICAL_INTERVIEW",
            "ONSITE_INTERVIEW",
            "OFFER_RECEIVED",
            "REJECTED",
            "WITHDRAWN",
            "GHOSTED",
        }
    ),
    "SCREENING": frozenset(
        {
            "PHONE_INTERVIEW",
            "TECHNICAL_INTERVIEW",
            "ONSITE_INTERVIEW",
            "FINAL_INTERVIEW",
            "OFFER_RECEIVED",
            "REJECTED",
            "WITHDRAWN",
            "GHOSTED",
        }
    ),
    "PHONE_INTERVIEW": frozenset(
        {
            "TECHNICAL_INTERVIEW",
            "ONSITE_INTERVIEW",
            "FINAL_INTERVIEW",
            "OFFER_RECEIVED",
            "REJECTED",
            "WITHDRAWN",
            "GHOSTED",
        }
    ),
    "TECHNICAL_INTERVIEW": frozenset(
        {
            "ONSITE_INTERVIEW",
            "FINAL_INTERVIEW",
            "OFFER_RECEIVED",
            "REJECTED",
            "WITHDRAWN",
            "GHOSTED",
        }
    ),
    "ONSITE_INTERVIEW": frozenset(
        {"FINAL_INTERVIEW", "OFFER_RECEIVED", "REJECTED", "WITHDRAWN", "GHOSTED"}
    ),
    "FINAL_INTERVIEW": frozenset({"OFFER_RECEIVED", "REJECTED", "WITHDRAWN", "GHOSTED"}),
    "OFFER_RECEIVED": frozenset({"NEGOTIATING", "ACCEPTED", "REJECTED", "WITHDRAWN"}),
    "NEGOTIATING": frozenset({"OFFER_RECEIVED", "ACCEPTED", "REJECTED", "WITHDRAWN"}),
    "ACCEPTED": frozenset(),
    "REJECTED": frozenset(),
    "WITHDRAWN": frozenset(),
    "GHOSTED": frozenset(_INTERVIEWS_AFTER_APPLIED | {"REJECTED", "WITHDRAWN"}),
}

ALL_STATES: tuple[str, ...] = tuple(DOC_TABLE)
ALLOWED: list[tuple[str, str]] = [(a, b) for a in ALL_STATES for b in sorted(DOC_TABLE[a])]
REFUSED: list[tuple[str, str]] = [
    (a, b) for a in ALL_STATES for b in ALL_STATES if b not in DOC_TABLE[a]
]


def may_move(a: str, b: str) -> bool:
    """The documented rule, independent of ``states.can_transition``."""
    return b in DOC_TABLE[a]
