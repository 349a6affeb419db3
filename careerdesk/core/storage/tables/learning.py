"""Skill levels, assessment sessions and their answers and results, learning-path snapshots.

Every table here is per person (``ProfileOwned``), so deleting a profile removes all of it
and a per-profile export can find every row by ``profile_id``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class AssessmentSession(ProfileOwned, Base):
    """One quiz: its setup, its questions in order and where the learner stopped.

    ``state`` moves started → in_progress (first answer) → submitted, or → abandoned.
    ``elapsed_s`` is the time spent with the quiz open; a time limit counts against it, so
    closing the app does not burn the learner's time.
    """

    __tablename__ = "assessment_sessions"
    __table_args__ = (Index("ix_assessment_sessions_profile_started", "profile_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="started")
    role_id: Mapped[str | None] = mapped_column(String(60), default=None)
    skills: Mapped[list[Any]] = mapped_column(default=list)
    length: Mapped[int] = mapped_column(default=0)
    time_limit_s: Mapped[int | None] = mapped_column(default=None)
    elapsed_s: Mapped[float] = mapped_column(default=0.0)
    question_ids: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str] = mapped_column(String(10), default="bank")  # bank | ai | mixed
    notice: Mapped[str] = mapped_column(Text, default="")
    current_index: Mapped[int] = mapped_column(default=0)
    # An adaptive quiz's state (None for a fixed one): the skill model's belief per skill at
    # the start, the candidate pool's already-seen ids, and why it ended (docs/skills.md).
    adaptive: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    overall_score: Mapped[float | None] = mapped_column(default=None)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)


class AssessmentAnswer(ProfileOwned, Base):
    """One question of a session as it was shown, and the learner's answer to it.

    The full question text is stored (bank and AI questions alike), so the review screen
    shows exactly what the learner saw even if the bank is edited later.
    """

    __tablename__ = "assessment_answers"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("assessment_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    question_id: Mapped[str] = mapped_column(String(80))
    skill_id: Mapped[str] = mapped_column(String(60))
    difficulty: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10), default="bank")  # bank | ai
    prompt: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any]] = mapped_column(default=list)
    correct_index: Mapped[int] = mapped_column()
    explanation: Mapped[str] = mapped_column(Text, default="")
    chosen: Mapped[int | None] = mapped_column(default=None)
    flagged: Mapped[bool] = mapped_column(default=False)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)


class AssessmentResult(ProfileOwned, Base):
    """A submitted session's score for one skill (0–100, weighted by difficulty)."""

    __tablename__ = "assessment_results"
    __table_args__ = (UniqueConstraint("session_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("assessment_sessions.id", ondelete="CASCADE"), index=True
    )
    skill_id: Mapped[str] = mapped_column(String(60))
    score: Mapped[float] = mapped_column()
    correct: Mapped[int] = mapped_column()
    total: Mapped[int] = mapped_column()
    points: Mapped[float] = mapped_column()
    max_points: Mapped[float] = mapped_column()


class SkillLevelRecord(ProfileOwned, Base):
    """History of a learner's level in a skill: self-rated, or measured by an assessment or
    an interview. The current level is the latest measured one, else the latest self-rating.
    """

    __tablename__ = "skill_levels"
    __table_args__ = (
        Index("ix_skill_levels_profile_skill_at", "profile_id", "skill_id", "measured_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(60))
    level: Mapped[float] = mapped_column()
    source: Mapped[str] = mapped_column(String(20))  # self | assessment | interview
    measured_at: Mapped[datetime] = mapped_column(default=utcnow)
    session_id: Mapped[int | None] = mapped_column(
        Integer,
        ForeignKey("assessment_sessions.id", ondelete="CASCADE"),
        index=True,
        default=None,
    )


class LearningPath(ProfileOwned, Base):
    """A snapshot of a generated learning path: what it was built from and why.

    ``gaps`` holds the per-skill gap rows used (level, target, importance, hours);
    ``changes`` the added/removed/kept content ids against the previous path.
    """

    __tablename__ = "learning_paths"
    __table_args__ = (Index("ix_learning_paths_profile_created", "profile_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    total_hours: Mapped[float] = mapped_column(default=0.0)
    content_hours: Mapped[float] = mapped_column(default=0.0)
    summary: Mapped[str] = mapped_column(Text, default="")
    gaps: Mapped[list[Any]] = mapped_column(default=list)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    assessment_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("assessment_sessions.id", ondelete="SET NULL"), default=None
    )


class LearningPathItem(ProfileOwned, Base):
    """One content item in a path snapshot, in order, with the reason it was chosen."""

    __tablename__ = "learning_path_items"
    __table_args__ = (UniqueConstraint("path_id", "content_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    path_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("learning_paths.id", ondelete="CASCADE"), index=True
    )
    content_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    skill_id: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    est_hours: Mapped[float] = mapped_column(default=0.0)
