"""Insights tables: snapshot history, target companies, interest profiles, recommendations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class InsightSnapshot(ProfileOwned, Base):
    """One recompute whose numbers differed from the previous one (history for charts).

    ``document`` (the full insights document) is kept on the newest row only; older rows
    keep the numbers that are charted over time, so the table stays small.
    """

    __tablename__ = "insight_snapshots"
    __table_args__ = (Index("ix_insight_snapshots_profile_at", "profile_id", "computed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    target_role_id: Mapped[str | None] = mapped_column(String(60), default=None)
    readiness: Mapped[float] = mapped_column(default=0.0)
    assessment_component: Mapped[float] = mapped_column(default=0.0)
    learning_component: Mapped[float] = mapped_column(default=0.0)
    chances: Mapped[dict[str, Any]] = mapped_column(default=dict)  # company -> chance index
    fingerprint: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)


class TargetCompany(ProfileOwned, Base):
    """A company the learner measures their chances at, with an editable difficulty factor.

    Rows appear on the first edit (until then the defaults apply). Removed default companies
    stay as ``hidden`` rows so they do not come back.
    """

    __tablename__ = "target_companies"
    __table_args__ = (UniqueConstraint("profile_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # lower-case, single spaces
    difficulty: Mapped[float] = mapped_column(default=1.0)
    position: Mapped[int] = mapped_column(default=0)
    hidden: Mapped[bool] = mapped_column(default=False)
    is_default: Mapped[bool] = mapped_column(default=False)


class ProfileInterest(ProfileOwned, Base):
    """A learner's RIASEC questionnaire answers (1–5 per item) and the scores from them."""

    __tablename__ = "profile_interests"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_version: Mapped[int] = mapped_column(default=1)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(default=dict)  # R..C on O*NET's 1–7 scale
    code: Mapped[str] = mapped_column(String(6), default="")  # high-point code, e.g. "IRC"
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CareerRecommendationSet(ProfileOwned, Base):
    """The career paths recommended to one learner (one row of the CSV export, docs/insights.md)."""

    __tablename__ = "career_recommendations"
    __table_args__ = (UniqueConstraint("profile_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(20), default="offline")  # offline | ai
    model: Mapped[str] = mapped_column(String(100), default="")
    recommendations: Mapped[list[Any]] = mapped_column(default=list)
    explore: Mapped[list[Any]] = mapped_column(default=list)  # other O*NET occupations
    recommendation_count: Mapped[int] = mapped_column(default=0)
    inputs: Mapped[dict[str, Any]] = mapped_column(default=dict)  # interests, answers, course
    reason: Mapped[str] = mapped_column(String(200), default="")
    last_updated: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


class CourseCareerPaths(Base):
    """Career paths for a course or field of study, shared by every learner taking it.

    Refreshed when older than 30 days (docs/insights.md).
    """

    __tablename__ = "course_career_paths"

    course_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    course_name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="offline")
    model: Mapped[str] = mapped_column(String(100), default="")
    paths: Mapped[list[Any]] = mapped_column(default=list)
    path_count: Mapped[int] = mapped_column(default=0)
    last_updated: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
