"""Pipeline domain events, published after each commit.

All per-application changes are :class:`careerdesk.core.pipeline.events.ApplicationChanged` (or a
subclass carrying more detail), so a listener that only cares "something changed" subscribes
to that. A bulk import publishes one :class:`ApplicationsImported` instead of thousands of
events; listeners that recompute on any pipeline change subscribe to both
(``PIPELINE_EVENTS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.kernel.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class ApplicationChanged(DomainEvent):
    """An application was created, edited, moved, deleted, or got an interview/offer/note."""

    application_id: int
    change: str  # "created" | "updated" | "state" | "deleted" | "interview" | "offer" | "note"


@dataclass(frozen=True, kw_only=True)
class ApplicationStateChanged(ApplicationChanged):
    """A move (``change="state"``) or a reverted move (``change="state_reverted"``)."""

    from_state: str
    to_state: str


@dataclass(frozen=True, kw_only=True)
class ApplicationUpdated(ApplicationChanged):
    """Fields edited (``change="updated"``); ``fields`` names them (e.g. ``("deadline",)``)."""

    fields: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class InterviewChanged(ApplicationChanged):
    """``change="interview"``; ``action`` is ``added`` | ``updated`` | ``removed``."""

    interview_id: int
    action: str


@dataclass(frozen=True, kw_only=True)
class OfferChanged(ApplicationChanged):
    """``change="offer"``; ``action`` is ``added`` | ``updated`` | ``removed`` | ``round``."""

    offer_id: int
    action: str


@dataclass(frozen=True, kw_only=True)
class ApplicationsImported(DomainEvent):
    """Many applications were added at once (CSV/JSON import)."""

    application_ids: tuple[int, ...]


PIPELINE_EVENTS: tuple[type[DomainEvent], ...] = (ApplicationChanged, ApplicationsImported)


@dataclass(frozen=True, kw_only=True)
class FollowUpsChanged(DomainEvent):
    """Follow-ups of a profile were added, sent, snoozed or cancelled."""


@dataclass(frozen=True, kw_only=True)
class FitChanged(DomainEvent):
    """The stored fit verdict of an application changed."""

    application_id: int
    verdict: str
