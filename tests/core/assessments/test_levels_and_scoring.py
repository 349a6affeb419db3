"""Level bands, the seed-004 hours table, and difficulty-weighted scoring by hand."""

from __future__ import annotations

import pytest

from careerdesk.core.assessments.rules import ScoredQuestion, score
from careerdesk.core.reference.levels import band, content_levels_for, hours_between


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (0, "beginner"),
        (39.9, "beginner"),
        (40, "intermediate"),
        (64, "intermediate"),
        (65, "advanced"),
        (84.9, "advanced"),
        (85, "expert"),
        (100, "expert"),
        (130, "expert"),
        (-5, "beginner"),
    ],
)
def test_bands(level: float, expected: str) -> None:
    assert band(level) == expected


@pytest.mark.parametrize(
    ("current", "target", "hours"),
    [
        (10, 50, 40),  # beginner → intermediate
        (30, 75, 120),  # beginner → advanced
        (0, 90, 300),  # beginner → expert
        (50, 70, 80),  # intermediate → advanced
        (45, 95, 200),  # intermediate → expert
        (70, 88, 150),  # advanced → expert
    ],
)
def test_seed_table_between_bands(current: float, target: float, hours: float) -> None:
    assert hours_between(current, target) == hours


def test_same_band_is_a_share_of_the_next_step() -> None:
    # 15 of the 25 intermediate points of the 80 h intermediate → advanced step.
    assert hours_between(45, 60) == 48.0
    # 10 of 40 beginner points of the 40 h beginner → intermediate step.
    assert hours_between(20, 30) == 10.0
    # Expert band: 5 of 15 points of the 150 h advanced → expert step.
    assert hours_between(90, 95) == 50.0


def test_no_hours_when_target_met() -> None:
    assert hours_between(80, 75) == 0.0
    assert hours_between(60, 60) == 0.0


def test_content_levels_span_the_gap() -> None:
    assert content_levels_for(10, 30) == ["beginner"]
    assert content_levels_for(10, 70) == ["beginner", "intermediate", "advanced"]
    assert content_levels_for(50, 90) == ["intermediate", "advanced"]
    assert content_levels_for(90, 95) == ["advanced"]


def q(skill: str, difficulty: str, right: bool | None) -> ScoredQuestion:
    """A question whose right answer is 1; ``right`` None means unanswered."""
    chosen = None if right is None else (1 if right else 2)
    return ScoredQuestion(skill, difficulty, 1, chosen)


def test_one_skill_weighted_by_difficulty() -> None:
    # easy ✔ (1) + medium ✘ (0 of 2) + hard ✔ (3) = 4 of 6 points.
    sheet = score(
        [q("python", "easy", True), q("python", "medium", False), q("python", "hard", True)]
    )
    [python] = sheet.skills
    assert python.score == 66.7
    assert (python.correct, python.total, python.points, python.max_points) == (2, 3, 4.0, 6.0)
    assert sheet.overall == 66.7


def test_two_skills_and_overall_over_all_questions() -> None:
    sheet = score(
        [
            q("sql", "easy", True),  # 1/1
            q("sql", "easy", True),  # 1/1
            q("sql", "hard", False),  # 0/3   -> sql 2/5 = 40.0
            q("git", "medium", True),  # 2/2
            q("git", "hard", True),  # 3/3   -> git 5/5 = 100.0
        ]
    )
    assert {s.skill_id: s.score for s in sheet.skills} == {"sql": 40.0, "git": 100.0}
    # Overall is (2 + 5) / (5 + 5), not the mean of the skill scores.
    assert sheet.overall == 70.0
    assert [s.skill_id for s in sheet.skills] == ["sql", "git"]


def test_unanswered_counts_as_wrong_and_empty_is_zero() -> None:
    sheet = score([q("git", "medium", None), q("git", "easy", True)])
    assert sheet.skills[0].score == 33.3  # 1 of 3 points
    assert sheet.skills[0].correct == 1
    assert score([]).overall == 0.0
    assert score([q("git", "hard", None)]).overall == 0.0
