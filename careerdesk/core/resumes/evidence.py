"""The one place the résumé feature reads the learner's skills (docs/resumes.md).

``SkillEvidence`` is the port; :class:`SkillProfileEvidence` implements it over
``SkillProfileService``, which reads the skill model (docs/skills.md): the level is the
model's estimate and the evidence is the ledger's measured pieces (quiz answers, interview
scores, advisor ratings), so a self-rating or study alone is no evidence.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from careerdesk.core.resumes.models import SkillEstimate
from careerdesk.core.skills.service import MEASURED_SOURCES, SkillProfileService


class SkillEvidence(Protocol):
    """Per skill id: the learner's level and how many measured records back it."""

    def estimates(self, profile_id: int) -> dict[str, SkillEstimate]: ...


class SkillProfileEvidence:
    """The model's estimate per skill; evidence = the measured pieces of the ledger behind it
    (``history`` replays them; its ``source`` is each piece's kind in the level vocabulary).
    A self-rating is a level with no evidence."""

    def __init__(self, skills: SkillProfileService) -> None:
        self.skills = skills

    def estimates(self, profile_id: int) -> dict[str, SkillEstimate]:
        current = self.skills.current_levels(profile_id)
        counts = Counter(
            h.skill_id for h in self.skills.history(profile_id) if h.source in MEASURED_SOURCES
        )
        return {
            sid: SkillEstimate(level=lvl.level, evidence_count=counts[sid])
            for sid, lvl in current.items()
        }
