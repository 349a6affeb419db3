"""Adapters from other features' services to the dashboard's source Protocols.

Each adapter takes the feature service it reads (built by the composition root, see
:func:`default_sources`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from careerdesk.core.advising.sources import (
    Activity,
    CombinedActivity,
    LearnerReadinessPoint,
    LearningCompletion,
    Sources,
    TrackingActivity,
    TrackingAssessments,
)
from careerdesk.core.kernel.ports import AppServices
from careerdesk.core.storage.engine import Database

if TYPE_CHECKING:
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.skills.service import SkillProfileService


class InsightsReadiness:
    """Readiness history from the insights feature's stored snapshots."""

    def __init__(self, insights: InsightsService) -> None:
        self.insights = insights

    def readiness(self, profile_ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        out: dict[int, list[LearnerReadinessPoint]] = {}
        for pid in profile_ids:
            points = [
                LearnerReadinessPoint(at=p.computed_at, value=p.readiness, role_id=p.target_role_id)
                for p in self.insights.history(pid)
            ]
            if points:
                out[pid] = points
        return out


class ModelSkills:
    """The skill model's estimates (the skills feature's ``SkillProfileService``)."""

    def __init__(self, skills: SkillProfileService) -> None:
        self.skills = skills

    def skill_levels(self, profile_ids: list[int]) -> dict[int, dict[str, tuple[float, bool]]]:
        out: dict[int, dict[str, tuple[float, bool]]] = {}
        for pid in profile_ids:
            got = self.skills.estimates(pid)
            out[pid] = {k: (e.estimate, not e.self_rated_only) for k, e in got.items()}
        return out


class PathLearning:
    """Completion of each learner's current learning path (the learning feature's counts)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]:
        from careerdesk.core.learning.service import path_counts_in

        out: dict[int, LearningCompletion] = {}
        with self.db.read() as s:
            for pid in profile_ids:
                total, done = path_counts_in(s, pid)
                if total:
                    out[pid] = LearningCompletion(done=done, total=total, basis="path")
        return out


class PipelineFacts:
    """Applications, interviews and pipeline activity from the pipeline feature's service.

    *Active* applications are those sent and still open: Applied through Negotiating (saved
    postings and drafts are not applications yet; accepted, rejected, withdrawn and ghosted
    ones are closed). Pipeline *activity* is an application created or moved.
    """

    def __init__(self, applications: ApplicationService) -> None:
        self.applications = applications

    def active_applications(self, profile_ids: list[int]) -> dict[int, int]:
        from careerdesk.core.pipeline.states import ACTIVE_STATES, State

        sent = set(ACTIVE_STATES) - {State.SAVED, State.APPLYING}
        return {
            pid: sum(n for state, n in self.applications.counts(pid).items() if state in sent)
            for pid in profile_ids
        }

    def upcoming_interviews(
        self, profile_ids: list[int], now: datetime
    ) -> dict[int, list[datetime]]:
        return {
            pid: [i.starts_at for i in self.applications.upcoming_interviews(pid, after=now)]
            for pid in profile_ids
        }

    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        """An application created or moved to another state. (``updated_at`` is left out:
        it is the wall-clock time of any row write, not a learner's action.)"""
        out: dict[int, Activity] = {}
        for pid in profile_ids:
            times = [max(r.created_at, r.state_changed_at) for r in self.applications.list(pid)]
            if times:
                out[pid] = Activity(at=max(times), kind="application")
        return out


def insights_lines(insights: InsightsService, profile_id: int) -> tuple[list[str], str]:
    """Readable insight lines for a learner's report (readiness parts, gaps, next steps),
    and a note when there are none yet."""
    doc = insights.latest(profile_id)
    if doc is None:
        return [], "No insights computed yet (they appear after the first assessment)."
    r = doc.readiness
    lines = [
        f"Readiness {r.value:.0f}: skills {r.assessment_component:.0f} "
        f"(weight {r.weights.assessment:.0%}), learning path {r.learning_component:.0f} "
        f"(weight {r.weights.learning:.0%}; {r.path_items_done} of {r.path_items} items)"
    ]
    for gap in doc.gaps[:3]:
        lines.append(
            f"Gap: {gap.name} {gap.current:.0f} → {gap.target:.0f} (about {gap.est_hours:.0f} h)"
        )
    for action in doc.next_actions[:3]:
        lines.append(f"Next: {action.title} (+{action.readiness_gain:.1f} readiness)")
    return lines, ""


def default_sources(app: AppServices) -> Sources:
    """The app's sources: each fact read from the feature that owns it."""
    from careerdesk.core.insights.service import InsightsService
    from careerdesk.core.pipeline.service import ApplicationService
    from careerdesk.core.skills.service import SkillProfileService

    pipeline = PipelineFacts(app.service(ApplicationService))
    return Sources(
        readiness=InsightsReadiness(app.service(InsightsService)),
        activity=CombinedActivity([TrackingActivity(app.db), pipeline]),
        assessments=TrackingAssessments(app.db),
        learning=PathLearning(app.db),
        applications=pipeline,
        interviews=pipeline,
        skills=ModelSkills(app.service(SkillProfileService)),
    )
