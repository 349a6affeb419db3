"""Skill levels (self-rated vs measured), target roles, and the gap analysis."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from careerdesk.core.assessments import QuizSetup
from careerdesk.core.kernel.errors import UserError, ValidationError
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.skills.gaps import compute_gaps, offline_analysis
from careerdesk.integrations.ai.gemini import GeminiProvider
from tests.fakes.gemini_server import FakeGemini
from tests.learning_fixtures import Kit, answer_all


def test_self_ratings_are_a_prior_that_answers_move(kit: Kit) -> None:
    pid = kit.profile_id
    kit.skills.set_self_rating(pid, "sql", 60)
    kit.skills.set_self_ratings(pid, {"git": 40, "communication": 80})
    levels = kit.skills.current_levels(pid)
    assert {k: (v.level, v.source, v.self_rated_only) for k, v in levels.items()} == {
        "sql": (60.0, "self", True),
        "git": (40.0, "self", True),
        "communication": (80.0, "self", True),
    }
    assert levels["sql"].measured_at == kit.clock.now()

    kit.clock.advance(days=1)
    view = kit.assessments.start(pid, QuizSetup(skills=["sql"], length=3), rng=random.Random(2))
    answer_all(kit.assessments, view, lambda p: p == 0)  # only the easy one right
    kit.assessments.submit(view.id)
    # Prior N(60, 25²) aged a day (var 625.5); docs/skills.md's update, worked by hand:
    # easy right: g = 0.5018, p = 0.9249, var 538.4, +2.47 -> 62.5
    # medium wrong: bounded at -15 -> 47.5; hard wrong: -3.27 -> 44.2
    sql = kit.skills.current_levels(pid)["sql"]
    assert (sql.level, sql.source, sql.evidence_count) == (44.2, "assessment", 4)
    kit.clock.advance(days=1)
    kit.skills.set_self_rating(pid, "sql", 90)  # a new prior: the answers still count
    # the same three answers from N(90, 625): 90.5, 75.5, 62.1
    sql = kit.skills.current_levels(pid)["sql"]
    assert (sql.level, sql.source, sql.self_rated_only) == (62.1, "assessment", False)
    history = kit.skills.history(pid, "sql")
    assert [(h.level, h.source) for h in history] == [
        (60.0, "self"),
        (62.5, "assessment"),
        (47.5, "assessment"),
        (44.2, "assessment"),
        (62.1, "self"),  # the new self-rating's point
    ]
    assert [h.measured_at for h in history] == sorted(h.measured_at for h in history)
    assert len(kit.skills.history(pid)) == 7
    assert kit.skills.self_ratings(pid)["sql"].level == 90.0


def test_unchanged_self_rating_is_not_repeated_and_events(kit: Kit) -> None:
    pid = kit.profile_id
    kit.skills.set_self_ratings(pid, {"git": 40})
    kit.skills.set_self_ratings(pid, {"git": 40})
    assert len(kit.skills.history(pid, "git")) == 1
    assert len(kit.of(ProfileUpdated)) == 1


def test_bad_ratings_change_nothing(kit: Kit) -> None:
    with pytest.raises(ValidationError, match="Unknown skill"):
        kit.skills.set_self_ratings(kit.profile_id, {"git": 50, "juggling": 10})
    with pytest.raises(ValidationError, match="0–100"):
        kit.skills.set_self_rating(kit.profile_id, "git", 101)
    assert kit.skills.history(kit.profile_id) == []


def test_target_roles_are_validated(kit: Kit) -> None:
    pid = kit.profile_id
    assert kit.skills.target_role(pid) is None
    with pytest.raises(UserError, match="Unknown role"):
        kit.skills.set_target_roles(pid, ["astronaut"])
    kit.skills.set_target_roles(pid, ["data_analyst", "business_analyst"])
    assert kit.skills.target_role(pid).id == "data_analyst"  # type: ignore[union-attr]
    assert kit.of(TargetRoleChanged)[0].role_ids == ("data_analyst", "business_analyst")  # type: ignore[attr-defined]


def test_interview_levels_count_as_measured(kit: Kit) -> None:
    pid = kit.profile_id
    kit.skills.set_self_rating(pid, "communication", 30)
    kit.clock.advance(hours=1)
    kit.skills.record_measured(pid, {"communication": 72})
    current = kit.skills.current_levels(pid)["communication"]
    # prior N(30, 25²) aged an hour (+0.02), practice 72 (sd 15):
    # k = 625.02 / 850.02 = 0.7353 -> 30 + 0.7353 × 42 = 60.9
    assert (current.level, current.source, current.self_rated_only) == (60.9, "interview", False)


def test_gaps_are_ordered_by_gap_times_importance() -> None:
    catalog = load_catalog()
    role = catalog.role("data_analyst")
    from datetime import UTC, datetime

    from careerdesk.core.skills.service import SkillLevel

    at = datetime(2026, 1, 1, tzinfo=UTC)
    levels = {
        "sql": SkillLevel(skill_id="sql", level=35, source="assessment", measured_at=at),
        "communication": SkillLevel(
            skill_id="communication",
            level=80,
            source="self",
            measured_at=at,
            self_rated_only=True,
        ),
        "statistics": SkillLevel(
            skill_id="statistics", level=55, source="assessment", measured_at=at
        ),
    }
    gaps = compute_gaps(role, levels, catalog)
    by = {g.skill_id: g for g in gaps}
    assert by["sql"].gap == 40 and by["sql"].priority == 200 and by["sql"].hours == 120
    assert by["communication"].met and by["communication"].hours == 0
    assert by["data_analysis"].source is None and by["data_analysis"].priority == 400
    assert [g.skill_id for g in gaps][:2] == ["data_analysis", "problem_solving"]
    assert by["statistics"].hours == 16.0  # same band: 5 of 25 points of the 80 h step

    analysis = offline_analysis(role, gaps)
    assert analysis.met == 1
    # A level from the learner's own rating alone says so (issue 16).
    assert analysis.strengths[0] == "Communication: 80 self-rated (the role needs 70)"
    assert any(s.startswith("Statistics") and "nearly" in s for s in analysis.strengths)
    assert analysis.weaknesses[0].startswith("Data Analysis & Visualisation: not rated")
    assert "You meet 1 of the 7" in analysis.summary
    assert "Not rated or tested yet" in analysis.summary
    assert analysis.total_hours == sum(g.hours for g in gaps)
    assert analysis.source == "offline"


def test_analysis_without_any_level_says_what_to_do(kit: Kit) -> None:
    assert kit.gaps().analyse(kit.profile_id) is None
    kit.skills.set_target_roles(kit.profile_id, ["qa_engineer"])
    analysis = kit.gaps().analyse(kit.profile_id)
    assert analysis is not None
    assert "have not rated or tested any" in analysis.summary


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


def test_ai_analysis_is_labelled_and_falls_back(kit: Kit, fake: FakeGemini) -> None:
    pid = kit.profile_id
    kit.skills.set_target_roles(pid, ["data_analyst"])
    kit.skills.set_self_ratings(pid, {"sql": 40})
    gemini = GeminiProvider(
        "k", base_url=fake.base_url, timeout_s=2, attempts=1, retry_initial_delay_s=0.01
    )
    fake.reply(
        {
            "summary": "You have a start in SQL; focus on analysis next.",
            "strengths": ["SQL basics"],
            "weaknesses": ["Data analysis: practise with pandas", "  "],
        }
    )
    rich = kit.gaps(gemini).analyse_with_ai(pid)
    assert rich is not None and rich.source == "ai"
    assert rich.summary == "You have a start in SQL; focus on analysis next."
    assert rich.weaknesses == ["Data analysis: practise with pandas"]
    assert "AI" in rich.notice
    assert rich.total_hours == kit.gaps().analyse(pid).total_hours  # type: ignore[union-attr]

    fake.fail(500)
    fallback = kit.gaps(gemini).analyse_with_ai(pid, "business_analyst")
    assert fallback is not None and fallback.source == "offline"
    assert "problem on its side" in fallback.notice
    assert fallback.role_id == "business_analyst"
