"""Demo data for interview practice: six interviews over eight weeks, scores improving.

Feedback comes from the offline rules (the demo never calls the network), generated from
each interview's notes so it reads like the real thing.
"""

from __future__ import annotations

from datetime import timedelta

from careerdesk.app import App
from careerdesk.core.interviews.models import InterviewKind
from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 50

# (days ago, kind, title, focus skill, communication, technical, problem solving, code
# quality, notes). Scores improve with the odd dip, as real practice does.
PRACTICES: tuple[
    tuple[int, InterviewKind, str, str | None, int, int, int, int | None, str], ...
] = (
    (56, "mock", "Mock with a friend", "python", 52, 45, 48, 40,
     "Nervous at the start and rambled on the intro. Got stuck on the two-sum variant and "
     "needed several hints. Forgot to write tests. Code was messy, with duplicated loops."),
    (45, "phone", "Phone screen practice", None, 61, 50, 52, None,
     "Answers were clearer this time but still long-winded. Used STAR for the conflict "
     "question. Did not ask clarifying questions on the estimation task."),
    (34, "technical", "LeetCode-style mock", "python", 63, 58, 60, 55,
     "Asked clarifying questions first. Brute force then optimised with a hash map. "
     "Discussed complexity, O(n). Missed edge cases with empty input. No tests."),
    (23, "technical", "SQL take-home review", "sql", 66, 64, 62, 61,
     "Explained the approach clearly. Walked through an example by hand. Wrote unit tests "
     "for the query helpers. Some magic numbers left in the code."),
    (12, "system_design", "System design mock", "system_design", 70, 61, 67, 63,
     "Talked through trade-offs between a cache and a read replica. Did not consider how "
     "the design scales past one region. Clear, concise answers."),
    (3, "onsite", "Onsite rehearsal (Northwind Analytics)", "python", 76, 70, 74, 72,
     "Used STAR throughout the behavioural round. Covered edge cases before coding, "
     "explained the complexity, wrote tests, readable code with helper functions. "
     "No hints needed."),
)  # fmt: skip


def seed(app: App, profile: ProfileInfo) -> str:
    """Add the demo interviews (with offline feedback) to ``profile``."""
    if not profile.target_role_ids:
        # The radar needs a role; the learning seeder normally chose one already.
        app.profiles.set_target_roles(profile.id, ["data_analyst"])
    svc = app.service(InterviewPracticeService)
    now = app.clock.now().replace(hour=10, minute=0, second=0, microsecond=0)
    for days, kind, title, focus, comm, tech, prob, code, notes in PRACTICES:
        data = PracticeInput(
            held_at=now - timedelta(days=days),
            kind=kind,
            title=title,
            focus_skill_id=focus,
            communication=comm,
            technical=tech,
            problem_solving=prob,
            code_quality=code,
            notes=notes,
        )
        generated = svc.generate_feedback(data, use_ai=False)
        svc.create(profile.id, data, [generated.offline])
    return f"{len(PRACTICES)} interview practices over 8 weeks, with per-skill feedback"
