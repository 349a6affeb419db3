"""Where the insights gatherer gets its data: three small Protocols and their implementations.

* :class:`SkillsProvider` — the learner's skill levels. :class:`ServiceSkillsProvider` reads
  the skill model through ``careerdesk.core.skills.service.SkillProfileService``.
* :class:`LearningProvider` — the current learning path. :class:`ServiceLearningProvider`
  reads ``careerdesk.core.learning.service.LearningService``.
* :class:`PipelineProvider` — saved postings / applications (company, title, state),
  implemented by ``careerdesk.core.pipeline.insights_provider.ApplicationsPipelineProvider``.

The composition root (``careerdesk/wiring.py``) hands each one its service.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from careerdesk.core.insights.models import (
    MeasuredSource,
    PathItemInput,
    SkillInput,
    SkillSource,
)
from careerdesk.core.kernel.clock import as_utc
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.learning.queries import items_of
from careerdesk.core.profiles.cache import PerProfileCache
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem

if TYPE_CHECKING:
    from careerdesk.core.learning.models import PathItemView
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.skills.model_rules import SkillEstimate
    from careerdesk.core.skills.service import SkillProfileService

log = logging.getLogger(__name__)


_MEASURED: tuple[MeasuredSource, ...] = ("assessment", "interview")


class PipelinePosting(BaseModel):
    """A posting or application as the pipeline sees it (only what insights needs)."""

    company: str
    title: str
    state: str = ""


@runtime_checkable
class SkillsProvider(Protocol):
    def skills(self, profile_id: int, as_of: datetime | None = None) -> dict[str, SkillInput]:
        """Per skill: latest measured score and latest self-rating (as of ``as_of``)."""
        ...


@runtime_checkable
class LearningProvider(Protocol):
    def path_items(self, profile_id: int, as_of: datetime | None = None) -> list[PathItemInput]:
        """Items of the current learning path with their progress (as of ``as_of``)."""
        ...


@runtime_checkable
class PipelineProvider(Protocol):
    def available(self) -> bool:
        """True when a pipeline feature exists (so "no postings" means none were saved)."""
        ...

    def postings(self, profile_id: int) -> list[PipelinePosting]:
        """The learner's saved postings and applications."""
        ...


# Optional faster forms: a provider that can read inside the gatherer's open unit of work
# lets one recompute use one read session (one snapshot, one connection checkout) instead of
# one per provider. The gatherer falls back to the plain methods above for any other provider.
@runtime_checkable
class SkillsInSession(Protocol):
    def skills_in(self, s: Session, profile_id: int) -> dict[str, SkillInput]: ...


@runtime_checkable
class LearningInSession(Protocol):
    def path_items_in(self, s: Session, profile_id: int) -> list[PathItemInput]: ...


@runtime_checkable
class PipelineInSession(Protocol):
    def postings_in(self, s: Session, profile_id: int) -> list[PipelinePosting]: ...


class LevelLike(Protocol):
    """What :func:`skill_inputs` reads of a level record (``SkillLevel``, ``LevelRecord``)."""

    @property
    def skill_id(self) -> str: ...
    @property
    def level(self) -> float: ...
    @property
    def source(self) -> str: ...
    @property
    def measured_at(self) -> datetime: ...


def skill_inputs(levels: Iterable[LevelLike]) -> dict[str, SkillInput]:
    """Fold SkillLevel-like records (skill_id, level, source, measured_at) into SkillInputs.

    The newest measured (assessment / interview) record gives ``measured``; the newest
    self-rating gives ``self_rated``.
    """
    measured: dict[str, LevelLike] = {}
    rated: dict[str, LevelLike] = {}
    for lvl in levels:
        bucket = measured if lvl.source in _MEASURED else rated
        seen = bucket.get(lvl.skill_id)
        # Aware datetimes compare directly; normalising each of thousands of records to UTC
        # first would cost more than the whole engine.
        if seen is None or _later_or_equal(lvl.measured_at, seen.measured_at):
            bucket[lvl.skill_id] = lvl
    out: dict[str, SkillInput] = {}
    for skill_id in measured.keys() | rated.keys():
        m, r = measured.get(skill_id), rated.get(skill_id)
        out[skill_id] = SkillInput(
            skill_id=skill_id,
            measured=_clamp(m.level) if m is not None else None,
            measured_source=one_of(m.source, _MEASURED) if m is not None else None,
            measured_at=as_utc(m.measured_at) if m is not None else None,
            self_rated=_clamp(r.level) if r is not None else None,
        )
    return out


def _later_or_equal(a: datetime, b: datetime) -> bool:
    if a.tzinfo is None or b.tzinfo is None:
        return as_utc(a) >= as_utc(b)
    return a >= b


def _clamp(level: float) -> float:
    return max(0.0, min(100.0, float(level)))


_V = TypeVar("_V")


def skill_inputs_from(estimates: Mapping[str, SkillEstimate]) -> dict[str, SkillInput]:
    """The skill model's estimates as the engine's inputs (docs/skills.md)."""
    out: dict[str, SkillInput] = {}
    for skill_id, est in estimates.items():
        out[skill_id] = SkillInput.model_construct(
            skill_id=skill_id,
            measured=None if est.self_rated_only else est.estimate,
            measured_source=None if est.self_rated_only else _source(est.sources),
            measured_at=est.last_evidence_at,
            self_rated=est.self_rating,
            estimate=est.estimate,
            sd=est.sd,
            low=est.low,
            high=est.high,
            evidence_count=est.evidence_count,
        )
    return out


def _source(sources: tuple[str, ...]) -> SkillSource:
    kinds = set(sources)
    if "advisor_rating" in kinds:
        return "advisor"
    if kinds & {"quiz_answer", "assessment_score"}:
        return "assessment"
    if kinds & {"interview_practice", "interview_real"}:
        return "interview"
    return "study" if "study" in kinds else "self"


class ServiceSkillsProvider:
    """SkillsProvider over the skill model (``SkillProfileService.estimates``).

    The model keeps a running fold of each learner's append-only ledger and reads only the
    evidence added since, so a recompute after each change stays cheap.
    """

    def __init__(self, skills: SkillProfileService, bus: EventBus) -> None:
        self._skills = skills

    def skills(self, profile_id: int, as_of: datetime | None = None) -> dict[str, SkillInput]:
        return skill_inputs_from(self._skills.estimates(profile_id, as_of))

    def skills_in(self, s: Session, profile_id: int) -> dict[str, SkillInput]:
        """:meth:`skills` now, inside an open unit of work."""
        return skill_inputs_from(self._skills.model.estimates_in(s, profile_id))


class _PathCache:
    def __init__(self, path_id: int, items: list[PathItemInput]) -> None:
        self.path_id = path_id
        self.items = items
        self.progress: dict[int, tuple[str, float]] = {}


class ServiceLearningProvider(PerProfileCache["_PathCache"]):
    """LearningProvider over ``LearningService``.

    A path is an immutable snapshot, so its items are read once per path id
    (``current_path_items``) and afterwards only the progress on them
    (``current_path_progress``); items whose progress did not change are reused as they are.
    """

    def __init__(self, learning: LearningService, db: Database, bus: EventBus) -> None:
        super().__init__(bus)
        self._learning = learning
        self._db = db
        self._paths: dict[int, _PathCache] = self._cache

    def path_items(self, profile_id: int, as_of: datetime | None = None) -> list[PathItemInput]:
        svc = self._learning
        if as_of is not None:
            views = svc.current_path_items(profile_id)
            completed = self._completed_at(profile_id, [v.content_id for v in views])
            return [as_of_item(i, as_utc(as_of)) for i in _inputs(views, completed)]
        with self._db.read() as s:
            return self.path_items_in(s, profile_id)

    def path_items_in(self, s: Session, profile_id: int) -> list[PathItemInput]:
        """:meth:`path_items` now, inside an open unit of work.

        Two light reads per call (the current path's id, the progress rows on its items);
        the items themselves are read once per path id.
        """
        with self._lock:
            conn = s.connection()
            path_id = conn.execute(_LATEST_PATH, {"pid": profile_id}).scalar()
            if path_id is None:
                self._paths.pop(profile_id, None)
                return []
            rows = conn.execute(_PATH_PROGRESS, {"pid": profile_id, "path": path_id}).all()
            progress = {cid: (state, float(watched)) for cid, state, watched in rows}
            cache = self._paths.get(profile_id)
            if cache is None or cache.path_id != path_id:
                views = items_of(s, path_id, profile_id)
                cache = _PathCache(path_id, _inputs(views, {}))
                # the views carry the progress they were read with
                cache.progress = {
                    v.content_id: (v.state, float(v.watched_fraction))
                    for v in views
                    if v.state != "NOT_STARTED" or v.watched_fraction
                }
                self._paths[profile_id] = cache
            if progress != cache.progress:
                old = cache.progress
                changed = {
                    cid for cid in old.keys() | progress.keys() if old.get(cid) != progress.get(cid)
                }
                # only the items whose progress changed are rebuilt (usually one)
                cache.items = [
                    _with_progress(i, progress.get(i.content_id)) if i.content_id in changed else i
                    for i in cache.items
                ]
                cache.progress = progress
            return list(cache.items)

    def _completed_at(self, profile_id: int, content_ids: list[int]) -> dict[int, datetime]:
        if not content_ids:
            return {}
        with self._db.read() as s:
            rows = s.execute(
                select(ContentProgress.content_id, ContentProgress.completed_at).where(
                    ContentProgress.profile_id == profile_id,
                    ContentProgress.content_id.in_(content_ids),
                    ContentProgress.completed_at.is_not(None),
                )
            ).all()
        return {cid: as_utc(at) for cid, at in rows if at is not None}


# Built once with bound parameters and run on the Core connection: the same reads as
# ``learning.queries.latest_path_id`` and ``LearningService.current_path_progress``, without
# building the statements and the ORM's execution path on every recompute.
_PATH = LearningPath.__table__.c
_ITEM = LearningPathItem.__table__.c
_PROGRESS = ContentProgress.__table__.c
_LATEST_PATH = (
    select(_PATH.id)
    .where(_PATH.profile_id == bindparam("pid"))
    .order_by(_PATH.created_at.desc(), _PATH.id.desc())
    .limit(1)
)
_PATH_PROGRESS = (
    select(_PROGRESS.content_id, _PROGRESS.state, _PROGRESS.watched_fraction)
    .join(LearningPathItem.__table__, _ITEM.content_id == _PROGRESS.content_id)
    .where(_ITEM.path_id == bindparam("path"), _PROGRESS.profile_id == bindparam("pid"))
)


def _inputs(views: Iterable[PathItemView], completed: dict[int, datetime]) -> list[PathItemInput]:
    # model_construct: the views were validated by the learning service already; this runs
    # for paths of hundreds of items.
    return [
        PathItemInput.model_construct(
            content_id=v.content_id,
            title=v.title,
            kind=v.kind,
            skills=tuple(v.skills),
            level=v.level,
            est_hours=float(v.est_hours),
            state=v.state,
            watched_fraction=max(0.0, min(1.0, float(v.watched_fraction))),
            position=v.position,
            completed_at=completed.get(v.content_id),
        )
        for v in views
    ]


def _with_progress(item: PathItemInput, progress: tuple[str, float] | None) -> PathItemInput:
    state, watched = progress if progress is not None else ("NOT_STARTED", 0.0)
    watched = max(0.0, min(1.0, watched))
    if item.state == state and item.watched_fraction == watched:
        return item
    return item.model_copy(update={"state": state, "watched_fraction": watched})


def as_of_item(item: PathItemInput, cutoff: datetime) -> PathItemInput:
    """The item as it stood at ``cutoff``: done only if completed by then, else not started.

    Partial progress has no timestamp, so for a past moment it counts as none (an
    understatement, never an invention).
    """
    done = item.completed_at is not None and item.completed_at <= cutoff
    if done:
        return item.model_copy(update={"state": "DONE", "watched_fraction": 1.0})
    return item.model_copy(update={"state": "NOT_STARTED", "watched_fraction": 0.0})
