"""The board's grouped columns: the mapping and the drop rule, against tables written by hand."""

from __future__ import annotations

import pytest

from careerdesk.core.pipeline.board_groups import (
    BoardGroup,
    DropPlan,
    group_of,
    plan_drop,
    shows_verdict,
    stage_badge,
)
from careerdesk.core.pipeline.states import State

S, G = State, BoardGroup

# Written out from docs/pipeline.md ("Board"): every one of the 14 states, its column, and
# the badge its card carries in the grouped view.
EXPECTED_GROUPS: list[tuple[State, BoardGroup, str | None]] = [
    (S.SAVED, G.SAVED, None),
    (S.APPLYING, G.APPLYING, None),
    (S.APPLIED, G.APPLIED, None),
    (S.SCREENING, G.INTERVIEWING, "Screening"),
    (S.PHONE_INTERVIEW, G.INTERVIEWING, "Phone interview"),
    (S.TECHNICAL_INTERVIEW, G.INTERVIEWING, "Technical interview"),
    (S.ONSITE_INTERVIEW, G.INTERVIEWING, "Onsite interview"),
    (S.FINAL_INTERVIEW, G.INTERVIEWING, "Final interview"),
    (S.OFFER_RECEIVED, G.OFFER, "Offer received"),
    (S.NEGOTIATING, G.OFFER, "Negotiating"),
    (S.ACCEPTED, G.CLOSED, "Accepted"),
    (S.REJECTED, G.CLOSED, "Rejected"),
    (S.WITHDRAWN, G.CLOSED, "Withdrawn"),
    (S.GHOSTED, G.CLOSED, "Ghosted"),
]


def test_every_state_has_exactly_one_column_and_badge() -> None:
    assert [row[0] for row in EXPECTED_GROUPS] == list(State)  # all 14, none twice
    for state, group, badge in EXPECTED_GROUPS:
        assert group_of(state) is group, state
        assert stage_badge(state) == badge, state
    assert [g.label for g in BoardGroup] == [
        "Saved",
        "Applying",
        "Applied",
        "Interviewing",
        "Offer",
        "Closed",
    ]
    assert G.INTERVIEWING.states == (
        S.SCREENING,
        S.PHONE_INTERVIEW,
        S.TECHNICAL_INTERVIEW,
        S.ONSITE_INTERVIEW,
        S.FINAL_INTERVIEW,
    )


def test_fit_verdict_badges_only_before_applying() -> None:
    shown = {s for s in State if shows_verdict(s)}
    assert shown == {S.SAVED, S.APPLYING}


# (card's state, column dropped on) → the move, the question, or a refusal.
DROPS: list[tuple[State, BoardGroup, DropPlan]] = [
    (S.SAVED, G.APPLYING, DropPlan(S.APPLYING)),
    (S.SAVED, G.APPLIED, DropPlan(S.APPLIED)),
    (S.SAVED, G.CLOSED, DropPlan(S.WITHDRAWN)),  # the only way a saved job closes
    (S.APPLYING, G.SAVED, DropPlan(S.SAVED)),
    (S.APPLIED, G.INTERVIEWING, DropPlan(S.SCREENING)),
    (S.APPLIED, G.OFFER, DropPlan(S.OFFER_RECEIVED)),
    (S.APPLIED, G.CLOSED, DropPlan(None, choices=(S.REJECTED, S.WITHDRAWN, S.GHOSTED))),
    (S.SCREENING, G.INTERVIEWING, DropPlan(None)),  # its own column: nothing happens
    (S.PHONE_INTERVIEW, G.OFFER, DropPlan(S.OFFER_RECEIVED)),
    (S.GHOSTED, G.INTERVIEWING, DropPlan(S.SCREENING)),  # the employer came back
    (S.GHOSTED, G.CLOSED, DropPlan(None)),
    (
        S.OFFER_RECEIVED,
        G.CLOSED,
        DropPlan(None, choices=(S.ACCEPTED, S.REJECTED, S.WITHDRAWN)),
    ),
    (
        S.NEGOTIATING,
        G.CLOSED,
        DropPlan(None, choices=(S.ACCEPTED, S.REJECTED, S.WITHDRAWN)),
    ),
]


@pytest.mark.parametrize(("state", "group", "expected"), DROPS)
def test_drop_onto_a_grouped_column(state: State, group: BoardGroup, expected: DropPlan) -> None:
    assert plan_drop(state, group) == expected


def test_refused_drops_say_where_the_card_can_go() -> None:
    plan = plan_drop(S.SAVED, G.OFFER)
    assert not plan.allowed
    assert plan.reason == (
        "Cannot move from Saved to Offer. From Saved it can move to: Applying, Applied, Closed."
    )
    back = plan_drop(S.PHONE_INTERVIEW, G.APPLIED)
    assert back.reason.endswith("it can move to: Interviewing, Offer, Closed.")
    final = plan_drop(S.REJECTED, G.INTERVIEWING)
    assert final == DropPlan(
        None,
        reason="Rejected is final: it cannot move to Interviewing "
        "(undo the last move to correct a mistake).",
    )


def test_interviewing_moves_to_the_next_stage_never_back() -> None:
    # From each stage, the next one the transition table allows (written out by hand).
    assert plan_drop(S.APPLIED, G.INTERVIEWING).target is S.SCREENING
    assert plan_drop(S.FINAL_INTERVIEW, G.INTERVIEWING) == DropPlan(None)
    assert plan_drop(S.FINAL_INTERVIEW, G.OFFER).target is S.OFFER_RECEIVED
