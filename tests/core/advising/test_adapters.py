"""The dashboard's adapters to other features' services, and the app's default sources."""

from __future__ import annotations

from datetime import timedelta

import pytest

from careerdesk.core.advising import adapters as adapters
from careerdesk.core.advising.adapters import default_sources
from careerdesk.core.advising.service import IMPROVING_FAST, MonitoringService
from careerdesk.core.assessments.models import QuizSetup
from careerdesk.core.assessments.service import AssessmentService
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.learning.service import LearningService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.skills.service import SkillProfileService


@pytest.fixture
def clocked_app(careerdesk_home):  # type: ignore[no-untyped-def]
    from careerdesk.app import build_app

    clock = FixedClock()
    app = build_app(clock=clock)
    yield app, clock
    app.close(backup=False)


def _take_quiz_all_right(app, pid: int) -> None:  # type: ignore[no-untyped-def]
    quizzes = app.service(AssessmentService)
    quiz = quizzes.prepare(pid, QuizSetup(skills=["sql", "statistics"], length=10))
    session = quizzes.begin(quiz)
    for q, view in zip(quiz.questions, session.questions, strict=True):
        quizzes.answer(session.id, view.position, q.answer)
    quizzes.submit(session.id)


def test_default_sources_read_the_real_features(clocked_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = clocked_app
    t0 = clock.now()
    pid = app.profiles.create("Ana").id
    other = app.profiles.create("Ben").id  # does nothing at all
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    insights = app.service(InsightsService)
    insights.recompute(pid)  # nothing measured or learnt yet: readiness 0
    clock.advance(days=3)
    _take_quiz_all_right(app, pid)
    insights.recompute(pid)
    clock.advance(days=1)
    learning = app.service(LearningService)
    learning.generate_path(pid)
    first = learning.current_path_items(pid)[0]
    learning.open_item(pid, first.content_id)
    clock.advance(hours=1)  # distinct times (content progress stamps wall-clock on a no-op)
    learning.mark_done(pid, first.content_id)
    clock.advance(days=1)
    applications = app.service(ApplicationService)
    sent = applications.create(pid, {"company": "Acme", "title": "Analyst", "state": "SAVED"})
    applications.move(sent.id, "APPLIED")
    applications.create(pid, {"company": "Initech", "title": "Developer", "state": "SAVED"})
    interview_at = t0 + timedelta(days=7)
    applications.add_interview(sent.id, {"kind": "video", "starts_at": interview_at})

    sources = default_sources(app)
    ids = [pid, other]
    history = sources.readiness.readiness(ids)
    assert list(history) == [pid]
    assert [p.at for p in history[pid]] == [t0, t0 + timedelta(days=3)]
    assert [p.role_id for p in history[pid]] == ["data_analyst", "data_analyst"]
    assert history[pid][0].value == 0.0 and history[pid][1].value > 0.0
    assert sources.assessments.assessments_taken(ids) == {pid: 1}
    completion = sources.learning.completion(ids)
    assert list(completion) == [pid] and completion[pid].done == 1
    assert completion[pid].total == len(learning.current_path_items(pid))
    assert sources.applications.active_applications(ids) == {pid: 1, other: 0}  # not the saved
    assert sources.interviews.upcoming_interviews(ids, clock.now()) == {
        pid: [interview_at],
        other: [],
    }
    activity = sources.activity.last_activity(ids)
    assert list(activity) == [pid]
    assert activity[pid].at == t0 + timedelta(days=5, hours=1)
    assert activity[pid].kind == "application"


def test_insights_readiness_feeds_trend_and_flags(clocked_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = clocked_app
    pid = app.profiles.create("Ana").id
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    insights = app.service(InsightsService)
    insights.recompute(pid)
    clock.advance(days=3)
    _take_quiz_all_right(app, pid)
    insights.recompute(pid)
    history = insights.history(pid)
    assert len(history) >= 2
    row = app.service(MonitoringService).cohort().rows[0]
    assert row.readiness == round(history[-1].readiness, 1)
    assert row.readiness_change == round(history[-1].readiness - history[0].readiness, 1)
    assert (IMPROVING_FAST in row.flags) == (row.readiness_change >= 10)
    lines, note = adapters.insights_lines(insights, pid)
    assert note == "" and lines[0].startswith("Readiness ")


def test_pipeline_counts_interviews_and_activity(clocked_app) -> None:  # type: ignore[no-untyped-def]
    app, clock = clocked_app
    pid = app.profiles.create("Ben").id
    service = app.service(ApplicationService)
    sent = service.create(pid, {"company": "Acme", "title": "Analyst", "state": "SAVED"})
    service.move(sent.id, "APPLIED")
    service.create(pid, {"company": "Initech", "title": "Developer", "state": "SAVED"})
    gone = service.create(pid, {"company": "Globex", "title": "Engineer", "state": "SAVED"})
    service.move(gone.id, "APPLIED")
    service.move(gone.id, "REJECTED")
    service.add_interview(sent.id, {"kind": "video", "starts_at": clock.now() + timedelta(days=2)})
    service.add_interview(sent.id, {"kind": "phone", "starts_at": clock.now() - timedelta(days=1)})
    clock.advance(days=20)
    facts = adapters.PipelineFacts(service)
    assert facts.active_applications([pid]) == {pid: 1}  # saved and rejected do not count
    assert facts.upcoming_interviews([pid], clock.now() - timedelta(days=20))[pid] == [
        clock.now() - timedelta(days=18)
    ]
    assert facts.last_activity([pid])[pid].at == clock.now() - timedelta(days=20)
    row = app.service(MonitoringService).cohort().rows[0]
    assert row.active_applications == 1 and row.upcoming_interviews == 0
    assert "stalled" in row.flags  # nothing for 20 days
