"""Readiness trend for Home (docs/insights.md): how far readiness moved, and since when.

Pure: compares the newest stored snapshot with the newest one at least ``window`` older
(else the oldest one at least a day older), for the same target role only — a change of
goal restarts the trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

MIN_AGE = timedelta(days=1)


class _Point(Protocol):
    @property
    def computed_at(self) -> datetime: ...
    @property
    def target_role_id(self) -> str | None: ...
    @property
    def readiness(self) -> float: ...


def readiness_trend(
    points: Sequence[_Point], window: timedelta = timedelta(days=7)
) -> tuple[float, datetime] | None:
    """``(change in points, the earlier snapshot's time)``, or None with fewer than two
    snapshots for the current role. ``points`` in any order."""
    if not points:
        return None
    ordered = sorted(points, key=lambda p: p.computed_at)
    newest = ordered[-1]
    same = [p for p in ordered[:-1] if p.target_role_id == newest.target_role_id]
    if not same:
        return None
    # A trend needs time: the first quiz of the day moving readiness from its first
    # snapshot is not "up 46 since today". Compare with a snapshot at least a day older.
    earlier = [p for p in same if p.computed_at <= newest.computed_at - MIN_AGE]
    if not earlier:
        return None
    older = [p for p in earlier if p.computed_at <= newest.computed_at - window]
    base = older[-1] if older else earlier[0]
    return newest.readiness - base.readiness, base.computed_at
