"""Adapters from other features' services to the dashboard's source Protocols.

Each function returns a working source when its feature is installed and an
:class:`~careerdesk.core.monitoring_sources.Unavailable` saying what is missing otherwise, so
the advisor dashboard degrades clearly instead of failing.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from careerdesk.core.db.engine import Database
from careerdesk.core.monitoring_sources import (
    ActivitySource,
    ApplicationSource,
    InterviewSource,
    LearningCompletion,
    LearningSource,
    ReadinessSource,
    Unavailable,
)


def _has(module: str) -> bool:
    """Whether a feature module is installed (features merge one by one)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def readiness(app: Any) -> ReadinessSource:
    """Readiness history from the insights feature's snapshots."""
    return Unavailable("needs the Insights feature, which computes readiness")


class PathLearning:
    """Completion of each learner's current learning path (the learning feature's counts)."""

    available = True
    missing_reason = ""

    def __init__(self, db: Database) -> None:
        self.db = db

    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]:
        from careerdesk.core.learning import path_counts_in

        out: dict[int, LearningCompletion] = {}
        with self.db.read() as s:
            for pid in profile_ids:
                total, done = path_counts_in(s, pid)
                if total:
                    out[pid] = LearningCompletion(done=done, total=total, basis="path")
        return out


def learning(app: Any) -> LearningSource | None:
    """Completion of the current learning path, or None to fall back to content progress."""
    if not _has("careerdesk.core.learning"):
        return None
    return PathLearning(app.db)


def applications(app: Any) -> ApplicationSource:
    """Active applications from the pipeline feature."""
    return Unavailable("needs the application pipeline feature")


def interviews(app: Any) -> InterviewSource:
    """Upcoming interviews from the pipeline feature."""
    return Unavailable("needs the application pipeline feature")


def pipeline_activity(app: Any) -> ActivitySource:
    """The newest application change, counted as pipeline activity for the stall rule."""
    return Unavailable("needs the application pipeline feature")


def insights_lines(app: Any, profile_id: int) -> tuple[list[str], str]:
    """Readable insight lines for a learner's report (readiness parts, gaps, next steps),
    and a note when they cannot be produced."""
    return [], "Insights (readiness parts, gaps, next steps) need the Insights feature."
