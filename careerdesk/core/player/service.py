"""Persist watch progress: merged intervals, 10% steps, DONE at 90%, events after commit.

Every save is one unit of work that *merges* the intervals it is given with those already
stored, so saves are idempotent and may arrive in any order (the player saves at each new
10%, on pause, seek, item switch and close). Events go out only after the commit:
``VideoProgressed`` for each newly covered 10% step, ``ContentProgressChanged`` when the state
changes, ``ContentCompleted`` once when an item becomes DONE.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.learning import tracking
from careerdesk.core.learning.events import ContentCompleted, ContentProgressChanged
from careerdesk.core.player.events import MediaErrorChanged, VideoProgressed
from careerdesk.core.player.media import PLAYABLE_SOURCES, source_of
from careerdesk.core.player.rules import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    Interval,
    coverage,
    merge_intervals,
    state_for,
    steps_crossed,
)
from careerdesk.core.player.study import watch_study
from careerdesk.core.skills import ledger
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress

_RANK = {NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 2}
MAX_ERROR_CHARS = 500


class ProgressSnapshot(BaseModel):
    """One learner's progress on one item, as stored after an operation."""

    model_config = ConfigDict(frozen=True)

    content_id: int
    state: str = NOT_STARTED
    watched: list[Interval] = []
    position_s: float = 0.0
    duration_s: float | None = None
    watched_fraction: float = 0.0
    media_error: str | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    # What this operation changed (empty for a plain read).
    steps_crossed: list[float] = []
    completed_now: bool = False

    @classmethod
    def of(cls, row: ContentProgress, **extra: Any) -> ProgressSnapshot:
        return cls(
            content_id=row.content_id,
            state=row.state,
            watched=[(float(a), float(b)) for a, b in (row.watched or [])],
            position_s=row.position_s,
            duration_s=row.duration_s,
            watched_fraction=row.watched_fraction,
            media_error=row.media_error,
            started_at=row.started_at,
            completed_at=row.completed_at,
            **extra,
        )


class VideoProgressService:
    """Reads and writes :class:`ContentProgress` for the player and manual marking."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    # -- reads -----------------------------------------------------------------------------
    def get(self, profile_id: int, content_id: int) -> ProgressSnapshot:
        """The stored progress, or a NOT_STARTED snapshot when there is none yet."""
        with self.db.read() as s:
            item = self._item(s, profile_id, content_id)
            row = self._row(s, profile_id, content_id)
            if row is None:
                return ProgressSnapshot(content_id=content_id, duration_s=item.duration_s)
            return ProgressSnapshot.of(row)

    # -- writes ----------------------------------------------------------------------------
    def save(
        self,
        profile_id: int,
        content_id: int,
        *,
        watched: Iterable[Sequence[float]],
        position_s: float,
        duration_s: float | None = None,
    ) -> ProgressSnapshot:
        """Merge ``watched`` into the stored intervals and record the resume position.

        ``duration_s`` is the media's real duration when the player knows it. The item
        becomes IN_PROGRESS with its first watched second and DONE when 90% is covered;
        once DONE it stays DONE (coverage never shrinks). Returns the stored state plus the
        10% steps this save newly covered.
        """
        now = self.clock.now()
        with self.db.session() as s:
            item = self._item(s, profile_id, content_id)
            row = self._row_for_write(s, profile_id, content_id)
            if duration_s is not None and duration_s > 0:
                row.duration_s = float(duration_s)
                if item.duration_s is None:
                    item.duration_s = float(duration_s)
            elif row.duration_s is None:
                row.duration_s = item.duration_s
            duration = row.duration_s
            old_state, old_fraction = row.state, row.watched_fraction or 0.0
            merged = merge_intervals([*(row.watched or []), *watched], duration)
            fraction = coverage(merged, duration)
            implied = state_for(fraction, bool(merged))
            new_state = implied if _RANK[implied] > _RANK.get(old_state, 0) else old_state
            row.watched = [[a, b] for a, b in merged]
            row.watched_fraction = max(fraction, old_fraction if old_state == DONE else 0.0)
            row.position_s = _clamp_position(position_s, duration)
            steps = steps_crossed(old_fraction, fraction)
            completed_now = self._apply_state(s, row, profile_id, old_state, new_state, now)
            # The watched share of a tagged video is study evidence (core/player/study.py).
            studied = watch_study(s, profile_id, content_id, row.watched_fraction, now)
            s.flush()
            snapshot = ProgressSnapshot.of(row, steps_crossed=steps, completed_now=completed_now)
        for step in steps:
            self.bus.publish(
                VideoProgressed(profile_id=profile_id, content_id=content_id, watched_fraction=step)
            )
        self._publish_state(profile_id, content_id, old_state, snapshot)
        self._publish_study(profile_id, studied)
        return snapshot

    def set_state(self, profile_id: int, content_id: int, state: str) -> ProgressSnapshot:
        """Mark an item by hand: DONE ("watched") or NOT_STARTED ("not watched", a reset).

        Resetting clears the watched intervals and the resume position. Marking DONE by hand
        is for what CareerDesk cannot play (a web page, or a video flagged as unplayable): a
        video it can play counts as watched when 90% of it has really been played.
        """
        if state not in (DONE, NOT_STARTED):
            raise ValidationError(f"An item can be marked watched or not watched, not {state!r}.")
        now = self.clock.now()
        with self.db.session() as s:
            item = self._item(s, profile_id, content_id)
            row = self._row_for_write(s, profile_id, content_id)
            old_state = row.state
            if state == DONE:
                playable = source_of(item.kind, item.url, item.local_path) in PLAYABLE_SOURCES
                if playable and not row.media_error:
                    raise ValidationError(
                        f"“{item.title}” counts as watched once you have played 90% of it "
                        "here; skipping ahead does not count. Videos that will not play and "
                        "web pages can be marked watched by hand."
                    )
                row.watched_fraction = 1.0
            else:
                row.watched = []
                row.watched_fraction = 0.0
                row.position_s = 0.0
            completed_now = self._apply_state(s, row, profile_id, old_state, state, now)
            if state == DONE:
                studied = ledger.study_change(s, profile_id, content_id, old_state, state, now)
            else:  # a reset withdraws whatever watching or marking had earned
                studied = watch_study(s, profile_id, content_id, 0.0, now)
            if state == NOT_STARTED:
                row.started_at = None
                row.completed_at = None
            s.flush()
            snapshot = ProgressSnapshot.of(row, completed_now=completed_now)
        self._publish_state(profile_id, content_id, old_state, snapshot)
        self._publish_study(profile_id, studied)
        return snapshot

    def _publish_study(self, profile_id: int, studied: list[ledger.NewEvidence]) -> None:
        event = ledger.evidence_event(profile_id, studied)
        if event is not None:
            self.bus.publish(event)

    def mark_opened(self, profile_id: int, content_id: int) -> ProgressSnapshot:
        """Log that the learner opened an item; a web page opened becomes IN_PROGRESS.

        A video's state follows what is watched, so opening one changes nothing but the log.
        """
        now = self.clock.now()
        with self.db.session() as s:
            item = self._item(s, profile_id, content_id)
            row = self._row_for_write(s, profile_id, content_id)
            old_state = row.state
            tracking.record(
                s, profile_id, tracking.CONTENT_OPENED, subject_type="content", subject_id=item.id
            )
            if old_state == NOT_STARTED and source_of(item.kind, item.url, item.local_path) not in (
                PLAYABLE_SOURCES
            ):
                self._apply_state(s, row, profile_id, old_state, IN_PROGRESS, now)
            s.flush()
            snapshot = ProgressSnapshot.of(row)
        self._publish_state(profile_id, content_id, old_state, snapshot)
        return snapshot

    def flag_media_error(
        self, profile_id: int, content_id: int, error: str | None
    ) -> ProgressSnapshot:
        """Flag an item as unplayable with the reason (or clear the flag with None).

        Nothing else about the item's progress changes.
        """
        message = error.strip()[:MAX_ERROR_CHARS] if error else None
        with self.db.session() as s:
            self._item(s, profile_id, content_id)
            row = self._row_for_write(s, profile_id, content_id)
            changed = row.media_error != message
            row.media_error = message
            s.flush()
            snapshot = ProgressSnapshot.of(row)
        if changed:
            self.bus.publish(
                MediaErrorChanged(profile_id=profile_id, content_id=content_id, error=message)
            )
        return snapshot

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _item(s: Session, profile_id: int, content_id: int) -> ContentItem:
        item = s.get(ContentItem, content_id)
        if item is None or item.profile_id not in (None, profile_id):
            raise NotFoundError(f"No content item {content_id} for this profile.")
        return item

    @staticmethod
    def _row(s: Session, profile_id: int, content_id: int) -> ContentProgress | None:
        return s.scalar(
            select(ContentProgress).where(
                ContentProgress.profile_id == profile_id, ContentProgress.content_id == content_id
            )
        )

    def _row_for_write(self, s: Session, profile_id: int, content_id: int) -> ContentProgress:
        row = self._row(s, profile_id, content_id)
        if row is None:
            row = ContentProgress(
                profile_id=profile_id,
                content_id=content_id,
                state=NOT_STARTED,
                watched=[],
                position_s=0.0,
                watched_fraction=0.0,
            )
            s.add(row)
        return row

    @staticmethod
    def _apply_state(
        s: Session,
        row: ContentProgress,
        profile_id: int,
        old: str,
        new: str,
        now: datetime,
    ) -> bool:
        """Set the state and its timestamps and log it; True when the item just became DONE."""
        row.state = new
        if new == old:
            return False
        if old == NOT_STARTED and new != NOT_STARTED:
            row.started_at = row.started_at or now
            tracking.record(
                s,
                profile_id,
                tracking.CONTENT_STARTED,
                subject_type="content",
                subject_id=row.content_id,
            )
        if new == DONE:
            row.completed_at = now
            tracking.record(
                s,
                profile_id,
                tracking.CONTENT_COMPLETED,
                subject_type="content",
                subject_id=row.content_id,
                detail={"watched_fraction": round(row.watched_fraction, 4)},
            )
            return True
        return False

    def _publish_state(
        self, profile_id: int, content_id: int, old_state: str, snapshot: ProgressSnapshot
    ) -> None:
        if snapshot.state != old_state:
            self.bus.publish(
                ContentProgressChanged(
                    profile_id=profile_id, content_id=content_id, state=snapshot.state
                )
            )
        if snapshot.completed_now:
            self.bus.publish(ContentCompleted(profile_id=profile_id, content_id=content_id))


def _clamp_position(position_s: float, duration_s: float | None) -> float:
    position = max(0.0, float(position_s))
    return min(position, duration_s) if duration_s else position
