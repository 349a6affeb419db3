"""Where the advisor dashboard's numbers come from: one small Protocol per fact.

The cohort table combines facts owned by different features (readiness from insights,
assessments, learning, the application pipeline, interviews). Each is read through a
Protocol taking a batch of profile ids, so the dashboard does one query per fact for the
whole cohort, and tests can stand in a small fake for any one fact.

``adapters.default_sources`` builds the real ones: activity and assessments taken from the
tracking log (``learning_events``) and content progress, readiness from the insights
feature's snapshots, learning completion from the current learning path, and applications,
interviews and pipeline activity from the application pipeline (see ``adapters``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from careerdesk.core.learning import tracking
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.profiles import LearningEvent

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


class LearnerReadinessPoint(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    value: float  # 0–100
    role_id: str | None = None  # the target role it was measured against


class Activity(BaseModel):
    """The newest assessment, learning or pipeline activity of a learner."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    kind: str  # e.g. "assessment_submitted", "video", "application"


class LearningCompletion(BaseModel):
    model_config = ConfigDict(frozen=True)

    done: int
    total: int
    basis: str = "path"  # what ``total`` counts: the items of the current learning path

    @property
    def fraction(self) -> float | None:
        return None if self.total <= 0 else self.done / self.total


# --- the protocols ----------------------------------------------------------------------------
class ReadinessSource(Protocol):
    def readiness(self, profile_ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        """Readiness history per profile, oldest first (the last point is the current)."""
        ...


class ActivitySource(Protocol):
    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        """The newest progress activity per profile (absent when none)."""
        ...


class AssessmentSource(Protocol):
    def assessments_taken(self, profile_ids: list[int]) -> dict[int, int]:
        """Completed (submitted) assessments per profile."""
        ...


class LearningSource(Protocol):
    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]: ...


class ApplicationSource(Protocol):
    def active_applications(self, profile_ids: list[int]) -> dict[int, int]:
        """Applications not in a final state, per profile."""
        ...


class InterviewSource(Protocol):
    def upcoming_interviews(
        self, profile_ids: list[int], now: datetime
    ) -> dict[int, list[datetime]]:
        """Start times of interviews after ``now``, soonest first."""
        ...


# --- the tracking log and content progress --------------------------------------------------
class TrackingActivity:
    """Last activity from the learning_events log and video/content progress."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        if not profile_ids:
            return {}
        out: dict[int, Activity] = {}
        with self.db.read() as s:
            newest = (
                select(LearningEvent.profile_id, func.max(LearningEvent.at).label("at"))
                .where(LearningEvent.profile_id.in_(profile_ids))
                .group_by(LearningEvent.profile_id)
                .subquery()
            )
            rows = s.execute(
                select(LearningEvent.profile_id, LearningEvent.at, LearningEvent.kind).join(
                    newest,
                    (LearningEvent.profile_id == newest.c.profile_id)
                    & (LearningEvent.at == newest.c.at),
                )
            ).all()
            for pid, at, kind in rows:
                out[pid] = Activity(at=at, kind=kind)
            progress = s.execute(
                select(ContentProgress.profile_id, func.max(ContentProgress.updated_at))
                .where(ContentProgress.profile_id.in_(profile_ids))
                .where(ContentProgress.state != "NOT_STARTED")
                .group_by(ContentProgress.profile_id)
            ).all()
        for pid, at in progress:
            if at is not None:
                merge_activity(out, pid, Activity(at=at, kind="learning"))
        return out


class TrackingAssessments:
    """Assessments taken = ``assessment_submitted`` entries in the tracking log."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def assessments_taken(self, profile_ids: list[int]) -> dict[int, int]:
        if not profile_ids:
            return {}
        with self.db.read() as s:
            rows = s.execute(
                select(LearningEvent.profile_id, func.count())
                .where(LearningEvent.profile_id.in_(profile_ids))
                .where(LearningEvent.kind == tracking.ASSESSMENT_SUBMITTED)
                .group_by(LearningEvent.profile_id)
            ).all()
        return {pid: int(n) for pid, n in rows}


class CombinedActivity:
    """The newest activity over several activity sources (tracking log, pipeline, ...)."""

    def __init__(self, sources: Iterable[ActivitySource]) -> None:
        self.sources = list(sources)

    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        out: dict[int, Activity] = {}
        for source in self.sources:
            for pid, act in source.last_activity(profile_ids).items():
                merge_activity(out, pid, act)
        return out


def merge_activity(into: dict[int, Activity], profile_id: int, activity: Activity) -> None:
    """Keep the newer of the known and the given activity."""
    known = into.get(profile_id)
    if known is None or activity.at > known.at:
        into[profile_id] = activity


class SkillSource(Protocol):
    """The skill model's estimates per learner (docs/skills.md)."""

    def skill_levels(self, profile_ids: list[int]) -> dict[int, dict[str, tuple[float, bool]]]:
        """Per learner, per skill with evidence: (estimate, measured — not only self-rated)."""
        ...


@dataclass
class Sources:
    """Everything the cohort table reads, one source per fact."""

    readiness: ReadinessSource
    activity: ActivitySource
    assessments: AssessmentSource
    learning: LearningSource
    applications: ApplicationSource
    interviews: InterviewSource
    skills: SkillSource | None = None
