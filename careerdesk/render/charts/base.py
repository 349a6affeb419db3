"""Shared pieces of the skill charts: the result type, figure, axes styling, empty states.

No pyplot and no Qt: figures are plain ``matplotlib.figure.Figure`` objects, drawn by the
Qt canvas in the tab and by Agg/SVG for files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from matplotlib.colors import to_hex
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from careerdesk.render.charts.hover import HoverTargets
from careerdesk.render.charts.theme import ChartTheme

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MARKER_LIMIT = 60  # more points than this per series: a plain line (markers would be a blur)


@dataclass(frozen=True)
class LegendEntry:
    """One legend row, for a legend drawn outside matplotlib (the Qt tab draws its own)."""

    label: str
    colour: str
    kind: str = "line"  # "line" or "bar"
    linestyle: str = "-"
    marker: str = ""


@dataclass
class ChartResult:
    kind: str
    title: str
    empty: bool = False
    message: str = ""  # empty state: what is missing
    hint: str = ""  # empty state: what to do about it
    targets: HoverTargets = field(default_factory=HoverTargets)
    legend: list[LegendEntry] = field(default_factory=list)
    legend_title: str = ""
    reused: bool = False  # True: only the data moved (same axes, layout still valid)


def new_figure(width_in: float = 8.0, height_in: float = 5.0, dpi: float = 100) -> Figure:
    """A figure ready for any ``draw_*`` function (constrained layout keeps legends inside)."""
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")


# -- shared pieces ---------------------------------------------------------------------------
def _axes(fig: Figure, theme: ChartTheme, **kw: Any) -> Axes:
    fig.clear()
    fig.set_facecolor(theme.figure_bg)
    ax = fig.add_subplot(**kw)
    ax.set_facecolor(theme.axes_bg)
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    ax.tick_params(colors=theme.muted, labelsize=8)
    ax.xaxis.get_offset_text().set_color(theme.muted)
    ax.xaxis.get_offset_text().set_fontsize(8)  # the same size as the tick labels
    ax.grid(True, color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def _title(fig: Figure, theme: ChartTheme, title: str, chrome: bool) -> None:
    if chrome:
        fig.suptitle(title, x=0.01, ha="left", color=theme.text, fontsize=11, fontweight="bold")


def _ylabel(ax: Axes, theme: ChartTheme, text: str) -> None:
    ax.set_ylabel(text, color=theme.muted, fontsize=9)


def _legend(ax: Axes, theme: ChartTheme, result: ChartResult, chrome: bool, **kw: Any) -> None:
    """List the legend in ``result``; draw it too when ``chrome``."""
    handles, labels = ax.get_legend_handles_labels()
    result.legend = [_entry(h, label) for h, label in zip(handles, labels, strict=True)]
    result.legend_title = kw.get("title", "")
    if not chrome:
        return
    options = {"fontsize": 8, "frameon": False, "labelcolor": theme.text}
    options.update(kw)
    legend = ax.legend(**options)
    legend.get_title().set_color(theme.muted)


def _entry(handle: Any, label: str) -> LegendEntry:
    if hasattr(handle, "get_linestyle") and hasattr(handle, "get_marker"):
        marker = handle.get_marker()
        return LegendEntry(
            label=label,
            colour=to_hex(handle.get_color()),
            linestyle=handle.get_linestyle(),
            marker="" if marker in (None, "None", "") else str(marker),
        )
    patch = handle.patches[0] if hasattr(handle, "patches") else handle
    return LegendEntry(label=label, colour=to_hex(patch.get_facecolor()), kind="bar")


def _date_axis(ax: Axes, xs: Sequence[float]) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    # Concise ticks ("15", "Nov", "2027") with the context said once, the way people write
    # it: "Dec 2026", not matplotlib's default ISO-like "2026-Dec" offset.
    ax.xaxis.set_major_formatter(
        ConciseDateFormatter(
            locator,
            formats=["%Y", "%b", "%d", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y", "%b", "%d %b", "%H:%M", "%H:%M"],
            offset_formats=["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"],
        )
    )
    lo, hi = min(xs), max(xs)
    if hi - lo < 6:  # one day or a few: show a fortnight, not hours
        mid = (lo + hi) / 2
        lo, hi = mid - 7, mid + 7
    pad = (hi - lo) * 0.03
    ax.set_xlim(lo - pad, hi + pad)  # explicit: data-only redraws do not autoscale


def draw_empty(
    fig: Figure,
    theme: ChartTheme,
    kind: str,
    title: str,
    message: str,
    hint: str,
    *,
    chrome: bool = True,
) -> ChartResult:
    """An empty state: what the chart would show, why it is empty and what to do."""
    fig.clear()
    fig.set_facecolor(theme.figure_bg)
    fig.text(0.5, 0.62, "◔", ha="center", va="center", fontsize=34, color=theme.grid)
    fig.text(0.5, 0.48, message, ha="center", va="center", fontsize=13, color=theme.text)
    fig.text(0.5, 0.39, hint, ha="center", va="top", fontsize=10, color=theme.muted, wrap=True)
    if chrome:
        fig.text(0.02, 0.96, title, ha="left", va="top", fontsize=11, color=theme.muted)
    return ChartResult(kind=kind, title=title, empty=True, message=message, hint=hint)


def _when(at: datetime) -> str:
    return f"{at:%d %b %Y}"
