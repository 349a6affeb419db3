"""Watch progress as intervals actually played: pure rules, no database, no Qt.

A video's progress is the set of ``[start, end]`` second intervals the learner really watched,
kept merged. Seeking never adds coverage (a jump starts a new interval at the target), a
repeat never pushes the share above 100%, and an item is DONE once 90% of its duration is
covered. The player feeds positions into :class:`WatchTracker`; the service persists the
merged intervals and publishes events at each newly covered 10% step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

NOT_STARTED = "NOT_STARTED"
IN_PROGRESS = "IN_PROGRESS"
DONE = "DONE"
STATES = (NOT_STARTED, IN_PROGRESS, DONE)

DONE_THRESHOLD = 0.9  # share of the duration that must really have been watched
STEP = 0.1  # progress is saved and announced at every newly covered 10%
# At the end of the media the last position report can lie up to one frame interval (or one
# report interval: some backends report about once a second) before the end; that last
# partial second was played, so it counts whatever the wall clock says.
END_TAIL_S = 1.0
_EPS = 1e-9
# Intervals are kept to the millisecond: positions come in milliseconds anyway, and a fixed
# precision makes merging exactly idempotent and the stored JSON small.
_PRECISION = 3

Interval = tuple[float, float]


def _pair(raw: Sequence[float]) -> Interval:
    if len(raw) != 2:
        raise ValueError(f"an interval has two ends, got {raw!r}")
    start, end = float(raw[0]), float(raw[1])
    if math.isnan(start) or math.isnan(end):
        raise ValueError("an interval end is not a number")
    return (start, end) if start <= end else (end, start)


def merge_intervals(
    intervals: Iterable[Sequence[float]], duration_s: float | None = None
) -> list[Interval]:
    """Merge overlapping or touching intervals into a sorted, disjoint list.

    Intervals are clipped to ``[0, duration_s]`` when the duration is known, rounded to the
    millisecond, and empty ones are dropped. The result depends only on the set of input
    intervals (not their order), and merging a merged list changes nothing.
    """
    upper = duration_s if duration_s is not None and duration_s > 0 else math.inf
    cleaned: list[Interval] = []
    for raw in intervals:
        start, end = _pair(raw)
        start = round(max(0.0, start), _PRECISION)
        end = round(min(upper, end), _PRECISION)
        if end > start:
            cleaned.append((start, end))
    cleaned.sort()
    merged: list[Interval] = []
    for start, end in cleaned:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def covered_seconds(intervals: Iterable[Sequence[float]]) -> float:
    """Total length of the union of ``intervals``."""
    return sum(end - start for start, end in merge_intervals(intervals))


def coverage(intervals: Iterable[Sequence[float]], duration_s: float | None) -> float:
    """Share of the duration watched, in [0, 1]; 0 while the duration is unknown."""
    if duration_s is None or duration_s <= 0:
        return 0.0
    covered = sum(end - start for start, end in merge_intervals(intervals, duration_s))
    return max(0.0, min(1.0, covered / duration_s))


def unwatched(intervals: Iterable[Sequence[float]], duration_s: float) -> list[Interval]:
    """The gaps: parts of ``[0, duration_s]`` not covered by ``intervals``."""
    gaps: list[Interval] = []
    cursor = 0.0
    for start, end in merge_intervals(intervals, duration_s):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < duration_s:
        gaps.append((round(cursor, _PRECISION), round(duration_s, _PRECISION)))
    return gaps


def step_index(fraction: float) -> int:
    """How many whole 10% steps ``fraction`` covers (0..10)."""
    return max(0, min(10, math.floor(fraction / STEP + _EPS)))


def steps_crossed(old_fraction: float, new_fraction: float) -> list[float]:
    """The 10% marks (0.1 … 1.0) newly covered when coverage goes from old to new."""
    return [k / 10 for k in range(step_index(old_fraction) + 1, step_index(new_fraction) + 1)]


def is_done(fraction: float) -> bool:
    """DONE once at least 90% of the duration has really been watched."""
    return fraction + _EPS >= DONE_THRESHOLD


def state_for(fraction: float, anything_watched: bool) -> str:
    """The state the watch data alone implies."""
    if is_done(fraction):
        return DONE
    return IN_PROGRESS if anything_watched else NOT_STARTED


def resume_position(position_s: float | None, duration_s: float | None) -> float:
    """Where to start an item again: where the learner stopped, unless at (or near) the end.

    Restarting a finished video from its last seconds helps nobody, so the last 3% (at
    least 2 s) restart from the beginning; so does a position under one second.
    """
    if not position_s or position_s < 1.0:
        return 0.0
    if duration_s and position_s >= duration_s - max(2.0, 0.03 * duration_s):
        return 0.0
    return position_s


def format_interval_list(intervals: Iterable[Sequence[float]]) -> list[list[float]]:
    """JSON-ready ``[[start, end], ...]``."""
    return [[start, end] for start, end in merge_intervals(intervals)]


@dataclass
class WatchTracker:
    """Turns a stream of playback positions into watched intervals, ignoring jumps.

    Call :meth:`start` when playback starts or resumes (with the current position),
    :meth:`observe` for each position update while playing, and :meth:`stop` on pause, seek,
    end or switching item. A position is counted only when it follows the previous one by
    no more than playback at the current rate could have advanced (plus slack for timer
    jitter); anything else is a jump, which opens a new interval at the new position without
    counting the span skipped. Times are seconds; ``wall_s`` is any monotonic clock.
    """

    duration_s: float | None = None
    base: list[Interval] = field(default_factory=list)
    slack_s: float = 0.75
    _seg_start: float | None = None
    _seg_end: float = 0.0
    _last_wall: float | None = None

    def __post_init__(self) -> None:
        self.base = merge_intervals(self.base, self.duration_s)

    @property
    def running(self) -> bool:
        return self._seg_start is not None

    def set_duration(self, duration_s: float | None) -> None:
        self.duration_s = duration_s if duration_s and duration_s > 0 else None
        self.base = merge_intervals(self.base, self.duration_s)

    def add_known(self, intervals: Iterable[Sequence[float]]) -> None:
        """Fold in intervals persisted elsewhere (e.g. read back from the database)."""
        self.base = merge_intervals([*self.base, *intervals], self.duration_s)

    def start(self, position_s: float, wall_s: float) -> None:
        """Playback (re)starts at ``position_s``; nothing is counted yet."""
        self.stop()
        self._seg_start = self._seg_end = max(0.0, position_s)
        self._last_wall = wall_s

    def forget_position(self) -> None:
        """Forget where the last interval ended (after a seek), so no tail is added to it."""
        self.stop()
        self._last_wall = None

    def observe(self, position_s: float, wall_s: float, rate: float = 1.0) -> None:
        """Playback is at ``position_s`` now; extend the interval if this is continuous play."""
        if self._seg_start is None:
            self.start(position_s, wall_s)
            return
        last = wall_s if self._last_wall is None else self._last_wall
        elapsed = max(0.0, wall_s - last)
        delta = position_s - self._seg_end
        allowed = max(abs(rate), 1.0) * elapsed * 1.5 + self.slack_s
        if 0.0 <= delta <= allowed:
            self._seg_end = position_s
        elif -0.25 <= delta < 0.0:
            pass  # a position report arriving slightly out of order; not a seek
        else:
            # A jump (seek, or a skip the player made): what lies between was not watched.
            self._close()
            self._seg_start = self._seg_end = max(0.0, position_s)
        self._last_wall = wall_s

    def reach_end(self, wall_s: float, rate: float = 1.0) -> None:
        """Playback reached the end of the media: the tail since the last report counts.

        Players may report "stopped" just before "end of media", so the tail also counts
        when the interval was closed a moment ago, as long as continuous play at ``rate``
        could have covered it in the time since the last report.
        """
        if not self.duration_s:
            self.stop()
            return
        if self._last_wall is not None:
            # Still playing, or stopped a moment ago: the interval ran on to the end.
            tail = self.duration_s - self._seg_end
            allowed = max(abs(rate), 1.0) * max(0.0, wall_s - self._last_wall) * 1.5 + self.slack_s
            if 0.0 < tail <= max(allowed, END_TAIL_S * max(abs(rate), 1.0)):
                self.base = merge_intervals(
                    [*self.base, (self._seg_end, self.duration_s)], self.duration_s
                )
                self._seg_end = self.duration_s
        self.stop()

    def stop(self) -> None:
        """Close the current interval (pause, seek, end, switching item)."""
        self._close()
        self._seg_start = None

    def _close(self) -> None:
        if self._seg_start is not None and self._seg_end > self._seg_start:
            self.base = merge_intervals(
                [*self.base, (self._seg_start, self._seg_end)], self.duration_s
            )
        if self._seg_start is not None:
            self._seg_start = self._seg_end

    def intervals(self) -> list[Interval]:
        """Everything watched so far, including the interval still being played."""
        if self._seg_start is not None and self._seg_end > self._seg_start:
            return merge_intervals([*self.base, (self._seg_start, self._seg_end)], self.duration_s)
        return list(self.base)

    def fraction(self) -> float:
        return coverage(self.intervals(), self.duration_s)
