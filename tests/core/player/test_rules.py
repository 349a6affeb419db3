"""Pure watch-progress rules: merging, coverage, 10% steps, DONE at 90%, the tracker."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerdesk.core.player.rules import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    WatchTracker,
    coverage,
    covered_seconds,
    is_done,
    merge_intervals,
    resume_position,
    state_for,
    step_index,
    steps_crossed,
    unwatched,
)

# -- merging and coverage ---------------------------------------------------------------------


def test_merge_joins_overlapping_and_touching_and_sorts() -> None:
    assert merge_intervals([(5, 7), (0, 2), (1, 3), (3, 4)]) == [(0, 4), (5, 7)]


def test_merge_drops_empty_and_swaps_reversed() -> None:
    assert merge_intervals([(2, 2), (4, 1)]) == [(1, 4)]


def test_merge_clips_to_duration() -> None:
    assert merge_intervals([(-3, 2), (8, 15)], duration_s=10) == [(0, 2), (8, 10)]


def test_merge_rejects_nan_and_bad_shapes() -> None:
    with pytest.raises(ValueError):
        merge_intervals([(float("nan"), 1)])
    with pytest.raises(ValueError):
        merge_intervals([(1, 2, 3)])


def test_coverage_counts_each_second_once() -> None:
    # Watching 0-6 twice (a repeat) is still 60% of a 10 s video.
    assert coverage([(0, 6), (0, 6), (2, 5)], 10) == pytest.approx(0.6)
    assert covered_seconds([(0, 6), (4, 8)]) == pytest.approx(8)


def test_coverage_is_zero_without_duration_and_capped_at_one() -> None:
    assert coverage([(0, 5)], None) == 0.0
    assert coverage([(0, 5)], 0) == 0.0
    assert coverage([(0, 50), (0, 60)], 10) == 1.0


def test_unwatched_lists_the_gaps() -> None:
    assert unwatched([(2, 4), (6, 10)], 10) == [(0, 2), (4, 6)]
    assert unwatched([], 5) == [(0, 5)]


# -- steps and states -------------------------------------------------------------------------


def test_steps_crossed_lists_each_new_tenth() -> None:
    assert steps_crossed(0.0, 0.09) == []
    assert steps_crossed(0.0, 0.1) == [0.1]
    assert steps_crossed(0.15, 0.42) == [0.2, 0.3, 0.4]
    assert steps_crossed(0.4, 0.4) == []
    assert steps_crossed(0.95, 1.0) == [1.0]
    # Float noise (0.7 stored as 0.6999999999) still counts as 70%.
    assert step_index(0.7 - 1e-12) == 7


def test_done_at_ninety_percent() -> None:
    assert not is_done(0.899)
    assert is_done(0.9)
    assert state_for(0.9, True) == DONE
    assert state_for(0.2, True) == IN_PROGRESS
    assert state_for(0.0, False) == NOT_STARTED


def test_resume_position() -> None:
    assert resume_position(42.0, 100.0) == 42.0
    assert resume_position(0.4, 100.0) == 0.0
    assert resume_position(98.5, 100.0) == 0.0  # finished: start again
    assert resume_position(None, None) == 0.0


# -- tracker ----------------------------------------------------------------------------------


def _play(tracker: WatchTracker, start: float, end: float, rate: float = 1.0, *, t0: float = 0.0):
    """Feed position reports every 0.25 s of wall time from start to end."""
    wall = t0
    tracker.start(start, wall)
    pos = start
    while pos < end:
        wall += 0.25
        pos = min(end, pos + 0.25 * rate)
        tracker.observe(pos, wall, rate)
    return wall


def test_tracker_counts_continuous_play() -> None:
    tracker = WatchTracker(duration_s=10)
    _play(tracker, 0, 4)
    assert tracker.intervals() == [(0, 4)]
    assert tracker.fraction() == pytest.approx(0.4)


def test_tracker_does_not_count_a_jump_ahead() -> None:
    tracker = WatchTracker(duration_s=10)
    wall = _play(tracker, 0, 2)
    # The position jumps to 8 s without a seek being announced: not watched.
    tracker.observe(8.0, wall + 0.25, 1.0)
    tracker.observe(8.25, wall + 0.5, 1.0)
    tracker.stop()
    assert tracker.intervals() == [(0, 2), (8, 8.25)]


def test_tracker_allows_fast_rates_and_slow_timers() -> None:
    tracker = WatchTracker(duration_s=60)
    _play(tracker, 0, 40, rate=8)
    assert tracker.intervals() == [(0, 40)]
    # A GUI stall of one second at 2x still counts as continuous play.
    tracker.start(40, 100.0)
    tracker.observe(42.0, 101.0, 2.0)
    assert tracker.intervals() == [(0, 42)]


def test_tracker_reach_end_counts_the_tail_and_repeat_stays_at_one() -> None:
    tracker = WatchTracker(duration_s=10)
    wall = _play(tracker, 0, 9.8)
    tracker.reach_end(wall + 0.1)
    assert tracker.fraction() == 1.0
    _play(tracker, 0, 10, t0=wall + 1)
    tracker.stop()
    assert tracker.fraction() == 1.0
    assert tracker.intervals() == [(0, 10)]


def test_tracker_seek_back_keeps_both_parts() -> None:
    tracker = WatchTracker(duration_s=20, base=[(10, 12)])
    _play(tracker, 0, 3)
    tracker.stop()
    assert tracker.intervals() == [(0, 3), (10, 12)]
    tracker.add_known([(2, 5)])
    assert tracker.intervals() == [(0, 5), (10, 12)]


# -- properties -------------------------------------------------------------------------------

_times = st.floats(min_value=-50, max_value=500, allow_nan=False, allow_infinity=False)
_intervals = st.lists(st.tuples(_times, _times), max_size=25)
_durations = st.one_of(st.none(), st.floats(min_value=0.5, max_value=400))


@settings(max_examples=200, deadline=None)
@given(_intervals, _durations)
def test_coverage_never_above_one(intervals, duration) -> None:  # type: ignore[no-untyped-def]
    assert 0.0 <= coverage(intervals, duration) <= 1.0


@settings(max_examples=200, deadline=None)
@given(_intervals, _durations, st.randoms())
def test_merge_is_idempotent_and_order_independent(intervals, duration, rnd) -> None:  # type: ignore[no-untyped-def]
    merged = merge_intervals(intervals, duration)
    assert merge_intervals(merged, duration) == merged
    shuffled = list(intervals)
    rnd.shuffle(shuffled)
    assert merge_intervals(shuffled, duration) == merged
    # Disjoint, sorted, non-empty.
    for (a1, b1), (a2, b2) in itertools.pairwise(merged):
        assert a1 < b1 < a2 < b2


@settings(max_examples=100, deadline=None)
@given(_intervals, _intervals)
def test_merging_in_two_saves_equals_one(first, second) -> None:  # type: ignore[no-untyped-def]
    # What the service does: stored ∪ new, in any number of saves.
    assert merge_intervals([*merge_intervals(first), *second]) == merge_intervals([*first, *second])


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1))
def test_steps_are_the_tenths_between(a, b) -> None:  # type: ignore[no-untyped-def]
    lo, hi = sorted((a, b))
    steps = steps_crossed(lo, hi)
    assert all(lo < s + 1e-9 <= hi + 2e-9 for s in steps)
    assert steps == sorted(set(steps))


def test_random_sessions_never_exceed_duration() -> None:
    rnd = random.Random(4)
    tracker = WatchTracker(duration_s=30)
    wall = 0.0
    for _ in range(200):
        start = rnd.uniform(0, 30)
        wall = _play(tracker, start, min(30, start + rnd.uniform(0, 10)), t0=wall + 1)
        tracker.stop()
    assert 0 < tracker.fraction() <= 1
    assert sum(b - a for a, b in tracker.intervals()) <= 30 + 1e-9


def test_tail_counts_when_stop_arrives_before_end() -> None:
    tracker = WatchTracker(duration_s=6)
    wall = _play(tracker, 0, 5.6, rate=8)
    tracker.stop()  # "stopped" reported first...
    tracker.reach_end(wall + 0.05, rate=8)  # ...then "end of media"
    assert tracker.intervals() == [(0, 6)]


def test_no_tail_after_a_seek_near_the_end() -> None:
    tracker = WatchTracker(duration_s=60)
    wall = _play(tracker, 0, 10)
    tracker.forget_position()  # the learner seeks to 59.5 s while paused
    tracker.reach_end(wall + 0.1)
    assert tracker.intervals() == [(0, 10)]


def test_the_last_partial_second_counts_at_the_end_of_media() -> None:
    # Reports every second at 1x: the last one says 9.2 s of 10 s, and "end of media" comes
    # at once (a backend that reports late): the 0.8 s tail was played and counts.
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    for second in range(1, 10):
        tracker.observe(second + 0.2, float(second), 1.0)
    tracker.stop()  # "stopped" first
    tracker.reach_end(9.0, rate=1.0)
    assert tracker.intervals() == [(0, 10)]
    assert tracker.fraction() == 1.0


def test_a_tail_longer_than_a_second_without_time_to_play_it_does_not_count() -> None:
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(5.0, 5.0, 1.0)
    tracker.reach_end(5.0, rate=1.0)  # 5 s short of the end with no time elapsed: a jump
    assert tracker.intervals() == [(0, 5)]
