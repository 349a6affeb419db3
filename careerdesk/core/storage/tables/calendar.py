"""Calendar sync: the outbox of changes to send, links to pushed events, and sync state."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class CalendarOutbox(ProfileOwned, Base):
    """A change waiting to reach the calendar provider: one row per event (latest wins).

    ``revision`` grows each time the row is replaced by a newer change, so a push that sent an
    older revision does not delete the newer one when it finishes.
    """

    __tablename__ = "calendar_outbox"
    __table_args__ = (UniqueConstraint("profile_id", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200))
    operation: Mapped[str] = mapped_column(String(10))  # upsert | delete
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    revision: Mapped[int] = mapped_column(default=1)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarEventLink(ProfileOwned, Base):
    """Which provider event holds a CareerDesk item, and what was last sent to it."""

    __tablename__ = "calendar_event_links"
    __table_args__ = (UniqueConstraint("profile_id", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200))
    calendar_id: Mapped[str] = mapped_column(String(300))
    event_id: Mapped[str] = mapped_column(String(1024))
    etag: Mapped[str | None] = mapped_column(String(200), default=None)
    pushed_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    remote_updated: Mapped[datetime | None] = mapped_column(default=None)
    # The user deleted the event in Google: do not recreate it until the item changes.
    remote_deleted: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarSyncState(ProfileOwned, Base):
    """Per profile: the calendar synced to, the incremental sync token, the last outcome."""

    __tablename__ = "calendar_sync_state"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_id: Mapped[str | None] = mapped_column(String(300), default=None)
    sync_token: Mapped[str | None] = mapped_column(Text, default=None)
    last_sync_at: Mapped[datetime | None] = mapped_column(default=None)
    last_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    last_error_at: Mapped[datetime | None] = mapped_column(default=None)
