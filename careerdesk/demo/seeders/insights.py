"""Demo data for insights: interest answers, a company list, history, recommendations.

Runs after the learning and pipeline seeders (ORDER 60), so the history it rebuilds reflects
their assessments and finished content: one recompute per week over the past month, each
filed under its own date (``InsightsService.recompute(at=...)``), then one for now.
"""

from __future__ import annotations

from datetime import timedelta

from careerdesk.app import App
from careerdesk.core.insights.career_service import CareerRecommendationService
from careerdesk.core.insights.interests import InterestService, questionnaire
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.insights.target_companies import CompanyEdit, TargetCompanyService
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 60

# Alex likes finding things out (I), helping and teaching (S), tidy data (C), some design (A).
ANSWER_BY_AREA = {"R": 2, "I": 5, "A": 3, "S": 4, "E": 2, "C": 4}
# A few statements answered differently, as a real person would.
OVERRIDES = {"r02": 4, "a04": 4, "e04": 3, "c01": 2, "s06": 2}
WEEKS_OF_HISTORY = 4


def seed(app: App, profile: ProfileInfo) -> str:
    """Answer the questionnaire, add a local employer, rebuild a month of history."""
    answers = {i.id: ANSWER_BY_AREA[i.dimension] for i in questionnaire().items}
    answers.update(OVERRIDES)
    interest = app.service(InterestService).save_answers(profile.id, answers)

    companies = app.service(TargetCompanyService)
    edits = [CompanyEdit(name=c.name, difficulty=c.difficulty) for c in companies.list(profile.id)]
    edits.append(CompanyEdit(name="BBC (Salford)", difficulty=1.05))
    companies.set_companies(profile.id, edits)

    insights = app.service(InsightsService)
    now = app.clock.now()
    stored = 0
    for weeks in range(WEEKS_OF_HISTORY, 0, -1):
        stored += insights.recompute(profile.id, at=now - timedelta(weeks=weeks)).stored
    result = insights.recompute(profile.id)
    stored += result.stored

    outcome = app.service(CareerRecommendationService).refresh(profile.id, force=True)
    what = "AI-generated" if outcome.source == "ai" else "offline"
    return (
        f"insights: interest code {interest.code}, {stored} history snapshot(s), readiness "
        f"{result.document.readiness.value:.0f}, {outcome.count} {what} career path(s)"
    )
