"""The skill model's append-only evidence ledger (docs/skills.md).

Rows are only ever added: a restated piece of evidence (an edited interview practice, a new
self-rating) is a new row with the same ``ref``, a withdrawn one (a deleted practice) a
``withdrawn`` row; the model counts the newest row per ref. Per person (``ProfileOwned``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.storage.base import Base, ProfileOwned


class SkillEvidenceRecord(ProfileOwned, Base):
    """One piece of evidence about one skill of one learner.

    ``kind``: see ``careerdesk.core.skills.model_rules.EvidenceKind``. ``value``: 1/0 for a
    quiz answer, the observed level (0–100) for observations and self-ratings, hours for
    study. ``difficulty``: the question's location (0–100) for a quiz answer, the level the
    material teaches up to for study, else NULL. ``ref`` names what the evidence came from
    (``"answer:12"``, ``"interview:7:communication"``, ``"self"``, ``"content:3"``).
    """

    __tablename__ = "skill_evidence"
    __table_args__ = (Index("ix_skill_evidence_profile_skill", "profile_id", "skill_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    skill_id: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(30))
    value: Mapped[float] = mapped_column()
    difficulty: Mapped[float | None] = mapped_column(default=None)
    ref: Mapped[str] = mapped_column(String(120), default="")
    # What the observer wrote with it (an advisor's short note); empty for everything else.
    note: Mapped[str] = mapped_column(Text, default="")
    observed_at: Mapped[datetime] = mapped_column()
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
