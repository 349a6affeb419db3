"""``careerdesk demo-cohort N``: a class of demo learners for the advisor dashboard.

Unlike the seeders (which fill one profile), this creates N learners whose histories span
the last weeks, so every column and flag of the dashboard has something to show. Activity
goes through the real services with a movable clock, so it is back-dated consistently
(tracking log, assessment sessions, progress rows, readiness snapshots all agree).

Personas (assigned in turn, then shuffled with a fixed seed):

* steady — an assessment every week or so, learning items done, readiness rising slowly;
* struggling — low scores (needs support), still active;
* stalled — active at first, nothing for 3–6 weeks;
* fast — weak start, then strong recent scores (improving fast);
* new — joined in the last few days.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.profiles.service import ProfileDetails, ProfileInfo

if TYPE_CHECKING:
    from careerdesk.core.assessments.service import AssessmentService
    from careerdesk.core.kernel.ports import AppServices
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.pipeline.service import ApplicationService

FIRST_NAMES = [
    "Amara", "Ben", "Chloé", "Dev", "Elif", "Farah", "Gus", "Hana", "Ivan", "Jade",
    "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomás",
    "Uma", "Viktor", "Wen", "Xavi", "Yara", "Zane",
]  # fmt: skip
SURNAMES = [
    "Okafor", "Hughes", "Martin", "Patel", "Yılmaz", "Haddad", "Berg", "Sato", "Petrov",
    "Nguyen", "Mensah", "Fischer", "García", "Adeyemi", "Khan", "Iyer", "Walsh", "Costa",
]  # fmt: skip
CITIES = ["Manchester", "Leeds", "Bristol", "Glasgow", "Cardiff", "Belfast", "London"]
STUDIES = [
    "BSc Computer Science",
    "BA Economics",
    "HND Computing",
    "MSc Data Science",
    "Career changer (retail)",
    "Bootcamp graduate",
]
ROLES = ["data_analyst", "software_engineer", "frontend_developer", "devops_engineer", "it_support"]
PERSONAS = ("steady", "struggling", "stalled", "fast", "new")


COMPANIES = [
    "Northwind Analytics", "Brightwave Health", "Lumen Retail", "Crescent Bank",
    "Tidal Energy", "Orbit Logistics", "Kestrel Games", "Harbour Council",
]  # fmt: skip


@dataclass
class _Plan:
    persona: str
    start_days_ago: int
    # (days ago, share of answers right) per assessment
    quizzes: list[tuple[float, float]]
    # days ago at which a learning item is completed
    learning_done: list[float]
    # (days ago, final state, days from now of an interview or None) per application
    applications: list[tuple[float, str, float | None]]


def _plan(persona: str, rng: random.Random) -> _Plan:
    quizzes: list[tuple[float, float]]
    apps: list[tuple[float, str, float | None]] = []
    if persona == "steady":
        start = rng.randint(45, 70)
        quizzes = [(d, rng.uniform(0.65, 0.85)) for d in range(start - 3, 2, -rng.randint(9, 14))]
        learning = [rng.uniform(1, start - 5) for _ in range(rng.randint(4, 8))]
        apps = [
            (rng.uniform(10, 25), "APPLIED", None),
            (rng.uniform(5, 15), "SCREENING", None),
            (rng.uniform(3, 9), "PHONE_INTERVIEW", rng.uniform(1, 6)),
            (rng.uniform(20, 30), "REJECTED", None),
        ]
    elif persona == "struggling":
        start = rng.randint(30, 60)
        quizzes = [(d, rng.uniform(0.15, 0.35)) for d in (start - 2, rng.randint(3, 10))]
        learning = [rng.uniform(2, 12) for _ in range(rng.randint(0, 2))]
        apps = [(rng.uniform(3, 12), "APPLIED", None)] if rng.random() < 0.5 else []
    elif persona == "stalled":
        start = rng.randint(50, 80)
        quiet = rng.randint(20, 42)
        quizzes = [(start - 2, rng.uniform(0.35, 0.6))]
        learning = [rng.uniform(quiet, start - 4) for _ in range(rng.randint(1, 3))]
        apps = [(rng.uniform(quiet, start - 3), "APPLIED", None)]
    elif persona == "fast":
        start = rng.randint(25, 40)
        quizzes = [(start - 1, rng.uniform(0.2, 0.35)), (9, 0.6), (2, rng.uniform(0.8, 0.95))]
        learning = [rng.uniform(1, 12) for _ in range(rng.randint(4, 7))]
        apps = [
            (rng.uniform(4, 8), "APPLIED", None),
            (rng.uniform(2, 5), "TECHNICAL_INTERVIEW", rng.uniform(2, 9)),
        ]
    else:  # new
        start = rng.randint(1, 5)
        quizzes = [(start - 0.5, rng.uniform(0.4, 0.7))] if rng.random() < 0.6 else []
        learning = []
    return _Plan(persona, start, quizzes, learning, apps)


def build_cohort(
    app: AppServices,
    clock: FixedClock,
    count: int,
    *,
    seed: int = 7,
    report: Callable[[str], None] | None = None,
) -> list[ProfileInfo]:
    """Create ``count`` demo learners (names suffixed when taken). ``clock`` must be the
    app's clock: it is moved back and forth to date the activity, then set to ``end``."""
    from careerdesk.core.assessments.service import AssessmentService
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.skills.service import SkillProfileService

    rng = random.Random(seed)
    end = clock.now()
    personas = [PERSONAS[i % len(PERSONAS)] for i in range(count)]
    rng.shuffle(personas)
    assessments = app.service(AssessmentService)
    learning = app.service(LearningService)
    skills = app.service(SkillProfileService)
    insights = app.service(InsightsService)
    pipeline = app.service(ApplicationService)
    made: list[ProfileInfo] = []
    for i, persona in enumerate(personas):
        first = FIRST_NAMES[i % len(FIRST_NAMES)]
        surname = SURNAMES[(i * 7) % len(SURNAMES)]
        name = first if i < len(FIRST_NAMES) else f"{first} {i // len(FIRST_NAMES) + 1}"
        while app.profiles.exists(name):
            name = f"{name}+"
        plan = _plan(persona, rng)
        clock.set(end - timedelta(days=plan.start_days_ago))
        profile = app.profiles.create(
            name,
            ProfileDetails(
                full_name=f"{first} {surname}",
                location=f"{rng.choice(CITIES)}, UK",
                field_of_study=rng.choice(STUDIES),
                interests=rng.choice(["data", "web", "cloud", "teaching", "games", "finance"]),
            ),
        )
        role = rng.choice(ROLES)
        skills.set_target_roles(profile.id, [role])
        events: list[tuple[float, str, Any]] = [(d, "quiz", share) for d, share in plan.quizzes]
        if plan.quizzes or plan.learning_done:
            # The path is built right after the first assessment (it starts from the gaps).
            first_quiz = max((d for d, _ in plan.quizzes), default=plan.start_days_ago - 1.0)
            events.append((first_quiz - 0.1, "path", None))
        events += [(d, "learn", None) for d in plan.learning_done]
        events += [(d, "apply", (state, iv)) for d, state, iv in plan.applications]
        for days_ago, kind, arg in sorted(events, key=lambda e: -e[0]):
            clock.set(end - timedelta(days=max(days_ago, 0.05)))
            if kind == "quiz":
                _take_quiz(assessments, profile.id, arg, rng)
            elif kind == "path":
                learning.generate_path(profile.id)
            elif kind == "learn":
                _finish_item(learning, profile.id, rng, clock)
            else:
                _apply(pipeline, profile.id, arg, rng, end)
            if kind != "apply":
                insights.recompute(profile.id)  # a readiness snapshot dated by the clock
        clock.set(end)
        made.append(app.profiles.get(profile.id))
        if report is not None:
            report(f"{name}: {persona}, {len(plan.quizzes)} assessments")
    clock.set(end)
    return made


def _apply(
    service: ApplicationService,
    profile_id: int,
    plan: tuple[str, float | None],
    rng: random.Random,
    end: datetime,
) -> None:
    """One application created now (the clock's time) and moved to its state."""
    state, interview_in_days = plan
    company = rng.choice(COMPANIES)
    title = (
        rng.choice(["Junior", "Graduate", "Associate", "Trainee"])
        + " "
        + rng.choice(["Analyst", "Developer", "Engineer", "Support Specialist"])
    )
    detail = service.create(
        profile_id, {"company": company, "title": title, "state": "SAVED"}, allow_duplicate=True
    )
    path = {
        "APPLIED": ["APPLIED"],
        "SCREENING": ["APPLIED", "SCREENING"],
        "PHONE_INTERVIEW": ["APPLIED", "PHONE_INTERVIEW"],
        "TECHNICAL_INTERVIEW": ["APPLIED", "SCREENING", "TECHNICAL_INTERVIEW"],
        "REJECTED": ["APPLIED", "REJECTED"],
    }[state]
    for step in path:
        service.move(detail.id, step)
    if interview_in_days is not None:
        starts = (end + timedelta(days=interview_in_days)).replace(
            hour=rng.choice([9, 10, 11, 14, 15]), minute=0, second=0, microsecond=0
        )
        service.add_interview(detail.id, {"kind": "video", "starts_at": starts})


def _take_quiz(
    service: AssessmentService, profile_id: int, share: float, rng: random.Random
) -> None:
    from careerdesk.core.assessments.models import QuizSetup

    skills = service.default_skills(profile_id, count=3)
    prepared = service.prepare(profile_id, QuizSetup(skills=skills, length=10), rng=rng)
    session = service.begin(prepared, replace_unfinished=True)
    for q, view in zip(prepared.questions, session.questions, strict=True):
        right = rng.random() < share
        chosen = q.answer if right else (q.answer + rng.randint(1, 3)) % 4
        service.answer(session.id, view.position, chosen)
    service.submit(session.id, elapsed_s=rng.uniform(240, 900))


def _finish_item(
    service: LearningService, profile_id: int, rng: random.Random, clock: FixedClock
) -> None:
    items = [i for i in service.current_path_items(profile_id) if i.state != "DONE"]
    if not items:
        return
    item = items[0] if rng.random() < 0.7 else rng.choice(items)
    service.open_item(profile_id, item.content_id)
    clock.advance(minutes=rng.randint(12, 90))  # time spent on it (and distinct timestamps)
    service.mark_done(profile_id, item.content_id)
