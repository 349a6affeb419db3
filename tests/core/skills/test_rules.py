"""Skill analytics against hand-computed series; trend classification on constructed data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careerdesk.core.skills.rules import (
    ScoreRecord,
    SkillPoint,
    averages,
    classify_trend,
    comparison,
    latest_levels,
    least_squares_slope,
    merge_current,
    progression,
    radar_axes,
    records_from_points,
    skill_trends,
)

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def pt(skill: str, level: float, day: int, source: str = "interview") -> SkillPoint:
    return SkillPoint(skill_id=skill, level=level, source=source, at=T0 + timedelta(days=day))  # type: ignore[arg-type]


# -- progression, averages, latest ----------------------------------------------------------
def test_progression_groups_by_skill_oldest_first() -> None:
    points = [pt("technical", 70, 14), pt("communication", 60, 7), pt("technical", 50, 0)]
    series = progression(points)
    assert list(series) == ["technical", "communication"]
    assert [p.level for p in series["technical"]] == [50, 70]
    assert [p.level for p in series["communication"]] == [60]


def test_averages_hand_computed() -> None:
    points = [pt("communication", v, d) for d, v in enumerate([60, 70, 80, 75])]
    points += [pt("technical", 41, 0), pt("technical", 58, 3)]
    got = averages(points)
    assert got["communication"] == pytest.approx(71.25)  # 285 / 4
    assert got["technical"] == pytest.approx(49.5)  # 99 / 2


def test_latest_levels_takes_the_newest_point() -> None:
    points = [pt("sql", 40, 0, "assessment"), pt("sql", 65, 9, "assessment"), pt("sql", 55, 4)]
    assert latest_levels(points)["sql"].level == 65


# -- records and comparison ------------------------------------------------------------------
def test_assessment_points_with_one_timestamp_form_one_record() -> None:
    points = [
        pt("sql", 40, 0, "assessment"),
        pt("python", 55, 0, "assessment"),
        pt("sql", 62, 10, "assessment"),
    ]
    records = records_from_points(points)
    assert [r.scores for r in records] == [{"sql": 40, "python": 55}, {"sql": 62}]
    assert records[0].key == f"assessment:{T0.isoformat()}"
    assert records[0].label == "Assessment · 05 Jan 2026"


def test_comparison_picks_and_orders_chosen_records() -> None:
    a = ScoreRecord(
        key="interview:1",
        label="A",
        source="interview",
        at=T0,
        scores={"technical": 50, "communication": 70},
    )
    b = ScoreRecord(
        key="interview:2", label="B", source="interview", at=T0, scores={"communication": 80}
    )
    c = ScoreRecord(key="assessment:x", label="C", source="assessment", at=T0, scores={"sql": 65})
    got = comparison([a, b, c], ["interview:2", "interview:1", "assessment:x", "nope"])
    # interview dimensions first in their canonical order, then other skills as first seen
    assert list(got) == ["communication", "technical", "sql"]
    assert got["communication"] == {"interview:2": 80, "interview:1": 70}
    assert got["technical"] == {"interview:1": 50}
    assert got["sql"] == {"assessment:x": 65}
    assert comparison([a, b, c], []) == {}
    assert set(comparison([a, b, c])) == {"communication", "technical", "sql"}


# -- trends -----------------------------------------------------------------------------------
def test_least_squares_slope_hand_computed() -> None:
    # x = 0..4, y mean 56.4, Sxy = 33.0, Sxx = 10  ->  3.3
    assert least_squares_slope(range(5), [50, 55, 53, 60, 64]) == pytest.approx(3.3)
    assert least_squares_slope([0, 2], [10, 20]) == pytest.approx(5.0)
    with pytest.raises(ValueError):
        least_squares_slope([1], [1])
    with pytest.raises(ValueError):
        least_squares_slope([3, 3], [1, 2])


@pytest.mark.parametrize(
    ("levels", "direction", "slope"),
    [
        ([50, 55, 53, 60, 64], "improving", 3.3),
        ([70, 72, 69, 71, 70], "steady", -0.1),
        ([80, 76, 70], "declining", -5.0),
        ([50, 52, 54], "improving", 2.0),  # exactly the threshold counts
        ([50, 48, 46], "declining", -2.0),
        ([60, 61.9, 63.8], "steady", 1.9),
    ],
)
def test_trend_classification(levels: list[float], direction: str, slope: float) -> None:
    got, got_slope, used = classify_trend(levels)
    assert got == direction
    assert got_slope == pytest.approx(slope)
    assert used == len(levels)


def test_minimum_points_rule() -> None:
    assert classify_trend([]) == ("insufficient", None, 0)
    assert classify_trend([40]) == ("insufficient", None, 1)
    # a 50-point jump is still only two points: not a trend
    assert classify_trend([40, 90]) == ("insufficient", None, 2)
    assert classify_trend([40, 90], min_points=2)[0] == "improving"


def test_only_the_last_window_counts() -> None:
    # long decline, then five rising attempts: the recent window says improving
    levels = [90, 80, 70, 60, 50, 52, 54, 56, 58]
    direction, slope, used = classify_trend(levels)
    assert (direction, used) == ("improving", 5)
    assert slope == pytest.approx(2.0)
    assert classify_trend(levels, window=9)[0] == "declining"


def test_skill_trends_cover_interview_and_assessment_skills_alike() -> None:
    points = [pt("technical", v, d * 7) for d, v in enumerate([45, 52, 58, 66])]
    points += [pt("communication", 70, 0), pt("communication", 71, 7)]
    points += [pt("sql", v, d, "assessment") for d, v in enumerate([80, 74, 66])]
    trends = {(t.source, t.skill_id): t for t in skill_trends(points)}
    tech = trends[("interview", "technical")]
    # x = 0..3, y = 45, 52, 58, 66: Sxy = 34.5, Sxx = 5  ->  6.9
    assert tech.direction == "improving" and tech.slope == pytest.approx(6.9)
    assert tech.change == 21 and tech.latest == 66
    assert trends[("interview", "communication")].direction == "insufficient"
    assert trends[("assessment", "sql")].direction == "declining"
    order = [(t.source, t.skill_id) for t in skill_trends(points)]
    assert order == [
        ("interview", "communication"),
        ("interview", "technical"),
        ("assessment", "sql"),
    ]


# -- current vs target ------------------------------------------------------------------------
def test_merge_current_prefers_newer_measurement_and_beats_self_ratings() -> None:
    learning = {
        "sql": (60.0, "assessment", T0 + timedelta(days=10)),
        "python": (50.0, "assessment", T0),
        "communication": (90.0, "self", T0 + timedelta(days=30)),
    }
    interview = {
        "sql": pt("sql", 40, 5),  # older than the assessment: ignored
        "python": pt("python", 70, 3),  # newer: wins
        "communication": pt("communication", 65, 1),  # measured beats a self-rating
        "code_quality": pt("code_quality", 55, 2),
    }
    assert merge_current(learning, interview) == {
        "sql": (60.0, "assessment"),
        "python": (70, "interview"),
        "communication": (65, "interview"),
        "code_quality": (55, "interview"),
    }


def test_radar_axes_most_important_first_and_unmeasured_as_none() -> None:
    axes = radar_axes(
        [("sql", "SQL", 75, 5), ("python", "Python", 50, 3), ("statistics", "Statistics", 60, 4)],
        {"sql": (62.0, "assessment"), "python": (70.0, "interview")},
    )
    assert [a.skill_id for a in axes] == ["sql", "statistics", "python"]
    assert axes[0].current == 62 and axes[0].current_source == "assessment"
    assert axes[1].current is None
