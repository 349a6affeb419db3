"""Learning checks: the catalogue validates, and a quiz and a learning path work end to end."""

from __future__ import annotations

import random

from careerdesk.app import App
from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.learning.service import LearningService
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.selftest import Check, SelfTestContext


def _catalogue(_ctx: SelfTestContext) -> str:
    c = load_catalog()
    return (
        f"{len(c.skills)} skills, {len(c.roles)} roles, {len(c.questions)} questions, "
        f"{len(c.content)} learning items"
    )


def _assessment_and_path(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    pid = app.profiles.create("Self-test assessment").id
    app.service(SkillProfileService).set_target_roles(pid, ["data_analyst"])
    svc = app.service(AssessmentService)
    view = svc.start(pid, QuizSetup(skills=["sql"], length=3), rng=random.Random(0))
    bank = load_catalog().questions_by_id
    for q in view.questions:
        svc.answer(view.id, q.position, bank[q.question_id].answer)
    review = svc.submit(view.id)
    if review.summary.overall_score != 100.0:
        raise AssertionError(f"all-correct quiz scored {review.summary.overall_score}")
    path = app.service(LearningService).generate_path(pid)
    if not path.items:
        raise AssertionError("no learning path items were chosen")
    return f"quiz scored 100%; learning path of {len(path.items)} items, {path.total_hours:.0f} h"


CHECKS = [
    Check("learning catalogue", _catalogue, order=15),
    Check("assessment and learning path", _assessment_and_path, order=50),
]
