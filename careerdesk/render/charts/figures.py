"""The four skill charts by key, drawn into a matplotlib ``Figure`` (no pyplot, no Qt).

The Qt tab draws them into the figure of a ``FigureCanvasQTAgg``; the CLI and exports draw
them into a fresh figure and save it with Agg/SVG. Each ``draw_*`` clears the figure (or,
for new values in the same series, moves the data into the existing lines), draws, and
returns a :class:`ChartResult`; with no data it draws an empty state — a message and what to
do — never a blank axis. ``chrome=False`` leaves out the title and legend (the Qt tab shows
them as widgets, which redraw for free) and lists the legend in the result instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure

from careerdesk.render.charts.base import ChartResult, LegendEntry, draw_empty, new_figure
from careerdesk.render.charts.snapshots import draw_comparison, draw_radar
from careerdesk.render.charts.theme import LIGHT, ChartTheme
from careerdesk.render.charts.timeseries import draw_progression, draw_readiness

if TYPE_CHECKING:
    from careerdesk.core.charts.queries import ChartsData

__all__ = [
    "CHARTS",
    "CHART_KEYS",
    "ChartResult",
    "ChartSpec",
    "LegendEntry",
    "draw_chart",
    "draw_comparison",
    "draw_empty",
    "draw_progression",
    "draw_radar",
    "draw_readiness",
    "new_figure",
]


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    draw: Callable[..., ChartResult]


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("progression", "Progression", draw_progression),
    ChartSpec("radar", "Current vs target", draw_radar),
    ChartSpec("comparison", "Compare", draw_comparison),
    ChartSpec("readiness", "Readiness", draw_readiness),
)
CHART_KEYS: tuple[str, ...] = tuple(c.key for c in CHARTS)


def draw_chart(
    key: str, fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT, **options: Any
) -> ChartResult:
    """Draw chart ``key`` ("progression", "radar", "comparison", "readiness") into ``fig``."""
    spec = next((c for c in CHARTS if c.key == key), None)
    if spec is None:
        raise KeyError(f"unknown chart {key!r}; known: {', '.join(CHART_KEYS)}")
    return spec.draw(fig, data, theme, **options)
