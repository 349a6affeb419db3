"""Domain events of content packs (published after commit; ``profile_id`` None: every
profile sees the change)."""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ContentPackInstalled(DomainEvent):
    """A pack was imported: its items may now enter every learner's path."""

    pack_id: int
    items: int
