"""Readiness trend on Home (hand-worked cases)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from careerdesk.core.insights.trend import readiness_trend

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@dataclass
class P:
    computed_at: datetime
    target_role_id: str | None
    readiness: float


def test_no_trend_from_one_snapshot() -> None:
    assert readiness_trend([]) is None
    assert readiness_trend([P(T0, "da", 30)]) is None


def test_compares_with_the_newest_snapshot_a_week_older() -> None:
    points = [
        P(T0, "da", 20),
        P(T0 + timedelta(days=3), "da", 25),  # the newest at least 7 days before the last
        P(T0 + timedelta(days=9), "da", 28),
        P(T0 + timedelta(days=10), "da", 34),
    ]
    assert readiness_trend(points) == (9, T0 + timedelta(days=3))  # 34 - 25


def test_recent_history_only_uses_the_oldest_and_order_does_not_matter() -> None:
    points = [P(T0 + timedelta(days=2), "da", 31), P(T0, "da", 35)]
    assert readiness_trend(points) == (-4, T0)


def test_no_trend_within_the_first_day() -> None:
    # a first quiz an hour after the first snapshot: not "up 46 since today"
    assert readiness_trend([P(T0, "da", 0), P(T0 + timedelta(hours=1), "da", 46)]) is None
    points = [
        P(T0, "da", 10),
        P(T0 + timedelta(days=2), "da", 20),
        P(T0 + timedelta(days=2, hours=5), "da", 26),
    ]
    assert readiness_trend(points) == (16, T0)  # 26 - 10: the only one a day older


def test_a_new_goal_restarts_the_trend() -> None:
    points = [P(T0, "da", 50), P(T0 + timedelta(days=8), "ux", 10)]
    assert readiness_trend(points) is None
