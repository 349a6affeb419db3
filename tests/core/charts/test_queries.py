"""ChartsDataService: interview and assessment series side by side, radar, readiness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from careerdesk.core.charts.queries import ChartsDataService, ReadinessPoint
from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput
from careerdesk.core.skills.service import SkillProfileService

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_gather_combines_interviews_assessments_and_target_role(app) -> None:  # type: ignore[no-untyped-def]
    pid = app.profiles.create("Ann").id
    skills = app.service(SkillProfileService)
    skills.set_target_roles(pid, ["data_analyst"])
    skills.set_self_ratings(pid, {"statistics": 45})
    for day, sql, python in ((0, 40, 30), (10, 52, 35), (20, 61, 33)):
        skills.record_measured(
            pid,
            {"sql": sql, "python": python},
            kind="assessment_score",
            at=T0 + timedelta(days=day),
        )
    interviews = app.service(InterviewPracticeService)
    interviews.create(
        pid,
        PracticeInput(
            held_at=T0 + timedelta(days=25),
            kind="technical",
            focus_skill_id="python",
            communication=70,
            technical=58,
        ),
    )
    data = app.service(ChartsDataService).gather(pid)

    # The skill model's estimate after each score (docs/skills.md; sd 12, variance +0.5/day):
    # sql 40; +10 days: k = 149/293 -> 46.1; +10 days: k = 78.2/222.2 -> 51.3
    assert [p.level for p in data.assessment_points if p.skill_id == "sql"] == [40, 46.1, 51.3]
    assert {p.skill_id for p in data.interview_points} == {"communication", "technical"}
    # three assessment sessions and one interview, oldest first
    assert [r.source for r in data.records] == ["assessment"] * 3 + ["interview"]
    assert data.records[0].scores == {"sql": 40, "python": 30}
    assert data.records[1].scores == {"sql": 46.1, "python": 32.5}
    assert data.default_comparison() == [data.records[-1].key]
    trends = {(t.source, t.skill_id): t for t in data.trends}
    # sql: x 0..2, y 40, 46.1, 51.3 -> slope 5.65; python 30, 32.5, 32.7 -> 1.35 (steady)
    assert trends[("assessment", "sql")].direction == "improving"
    assert trends[("assessment", "sql")].slope == pytest.approx(5.65)
    assert trends[("assessment", "python")].direction == "steady"
    assert trends[("interview", "technical")].direction == "insufficient"
    assert data.averages["assessment:sql"] == pytest.approx((40 + 46.1 + 51.3) / 3)

    assert data.radar is not None and data.radar.role_id == "data_analyst"
    axes = {a.skill_id: a for a in data.radar.axes}
    assert (axes["sql"].current, axes["sql"].current_source) == (51.3, "assessment")
    # the interview (day 25, 58, sd 15) is one more observation of python: variance 50.7 +
    # 2.5 = 53.2, k = 53.2 / 278.2 = 0.191 -> 32.7 + 0.191 × 25.3 = 37.5
    assert (axes["python"].current, axes["python"].current_source) == (37.5, "assessment")
    assert (axes["communication"].current, axes["communication"].current_source) == (
        70,
        "interview",
    )
    assert axes["statistics"].current_source == "self"
    assert axes["data_analysis"].current is None
    assert data.readiness == []  # insights has stored no snapshot for this profile yet


def test_readiness_comes_from_insights_snapshots(app) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.insights.service import InsightsService

    pid = app.profiles.create("Ann").id
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    app.service(SkillProfileService).set_self_ratings(pid, {"sql": 60})
    insights = app.service(InsightsService)
    insights.recompute(pid, at=T0)
    stored = insights.history(pid)
    assert stored, "a first recompute stores a snapshot"
    data = app.service(ChartsDataService).gather(pid)
    assert [(p.at, p.readiness) for p in data.readiness] == [
        (h.computed_at, h.readiness) for h in stored
    ]
    assert data.readiness[-1].role_id == "data_analyst"
    assert data.readiness[-1].role_title == "Data Analyst"


def test_gather_uses_the_readiness_provider(app) -> None:  # type: ignore[no-untyped-def]
    pid = app.profiles.create("Ann").id

    class Readiness:
        def readiness_history(self, profile_id: int) -> list[ReadinessPoint]:
            assert profile_id == pid
            return [
                ReadinessPoint(at=T0 + timedelta(days=7), readiness=55),
                ReadinessPoint(at=T0, readiness=40),
            ]

    base = app.service(ChartsDataService)
    svc = ChartsDataService(app.profiles.get, base.interviews, base.assessments, Readiness())
    data = svc.gather(pid)
    assert [p.readiness for p in data.readiness] == [40, 55]  # sorted oldest first
    assert data.radar is None and not data.has_target_role
