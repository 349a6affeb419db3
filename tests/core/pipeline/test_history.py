"""Event sourcing: the stored state and fields always equal what replaying the events gives.

Hypothesis drives random sequences of moves (valid and invalid), reverts and field edits,
first against the pure state machine, then through the real service and database. Which moves
are valid comes from the hand-written docs table (``transition_table.may_move``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline import history
from careerdesk.core.pipeline.history import HistoryError, fold, replay, replay_fields
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import InvalidTransitionError, State
from tests.core.pipeline.transition_table import may_move


@dataclass
class Ev:
    kind: str
    from_state: str | None = None
    to_state: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


states = st.sampled_from(list(State))
actions = st.one_of(
    st.tuples(st.just("move"), states),
    st.tuples(st.just("revert"), st.none()),
)


@given(start=states, steps=st.lists(actions, max_size=30))
def test_pure_replay_equals_the_state_reached(start: State, steps: list[Any]) -> None:
    log = [Ev(history.CREATED, to_state=start)]
    state, stack = start, []
    for action, target in steps:
        if action == "move":
            if may_move(state, target):
                log.append(Ev(history.STATE, state, target))
                stack.append(state)
                state = target
        elif stack:
            back = stack.pop()
            log.append(Ev(history.REVERTED, state, back))
            state = back
    assert replay(log) == state
    assert fold(log).revert_target == (stack[-1] if stack else None)


def test_replay_rejects_logs_the_service_could_not_have_written() -> None:
    created = Ev(history.CREATED, to_state=State.SAVED)
    with pytest.raises(HistoryError, match="refused move"):
        replay([created, Ev(history.STATE, State.SAVED, State.ACCEPTED)])
    with pytest.raises(HistoryError, match="while the application was"):
        replay([created, Ev(history.STATE, State.APPLIED, State.SCREENING)])
    with pytest.raises(HistoryError, match="no 'created'"):
        replay([])
    with pytest.raises(HistoryError, match="before 'created'"):
        replay([Ev(history.STATE, State.SAVED, State.APPLIED), created])
    with pytest.raises(HistoryError, match="not the last one"):
        replay([created, Ev(history.REVERTED, State.SAVED, State.APPLYING)])


edits = st.fixed_dictionaries(
    {},
    optional={
        "location": st.sampled_from(["", "London", "Zürich", "Remote"]),
        "salary_max": st.one_of(st.none(), st.integers(90_000, 200_000)),
        "priority": st.integers(1, 3),
        "tags": st.lists(st.sampled_from(["python", "sql", "dream job"]), max_size=3),
        "deadline": st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 12, 31))),
        "applied_on": st.one_of(st.none(), st.dates(date(2025, 6, 1), date(2026, 3, 1))),
    },
)
service_steps = st.lists(
    st.one_of(
        st.tuples(st.just("move"), states),
        st.tuples(st.just("revert"), st.none()),
        st.tuples(st.just("edit"), edits),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=states, steps=service_steps)
def test_stored_state_and_fields_equal_replayed(
    svc: ApplicationService, pid: int, start: State, steps: list[Any]
) -> None:
    app = svc.create(
        pid, {"company": "Acme", "title": "Analyst", "state": start}, allow_duplicate=True
    )
    expected = start
    for action, arg in steps:
        before = svc.events(app.id)
        if action == "move":
            if may_move(expected, arg):
                svc.move(app.id, arg)
                expected = arg
            else:
                with pytest.raises(InvalidTransitionError):
                    svc.move(app.id, arg)
                assert svc.events(app.id) == before  # a refused move writes nothing
        elif action == "revert":
            target = fold(before).revert_target
            if target is None:
                with pytest.raises(ValidationError):
                    svc.revert_state(app.id)
            else:
                svc.revert_state(app.id)
                expected = target
        else:
            svc.update(app.id, arg)
    detail = svc.get(app.id)
    assert detail.state == expected
    assert replay(detail.events) == detail.state
    stored = {k: jsonable(v) for k, v in detail.fields().model_dump().items()}
    assert replay_fields(detail.events) == stored
