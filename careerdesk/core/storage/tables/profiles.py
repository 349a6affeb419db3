"""Install-wide tables: learner profiles, app metadata, the AI response cache, tracking."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned, Timestamps


class Profile(Timestamps, Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    field_of_study: Mapped[str] = mapped_column(String(200), default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    target_role_ids: Mapped[list[Any]] = mapped_column(default=list)
    # Kiosk: a learner's optional PIN as a salted scrypt hash (never the PIN itself).
    pin_hash: Mapped[str | None] = mapped_column(String(300), default=None)
    last_active_at: Mapped[datetime | None] = mapped_column(default=None)


class AppMeta(Base):
    """Small install-wide key/value facts (last daily backup, data format notes)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AICacheEntry(Base):
    """Validated AI answers keyed by model + prompt hash, so a repeated question costs nothing."""

    __tablename__ = "ai_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LearningEvent(ProfileOwned, Base):
    """An append-only log of learning activity (docs/learning.md)."""

    __tablename__ = "learning_events"
    __table_args__ = (Index("ix_learning_events_profile_at", "profile_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # e.g. assessment_started, content_completed
    subject_type: Mapped[str] = mapped_column(String(40), default="")
    subject_id: Mapped[int | None] = mapped_column(default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)
