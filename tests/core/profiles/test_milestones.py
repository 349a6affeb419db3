"""The learner's milestones on Home (hand-worked cases)."""

from __future__ import annotations

from careerdesk.core.profiles.milestones import compute_milestones
from careerdesk.core.profiles.workflow import WorkflowFacts


def facts(**kw: object) -> WorkflowFacts:
    base: dict[str, object] = dict(
        has_target_role=False,
        assessments_completed=0,
        path_generated=False,
        items_started=0,
        path_items=0,
        path_items_done=0,
        gaps_open=0,
    )
    base.update(kw)
    return WorkflowFacts(**base)  # type: ignore[arg-type]


def test_a_new_learner_has_reached_nothing() -> None:
    m = compute_milestones(facts(), applications=0)
    assert [x.done for x in m.items] == [False] * 5
    assert m.reached == 0
    assert m.next_hint == "Choose the job you are aiming for."


def test_gaps_closed_needs_a_path_with_no_open_gap_not_ticked_items() -> None:
    # Every item ticked but two gaps still open: not done.
    m = compute_milestones(
        facts(
            has_target_role=True,
            assessments_completed=2,
            path_generated=True,
            path_items=4,
            path_items_done=4,
            gaps_open=2,
        ),
        applications=1,
    )
    assert [x.done for x in m.items] == [True, True, True, True, False]
    assert m.next_hint.startswith("Keep learning")
    closed = compute_milestones(
        facts(has_target_role=True, path_generated=True, path_items=4, gaps_open=0),
        applications=0,
    )
    assert [x.done for x in closed.items] == [True, False, False, False, True]
    assert closed.next_hint == "Take a short quiz to see where you stand."


def test_every_milestone_reached() -> None:
    m = compute_milestones(
        facts(
            has_target_role=True,
            assessments_completed=1,
            path_generated=True,
            path_items=3,
            path_items_done=1,
            gaps_open=0,
        ),
        applications=3,
    )
    assert m.reached == 5 and m.next_hint == ""
