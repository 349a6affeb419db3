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
    format_interval_list,
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


# -- boundaries (issue 23: each test below pins one rule the mutation run showed untested) ----
# Expectations are worked by hand from the module docstrings: a position counts when it is no
# further ahead than max(|rate|, 1) × elapsed wall time × 1.5 + 0.75 s of slack; the tail at
# the end of the media counts within that allowance or within 1 s (× the rate); resume
# restarts from 0 under 1 s and within the last max(2 s, 3%).


def test_bad_intervals_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match=r"^an interval has two ends, got "):
        merge_intervals([(1, 2, 3)])
    with pytest.raises(ValueError, match=r"^an interval end is not a number$"):
        merge_intervals([(1, float("nan"))])


def test_a_zero_duration_is_unknown_and_a_short_one_still_clips() -> None:
    # Duration 0 means "not known yet": nothing is clipped away.
    assert merge_intervals([(1, 2)], duration_s=0) == [(1, 2)]
    # A known half-second clip clips at 0.5 s.
    assert merge_intervals([(0, 2)], duration_s=0.5) == [(0, 0.5)]


def test_covered_seconds_is_the_length_not_the_ends() -> None:
    assert covered_seconds([(2, 5)]) == pytest.approx(3)
    assert covered_seconds([(2, 5), (7, 8)]) == pytest.approx(4)


def test_coverage_of_a_short_clip_and_past_its_end() -> None:
    assert coverage([(0, 0.5)], 0.5) == pytest.approx(1.0)  # half a second, fully watched
    assert coverage([(2, 4)], 10) == pytest.approx(0.2)
    # Seconds reported past the end do not count: 5-10 of a 10 s video is 50%.
    assert coverage([(5, 15)], 10) == pytest.approx(0.5)


def test_unwatched_ignores_what_lies_past_the_end_and_keeps_milliseconds() -> None:
    assert unwatched([(2, 4), (12, 15)], 10) == [(0, 2), (4, 10)]
    assert unwatched([(0, 4)], 10) == [(4, 10)]  # no empty gap before a start at 0
    assert unwatched([(0, 2.5)], 10.5) == [(2.5, 10.5)]


def test_step_index_stops_at_ten() -> None:
    assert step_index(1.5) == 10
    assert step_index(-0.5) == 0


def test_float_noise_just_under_ninety_percent_is_done() -> None:
    # 0.9 minus one billionth is 90% as far as anyone can tell.
    assert is_done(0.9 - 1e-9)
    assert not is_done(0.9 - 1e-6)


def test_resume_position_boundaries() -> None:
    assert resume_position(1.0, 100.0) == 1.0  # one second in: resume there
    assert resume_position(1.5, 100.0) == 1.5
    # 100 s: the last 3 s (3% > 2 s) restart, 97 s included; 96.9 s resumes.
    assert resume_position(97.0, 100.0) == 0.0
    assert resume_position(97.5, 100.0) == 0.0
    assert resume_position(96.9, 100.0) == 96.9
    # 50 s: 3% is 1.5 s, so the 2 s minimum applies: 48 s restarts, 47.5 s resumes.
    assert resume_position(47.5, 50.0) == 47.5
    assert resume_position(48.0, 50.0) == 0.0


def test_format_interval_list_is_merged_json() -> None:
    assert format_interval_list([(5, 7), (0, 2), (1, 4)]) == [[0, 4], [5, 7]]


def test_tracker_clips_known_intervals_to_the_duration() -> None:
    assert WatchTracker(duration_s=10, base=[(8, 15)]).intervals() == [(8, 10)]
    tracker = WatchTracker(duration_s=10)
    tracker.add_known([(8, 15)])
    assert tracker.intervals() == [(8, 10)]


def test_set_duration_clips_and_ignores_non_positive_values() -> None:
    tracker = WatchTracker(base=[(0, 20)])
    tracker.set_duration(10)
    assert tracker.duration_s == 10
    assert tracker.intervals() == [(0, 10)]
    assert tracker.fraction() == pytest.approx(1.0)
    tracker.set_duration(0.5)
    assert tracker.duration_s == 0.5
    assert tracker.intervals() == [(0, 0.5)]
    tracker.set_duration(-5)
    assert tracker.duration_s is None
    tracker.set_duration(0)
    assert tracker.duration_s is None


def test_first_observe_starts_at_that_position_and_time() -> None:
    tracker = WatchTracker(duration_s=10)
    tracker.observe(3.0, 0.0)
    # 2 s later at 1x: allowed 2 × 1.5 + 0.75 = 3.75 s, the 2 s advance counts.
    tracker.observe(5.0, 2.0)
    assert tracker.intervals() == [(3, 5)]


def test_observe_allowance_is_one_and_a_half_times_the_elapsed_time_plus_slack() -> None:
    # 0.25 s elapsed: allowed 0.25 × 1.5 + 0.75 = 1.125 s; a 2 s advance is a jump.
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(0.25, 0.25)
    tracker.observe(2.25, 0.5)
    tracker.stop()
    assert tracker.intervals() == [(0, 0.25)]
    # 1 s elapsed at 1x: allowed 2.25 s; 2 s counts, 3 s does not.
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(2.0, 1.0)
    assert tracker.intervals() == [(0, 2)]
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(3.0, 1.0)
    tracker.stop()
    assert tracker.intervals() == []
    # Exactly the allowance (0.5 s: 0.75 + 0.75 = 1.5 s) still counts.
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(1.5, 0.5)
    assert tracker.intervals() == [(0, 1.5)]


def test_small_backward_reports_are_ignored_larger_ones_are_jumps() -> None:
    def after_back_report(back_to: float, then: float) -> list[tuple[float, float]]:
        tracker = WatchTracker(duration_s=10)
        tracker.start(0.0, 0.0)
        tracker.observe(1.0, 1.0)
        tracker.observe(back_to, 1.1)
        tracker.observe(then, 1.1)  # no time elapsed: allowed 0.75 s from the interval end
        tracker.stop()
        return tracker.intervals()

    # 0.1 s back is out-of-order noise: the interval still ends at 1.0, so 1.7 is 0.7 ahead.
    assert after_back_report(0.9, 1.7) == [(0, 1.7)]
    # Exactly 0.25 s back is still noise.
    assert after_back_report(0.75, 1.6) == [(0, 1.6)]
    # 0.5 s back is a seek: the new interval starts at 0.5, and 1.4 is 0.9 ahead: a jump.
    assert after_back_report(0.5, 1.4) == [(0, 1)]


def test_a_small_forward_jump_starts_a_new_interval_there() -> None:
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(1.0, 1.0)
    tracker.observe(1.9, 1.0)  # 0.9 s ahead with no time elapsed: a jump
    tracker.observe(2.4, 1.5)  # 0.5 s after the jump target, within 1.5 s
    tracker.stop()
    assert tracker.intervals() == [(0, 1), (1.9, 2.4)]


def test_a_jump_back_to_the_start_counts_from_zero() -> None:
    tracker = WatchTracker(duration_s=10)
    tracker.start(5.0, 0.0)
    tracker.observe(5.25, 0.25)
    tracker.observe(0.0, 0.5)  # seek to the start
    tracker.observe(0.25, 0.75)
    tracker.observe(0.5, 1.0)
    tracker.stop()
    assert tracker.intervals() == [(0, 0.5), (5, 5.25)]


def test_positions_past_the_end_are_clipped_while_running_and_after_stop() -> None:
    tracker = WatchTracker(duration_s=10)
    tracker.start(9.5, 0.0)
    tracker.observe(10.4, 0.5)  # a backend reporting slightly past the end
    assert tracker.intervals() == [(9.5, 10)]
    tracker.stop()
    assert tracker.intervals() == [(9.5, 10)]


def _at(position: float, wall: float) -> WatchTracker:
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(position, wall)
    return tracker


def test_reach_end_tail_allowance() -> None:
    # Last report 8 s at wall 8; end at wall 9: allowed 1 × 1.5 + 0.75 = 2.25 s ≥ 2 s tail.
    tracker = _at(8.0, 8.0)
    tracker.reach_end(9.0)
    assert tracker.intervals() == [(0, 10)]
    # 3 s tail after 1 s: 2.25 s allowed, not counted.
    tracker = _at(7.0, 7.0)
    tracker.reach_end(8.0)
    assert tracker.intervals() == [(0, 7)]
    # 3 s tail after 2 s: 2 × 1.5 + 0.75 = 3.75 s allowed, counted.
    tracker = _at(7.0, 7.0)
    tracker.reach_end(9.0)
    assert tracker.intervals() == [(0, 10)]
    # 2 s tail after 0.5 s: 1.5 s allowed (and over the 1 s end tail), not counted.
    tracker = _at(8.0, 8.0)
    tracker.reach_end(8.5)
    assert tracker.intervals() == [(0, 8)]
    # Exactly 1 s tail with no time elapsed: the end tail allowance includes 1 s.
    tracker = _at(9.0, 9.0)
    tracker.reach_end(9.0)
    assert tracker.intervals() == [(0, 10)]


def test_reach_end_without_a_duration_just_stops() -> None:
    tracker = WatchTracker()
    tracker.start(0.0, 0.0)
    tracker.observe(1.0, 1.0)
    tracker.reach_end(1.5)
    assert not tracker.running
    assert tracker.intervals() == [(0, 1)]


def test_end_tail_allowance_scales_with_the_rate() -> None:
    # At 2x the 1 s end tail covers 2 s of media: a 1.8 s tail with no time elapsed counts.
    tracker = WatchTracker(duration_s=10)
    tracker.start(0.0, 0.0)
    tracker.observe(8.2, 8.0, 2.0)
    tracker.reach_end(8.0, rate=2.0)
    assert tracker.intervals() == [(0, 10)]
    # At 1x a 1.5 s tail with no time elapsed is more than 1 s (and 0.75 s of slack).
    tracker = _at(8.5, 8.5)
    tracker.reach_end(8.5)
    assert tracker.intervals() == [(0, 8.5)]
