"""Demo data for learning: a target role, self-ratings, two assessments weeks apart (real
bank questions, answered realistically so the review screen has right and wrong answers) and
a learning path regenerated after the second one, with some progress."""

from __future__ import annotations

import random
from datetime import timedelta

from careerdesk.app import App
from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.learning.service import LearningService
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService

ORDER = 10

ROLE = "data_analyst"
SELF_RATINGS = {
    "sql": 55,
    "data_analysis": 45,
    "statistics": 40,
    "python": 50,
    "communication": 70,
    "problem_solving": 60,
    "databases": 30,
}
QUIZ_SKILLS = ["sql", "data_analysis", "statistics"]
# Chance of a right answer per difficulty: the learner improves between the two quizzes.
FIRST_ACCURACY = {"easy": 0.75, "medium": 0.45, "hard": 0.2}
SECOND_ACCURACY = {"easy": 0.85, "medium": 0.6, "hard": 0.35}


def _take_quiz(
    svc: AssessmentService,
    clock: FixedClock,
    profile_id: int,
    accuracy: dict[str, float],
    rng: random.Random,
) -> float:
    bank = load_catalog().questions_by_id
    view = svc.start(
        profile_id, QuizSetup(skills=QUIZ_SKILLS, length=12, time_limit_min=20), rng=rng
    )
    elapsed = 0.0
    for q in view.questions:
        right = bank[q.question_id].answer
        spent = rng.uniform(25, 70)
        elapsed += spent
        clock.advance(seconds=spent)
        chosen = right if rng.random() < accuracy[q.difficulty] else (right + rng.randint(1, 3)) % 4
        svc.answer(view.id, q.position, chosen, current_index=q.position, elapsed_s=elapsed)
        if q.difficulty == "hard" and chosen != right and rng.random() < 0.5:
            svc.flag(view.id, q.position, True)
    review = svc.submit(view.id, elapsed_s=elapsed)
    return review.summary.overall_score or 0.0


def seed(app: App, profile: ProfileInfo) -> str:
    """Fill ``profile`` with the learning story; returns a one-line summary."""
    pid = profile.id
    now = app.clock.now()
    clock = FixedClock(now - timedelta(days=36, hours=2))
    skills = SkillProfileService(app.db, app.bus, app.profiles, clock)
    assessments = AssessmentService(app.db, app.bus, clock=clock)
    learning = LearningService(app.db, app.bus, clock=clock)
    rng = random.Random(2026)

    skills.set_target_roles(pid, [ROLE, "business_analyst"])
    skills.set_self_ratings(pid, SELF_RATINGS)

    clock.set(now - timedelta(days=35))
    first = _take_quiz(assessments, clock, pid, FIRST_ACCURACY, rng)
    clock.advance(minutes=3)
    path = learning.generate_path(pid)
    # Web items are the ones marked done by hand; the pack's videos (docs/packs.md) are left
    # for the demo's user to play, so watching them visibly moves readiness.
    for i, item in enumerate([i for i in path.items if not i.playable][:3]):
        clock.advance(days=3 + i * 2)
        learning.open_item(pid, item.content_id)
        clock.advance(hours=2)
        learning.mark_done(pid, item.content_id)

    clock.set(now - timedelta(days=7))
    second = _take_quiz(assessments, clock, pid, SECOND_ACCURACY, rng)
    clock.advance(minutes=5)
    path = learning.generate_path(pid)
    open_items = [i for i in path.items if i.state == "NOT_STARTED"]
    if open_items:
        clock.advance(days=2)
        learning.open_item(pid, open_items[0].content_id)
    final = learning.current_path(pid)
    done = final.done if final else 0
    items = len(final.items) if final else 0
    return (
        f"learning: target role Data Analyst, assessments {first:.0f}% → {second:.0f}% four "
        f"weeks apart, learning path of {items} items ({done} done)"
    )
