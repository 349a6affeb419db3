"""Per-profile state a service keeps between reads (docs/ARCHITECTURE.md).

The insights providers and the skill model both fold a learner's rows incrementally and keep
the result per profile; a restore replaces the data under them and a deleted profile's state
must go, so one class drops it on ``DataRestored`` and ``ProfileDeleted`` for both.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

from careerdesk.core.kernel.events import DataRestored, EventBus
from careerdesk.core.profiles.events import ProfileDeleted

V = TypeVar("V")


class PerProfileCache(Generic[V]):
    """Per-profile state kept between reads, dropped when the data is replaced under it.

    Subclasses read and write ``_cache`` under ``_lock``.
    """

    def __init__(self, bus: EventBus) -> None:
        self._cache: dict[int, V] = {}
        self._lock = threading.Lock()
        bus.subscribe(DataRestored, lambda _e: self.forget())
        bus.subscribe(ProfileDeleted, lambda e: self.forget(e.profile_id))

    def forget(self, profile_id: int | None = None) -> None:
        """Drop the kept state of one profile (or all): the next read starts afresh."""
        with self._lock:
            if profile_id is None:
                self._cache.clear()
            else:
                self._cache.pop(profile_id, None)
