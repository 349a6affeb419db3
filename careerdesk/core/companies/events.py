"""Domain events of company cards (published after their transaction commits)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class CompanyChanged(DomainEvent):
    """A company card was edited or its research refreshed."""

    key: str
    what: str  # "fields" | "summary" | "github"
