"""Adaptive sessions: one question at a time, chosen after each answer, resumable, early stop."""

from __future__ import annotations

import random

from careerdesk.core.assessments import QuizSetup
from careerdesk.core.assessments.adaptive_rules import MIN_ANSWERS_PER_SKILL
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.model_rules import DIFFICULTY_LOCATION
from tests.learning_fixtures import Kit

BANK = load_catalog().questions_by_id


def right(qid: str) -> int:
    return BANK[qid].answer


def test_questions_come_one_by_one_and_a_retry_adds_nothing(kit: Kit) -> None:
    svc = kit.assessments
    setup = QuizSetup(skills=["sql", "git"], length=6, adaptive=True)
    view = svc.start(kit.profile_id, setup, rng=random.Random(3))
    assert view.adaptive and view.length == 6 and len(view.questions) == 1
    # Nothing known: both start at N(50, 30²); sql is listed first, and at θ = 50 the medium
    # questions are the most informative (docs/skills.md).
    first = view.questions[0]
    assert first.skill_id == "sql" and first.difficulty == "medium"
    svc.answer(view.id, 0, right(first.question_id))
    after = svc.advance(view.id, 1)
    assert len(after.questions) == 2
    # sql's interval shrank, so git (still ± 38) is asked next.
    assert after.questions[1].skill_id == "git"
    again = svc.advance(view.id, 1)  # a retried call: nothing added twice
    assert [q.question_id for q in again.questions] == [q.question_id for q in after.questions]

    # Resume: the same questions, and the quiz carries on from where it stopped.
    resumed = svc.unfinished(kit.profile_id)
    assert resumed is not None and resumed.adaptive
    assert [q.question_id for q in resumed.questions] == [q.question_id for q in after.questions]
    svc.answer(view.id, 1, (right(after.questions[1].question_id) + 1) % 4)
    shown = 2
    while True:
        got = svc.advance(view.id, shown)
        if got.finished:
            break
        assert len(got.questions) == shown + 1
        q = got.questions[-1]
        svc.answer(view.id, q.position, right(q.question_id))
        shown += 1
    assert shown == 6 and got.finished and got.stop_note == ""
    ids = [q.question_id for q in got.questions]
    assert len(set(ids)) == len(ids)  # never repeated
    review = svc.submit(view.id)
    assert review.summary.length == 6 and review.summary.answered == 6


def test_a_confident_estimate_stops_the_quiz_early_and_says_why(kit: Kit) -> None:
    # Two advisor ratings of 70 (noise sd 10 each): sd 7.1, an interval of ± 9 already.
    kit.skills.rate_as_advisor(kit.profile_id, {"sql": 70})
    kit.skills.rate_as_advisor(kit.profile_id, {"sql": 70})
    svc = kit.assessments
    view = svc.start(
        kit.profile_id, QuizSetup(skills=["sql"], length=10, adaptive=True), rng=random.Random(1)
    )
    # At 70 the hard questions are the most informative (I = 0.00181 vs 0.00081 for medium).
    assert view.questions[0].difficulty == "hard"
    shown = 1
    while not view.finished:
        q = view.questions[-1]
        svc.answer(view.id, q.position, right(q.question_id))
        view = svc.advance(view.id, shown)
        shown = len(view.questions)
    assert len(view.questions) == MIN_ANSWERS_PER_SKILL == 3
    assert view.stop_note.startswith("We stopped early: your SQL estimate is ")
    assert "after 3 answers" in view.stop_note and "confident enough" in view.stop_note
    review = svc.submit(view.id)
    assert review.summary.length == 3
    assert view.stop_note in review.notice
    est = kit.skills.estimates(kit.profile_id)["sql"]
    assert f"estimate is {est.estimate:.0f} ±" in view.stop_note


def test_the_first_question_fits_a_self_rating(kit: Kit) -> None:
    # A self-rating of 20 is the model's prior N(20, 25²): easy questions inform most there.
    kit.skills.set_self_rating(kit.profile_id, "python", 20)
    view = kit.assessments.start(
        kit.profile_id, QuizSetup(skills=["python"], length=5, adaptive=True), rng=random.Random(2)
    )
    assert DIFFICULTY_LOCATION[view.questions[0].difficulty] == 25.0
