"""Pipeline intelligence: follow-up templates and steps, per-job fit, preference signals,
recommendations, recorded outcomes and the fit-score weights learned from them.

Every table is per person (``ProfileOwned``); rows about an application cascade with it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


def _app_fk(nullable: bool = False) -> Mapped[Any]:
    return mapped_column(
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        index=True,
        nullable=nullable,
    )


class FollowUpTemplate(ProfileOwned, Base):
    """An editable message template and the schedule of its steps (days after the trigger)."""

    __tablename__ = "followup_templates"
    __table_args__ = (UniqueConstraint("profile_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(120))
    scenario: Mapped[str] = mapped_column(String(30))  # post_application | thank_you | ...
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    offsets: Mapped[list[Any]] = mapped_column(default=list)  # days, one per step
    strategy: Mapped[str] = mapped_column(String(12), default="fixed")  # fixed|business|backoff
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FollowUp(ProfileOwned, Base):
    """One scheduled follow-up step of a sequence started by a trigger on an application."""

    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_profile_status_due", "profile_id", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    template_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("followup_templates.id", ondelete="SET NULL"), default=None
    )
    scenario: Mapped[str] = mapped_column(String(30))
    trigger: Mapped[str] = mapped_column(String(60))  # e.g. "state:APPLIED", "interview:12"
    step: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending|sent|cancelled
    snoozed_until: Mapped[datetime | None] = mapped_column(default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notified_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The trigger's time the steps count from, so a changed strategy can re-plan them
    # (rows from before migration 0017 have none and keep their dates).
    anchor_at: Mapped[datetime | None] = mapped_column(default=None)


class JobFit(ProfileOwned, Base):
    """The latest fit analysis of an application, and the verdict it had when applied."""

    __tablename__ = "job_fits"
    __table_args__ = (UniqueConstraint("application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    verdict: Mapped[str] = mapped_column(String(16))  # apply_now | learn_first | reconsider
    score: Mapped[float] = mapped_column(Float, default=0.0)
    required_match: Mapped[float] = mapped_column(Float, default=0.0)
    hours_to_close: Mapped[float] = mapped_column(Float, default=0.0)
    components: Mapped[dict[str, Any]] = mapped_column(default=dict)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the full FitResult
    text_hash: Mapped[str] = mapped_column(String(64), default="")
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class PreferenceSignal(ProfileOwned, Base):
    """A behaviour the recommender learns from: apply, open, dismiss."""

    __tablename__ = "preference_signals"
    __table_args__ = (Index("ix_preference_signals_profile_at", "profile_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("applications.id", ondelete="SET NULL"), default=None
    )
    kind: Mapped[str] = mapped_column(String(12))  # apply | open | dismiss
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Recommendation(ProfileOwned, Base):
    """A posting recommended to the learner; expires 14 days after it was first shown."""

    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("profile_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    score: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(12), default="active")  # active|dismissed|applied
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Outcome(ProfileOwned, Base):
    """A recorded result of an application (for the learning loop and verdict accuracy)."""

    __tablename__ = "application_outcomes"
    __table_args__ = (UniqueConstraint("application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    success: Mapped[bool] = mapped_column(Boolean)  # reached an interview or better
    state: Mapped[str] = mapped_column(String(24))
    verdict: Mapped[str] = mapped_column(String(16), default="")  # the verdict when applied
    components: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class FitWeights(ProfileOwned, Base):
    """A re-fitted set of fit-score weights, with the explanation of what moved and why."""

    __tablename__ = "fit_weights"

    id: Mapped[int] = mapped_column(primary_key=True)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    outcomes: Mapped[int] = mapped_column(Integer, default=0)
    explanation: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IntelPrefs(ProfileOwned, Base):
    """Per-profile switches of this feature (collaborative recommendations are opt-in)."""

    __tablename__ = "intel_prefs"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collaborative: Mapped[bool] = mapped_column(Boolean, default=False)
    notifications: Mapped[bool] = mapped_column(Boolean, default=True)


class FollowUpChoice(ProfileOwned, Base):
    """The follow-up timing chosen for one application (overrides the profile's template).

    A table of its own rather than a column on ``applications`` so follow-ups stay a feature
    the pipeline does not need to know about (docs/intel.md, Follow-ups).
    """

    __tablename__ = "followup_choices"
    __table_args__ = (UniqueConstraint("application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = _app_fk()
    strategy: Mapped[str] = mapped_column(String(12))  # fixed | business | backoff
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
