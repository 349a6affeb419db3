"""The dashboard's adapters to other features' services (run where those features exist)
and their clear "not installed" fallbacks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from careerdesk.core.advising import adapters as adapters
from careerdesk.core.advising.service import IMPROVING_FAST, MonitoringService
from careerdesk.core.advising.sources import Unavailable, default_sources
from careerdesk.core.kernel.clock import FixedClock


@pytest.fixture
def clocked_app(careerdesk_home):  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app

    clock = FixedClock()
    app = build_app(clock=clock)
    yield app, clock
    app.close(backup=False)


def test_missing_features_degrade_to_unavailable(clocked_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app, _clock = clocked_app
    monkeypatch.setattr(adapters, "has_module", lambda module: False)
    sources = default_sources(app)
    for src in (sources.readiness, sources.applications, sources.interviews):
        assert isinstance(src, Unavailable) and src.missing_reason
    lines, note = adapters.insights_lines(app, 1)
    assert lines == [] and "Insights" in note
    assert len(sources.missing()) == 3


def test_insights_readiness_feeds_trend_and_flags(clocked_app) -> None:  # type: ignore[no-untyped-def]
    insights_module = pytest.importorskip("careerdesk.core.insights.service")
    from careerdesk.core.assessments.models import QuizSetup
    from careerdesk.core.assessments.service import AssessmentService
    from careerdesk.core.skills.service import SkillProfileService

    app, clock = clocked_app
    pid = app.profiles.create("Ana").id
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    insights = app.service(insights_module.InsightsService)
    insights.recompute(pid)
    clock.advance(days=3)
    quizzes = app.service(AssessmentService)
    quiz = quizzes.prepare(pid, QuizSetup(skills=["sql", "statistics"], length=10))
    session = quizzes.begin(quiz)
    for q, view in zip(quiz.questions, session.questions, strict=True):
        quizzes.answer(session.id, view.position, q.answer)  # all right
    quizzes.submit(session.id)
    insights.recompute(pid)
    history = insights.history(pid)
    assert len(history) >= 2
    row = app.service(MonitoringService).cohort().rows[0]
    assert row.readiness == round(history[-1].readiness, 1)
    assert row.readiness_change == round(history[-1].readiness - history[0].readiness, 1)
    assert (IMPROVING_FAST in row.flags) == (row.readiness_change >= 10)
    lines, note = adapters.insights_lines(app, pid)
    assert note == "" and lines[0].startswith("Readiness ")


def test_pipeline_counts_interviews_and_activity(clocked_app) -> None:  # type: ignore[no-untyped-def]
    pipeline_module = pytest.importorskip("careerdesk.core.pipeline.service")

    app, clock = clocked_app
    pid = app.profiles.create("Ben").id
    service = app.service(pipeline_module.ApplicationService)
    sent = service.create(pid, {"company": "Acme", "title": "Analyst", "state": "SAVED"})
    service.move(sent.id, "APPLIED")
    service.create(pid, {"company": "Initech", "title": "Developer", "state": "SAVED"})
    gone = service.create(pid, {"company": "Globex", "title": "Engineer", "state": "SAVED"})
    service.move(gone.id, "APPLIED")
    service.move(gone.id, "REJECTED")
    service.add_interview(sent.id, {"kind": "video", "starts_at": clock.now() + timedelta(days=2)})
    service.add_interview(sent.id, {"kind": "phone", "starts_at": clock.now() - timedelta(days=1)})
    clock.advance(days=20)
    facts = adapters.PipelineFacts(app)
    assert facts.active_applications([pid]) == {pid: 1}  # saved and rejected do not count
    assert facts.upcoming_interviews([pid], clock.now() - timedelta(days=20))[pid] == [
        clock.now() - timedelta(days=18)
    ]
    assert facts.last_activity([pid])[pid].at == clock.now() - timedelta(days=20)
    row = app.service(MonitoringService).cohort().rows[0]
    assert row.active_applications == 1 and row.upcoming_interviews == 0
    assert "stalled" in row.flags  # nothing for 20 days
