"""Offer comparison: the terms an offer record lacks, and the learner's comparison weights.

The pipeline's ``offers`` table keeps base, bonus, equity text, currency and reply deadline;
what a side-by-side comparison also needs (start date, benefits, a yearly value for equity and
benefits, a sign-on bonus) lives here, one row per offer, so the pipeline need not change.
See docs/pipeline.md (Offers).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class OfferTerms(ProfileOwned, Base):
    __tablename__ = "offer_terms"
    __table_args__ = (UniqueConstraint("offer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[date | None] = mapped_column(default=None)
    sign_on: Mapped[int | None] = mapped_column(Integer, default=None)
    equity_value: Mapped[int | None] = mapped_column(Integer, default=None)  # per year
    benefits: Mapped[str] = mapped_column(Text, default="")
    benefits_value: Mapped[int | None] = mapped_column(Integer, default=None)  # per year
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfferWeights(ProfileOwned, Base):
    """The learner's own weights for comparing offers (criterion → weight)."""

    __tablename__ = "offer_weights"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")
