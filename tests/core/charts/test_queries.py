"""ChartsDataService: interview and assessment series side by side, radar, readiness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
            pid, {"sql": sql, "python": python}, source="assessment", at=T0 + timedelta(days=day)
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

    assert [p.level for p in data.assessment_points if p.skill_id == "sql"] == [40, 52, 61]
    assert {p.skill_id for p in data.interview_points} == {"communication", "technical"}
    # three assessment sessions and one interview, oldest first
    assert [r.source for r in data.records] == ["assessment"] * 3 + ["interview"]
    assert data.records[0].scores == {"sql": 40, "python": 30}
    assert data.default_comparison() == [data.records[-1].key]
    trends = {(t.source, t.skill_id): t for t in data.trends}
    # sql: x 0..2, y 40, 52, 61 -> slope 10.5; python 30, 35, 33 -> slope 1.5 (steady)
    assert trends[("assessment", "sql")].direction == "improving"
    assert trends[("assessment", "sql")].slope == 10.5
    assert trends[("assessment", "python")].direction == "steady"
    assert trends[("interview", "technical")].direction == "insufficient"
    assert data.averages["assessment:sql"] == (40 + 52 + 61) / 3

    assert data.radar is not None and data.radar.role_id == "data_analyst"
    axes = {a.skill_id: a for a in data.radar.axes}
    assert (axes["sql"].current, axes["sql"].current_source) == (61, "assessment")
    # the interview (day 25) is newer than the last assessment of python (day 20)
    assert (axes["python"].current, axes["python"].current_source) == (58, "interview")
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
