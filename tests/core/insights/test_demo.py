"""The insights demo seeder on its own and inside ``build_demo``."""

from __future__ import annotations

from datetime import timedelta

from careerdesk.app import App
from careerdesk.core.insights.career_service import CareerRecommendationService
from careerdesk.core.insights.interests import InterestService
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.demo import build_demo
from careerdesk.demo.seeders import insights as seeder
from tests.insights_support import record_levels, target


def test_seeder_builds_history_over_time(app: App) -> None:
    app.clock = FixedClock()
    profile = app.profiles.create("Alex")
    target(app, profile.id, "data_analyst")
    now = app.clock.now()
    # Assessments spread over the month, as the learning seeder records them.
    record_levels(app, profile.id, {"sql": 40}, now - timedelta(days=26))
    record_levels(app, profile.id, {"sql": 60}, now - timedelta(days=12))
    record_levels(app, profile.id, {"data_analysis": 55}, now - timedelta(days=5))

    summary = seeder.seed(app, app.profiles.get(profile.id))

    history = app.service(InsightsService).history(profile.id)
    # Data Analyst weighs 27: SQL 5, Data Analysis 5. Readiness = 0.7 × 100 × Σ / 27:
    # 4 weeks ago nothing; 3 weeks: SQL 40/75; 2 weeks: unchanged (not stored); 1 week:
    # SQL 60/75; now: + Data Analysis 55/80.
    expected = [0.0, 0.7 * 100 * 5 * 40 / 75 / 27, 0.7 * 100 * 5 * 0.8 / 27]
    expected.append(0.7 * 100 * (5 * 0.8 + 5 * 55 / 80) / 27)
    assert [p.readiness for p in history] == [round(x, 1) for x in expected]
    assert [p.computed_at for p in history][:2] == [
        now - timedelta(weeks=4),
        now - timedelta(weeks=3),
    ]
    assert "BBC (Salford)" in history[-1].chances
    assert app.service(InterestService).get(profile.id).code == "ISC"  # type: ignore[union-attr]
    recs = app.service(CareerRecommendationService).get(profile.id)
    assert recs is not None and recs.count == 5
    assert summary.startswith("insights: interest code ISC, 4 history snapshot(s), readiness 19")


def test_demo_command_includes_insights(app: App) -> None:
    reports: list[str] = []
    profile = build_demo(app, report=reports.append)
    assert any(r.startswith("insights:") for r in reports)
    assert app.service(InsightsService).latest(profile.id) is not None
