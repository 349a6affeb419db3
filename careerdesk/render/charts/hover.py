"""Hover read-outs for chart figures: the value and the source under the pointer.

Pure matplotlib (``motion_notify_event`` and an annotation per axes), so it works on any
interactive canvas — the Qt tab uses it through ``FigureCanvasQTAgg`` — and tests can drive
it with synthetic events on an Agg canvas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.text import Annotation

    from careerdesk.render.charts.theme import ChartTheme

HOVER_RADIUS_PX = 10.0


@dataclass
class PointTargets:
    """Data points of one series on ``ax``; ``text(i)`` is point i's read-out.

    The text is made on demand: a redraw of thousands of points formats nothing.
    """

    ax: Axes
    xs: Sequence[float] | np.ndarray
    ys: Sequence[float] | np.ndarray
    text: Callable[[int], str]
    _xy: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._xy = np.column_stack([np.asarray(self.xs, float), np.asarray(self.ys, float)])

    def nearest(self, x_px: float, y_px: float) -> tuple[float, int] | None:
        """(distance in pixels, index) of the point nearest the pointer, if any."""
        if len(self._xy) == 0:
            return None
        shown = self.ax.transData.transform(self._xy)
        dist = np.hypot(shown[:, 0] - x_px, shown[:, 1] - y_px)
        index = int(np.argmin(dist))
        return float(dist[index]), index


@dataclass
class PatchTarget:
    """A bar (or any patch) with its read-out text; hovering anywhere on it shows the text."""

    ax: Axes
    patch: Patch
    text: str
    anchor: tuple[float, float]


@dataclass
class HoverTargets:
    """Everything hoverable on one drawn figure."""

    points: list[PointTargets] = field(default_factory=list)
    patches: list[PatchTarget] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.points or self.patches)


class HoverController:
    """Shows an annotation with the nearest target's text while the pointer moves.

    Call :meth:`set_targets` after every redraw (a redraw clears the figure, annotations
    included). ``on_move`` returns the text shown, or None, which tests use.
    """

    def __init__(self, figure: Figure, theme: ChartTheme, radius_px: float = HOVER_RADIUS_PX):
        self.figure = figure
        self.theme = theme
        self.radius_px = radius_px
        self.targets = HoverTargets()
        self._notes: dict[Axes, Annotation] = {}
        self._shown: str | None = None
        self._cids: list[int] = []

    def connect(self) -> None:
        """Listen to the figure's canvas (call again after the canvas changed)."""
        canvas = self.figure.canvas
        for cid in self._cids:
            canvas.mpl_disconnect(cid)
        self._cids = [
            canvas.mpl_connect("motion_notify_event", self.on_move),
            canvas.mpl_connect("figure_leave_event", lambda _e: self.hide()),
        ]

    def set_targets(self, targets: HoverTargets, theme: ChartTheme | None = None) -> None:
        self.targets = targets
        if theme is not None:
            self.theme = theme
        for ax, note in self._notes.items():
            if ax in self.figure.axes:  # axes kept by a data-only redraw: drop the old box
                note.remove()
        self._notes = {}
        self._shown = None

    @property
    def shown(self) -> str | None:
        return self._shown

    def on_move(self, event: Any) -> str | None:
        ax = getattr(event, "inaxes", None)
        if ax is None or event.x is None:
            self.hide()
            return None
        found = self._find(ax, event)
        if found is None:
            self.hide()
            return None
        text, xy = found
        note = self._note(ax)
        if self._shown != text or not note.get_visible():
            note.xy = xy
            note.set_text(text)
            # Keep the box inside the axes: flip it to the left on the right-hand side.
            x0, _ = ax.transAxes.inverted().transform((event.x, event.y))
            note.set_position((-14, 14) if x0 > 0.6 else (14, 14))
            note.set_horizontalalignment("right" if x0 > 0.6 else "left")
            note.set_visible(True)
            self._shown = text
            self.figure.canvas.draw_idle()
        return text

    def hide(self) -> None:
        changed = False
        for note in self._notes.values():
            if note.get_visible():
                note.set_visible(False)
                changed = True
        self._shown = None
        if changed:
            self.figure.canvas.draw_idle()

    def _find(self, ax: Axes, event: Any) -> tuple[str, tuple[float, float]] | None:
        best: tuple[float, str, tuple[float, float]] | None = None
        for series in self.targets.points:
            if series.ax is not ax:
                continue
            hit = series.nearest(event.x, event.y)
            if hit is None or hit[0] > self.radius_px:
                continue
            if best is None or hit[0] < best[0]:
                i = hit[1]
                best = (hit[0], series.text(i), (float(series.xs[i]), float(series.ys[i])))
        if best is not None:
            return best[1], best[2]
        for target in self.targets.patches:
            if target.ax is ax and target.patch.contains(event)[0]:
                return target.text, target.anchor
        return None

    def _note(self, ax: Axes) -> Annotation:
        note = self._notes.get(ax)
        if note is None:
            t = self.theme
            note = ax.annotate(
                "",
                xy=(0, 0),
                xytext=(14, 14),
                textcoords="offset points",
                fontsize=9,
                color=t.text,
                zorder=100,
                annotation_clip=False,
                bbox={"boxstyle": "round,pad=0.4", "fc": t.axes_bg, "ec": t.muted, "alpha": 0.95},
                arrowprops={"arrowstyle": "-", "color": t.muted},
            )
            note.set_visible(False)
            self._notes[ax] = note
        return note
