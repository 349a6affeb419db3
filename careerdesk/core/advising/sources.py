"""Where the advisor dashboard's numbers come from: one small Protocol per fact.

The cohort table combines facts owned by different features (readiness from insights,
assessments, learning, the application pipeline, interviews). Each is read through a
Protocol taking a batch of profile ids, so the dashboard does one query per fact for the
whole cohort and a feature that is not installed yields an *unavailable* source (shown as
"—" with the reason) instead of an error.

:func:`default_sources` picks the best implementation present: the tracking log
(``learning_events``) and ``content_progress`` are always there; readiness, applications and
interviews come from their features' services when those modules exist.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from careerdesk.core.learning import tracking
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.profiles import LearningEvent

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
    basis: str = "path"  # "path": current learning path; "items": items the learner started

    @property
    def fraction(self) -> float | None:
        return None if self.total <= 0 else self.done / self.total


# --- the protocols ----------------------------------------------------------------------------
@runtime_checkable
class Source(Protocol):
    available: bool
    missing_reason: str


class ReadinessSource(Source, Protocol):
    def readiness(self, profile_ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        """Readiness history per profile, oldest first (the last point is the current)."""
        ...


class ActivitySource(Source, Protocol):
    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        """The newest progress activity per profile (absent when none)."""
        ...


class AssessmentSource(Source, Protocol):
    def assessments_taken(self, profile_ids: list[int]) -> dict[int, int]:
        """Completed (submitted) assessments per profile."""
        ...


class LearningSource(Source, Protocol):
    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]: ...


class ApplicationSource(Source, Protocol):
    def active_applications(self, profile_ids: list[int]) -> dict[int, int]:
        """Applications not in a final state, per profile."""
        ...


class InterviewSource(Source, Protocol):
    def upcoming_interviews(
        self, profile_ids: list[int], now: datetime
    ) -> dict[int, list[datetime]]:
        """Start times of interviews after ``now``, soonest first."""
        ...


# --- always available: the tracking log and content progress ------------------------------------
class TrackingActivity:
    """Last activity from the learning_events log and video/content progress."""

    available = True
    missing_reason = ""

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

    available = True
    missing_reason = ""

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


class ProgressLearning:
    """Completion over the items a learner has started or been given (content_progress).

    Used when the learning-path service is not present; ``basis`` says "items".
    """

    available = True
    missing_reason = ""

    def __init__(self, db: Database) -> None:
        self.db = db

    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]:
        if not profile_ids:
            return {}
        done: dict[int, int] = {}
        total: dict[int, int] = {}
        with self.db.read() as s:
            rows = s.execute(
                select(ContentProgress.profile_id, ContentProgress.state, func.count())
                .where(ContentProgress.profile_id.in_(profile_ids))
                .group_by(ContentProgress.profile_id, ContentProgress.state)
            ).all()
        for pid, state, n in rows:
            total[pid] = total.get(pid, 0) + int(n)
            if state == "DONE":
                done[pid] = done.get(pid, 0) + int(n)
        return {
            pid: LearningCompletion(done=done.get(pid, 0), total=n, basis="items")
            for pid, n in total.items()
        }


# --- stand-ins for features that are not installed ------------------------------------------------
@dataclass
class Unavailable:
    """A source whose feature is absent: every query answers "nothing known"."""

    missing_reason: str
    available: bool = False

    def readiness(self, profile_ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        return {}

    def last_activity(self, profile_ids: list[int]) -> dict[int, Activity]:
        return {}

    def assessments_taken(self, profile_ids: list[int]) -> dict[int, int]:
        return {}

    def completion(self, profile_ids: list[int]) -> dict[int, LearningCompletion]:
        return {}

    def active_applications(self, profile_ids: list[int]) -> dict[int, int]:
        return {}

    def upcoming_interviews(
        self, profile_ids: list[int], now: datetime
    ) -> dict[int, list[datetime]]:
        return {}


class CombinedActivity:
    """The newest activity over several activity sources (tracking log, pipeline, ...)."""

    def __init__(self, sources: Iterable[ActivitySource]) -> None:
        self.sources = [s for s in sources if s.available]
        self.available = bool(self.sources)
        self.missing_reason = "" if self.available else "no activity is recorded yet"

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


@dataclass
class Sources:
    """Everything the cohort table reads, one source per fact."""

    readiness: ReadinessSource
    activity: ActivitySource
    assessments: AssessmentSource
    learning: LearningSource
    applications: ApplicationSource
    interviews: InterviewSource
    notes: list[str] = field(default_factory=list)

    def missing(self) -> list[str]:
        """One line per source that is not available (shown under the table)."""
        out = []
        for label, src in (
            ("Readiness", self.readiness),
            ("Learning completion", self.learning),
            ("Applications", self.applications),
            ("Interviews", self.interviews),
        ):
            if not src.available:
                out.append(f"{label}: {src.missing_reason}")
        return out


def default_sources(app: Any) -> Sources:
    """The best sources this installation has (see the module docstring)."""
    from careerdesk.core.advising import adapters as adapters

    db: Database = app.db
    pipeline_activity = adapters.pipeline_activity(app)
    return Sources(
        readiness=adapters.readiness(app),
        activity=CombinedActivity([TrackingActivity(db), pipeline_activity]),
        assessments=TrackingAssessments(db),
        learning=adapters.learning(app) or ProgressLearning(db),
        applications=adapters.applications(app),
        interviews=adapters.interviews(app),
    )
