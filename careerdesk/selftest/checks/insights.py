"""Self-test: the insights engine and the offline career recommender work on this install."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.selftest import Check, SelfTestContext


def _insights(ctx: SelfTestContext) -> str:
    from careerdesk.core.insights.career_rules import recommend_offline
    from careerdesk.core.insights.career_service import CareerRecommendationService
    from careerdesk.core.insights.interests import InterestService, questionnaire
    from careerdesk.core.insights.service import InsightsService

    app: App = ctx.state["app"]
    profile = app.profiles.create("Self-test insights")
    try:
        app.profiles.set_target_roles(profile.id, ["data_analyst"])
        result = app.service(InsightsService).recompute(profile.id)
        doc = result.document
        if not result.stored or len(doc.roles) != len(app.service(InsightsService).catalog.roles):
            raise AssertionError("insights were not computed for every catalogue role")
        answers = {i.id: 5 if i.dimension == "I" else 2 for i in questionnaire().items}
        interest = app.service(InterestService).save_answers(profile.id, answers)
        # The offline engine on purpose: a self-test must not depend on the network.
        recs = app.service(CareerRecommendationService)
        paths = recommend_offline(recs.plan(profile.id).facts, recs.catalog, recs.onet)
        if not paths:
            raise AssertionError("the offline recommender suggested nothing")
        role = doc.target_role.title if doc.target_role else "no role"
        return (
            f"readiness {doc.readiness.value:.0f} against {role}; "
            f"interest code {interest.code}; {len(paths)} career paths"
        )
    finally:
        app.profiles.delete(profile.id)


CHECKS = [Check("insights and recommendations", _insights, order=60)]
