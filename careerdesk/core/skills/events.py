"""Domain events of the skill model (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class TargetRoleChanged(DomainEvent):
    role_ids: tuple[str, ...]
