"""Domain events of the résumé library (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ResumeChanged(DomainEvent):
    """A version was imported, saved, edited or deleted, or a résumé attached to an application."""

    version_id: int | None
    application_id: int | None = None
    what: str  # "imported" | "saved" | "edited" | "deleted" | "attached"
