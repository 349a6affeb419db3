"""Playlist entries: content items joined with one learner's progress, ready to show.

Read-side models shared by the content library, the player and (later) learning paths.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.player.media import PLAYABLE_SOURCES, source_of
from careerdesk.core.player.rules import DONE, NOT_STARTED, Interval
from careerdesk.core.player.service import ProgressSnapshot
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress, Course


class PlaylistEntry(BaseModel):
    """One playable (or openable) item with the learner's progress on it."""

    model_config = ConfigDict(frozen=True)

    content_id: int
    title: str
    source: str  # media_sources.SOURCE_FILE | SOURCE_STREAM | SOURCE_PAGE
    location: str  # absolute file path or URL
    owned: bool  # added by this learner (False: a shipped catalogue item)
    course_id: int | None = None
    course_title: str | None = None
    position: int = 0
    duration_s: float | None = None
    state: str = NOT_STARTED
    watched: list[Interval] = []
    watched_fraction: float = 0.0
    position_s: float = 0.0
    media_error: str | None = None
    skills: list[str] = []  # catalogue skill ids the item is tagged with

    @property
    def playable(self) -> bool:
        """True when CareerDesk plays it itself (a file or a direct stream)."""
        return self.source in PLAYABLE_SOURCES

    def with_progress(self, snapshot: ProgressSnapshot) -> PlaylistEntry:
        """This entry updated with a fresh progress snapshot."""
        return self.model_copy(
            update={
                "state": snapshot.state,
                "watched": snapshot.watched,
                "watched_fraction": snapshot.watched_fraction,
                "position_s": snapshot.position_s,
                "duration_s": snapshot.duration_s or self.duration_s,
                "media_error": snapshot.media_error,
            }
        )


class CourseInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    title: str
    source_path: str | None
    items: int
    done: int


def load_entries(s: Session, profile_id: int, ids: list[int]) -> dict[int, PlaylistEntry]:
    """Entries by id for items this learner may see (their own and shipped ones)."""
    if not ids:
        return {}
    rows = s.execute(
        select(ContentItem, ContentProgress, Course.title)
        .outerjoin(
            ContentProgress,
            (ContentProgress.content_id == ContentItem.id)
            & (ContentProgress.profile_id == profile_id),
        )
        .outerjoin(Course, Course.id == ContentItem.course_id)
        .where(ContentItem.id.in_(ids))
        .where((ContentItem.profile_id == profile_id) | ContentItem.profile_id.is_(None))
    ).all()
    out: dict[int, PlaylistEntry] = {}
    for item, progress, course_title in rows:
        source = source_of(item.kind, item.url, item.local_path)
        entry = PlaylistEntry(
            content_id=item.id,
            title=item.title,
            source=source,
            location=item.local_path or item.url or "",
            owned=item.profile_id is not None,
            course_id=item.course_id,
            course_title=course_title,
            position=item.position,
            duration_s=item.duration_s,
            skills=[str(k) for k in (item.skills or [])],
        )
        if progress is not None:
            entry = entry.with_progress(ProgressSnapshot.of(progress))
        out[item.id] = entry
    return out


def course_info(s: Session, profile_id: int, course_id: int) -> CourseInfo:
    """A course with its item count and how many of them this learner has DONE."""
    course = s.get(Course, course_id)
    assert course is not None
    items = s.scalar(select(func.count()).where(ContentItem.course_id == course_id)) or 0
    done = (
        s.scalar(
            select(func.count())
            .select_from(ContentProgress)
            .join(ContentItem, ContentItem.id == ContentProgress.content_id)
            .where(
                ContentItem.course_id == course_id,
                ContentProgress.profile_id == profile_id,
                ContentProgress.state == DONE,
            )
        )
        or 0
    )
    return CourseInfo(
        id=course.id, title=course.title, source_path=course.source_path, items=items, done=done
    )
