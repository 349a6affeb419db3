"""The transition table: every allowed move works (pure and through the service), refused
moves name the allowed targets and change nothing, and the docs show the real table.

Allowed and refused moves come from the table written out by hand in
``tests/core/pipeline/transition_table.py`` (docs/pipeline.md), never from ``TRANSITIONS``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import (
    ACTIVE_STATES,
    CLOSED_STATES,
    TRANSITIONS,
    InvalidTransitionError,
    State,
    allowed_transitions,
    can_transition,
    state_from_text,
    status_hint,
    transition_table_markdown,
    validate_transition,
)
from tests.core.pipeline import transition_table
from tests.core.pipeline.transition_table import DOC_TABLE

ALLOWED = [(State(a), State(b)) for a, b in transition_table.ALLOWED]
REFUSED = [(State(a), State(b)) for a, b in transition_table.REFUSED]

# Board columns and closed drop zones as docs/pipeline.md lists them.
DOC_ACTIVE = (
    "SAVED",
    "APPLYING",
    "APPLIED",
    "SCREENING",
    "PHONE_INTERVIEW",
    "TECHNICAL_INTERVIEW",
    "ONSITE_INTERVIEW",
    "FINAL_INTERVIEW",
    "OFFER_RECEIVED",
    "NEGOTIATING",
)
DOC_CLOSED = ("ACCEPTED", "REJECTED", "WITHDRAWN", "GHOSTED")


def label(state: str) -> str:
    """``PHONE_INTERVIEW`` -> ``Phone interview``, as the docs write the labels."""
    return state.replace("_", " ").capitalize()


# A readable sample of refusals a user might try, checked one by one below.
SAMPLE_REFUSED = [
    (State.SAVED, State.SCREENING),
    (State.SAVED, State.OFFER_RECEIVED),
    (State.APPLIED, State.ACCEPTED),
    (State.APPLIED, State.SAVED),
    (State.APPLIED, State.FINAL_INTERVIEW),
    (State.SCREENING, State.APPLIED),
    (State.TECHNICAL_INTERVIEW, State.PHONE_INTERVIEW),
    (State.FINAL_INTERVIEW, State.ONSITE_INTERVIEW),
    (State.OFFER_RECEIVED, State.GHOSTED),
    (State.NEGOTIATING, State.FINAL_INTERVIEW),
    (State.ACCEPTED, State.NEGOTIATING),
    (State.REJECTED, State.APPLIED),
    (State.WITHDRAWN, State.SAVED),
    (State.GHOSTED, State.ACCEPTED),
    (State.APPLIED, State.APPLIED),
]


def test_there_are_fourteen_states_split_into_board_columns_and_closed() -> None:
    assert len(State) == 14
    assert [s.value for s in State] == list(DOC_TABLE)
    assert tuple(ACTIVE_STATES) == DOC_ACTIVE
    assert tuple(CLOSED_STATES) == DOC_CLOSED
    assert set(TRANSITIONS) == set(State)


def test_the_code_table_is_the_documented_table() -> None:
    """Each row compared with the hand-written one, so a changed edge names its state."""
    for state in State:
        assert {t.value for t in TRANSITIONS[state]} == DOC_TABLE[state.value], state
        assert {t.value for t in allowed_transitions(state)} == DOC_TABLE[state.value], state


@pytest.mark.parametrize(("a", "b"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_every_allowed_transition_validates(a: State, b: State) -> None:
    assert validate_transition(a, b) == b
    assert can_transition(a.value, b.value)
    assert b in allowed_transitions(a)


@pytest.mark.parametrize(("a", "b"), SAMPLE_REFUSED, ids=[f"{a}->{b}" for a, b in SAMPLE_REFUSED])
def test_refused_transition_names_the_allowed_targets(a: State, b: State) -> None:
    with pytest.raises(InvalidTransitionError) as info:
        validate_transition(a, b)
    message = str(info.value)
    assert {t.value for t in info.value.allowed} == DOC_TABLE[a.value]
    if a == b:
        assert "already" in message
    elif DOC_TABLE[a.value]:
        for target in DOC_TABLE[a.value]:
            assert label(target) in message
    else:
        assert "final" in message


def test_all_other_pairs_are_refused() -> None:
    assert len(ALLOWED) + len(REFUSED) == 14 * 14
    for a, b in REFUSED:
        assert not can_transition(a, b)
        with pytest.raises(InvalidTransitionError):
            validate_transition(a, b)


def test_final_states_and_reopening_ghosted() -> None:
    for final in (State.ACCEPTED, State.REJECTED, State.WITHDRAWN):
        assert allowed_transitions(final) == ()
    assert State.SCREENING in allowed_transitions(State.GHOSTED)


@pytest.mark.parametrize(
    ("a", "b", "allowed"),
    [
        # Named in issue 23: both survived a mutation run before this test existed.
        (State.FINAL_INTERVIEW, State.GHOSTED, True),
        (State.SAVED, State.REJECTED, False),
        # Their neighbours, so each boundary of the rule is pinned on both sides.
        (State.ONSITE_INTERVIEW, State.GHOSTED, True),
        (State.OFFER_RECEIVED, State.GHOSTED, False),
        (State.APPLYING, State.REJECTED, False),
        (State.APPLIED, State.REJECTED, True),
        (State.SAVED, State.WITHDRAWN, True),
        (State.GHOSTED, State.FINAL_INTERVIEW, False),
        (State.GHOSTED, State.ONSITE_INTERVIEW, True),
    ],
)
def test_named_edges(a: State, b: State, allowed: bool) -> None:
    assert can_transition(a, b) is allowed
    assert (b in allowed_transitions(a)) is allowed


def test_every_allowed_transition_through_the_service(svc: ApplicationService, pid: int) -> None:
    for a, b in ALLOWED:
        app = svc.create(
            pid, {"company": f"Co {a}", "title": f"to {b}", "state": a}, allow_duplicate=True
        )
        moved = svc.move(app.id, b, note="test")
        assert moved.state == b
        assert svc.row(app.id).state == b
        last = moved.events[-1]
        assert (last.kind, last.from_state, last.to_state, last.note) == ("state", a, b, "test")


def test_refused_moves_through_the_service_change_nothing(
    svc: ApplicationService, pid: int
) -> None:
    for a, b in SAMPLE_REFUSED:
        app = svc.create(pid, {"company": "X", "title": f"{a}", "state": a}, allow_duplicate=True)
        with pytest.raises(InvalidTransitionError):
            svc.move(app.id, b)
        after = svc.get(app.id)
        assert after.state == a
        assert [e.kind for e in after.events] == ["created"]
        assert after.updated_at == app.updated_at


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Applied", State.APPLIED),
        ("  phone screen ", State.PHONE_INTERVIEW),
        ("On-site", State.ONSITE_INTERVIEW),
        ("PHONE_INTERVIEW", State.PHONE_INTERVIEW),
        ("Technical interview", State.TECHNICAL_INTERVIEW),
        ("Offer received", State.OFFER_RECEIVED),
        ("wishlist", State.SAVED),
        ("No response", State.GHOSTED),
        ("offer declined", State.WITHDRAWN),
        ("Final round", State.FINAL_INTERVIEW),
    ],
)
def test_spreadsheet_statuses_map_to_states(text: str, state: State) -> None:
    assert state_from_text(text) == state


def test_unknown_and_ambiguous_statuses_explain_themselves() -> None:
    assert state_from_text("Pending review") is None
    assert "unknown status 'Pending review'" in status_hint("Pending review")
    assert state_from_text("Declined") is None
    assert "ambiguous" in status_hint("Declined") and "Withdrawn" in status_hint("Declined")


def test_docs_show_the_real_transition_table() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "pipeline.md"
    text = docs.read_text(encoding="utf-8")
    assert transition_table_markdown() in text
    # The docs table, read row by row, is the hand-written one (so editing docs and code
    # together still fails here until the test table is changed on purpose).
    rows: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line.startswith("| `") and line.count("|") == 3:
            source, targets = (cell.strip() for cell in line.strip("|").split("|"))
            if re.fullmatch(r"`[A-Z_]+`", source):
                rows[source.strip("`")] = frozenset(re.findall(r"`([A-Z_]+)`", targets))
    assert rows == DOC_TABLE


def test_refusal_messages_word_for_word() -> None:
    with pytest.raises(InvalidTransitionError) as info:
        validate_transition(State.SAVED, State.SCREENING)
    assert str(info.value) == (
        "Cannot move from Saved to Screening. "
        "From Saved it can move to: Applying, Applied, Withdrawn."
    )
    assert (info.value.from_state, info.value.to_state) == (State.SAVED, State.SCREENING)
    with pytest.raises(InvalidTransitionError) as info:
        validate_transition(State.ACCEPTED, State.SAVED)
    assert str(info.value) == (
        "Cannot move from Accepted to Saved: "
        "Accepted is final (undo the last move to correct a mistake)."
    )
    with pytest.raises(InvalidTransitionError) as info:
        validate_transition(State.APPLIED, State.APPLIED)
    assert str(info.value) == "The application is already Applied."


def test_unknown_state_and_status_messages_list_what_is_known() -> None:
    with pytest.raises(ValidationError) as info:
        can_transition("PENDING", "SAVED")
    assert str(info.value) == (
        "Unknown state 'PENDING'; states are: SAVED, APPLYING, APPLIED, SCREENING, "
        "PHONE_INTERVIEW, TECHNICAL_INTERVIEW, ONSITE_INTERVIEW, FINAL_INTERVIEW, "
        "OFFER_RECEIVED, NEGOTIATING, ACCEPTED, REJECTED, WITHDRAWN, GHOSTED."
    )
    assert status_hint(" Pending review ") == (
        "unknown status 'Pending review' (known: Saved, Applying, Applied, Screening, "
        "Phone interview, Technical interview, Onsite interview, Final interview, "
        "Offer received, Negotiating, Accepted, Rejected, Withdrawn, Ghosted)"
    )
