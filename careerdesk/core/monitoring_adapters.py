"""Adapters from other features' services to the dashboard's source Protocols.

Each function returns a working source when its feature is installed and an
:class:`~careerdesk.core.monitoring_sources.Unavailable` saying what is missing otherwise, so
the advisor dashboard degrades clearly instead of failing.
"""

from __future__ import annotations

from typing import Any

from careerdesk.core.monitoring_sources import (
    ActivitySource,
    ApplicationSource,
    InterviewSource,
    LearningSource,
    ReadinessSource,
    Unavailable,
)


def readiness(app: Any) -> ReadinessSource:
    """Readiness history from the insights feature's snapshots."""
    return Unavailable("needs the Insights feature, which computes readiness")


def learning(app: Any) -> LearningSource | None:
    """Completion of the current learning path, or None to fall back to content progress."""
    return None


def applications(app: Any) -> ApplicationSource:
    """Active applications from the pipeline feature."""
    return Unavailable("needs the application pipeline feature")


def interviews(app: Any) -> InterviewSource:
    """Upcoming interviews from the pipeline feature."""
    return Unavailable("needs the application pipeline feature")


def pipeline_activity(app: Any) -> ActivitySource:
    """The newest application change, counted as pipeline activity for the stall rule."""
    return Unavailable("needs the application pipeline feature")
