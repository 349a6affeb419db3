"""Learning paths: generate a snapshot from the learner's gaps, show it, track item states.

A path is stored as a snapshot (``learning_paths`` + ``learning_path_items``): the role it
was built for, the gaps it used, the items in order with a reason each, the estimated hours
to close the gaps (learning-hours table, docs/learning.md) and the hours of material.
Regenerating stores a new snapshot and records what changed (added / removed / kept).
Progress lives per content item (``content_progress``), not per path, so it survives
regeneration untouched.

Item states are NOT_STARTED / IN_PROGRESS / DONE. Opening an item marks it IN_PROGRESS;
marking it done publishes ``ContentCompleted`` too. The player updates the same rows.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.learning import tracking
from careerdesk.core.learning.content_sync import ensure_catalog_content
from careerdesk.core.learning.events import (
    ContentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
)
from careerdesk.core.learning.models import (
    ChangedItem,
    LearningPathView,
    PathChanges,
    PathItemView,
)
from careerdesk.core.learning.path_items import add_path_items
from careerdesk.core.learning.queries import (
    candidates_of,
    items_of,
    latest_path_id,
    path_counts_in,
)
from careerdesk.core.learning.suggestions import plan_path
from careerdesk.core.profiles.rows import profile_row
from careerdesk.core.reference.catalog import Catalog, Role, load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.gaps import GapAnalysisItem, compute_gaps, offline_analysis
from careerdesk.core.skills.service import current_levels_in
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.core.storage.tables.learning import (
    AssessmentSession,
    LearningPath,
    LearningPathItem,
)
from careerdesk.core.storage.tables.profiles import Profile
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord

__all__ = [
    "STATES",
    "ChangedItem",
    "LearningPathView",
    "LearningService",
    "PathChanges",
    "PathItemView",
    "path_counts_in",
]

STATES = ("NOT_STARTED", "IN_PROGRESS", "DONE")


class LearningService:
    """Learning paths and item states for learners."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        *,
        clock: Clock | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self.catalog = catalog or load_catalog()

    # -- reading ---------------------------------------------------------------------------
    def current_path(self, profile_id: int) -> LearningPathView | None:
        """The latest path snapshot with current item states, or None."""
        with self.db.read() as s:
            path_id = latest_path_id(s, profile_id)
            if path_id is None:
                return None
            return self._path_view(s, s.get_one(LearningPath, path_id), profile_id)

    def current_path_items(self, profile_id: int) -> list[PathItemView]:
        """Items of the current path in order ([] when there is no path)."""
        with self.db.read() as s:
            path_id = latest_path_id(s, profile_id)
            return [] if path_id is None else items_of(s, path_id, profile_id)

    def current_path_progress(
        self, profile_id: int
    ) -> tuple[int | None, dict[int, tuple[str, float]]]:
        """(current path id, ``{content_id: (state, watched_fraction)}`` for its items with
        progress). Paths are immutable snapshots, so a reader that keeps the items of a path
        id needs only this cheap read to stay current."""
        with self.db.read() as s:
            path_id = latest_path_id(s, profile_id)
            if path_id is None:
                return None, {}
            rows = s.execute(
                select(
                    ContentProgress.content_id,
                    ContentProgress.state,
                    ContentProgress.watched_fraction,
                )
                .join(LearningPathItem, LearningPathItem.content_id == ContentProgress.content_id)
                .where(LearningPathItem.path_id == path_id)
                .where(ContentProgress.profile_id == profile_id)
            ).all()
        return path_id, {cid: (state, float(watched)) for cid, state, watched in rows}

    def path_counts(self, profile_id: int) -> tuple[int, int]:
        """(items in the current path, of which DONE)."""
        with self.db.read() as s:
            return path_counts_in(s, profile_id)

    # -- generating ------------------------------------------------------------------------
    def generate_path(self, profile_id: int, role_id: str | None = None) -> LearningPathView:
        """Build and store a new path snapshot for the target role (or ``role_id``).

        The result's ``changes`` say what differs from the previous path. Raises
        ValidationError when no target role is set and none is given.
        """
        ensure_catalog_content(self.db, self.catalog)
        with self.db.read() as s:
            role = self._role(s, profile_id, role_id)
            levels = current_levels_in(s, profile_id, self.clock.now())
            candidates = candidates_of(s, profile_id)
            previous_id = latest_path_id(s, profile_id)
            previous = s.get(LearningPath, previous_id) if previous_id else None
            before = items_of(s, previous_id, profile_id) if previous_id else []
            assessment_id = s.scalar(
                select(AssessmentSession.id)
                .where(AssessmentSession.profile_id == profile_id)
                .where(AssessmentSession.state == "submitted")
                .order_by(AssessmentSession.ended_at.desc(), AssessmentSession.id.desc())
                .limit(1)
            )
            previous_hours = previous.total_hours if previous is not None else None
        gaps = compute_gaps(role, levels, self.catalog)
        analysis = offline_analysis(role, gaps)
        planned = plan_path(gaps, candidates, role.title)
        titles = {c.content_id: c.title for c in candidates}
        states = {i.content_id: i.state for i in before}
        new_ids = [p.content_id for p in planned]
        old_ids = [i.content_id for i in before]
        changes = PathChanges(
            previous_path_id=previous_id,
            added=[ChangedItem(content_id=c, title=titles[c]) for c in new_ids if c not in old_ids],
            removed=[
                ChangedItem(content_id=i.content_id, title=i.title, state=i.state)
                for i in before
                if i.content_id not in new_ids
            ],
            kept=[
                ChangedItem(content_id=c, title=titles[c], state=states[c])
                for c in new_ids
                if c in old_ids
            ],
            hours_before=previous_hours,
            hours_after=analysis.total_hours,
        )
        now = self.clock.now()
        with self.db.session() as s:
            row = LearningPath(
                profile_id=profile_id,
                role_id=role.id,
                created_at=now,
                total_hours=analysis.total_hours,
                content_hours=round(sum(p.est_hours for p in planned), 1),
                summary=analysis.summary,
                gaps=[g.model_dump(mode="json") for g in gaps],
                changes=changes.model_dump(mode="json"),
                assessment_id=assessment_id,
            )
            s.add(row)
            s.flush()
            add_path_items(s, profile_id, row.id, planned)
            tracking.record(
                s,
                profile_id,
                tracking.PATH_GENERATED,
                subject_type="learning_path",
                subject_id=row.id,
                detail={
                    "role": role.id,
                    "items": len(planned),
                    "total_hours": analysis.total_hours,
                    "added": len(changes.added),
                    "removed": len(changes.removed),
                    "kept": len(changes.kept),
                },
                at=now,
            )
            s.flush()
            view = self._path_view(s, row, profile_id)
        self.bus.publish(LearningPathChanged(profile_id=profile_id, path_id=view.id))
        return view

    # -- item states -----------------------------------------------------------------------
    def open_item(self, profile_id: int, content_id: int) -> str | None:
        """Log that the learner opened an item; NOT_STARTED becomes IN_PROGRESS.

        Returns the item's URL (or local file path) to open.
        """
        with self.db.session() as s:
            item = self._item(s, profile_id, content_id)
            tracking.record(
                s,
                profile_id,
                tracking.CONTENT_OPENED,
                subject_type="content",
                subject_id=content_id,
                at=self.clock.now(),
            )
            target = item.url or item.local_path
            changed = self._set_state(s, profile_id, content_id, "IN_PROGRESS", only_forward=True)
        if changed:
            self.bus.publish(
                ContentProgressChanged(
                    profile_id=profile_id, content_id=content_id, state="IN_PROGRESS"
                )
            )
        return target

    def set_state(self, profile_id: int, content_id: int, state: str) -> bool:
        """Set an item's state; True if it changed. DONE also publishes ContentCompleted."""
        if state not in STATES:
            raise ValidationError(f"Unknown state {state!r}; use one of {', '.join(STATES)}.")
        with self.db.session() as s:
            self._item(s, profile_id, content_id)
            old = self._state_of(s, profile_id, content_id)
            changed = self._set_state(s, profile_id, content_id, state)
            studied = ledger.study_change(s, profile_id, content_id, old, state, self.clock.now())
        event = ledger.evidence_event(profile_id, studied)
        if event is not None:
            self.bus.publish(event)
        if changed:
            self.bus.publish(
                ContentProgressChanged(profile_id=profile_id, content_id=content_id, state=state)
            )
            if state == "DONE":
                self.bus.publish(ContentCompleted(profile_id=profile_id, content_id=content_id))
        return changed

    def mark_done(self, profile_id: int, content_id: int) -> bool:
        """Shorthand for ``set_state(..., "DONE")``."""
        return self.set_state(profile_id, content_id, "DONE")

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _state_of(s: Session, profile_id: int, content_id: int) -> str:
        state = s.scalar(
            select(ContentProgress.state)
            .where(ContentProgress.profile_id == profile_id)
            .where(ContentProgress.content_id == content_id)
        )
        return state or "NOT_STARTED"

    def _set_state(
        self, s: Session, profile_id: int, content_id: int, state: str, only_forward: bool = False
    ) -> bool:
        row = s.scalar(
            select(ContentProgress)
            .where(ContentProgress.profile_id == profile_id)
            .where(ContentProgress.content_id == content_id)
        )
        if row is None:
            row = ContentProgress(profile_id=profile_id, content_id=content_id, state="NOT_STARTED")
            s.add(row)
        old = row.state
        if old == state:
            return False
        if only_forward and STATES.index(state) <= STATES.index(old):
            return False
        now = self.clock.now()
        row.state = state
        row.updated_at = now
        if state == "NOT_STARTED":
            row.started_at = row.completed_at = None
        else:
            row.started_at = row.started_at or now
            row.completed_at = now if state == "DONE" else None
        if old == "NOT_STARTED" and state != "NOT_STARTED":
            tracking.record(
                s,
                profile_id,
                tracking.CONTENT_STARTED,
                subject_type="content",
                subject_id=content_id,
                at=now,
            )
        if state == "DONE":
            tracking.record(
                s,
                profile_id,
                tracking.CONTENT_COMPLETED,
                subject_type="content",
                subject_id=content_id,
                at=now,
            )
        return True

    @staticmethod
    def _item(s: Session, profile_id: int, content_id: int) -> ContentItem:
        item = s.get(ContentItem, content_id)
        if item is None or item.profile_id not in (None, profile_id):
            raise NotFoundError(f"Learning item #{content_id} does not exist.")
        return item

    def _role(self, s: Session, profile_id: int, role_id: str | None) -> Role:
        profile = profile_row(s, profile_id)
        if role_id:
            return self.catalog.role(role_id)
        for rid in profile.target_role_ids:
            if rid in self.catalog.roles:
                return self.catalog.roles[rid]
        raise ValidationError("Choose a target role first: the path is built for that role.")

    def _path_view(self, s: Session, row: LearningPath, profile_id: int) -> LearningPathView:
        role = self.catalog.roles.get(row.role_id)
        if role is not None:
            # Today's gaps from the skill model, not those the path was built from.
            gaps = compute_gaps(
                role, current_levels_in(s, profile_id, self.clock.now()), self.catalog
            )
            total_hours = round(sum(g.hours for g in gaps if not g.met), 1)
        else:
            gaps = [GapAnalysisItem.model_validate(g) for g in row.gaps]
            total_hours = row.total_hours
        return LearningPathView(
            id=row.id,
            role_id=row.role_id,
            role_title=role.title if role else row.role_id,
            created_at=row.created_at,
            total_hours=total_hours,
            content_hours=row.content_hours,
            summary=row.summary,
            gaps=gaps,
            gaps_open=sum(1 for g in gaps if not g.met),
            items=items_of(s, row.id, profile_id),
            changes=PathChanges.model_validate(row.changes) if row.changes else None,
            stale_reason=self._stale_reason(s, row, profile_id),
        )

    def _stale_reason(self, s: Session, row: LearningPath, profile_id: int) -> str:
        profile = s.get(Profile, profile_id)
        targets = [
            r for r in (profile.target_role_ids if profile else []) if r in self.catalog.roles
        ]
        if targets and targets[0] != row.role_id:
            title = self.catalog.roles[targets[0]].title
            return f"Your target role is now {title}; this path was built for another role."
        # Study is what the path itself asks for: only other evidence makes the path stale.
        newer = s.scalar(
            select(func.max(SkillEvidenceRecord.recorded_at)).where(
                SkillEvidenceRecord.profile_id == profile_id,
                SkillEvidenceRecord.kind.not_in(("study", "withdrawn")),
            )
        )
        if newer is not None and newer > row.created_at:
            return "Your skill levels changed since this path was made."
        return ""
