"""Demo work-style preferences, scores of the finished real interviews, and the verdicts the
demo learner had when applying (ORDER 35: after the pipeline, before pipeline intelligence).

The demo pipeline is written step by step before any job description exists, so its moves
froze "No verdict"; the descriptions are added here and the decision verdicts back-filled
(flagged as such) the way migration 0017 treats applications from before snapshots.
"""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.intel.preferences import PreferencesService, WorkPreferencesData
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.demo.seeders.intel import _posting

ORDER = 35

PREFERENCES = WorkPreferencesData(
    work_modes=["hybrid", "remote"],
    company_sizes=["small", "medium"],
    sectors=["finance", "healthcare", "software"],
    values=["learning", "balance", "collaboration"],
    expected_salary=45_000,
    currency="GBP",
)
# How the finished real interviews went: (communication, technical, problem solving), the
# technical score for SQL. Passed rounds score higher than failed ones.
PASSED = (78, 70, 72)
FAILED = (62, 48, 55)


def seed(app: App, profile: ProfileInfo) -> str:
    app.service(PreferencesService).save(profile.id, PREFERENCES)
    pipeline = app.service(ApplicationService)
    scored = 0
    for row in pipeline.list(profile.id):
        detail = pipeline.get(row.id)
        if not detail.description:
            pipeline.update(row.id, {"description": _posting(row.title)}, actor="demo")
        for n, iv in enumerate(detail.interviews):
            if iv.outcome not in ("passed", "failed"):
                continue
            comm, tech, prob = PASSED if iv.outcome == "passed" else FAILED
            shift = (row.id + n) % 5 * 2  # a little variety between rounds
            pipeline.update_interview(
                iv.id,
                {
                    "communication": comm + shift,
                    "technical": tech + shift,
                    "problem_solving": prob - shift,
                    "focus_skill_id": "sql",
                },
                actor="demo",
            )
            scored += 1
    backfilled = app.service(FitService).backfill_snapshots(profile.id)
    return (
        f"work-style preferences, {scored} real interviews scored, "
        f"{backfilled} decision verdicts back-filled"
    )
