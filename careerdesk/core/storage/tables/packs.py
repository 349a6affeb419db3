"""Content packs: videos and documents installed once for every profile (docs/packs.md).

A pack's items are ``content_items`` rows with ``profile_id`` NULL and ``pack_id`` set; its
files are copied into the data folder (``media/packs/<folder>``), so the pack keeps working
once the USB stick or download it came from is gone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base


class ContentPack(Base):
    """One imported pack. ``pack_key`` (sha256 of its manifest and files) is its identity:
    importing the same pack again finds this row instead of adding a second one."""

    __tablename__ = "content_packs"
    __table_args__ = (UniqueConstraint("title", "author"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pack_key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    author: Mapped[str] = mapped_column(String(300))
    licence: Mapped[str] = mapped_column(String(300))
    folder: Mapped[str] = mapped_column(Text)  # relative to the data folder
    source_name: Mapped[str] = mapped_column(String(300), default="")  # what was imported
    manifest: Mapped[dict[str, Any]] = mapped_column(default=dict)  # as validated
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
