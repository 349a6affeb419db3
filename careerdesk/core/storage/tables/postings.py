"""Company cards and what was read from job postings (docs/postings.md).

A ``companies`` row is shared by every application whose company has the same normalised
name (``company_key``, the pipeline's own key), so "Google LLC" and "google" share one card.
Rows are created on first edit or research; until then a card is built from the
applications alone. Online research (an AI summary, the GitHub organisation's languages) is
cached on the row with the time it was fetched; the service treats it as fresh for 30 days.

``application_postings`` keeps what the extractor read from the posting an application was
created from (skills, technologies, the O*NET occupation); the posting text itself is the
application's ``description``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned, Timestamps


class Company(ProfileOwned, Timestamps, Base):
    """One employer's card for one learner: facts, notes, links and cached research."""

    __tablename__ = "companies"
    __table_args__ = (UniqueConstraint("profile_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))  # pipeline.keys.company_key(name)
    name: Mapped[str] = mapped_column(String(200))
    website: Mapped[str] = mapped_column(Text, default="")
    industry: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[str] = mapped_column(String(100), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[Any]] = mapped_column(default=list)
    github_org: Mapped[str] = mapped_column(String(100), default="")
    # Cached research; *_at is when it was fetched (None: never).
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_by: Mapped[str] = mapped_column(String(100), default="")
    summary_at: Mapped[datetime | None] = mapped_column(default=None)
    github_languages: Mapped[dict[str, Any]] = mapped_column(default=dict)
    github_repos: Mapped[int] = mapped_column(Integer, default=0)
    github_fetched_org: Mapped[str] = mapped_column(String(100), default="")
    github_at: Mapped[datetime | None] = mapped_column(default=None)


class ApplicationPosting(ProfileOwned, Base):
    """What was extracted from the posting an application was created from."""

    __tablename__ = "application_postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    source: Mapped[str] = mapped_column(String(300), default="")  # "pasted" or a file name
    required: Mapped[list[Any]] = mapped_column(default=list)  # [{"name", "skill_id"}]
    preferred: Mapped[list[Any]] = mapped_column(default=list)
    technologies: Mapped[list[Any]] = mapped_column(default=list)
    onet_code: Mapped[str] = mapped_column(String(10), default="")
    onet_title: Mapped[str] = mapped_column(String(200), default="")
    extracted_by: Mapped[str] = mapped_column(String(40), default="rules")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
