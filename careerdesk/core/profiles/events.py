"""Domain events of learner profiles (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ProfileCreated(DomainEvent):
    name: str


@dataclass(frozen=True, kw_only=True)
class ProfileUpdated(DomainEvent):
    """Name, target role, skills self-rating or other profile fields changed."""

    fields: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ProfileDeleted(DomainEvent):
    name: str
