"""Domain events of learning paths and content progress (published after commit)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class LearningPathChanged(DomainEvent):
    path_id: int


@dataclass(frozen=True, kw_only=True)
class ContentProgressChanged(DomainEvent):
    """A content item's state (NOT_STARTED / IN_PROGRESS / DONE) changed."""

    content_id: int
    state: str


@dataclass(frozen=True, kw_only=True)
class ContentCompleted(DomainEvent):
    content_id: int
