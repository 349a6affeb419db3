"""Learning content and each learner's progress on it (shared by Learning and the Player)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned, Timestamps


class Course(ProfileOwned, Timestamps, Base):
    """An ordered group of items, e.g. a folder of videos imported as a course."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    source_path: Mapped[str | None] = mapped_column(Text, default=None)


class ContentItem(Timestamps, Base):
    """A video, course, article or exercise.

    Shipped catalogue items have ``profile_id`` NULL and a ``catalog_key``; items a learner
    adds (a URL, a local file, a folder course) belong to that learner's profile.
    """

    __tablename__ = "content_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("profiles.id", ondelete="CASCADE"), index=True, default=None
    )
    catalog_key: Mapped[str | None] = mapped_column(String(120), unique=True, default=None)
    kind: Mapped[str] = mapped_column(String(20))  # video | course | article | exercise
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(Text, default=None)
    local_path: Mapped[str | None] = mapped_column(Text, default=None)
    provider: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(20), default="beginner")
    est_hours: Mapped[float] = mapped_column(default=1.0)
    duration_s: Mapped[float | None] = mapped_column(default=None)
    course_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("courses.id", ondelete="CASCADE"), index=True, default=None
    )
    position: Mapped[int] = mapped_column(default=0)
    # The content pack it came from (shared by every profile; docs/packs.md).
    pack_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("content_packs.id", ondelete="CASCADE"), index=True, default=None
    )


class ContentProgress(ProfileOwned, Base):
    """A learner's state on one item. Video watch data lives here too.

    ``watched`` holds merged [start, end] second intervals actually played, so skipping
    ahead never counts; ``watched_fraction`` is their total over the duration, capped at 1.
    """

    __tablename__ = "content_progress"
    __table_args__ = (UniqueConstraint("profile_id", "content_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20), default="NOT_STARTED")
    watched: Mapped[list[Any]] = mapped_column(default=list)
    position_s: Mapped[float] = mapped_column(default=0.0)
    duration_s: Mapped[float | None] = mapped_column(default=None)
    watched_fraction: Mapped[float] = mapped_column(default=0.0)
    media_error: Mapped[str | None] = mapped_column(Text, default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
