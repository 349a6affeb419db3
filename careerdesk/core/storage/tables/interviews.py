"""Interview practice: recorded interviews, their per-skill feedback and skill levels."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned, Timestamps


class InterviewPracticeRecord(ProfileOwned, Timestamps, Base):
    """One practice or real interview with the learner's four scores (0–100, NULL = not
    assessed in this interview).

    ``application_id`` points at a pipeline application but is a plain integer without a
    foreign key: the applications table belongs to the pipeline feature, which is developed
    (and migrated) separately. A dangling id is shown as "application #N (not found)".
    """

    __tablename__ = "interview_practices"
    __table_args__ = (Index("ix_interview_practices_profile_held", "profile_id", "held_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    held_at: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200), default="")
    application_id: Mapped[int | None] = mapped_column(Integer, default=None)
    # Catalogue skill the technical questions were about (e.g. "sql"); its level is recorded
    # under that skill so the radar can use it.
    focus_skill_id: Mapped[str | None] = mapped_column(String(60), default=None)
    communication: Mapped[int | None] = mapped_column(default=None)
    technical: Mapped[int | None] = mapped_column(default=None)
    problem_solving: Mapped[int | None] = mapped_column(default=None)
    code_quality: Mapped[int | None] = mapped_column(default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    transcript: Mapped[str] = mapped_column(Text, default="")


class InterviewFeedbackRecord(ProfileOwned, Base):
    """Per-skill feedback for one practice from one source ("gemini" or "offline").

    Both sources are kept side by side; ``skills`` maps a skill to
    ``{"strengths": [...], "weaknesses": [...], "recommendations": [...]}``.
    ``edited_at`` is set once the learner changed the text by hand.
    """

    __tablename__ = "interview_feedback"
    __table_args__ = (UniqueConstraint("practice_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("interview_practices.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20))
    model: Mapped[str] = mapped_column(String(100), default="")
    skills: Mapped[dict[str, Any]] = mapped_column(default=dict)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(default=None)


class InterviewSkillLevel(ProfileOwned, Base):
    """A skill level measured by an interview practice, for charts and current levels.

    ``dimension`` is one of the four interview skills; ``skill_id`` is the catalogue skill it
    counts for (the same name, except "technical", which counts for the practice's focus
    skill when one was chosen). Rows are rewritten whenever the practice's scores change.
    """

    __tablename__ = "interview_skill_levels"
    __table_args__ = (Index("ix_interview_skill_levels_profile_skill", "profile_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("interview_practices.id", ondelete="CASCADE"), index=True
    )
    dimension: Mapped[str] = mapped_column(String(30))
    skill_id: Mapped[str] = mapped_column(String(60))
    level: Mapped[float] = mapped_column()
    measured_at: Mapped[datetime] = mapped_column()
