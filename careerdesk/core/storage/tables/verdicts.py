"""Verdict snapshots and work-style preferences (docs/intel.md, issue 20).

``verdict_snapshots`` freezes the fit verdict, score, reasons and components of an
application each time it enters a state, so verdict accuracy and the weight re-fit judge the
verdict the learner saw when deciding, not whatever the fit says later. Rows are appended,
never updated; ``backfilled`` marks the ones migration ``0017_verdicts_snapshots`` made from
a stored fit for applications that were applied to before snapshots existed.

``work_preferences`` is one row per profile: the work-style and culture form.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class VerdictSnapshot(ProfileOwned, Base):
    """The fit as it was when an application entered ``state``."""

    __tablename__ = "verdict_snapshots"
    __table_args__ = (Index("ix_verdict_snapshots_app_taken", "application_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("applications.id", ondelete="CASCADE")
    )
    state: Mapped[str] = mapped_column(String(24))  # the state entered
    verdict: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    required_match: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    components: Mapped[dict[str, Any]] = mapped_column(default=dict)
    backfilled: Mapped[bool] = mapped_column(Boolean, default=False)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)


class WorkPreferences(ProfileOwned, Base):
    """The learner's work-style and culture preferences (one row per profile)."""

    __tablename__ = "work_preferences"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    work_modes: Mapped[list[Any]] = mapped_column(default=list)  # remote | hybrid | onsite
    company_sizes: Mapped[list[Any]] = mapped_column(default=list)
    sectors: Mapped[list[Any]] = mapped_column(default=list)
    values: Mapped[list[Any]] = mapped_column(default=list)
    expected_salary: Mapped[int | None] = mapped_column(Integer, default=None)
    currency: Mapped[str] = mapped_column(String(3), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
