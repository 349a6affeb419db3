"""Domain events of the skill model (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class TargetRoleChanged(DomainEvent):
    role_ids: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class SkillEvidenceAdded(DomainEvent):
    """Evidence was appended to a learner's ledger: these skills' estimates may have moved.

    ``kinds`` are the evidence kinds appended (``quiz_answer``, ``self_rating``, …).
    """

    skill_ids: tuple[str, ...]
    kinds: tuple[str, ...]
