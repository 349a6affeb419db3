"""Domain events of the video player's watch progress (published after commit)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class VideoProgressed(DomainEvent):
    """Published at each newly covered 10% step of a video."""

    content_id: int
    watched_fraction: float
