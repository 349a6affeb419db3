"""Assessment sessions: lifecycle, resume, scoring stored, events after commit, no repeats."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from careerdesk.core.assessments import (
    AssessmentAbandoned,
    QuizSetup,
    UnfinishedAssessmentError,
)
from careerdesk.core.assessments.events import AssessmentCompleted, AssessmentStarted
from careerdesk.core.kernel.errors import UserError, ValidationError
from careerdesk.core.learning import tracking
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.events import SkillEvidenceAdded
from careerdesk.core.storage.tables.profiles import LearningEvent
from tests.learning_fixtures import Kit, answer_all

WEIGHT = {"easy": 1, "medium": 2, "hard": 3}


def event_kinds(k: Kit) -> list[str]:
    with k.app.db.read() as s:
        return list(
            s.scalars(
                select(LearningEvent.kind)
                .where(LearningEvent.profile_id == k.profile_id)
                .order_by(LearningEvent.id)
            )
        )


def test_start_answer_resume_submit_review(kit: Kit) -> None:
    svc = kit.assessments
    view = svc.start(
        kit.profile_id, QuizSetup(skills=["sql", "git"], length=6), rng=random.Random(5)
    )
    assert view.state == "started" and view.length == 6 and view.source == "bank"
    assert all(q.chosen is None for q in view.questions)
    assert kit.of(AssessmentStarted)[0].session_id == view.id

    # Answer the first four: positions 0 and 2 right, 1 and 3 wrong; then "close the app".
    answer_all(
        svc, view.model_copy(update={"questions": view.questions[:4]}), lambda p: p in (0, 2)
    )
    svc.flag(view.id, 3, True)
    svc.save_place(view.id, 4, 95.5)

    resumed = svc.unfinished(kit.profile_id)
    assert resumed is not None and resumed.id == view.id
    assert resumed.state == "in_progress"
    assert resumed.current_index == 4 and resumed.elapsed_s == 95.5
    assert resumed.answered == 4 and resumed.flagged == 1
    assert [q.question_id for q in resumed.questions] == [q.question_id for q in view.questions]

    review = svc.submit(view.id)
    # Hand-computed: right answers at positions 0 and 2 only; 4 and 5 unanswered.
    qs = view.questions
    per_skill: dict[str, list[int]] = {}
    for q in qs:
        got = WEIGHT[q.difficulty] if q.position in (0, 2) else 0
        acc = per_skill.setdefault(q.skill_id, [0, 0])
        acc[0] += got
        acc[1] += WEIGHT[q.difficulty]
    expected = {s: round(100 * a / b, 1) for s, (a, b) in per_skill.items()}
    total = sum(a for a, _ in per_skill.values()) / sum(b for _, b in per_skill.values())
    assert {s.skill_id: s.score for s in review.summary.skill_scores} == expected
    assert review.summary.overall_score == round(100 * total, 1)
    assert review.summary.state == "submitted" and review.summary.answered == 4
    assert [i.is_correct for i in review.items] == [True, False, True, False, False, False]
    assert review.items[3].flagged
    bank = load_catalog().questions_by_id
    for item, q in zip(review.items, qs, strict=True):
        assert item.correct_index == bank[q.question_id].answer
        assert item.explanation == bank[q.question_id].explanation

    # every answer is evidence for the skill model (docs/skills.md), skipped ones as wrong
    levels = kit.skills.current_levels(kit.profile_id)
    asked = {k: sum(1 for q in qs if q.skill_id == k) for k in expected}
    assert {k: v.evidence_count for k, v in levels.items()} == asked
    assert all(v.source == "assessment" and v.sources == ("quiz_answer",) for v in levels.values())
    for skill, score in expected.items():  # mostly wrong: below the starting 50; right: above
        assert (levels[skill].level < 50) == (score < 50)
    assert svc.unfinished(kit.profile_id) is None
    assert event_kinds(kit) == [tracking.ASSESSMENT_STARTED, tracking.ASSESSMENT_SUBMITTED]

    [done] = kit.of(AssessmentCompleted)
    assert done.session_id == view.id and done.overall_score == review.summary.overall_score
    [summary] = svc.history(kit.profile_id)
    assert summary.id == view.id and summary.overall_score == review.summary.overall_score


def test_completed_event_is_published_after_commit(kit: Kit) -> None:
    seen: list[str] = []
    svc = kit.assessments

    def on_done(event: AssessmentCompleted) -> None:
        # A fresh read session must already see the committed result.
        seen.append(svc.history(kit.profile_id)[0].state)

    kit.app.bus.subscribe(AssessmentCompleted, on_done)
    view = svc.start(kit.profile_id, QuizSetup(skills=["python"], length=3), rng=random.Random(1))
    answer_all(svc, view)
    svc.submit(view.id)
    assert seen == ["submitted"]
    python = kit.skills.current_levels(kit.profile_id)["python"]
    # three right answers from N(50, 30²): up, but a bounded step each (docs/skills.md)
    assert 50 < python.level <= 50 + 3 * 15 and python.evidence_count == 3
    assert kit.of(SkillEvidenceAdded)[0].skill_ids == ("python",)  # type: ignore[attr-defined]


def test_submitted_session_cannot_change(kit: Kit) -> None:
    svc = kit.assessments
    view = svc.start(kit.profile_id, QuizSetup(skills=["git"], length=3), rng=random.Random(1))
    svc.submit(view.id)
    with pytest.raises(UserError, match="already submitted"):
        svc.answer(view.id, 0, 1)
    with pytest.raises(UserError):
        svc.submit(view.id)
    with pytest.raises(ValidationError):
        svc2 = kit.assessments
        svc2.answer(view.id, 0, 7)


def test_one_unfinished_session_at_a_time(kit: Kit) -> None:
    svc = kit.assessments
    setup = QuizSetup(skills=["linux"], length=3)
    first = svc.start(kit.profile_id, setup, rng=random.Random(1))
    with pytest.raises(UnfinishedAssessmentError) as info:
        svc.start(kit.profile_id, setup, rng=random.Random(2))
    assert info.value.session_id == first.id
    second = svc.start(kit.profile_id, setup, rng=random.Random(2), replace_unfinished=True)
    assert svc.unfinished(kit.profile_id).id == second.id  # type: ignore[union-attr]
    history = svc.history(kit.profile_id)
    assert [(h.id, h.state) for h in history] == [(first.id, "abandoned")]
    assert kit.of(AssessmentAbandoned)[0].session_id == first.id  # type: ignore[attr-defined]
    svc.abandon(second.id)
    assert svc.unfinished(kit.profile_id) is None
    assert event_kinds(kit).count(tracking.ASSESSMENT_ABANDONED) == 2
    with pytest.raises(UserError, match="Finish or discard"):
        third = svc.start(kit.profile_id, setup, rng=random.Random(3))
        svc.review(third.id)


def test_no_question_from_the_last_two_sessions_while_the_bank_allows(kit: Kit) -> None:
    svc = kit.assessments
    setup = QuizSetup(skills=["python"], length=7)  # the bank has 21 python questions
    sets = []
    for seed in range(4):
        view = svc.start(kit.profile_id, setup, rng=random.Random(seed))
        sets.append({q.question_id for q in view.questions})
        svc.submit(view.id)
    s1, s2, s3, s4 = sets
    assert not s1 & s2 and not s1 & s3 and not s2 & s3
    assert not s4 & (s2 | s3)  # only the last two sessions count: s1's questions may return
    assert s4 == s1


def test_default_skills_are_untested_then_weakest_of_the_target_role(kit: Kit) -> None:
    pid = kit.profile_id
    assert kit.assessments.default_skills(pid) == []
    kit.skills.set_target_roles(pid, ["data_analyst"])
    # data_analyst: data_analysis 80/5, sql 75/5, statistics 60/4, python 50/3 (assessable).
    kit.skills.set_self_ratings(pid, {"sql": 70, "data_analysis": 20})
    assert kit.assessments.default_skills(pid, 4) == [
        "data_analysis",
        "statistics",
        "python",
        "sql",
    ]
    view = kit.assessments.start(pid, QuizSetup(skills=["statistics", "python"], length=6))
    answer_all(kit.assessments, view)
    kit.assessments.submit(view.id)
    # Measured skills drop behind the untested ones.
    assert kit.assessments.default_skills(pid, 2) == ["data_analysis", "sql"]


def test_unknown_or_unassessable_skill_is_refused(kit: Kit) -> None:
    with pytest.raises(ValidationError, match="Communication"):
        kit.assessments.start(kit.profile_id, QuizSetup(skills=["communication"], length=3))
    with pytest.raises(Exception):  # noqa: B017 - pydantic refuses an empty skill list
        QuizSetup(skills=[], length=3)


def test_time_limit_is_stored_in_seconds(kit: Kit) -> None:
    view = kit.assessments.start(
        kit.profile_id, QuizSetup(skills=["cloud"], length=3, time_limit_min=2)
    )
    assert view.time_limit_s == 120 and view.remaining_s == 120
    kit.assessments.save_place(view.id, 1, 100)
    assert kit.assessments.session(view.id).remaining_s == 20
