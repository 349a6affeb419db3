"""Domain events of the video player's watch progress (published after commit)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class VideoProgressed(DomainEvent):
    """Published at each newly covered 10% step of a video."""

    content_id: int
    watched_fraction: float


@dataclass(frozen=True, kw_only=True)
class MediaErrorChanged(DomainEvent):
    """An item could not be played (``error`` says why) or plays again (``error`` None)."""

    content_id: int
    error: str | None


@dataclass(frozen=True, kw_only=True)
class ContentLibraryChanged(DomainEvent):
    """The learner added, moved or removed items (``course_id`` when one course changed)."""

    course_id: int | None = None
