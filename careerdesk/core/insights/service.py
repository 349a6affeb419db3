"""``InsightsService``: gather the inputs, compute, keep a history of changes.

``recompute(profile_id)`` is what every trigger calls (the GUI runs it on the task runner's
write lane when a domain event in :data:`TRIGGER_EVENTS` arrives). It stores a snapshot only
when a number changed and publishes :class:`~careerdesk.core.insights.events.InsightsUpdated` after
that commit.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import cast

from pydantic import BaseModel
from sqlalchemy import Table, bindparam, insert, null, select, update
from sqlalchemy.orm import Session

from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.insights.engine import compute_insights, fingerprint
from careerdesk.core.insights.events import InsightsUpdated, TargetCompaniesChanged
from careerdesk.core.insights.models import InsightsDocument, InsightsInputs, PostingInput
from careerdesk.core.insights.providers import (
    LearningInSession,
    LearningProvider,
    PipelineInSession,
    PipelineProvider,
    SkillsInSession,
    SkillsProvider,
)
from careerdesk.core.insights.target_companies import TargetCompanyService
from careerdesk.core.interviews.events import InterviewPracticeChanged
from careerdesk.core.kernel.clock import Clock, as_utc
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import DataRestored, DomainEvent, EventBus
from careerdesk.core.learning.events import (
    ContentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
)
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.player.events import VideoProgressed
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.reference.catalog import Catalog, Role
from careerdesk.core.reference.lazy import LazyCatalog
from careerdesk.core.skills.events import SkillEvidenceAdded, TargetRoleChanged
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.insights import InsightSnapshot
from careerdesk.core.storage.tables.profiles import Profile

log = logging.getLogger(__name__)

# Events after which the numbers may have changed.
TRIGGER_EVENTS: tuple[type[DomainEvent], ...] = (
    AssessmentCompleted,
    VideoProgressed,
    ContentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
    TargetRoleChanged,
    ApplicationChanged,
    TargetCompaniesChanged,
    DataRestored,
    # every change of the skill model's evidence (answers, self- and advisor ratings,
    # interview practice and real interviews, study), and interview edits themselves
    SkillEvidenceAdded,
    InterviewPracticeChanged,
)
# The statements of a recompute, built once with bound parameters and run on the Core
# connection: building them and the ORM's execution path cost more than the reads.
_SNAP_TABLE = cast(Table, InsightSnapshot.__table__)
_SNAP = _SNAP_TABLE.c
_PROFILE_ROLES = select(Profile.__table__.c.target_role_ids).where(
    Profile.__table__.c.id == bindparam("pid")
)
_PREVIOUS = (
    select(_SNAP.fingerprint)
    .where(_SNAP.profile_id == bindparam("pid"), _SNAP.computed_at <= bindparam("at"))
    .order_by(_SNAP.computed_at.desc(), _SNAP.id.desc())
    .limit(1)
)
_NEWER = (
    select(_SNAP.id)
    .where(_SNAP.profile_id == bindparam("pid"), _SNAP.computed_at > bindparam("at"))
    .limit(1)
)
_DROP_DOCUMENTS = (
    update(_SNAP_TABLE)
    .where(_SNAP.profile_id == bindparam("pid"), _SNAP.document.is_not(None))
    .values(document=null())
)
_INSERT = insert(_SNAP_TABLE)
# Profile edits that can change the numbers (a name or a location cannot).
_PROFILE_FIELDS = frozenset({"skill_ratings", "skill_levels", "target_role_ids"})


def is_trigger(event: DomainEvent) -> bool:
    """True for events that can change a learner's insights."""
    if isinstance(event, ProfileUpdated):
        return bool(_PROFILE_FIELDS.intersection(event.fields))
    return isinstance(event, TRIGGER_EVENTS)


class RecomputeResult(BaseModel):
    document: InsightsDocument
    stored: bool  # False when nothing changed since the last snapshot


class HistoryPoint(BaseModel):
    """One stored snapshot's numbers (for charts)."""

    computed_at: datetime
    target_role_id: str | None
    readiness: float
    assessment_component: float
    learning_component: float
    chances: dict[str, float]


class InsightsService(LazyCatalog):
    """Builds :class:`InsightsInputs` from the providers and stores changed results."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock,
        *,
        skills: SkillsProvider,
        learning: LearningProvider,
        pipeline: PipelineProvider,
        catalog: Catalog | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock
        self.skills = skills
        self.learning = learning
        self.pipeline = pipeline
        self._catalog = catalog
        self._assessable_skills: frozenset[str] | None = None
        self._title_codes: dict[str, str | None] = {}
        self._title_codes_for: frozenset[str] = frozenset()
        self._skill_names: dict[str, str] | None = None
        self._lock = threading.Lock()

    # -- gathering -------------------------------------------------------------------------
    def gather(self, profile_id: int, *, as_of: datetime | None = None) -> InsightsInputs:
        """Everything the engine needs for ``profile_id`` (as it stood at ``as_of``)."""
        with self.db.read() as s:
            return self._gather_in(s, profile_id, as_of)

    def _gather_in(self, s: Session, profile_id: int, as_of: datetime | None) -> InsightsInputs:
        """:meth:`gather` inside one open read: one snapshot of the data, one connection.

        Providers that can read inside it (``*InSession`` in providers.py) do; any other
        provider reads on its own, as before.
        """
        conn = s.connection()
        target_ids = conn.execute(_PROFILE_ROLES, {"pid": profile_id}).one_or_none()
        if target_ids is None:
            raise NotFoundError(f"Profile #{profile_id} does not exist.")
        target_roles = tuple(target_ids[0] or ())
        companies = TargetCompanyService.list_in(s, profile_id)
        catalog = self.catalog
        roles = tuple(catalog.roles.values())
        postings: tuple[PostingInput, ...] = ()
        available = self.pipeline.available()
        if available:
            postings = tuple(self._map_postings(s, profile_id, roles))
        now = as_of is None
        skills = (
            self.skills.skills_in(s, profile_id)
            if now and isinstance(self.skills, SkillsInSession)
            else self.skills.skills(profile_id, as_of)
        )
        path = (
            self.learning.path_items_in(s, profile_id)
            if now and isinstance(self.learning, LearningInSession)
            else self.learning.path_items(profile_id, as_of)
        )
        if self._skill_names is None:
            self._skill_names = {k: v.name for k, v in catalog.skills.items()}
        return InsightsInputs(
            profile_id=profile_id,
            computed_at=as_utc(as_of) if as_of is not None else self.clock.now(),
            target_role_ids=target_roles,
            skills=skills,
            path=tuple(path),
            companies=tuple(companies),
            postings=postings,
            roles=roles,
            skill_names=self._skill_names,
            pipeline_available=available,
            assessable=self._assessable(),
        )

    def _assessable(self) -> frozenset[str]:
        """Skills the shipped question bank covers (what an assessment can measure)."""
        if self._assessable_skills is None:
            counts = self.catalog.question_counts()
            self._assessable_skills = frozenset(k for k, v in counts.items() if sum(v.values()))
        return self._assessable_skills

    def _map_postings(
        self, s: Session, profile_id: int, roles: tuple[Role, ...]
    ) -> list[PostingInput]:
        from careerdesk.core.reference.onet import onet

        prefer = frozenset(r.onet_code for r in roles)
        if prefer != self._title_codes_for:
            self._title_codes, self._title_codes_for = {}, prefer
        codes = self._title_codes  # title -> O*NET code: the mapping is pure, titles repeat
        out = []
        pipeline = self.pipeline
        postings = (
            pipeline.postings_in(s, profile_id)
            if isinstance(pipeline, PipelineInSession)
            else pipeline.postings(profile_id)
        )
        for posting in postings:
            if posting.title not in codes:
                if len(codes) > 5000:
                    codes.clear()
                match = onet().map_title(posting.title, prefer=prefer)
                codes[posting.title] = match.code if match is not None else None
            out.append(
                PostingInput(
                    company=posting.company,
                    title=posting.title,
                    state=posting.state,
                    onet_code=codes[posting.title],
                )
            )
        return out

    # -- computing -------------------------------------------------------------------------
    def compute(self, profile_id: int) -> InsightsDocument:
        """The current insights document, without storing anything."""
        return compute_insights(self.gather(profile_id))

    def recompute(self, profile_id: int, *, at: datetime | None = None) -> RecomputeResult:
        """Compute and store a snapshot if any number changed; publish InsightsUpdated then.

        ``at`` rebuilds the numbers as they stood at that past moment (skill history,
        completion times) and files the snapshot under it: used to backfill history.
        """
        with self.db.read() as s:
            inputs = self._gather_in(s, profile_id, at)
            # Most recomputes change nothing: find that out in the same read, without the
            # write lock (the write below checks again before it stores).
            previous = self._previous_fingerprint(s, profile_id, inputs.computed_at)
        document = compute_insights(inputs)
        digest = fingerprint(document)
        stored = previous != digest
        if stored:
            with self._lock, self.db.session() as s:
                conn = s.connection()
                if conn.execute(_PROFILE_ROLES, {"pid": profile_id}).first() is None:
                    raise NotFoundError(f"Profile #{profile_id} does not exist.")
                stored = self._previous_fingerprint(s, profile_id, document.computed_at) != digest
                if stored:
                    self._store(s, profile_id, document, digest)
        if stored:
            self.bus.publish(
                InsightsUpdated(
                    profile_id=profile_id,
                    readiness=document.readiness.value,
                    at=document.computed_at,
                )
            )
        return RecomputeResult(document=document, stored=stored)

    @staticmethod
    def _previous_fingerprint(s: Session, profile_id: int, at: datetime) -> str | None:
        """Fingerprint of the snapshot in force at ``at`` (None: no history)."""
        return s.connection().execute(_PREVIOUS, {"pid": profile_id, "at": at}).scalar()

    @staticmethod
    def _store(s: Session, profile_id: int, doc: InsightsDocument, digest: str) -> None:
        conn = s.connection()
        newer = conn.execute(_NEWER, {"pid": profile_id, "at": doc.computed_at}).first()
        if newer is None:
            # Only the newest row keeps the whole document.
            conn.execute(_DROP_DOCUMENTS, {"pid": profile_id})
        conn.execute(
            _INSERT,
            {
                "profile_id": profile_id,
                "computed_at": doc.computed_at,
                "target_role_id": doc.target_role.role_id if doc.target_role else None,
                "readiness": doc.readiness.value,
                "assessment_component": doc.readiness.assessment_component,
                "learning_component": doc.readiness.learning_component,
                "chances": {c.name: c.probability for c in doc.companies},
                "fingerprint": digest,
                "document": doc.model_dump(mode="json") if newer is None else None,
            },
        )

    # -- reading the history ---------------------------------------------------------------
    def latest(self, profile_id: int) -> InsightsDocument | None:
        """The newest stored document (shown at once while a fresh recompute runs)."""
        with self.db.read() as s:
            data = s.scalar(
                select(InsightSnapshot.document)
                .where(
                    InsightSnapshot.profile_id == profile_id,
                    InsightSnapshot.document.is_not(None),
                )
                .order_by(InsightSnapshot.computed_at.desc(), InsightSnapshot.id.desc())
                .limit(1)
            )
        if data is None:
            return None
        try:
            return InsightsDocument.model_validate(data)
        except ValueError:
            # Written by an older schema: a recompute will replace it.
            log.info("ignoring a stored insights document that no longer validates")
            return None

    def history(self, profile_id: int, limit: int | None = None) -> list[HistoryPoint]:
        """Stored snapshots, oldest first (the newest ``limit`` when given)."""
        with self.db.read() as s:
            query = (
                select(InsightSnapshot)
                .where(InsightSnapshot.profile_id == profile_id)
                .order_by(InsightSnapshot.computed_at.desc(), InsightSnapshot.id.desc())
            )
            if limit is not None:
                query = query.limit(limit)
            rows = s.scalars(query).all()
            points = [
                HistoryPoint(
                    computed_at=r.computed_at,
                    target_role_id=r.target_role_id,
                    readiness=r.readiness,
                    assessment_component=r.assessment_component,
                    learning_component=r.learning_component,
                    chances={str(k): float(v) for k, v in (r.chances or {}).items()},
                )
                for r in rows
            ]
        points.reverse()
        return points
