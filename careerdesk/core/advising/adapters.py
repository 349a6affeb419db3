"""Adapters from other features' services to the dashboard's source Protocols.

Each function returns a working source when its feature is installed and an
:class:`~careerdesk.core.advising.sources.Unavailable` saying what is missing otherwise, so
the advisor dashboard degrades clearly instead of failing.
"""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import Any

from careerdesk.core.advising.sources import (
    Activity,
    ActivitySource,
    ApplicationSource,
    InterviewSource,
    LearnerReadinessPoint,
    LearningCompletion,
    LearningSource,
    ReadinessSource,
    Unavailable,
)
from careerdesk.core.storage.engine import Database


def has_module(module: str) -> bool:
    """Whether a feature module is installed (features merge one by one)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class InsightsReadiness:
    """Readiness history from the insights feature's stored snapshots."""

    available = True
    missing_reason = ""

    def __init__(self, app: Any) -> None:
        self.app = app

    def readiness(self, profile_ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        from careerdesk.core.insights.service import InsightsService

        service = self.app.service(InsightsService)
        out: dict[int, list[LearnerReadinessPoint]] = {}
        for pid in profile_ids:
            points = [
                LearnerReadinessPoint(at=p.computed_at, value=p.readiness, role_id=p.target_role_id)
                for p in service.history(pid)
            ]
            if points:
                out[pid] = points
        return out


def readiness(app: Any) -> ReadinessSource:
    """Readiness history from the insights feature's snapshots."""
    if not has_module("careerdesk.core.insights.service"):
        return Unavailable("needs the Insights feature, which computes readiness")
    return InsightsReadiness(app)


class PathLearning:
    """Completion of each learner's current learning path (the learning feature's counts)."""

    available = True
    missing_reason = ""

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


def learning(app: Any) -> LearningSource | None:
    """Completion of the current learning path, or None to fall back to content progress."""
    if not has_module("careerdesk.core.learning.service"):
        return None
    return PathLearning(app.db)


class PipelineFacts:
    """Applications, interviews and pipeline activity from the pipeline feature's service.

    *Active* applications are those sent and still open: Applied through Negotiating (saved
    postings and drafts are not applications yet; accepted, rejected, withdrawn and ghosted
    ones are closed). Pipeline *activity* is an application created or moved.
    """

    available = True
    missing_reason = ""

    def __init__(self, app: Any) -> None:
        self.app = app

    def _service(self) -> Any:
        from careerdesk.core.pipeline.service import ApplicationService

        return self.app.service(ApplicationService)

    def active_applications(self, profile_ids: list[int]) -> dict[int, int]:
        from careerdesk.core.pipeline.states import ACTIVE_STATES, State

        sent = set(ACTIVE_STATES) - {State.SAVED, State.APPLYING}
        service = self._service()
        return {
            pid: sum(n for state, n in service.counts(pid).items() if state in sent)
            for pid in profile_ids
        }

    def upcoming_interviews(
        self, profile_ids: list[int], now: datetime
    ) -> dict[int, list[datetime]]:
        service = self._service()
        return {
            pid: [i.starts_at for i in service.upcoming_interviews(pid, after=now)]
            for pid in profile_ids
        }

    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        """An application created or moved to another state. (``updated_at`` is left out:
        it is the wall-clock time of any row write, not a learner's action.)"""
        service = self._service()
        out: dict[int, Activity] = {}
        for pid in profile_ids:
            times = [max(r.created_at, r.state_changed_at) for r in service.list(pid)]
            if times:
                out[pid] = Activity(at=max(times), kind="application")
        return out


def _pipeline(app: Any) -> PipelineFacts | None:
    return PipelineFacts(app) if has_module("careerdesk.core.pipeline.service") else None


def applications(app: Any) -> ApplicationSource:
    """Active applications from the pipeline feature."""
    return _pipeline(app) or Unavailable("needs the application pipeline feature")


def interviews(app: Any) -> InterviewSource:
    """Upcoming interviews from the pipeline feature."""
    return _pipeline(app) or Unavailable("needs the application pipeline feature")


def pipeline_activity(app: Any) -> ActivitySource:
    """The newest application change, counted as pipeline activity for the stall rule."""
    return _pipeline(app) or Unavailable("needs the application pipeline feature")


def insights_lines(app: Any, profile_id: int) -> tuple[list[str], str]:
    """Readable insight lines for a learner's report (readiness parts, gaps, next steps),
    and a note when they cannot be produced."""
    if not has_module("careerdesk.core.insights.service"):
        return [], "Insights (readiness parts, gaps, next steps) need the Insights feature."
    from careerdesk.core.insights.service import InsightsService

    doc = app.service(InsightsService).latest(profile_id)
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
