"""Job pipeline: applications, their immutable event log, interviews, offers, people, files.

Sized for 10,000+ applications per profile: every list the UI shows is served by an index
that starts with ``profile_id`` (or ``application_id`` for an application's children).
``practice_id`` on interviews is a plain integer (no foreign key) because the interview
practice feature owns that table (in its own migration); it is a soft link.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned, Timestamps


def _app_fk() -> Mapped[int]:
    return mapped_column(Integer, ForeignKey("applications.id", ondelete="CASCADE"), index=True)


class Application(ProfileOwned, Timestamps, Base):
    """One job the learner is considering, applying to or interviewing for.

    ``state`` is a cache of what ``replay`` gives from the events; the service keeps both in
    the same transaction and a test proves they agree. ``company_key``/``title_key`` are
    normalised names (duplicate warning, company grouping); ``dedupe_key`` is fixed at
    creation from the row's identifying fields so re-importing a file adds nothing twice.
    """

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_profile_state", "profile_id", "state"),
        Index("ix_applications_profile_match", "profile_id", "company_key", "title_key"),
        # One row per dedupe key: concurrent imports of one file cannot both insert it.
        Index("ux_applications_profile_dedupe", "profile_id", "dedupe_key", unique=True),
        Index("ix_applications_profile_updated", "profile_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company: Mapped[str] = mapped_column(String(200))
    company_key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300))
    location: Mapped[str] = mapped_column(String(200), default="")
    remote: Mapped[str] = mapped_column(String(10), default="")  # yes | no | hybrid | ""
    posting_url: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(100), default="")
    salary_min: Mapped[int | None] = mapped_column(Integer, default=None)
    salary_max: Mapped[int | None] = mapped_column(Integer, default=None)
    currency: Mapped[str] = mapped_column(String(3), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date | None] = mapped_column(default=None)
    priority: Mapped[int] = mapped_column(SmallInteger, default=2)  # 1 low, 2 normal, 3 high
    tags: Mapped[list[Any]] = mapped_column(default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(24))
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_on: Mapped[date | None] = mapped_column(default=None)
    dedupe_key: Mapped[str] = mapped_column(String(64))


class ApplicationEvent(ProfileOwned, Base):
    """One immutable fact in an application's history (never updated, never deleted alone).

    ``changes`` holds ``{field: {"old": ..., "new": ...}}`` for edits; ``subject_type`` and
    ``subject_id`` point at the interview/offer/contact/document the event is about.
    """

    __tablename__ = "application_events"
    __table_args__ = (
        Index("ix_application_events_app_at", "application_id", "at"),
        Index("ix_application_events_profile_at", "profile_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    kind: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(24), default=None)
    to_state: Mapped[str | None] = mapped_column(String(24), default=None)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    subject_type: Mapped[str] = mapped_column(String(20), default="")
    subject_id: Mapped[int | None] = mapped_column(Integer, default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(40), default="user")


class Interview(ProfileOwned, Timestamps, Base):
    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_profile_starts", "profile_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    kind: Mapped[str] = mapped_column(String(10))  # phone | video | onsite | panel
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column()
    duration_min: Mapped[int] = mapped_column(Integer, default=60)
    interviewers: Mapped[list[Any]] = mapped_column(default=list)
    location: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(12), default="scheduled")
    notes: Mapped[str] = mapped_column(Text, default="")
    practice_id: Mapped[int | None] = mapped_column(Integer, default=None)
    # How it went (optional, 0–100, the four interview dimensions of core/interviews):
    # fed to the skill model as ``interview_real`` evidence (migration 0017).
    communication: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    technical: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    problem_solving: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    code_quality: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    focus_skill_id: Mapped[str | None] = mapped_column(String(60), default=None)


class Offer(ProfileOwned, Timestamps, Base):
    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    base: Mapped[int | None] = mapped_column(Integer, default=None)
    bonus: Mapped[int | None] = mapped_column(Integer, default=None)
    equity: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3), default="")
    deadline: Mapped[date | None] = mapped_column(default=None)
    received_on: Mapped[date | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    notes: Mapped[str] = mapped_column(Text, default="")


class NegotiationRound(ProfileOwned, Base):
    """One counter-offer exchange: what the learner asked for and what came back."""

    __tablename__ = "negotiation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_base: Mapped[int | None] = mapped_column(Integer, default=None)
    requested_bonus: Mapped[int | None] = mapped_column(Integer, default=None)
    requested_equity: Mapped[str] = mapped_column(String(200), default="")
    response_base: Mapped[int | None] = mapped_column(Integer, default=None)
    response_bonus: Mapped[int | None] = mapped_column(Integer, default=None)
    response_equity: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class Contact(ProfileOwned, Timestamps, Base):
    __tablename__ = "application_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Document(ProfileOwned, Base):
    """A résumé or cover-letter version used for an application (the file stays where it is)."""

    __tablename__ = "application_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    kind: Mapped[str] = mapped_column(String(20))  # resume | cover_letter | other
    path: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Shown as text, never opened: an imported path that is not a plain local document
    # (a network share, a URL, a program). Set by the JSON import (migration 0014).
    text_only: Mapped[bool] = mapped_column(default=False, server_default=false())
