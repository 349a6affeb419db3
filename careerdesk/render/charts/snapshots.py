"""Snapshot charts: current vs target role (radar) and comparisons (grouped bars)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.transforms import Bbox

from careerdesk.core.skills.rules import comparison
from careerdesk.render.charts.base import ChartResult, _axes, _legend, _title, _ylabel, draw_empty
from careerdesk.render.charts.hover import PatchTarget, PointTargets
from careerdesk.render.charts.theme import LIGHT, ChartTheme

if TYPE_CHECKING:
    from careerdesk.core.charts.queries import ChartsData


# -- 2. radar --------------------------------------------------------------------------------
class _RadarLocator:
    """Where the radar's circle goes: as large as fits once each side keeps room for the
    widest label on that side (measured with the renderer, at the figure's current size)."""

    GAP_PX = 6.0

    def __init__(self, angles: np.ndarray, *, chrome: bool, note: bool) -> None:
        self.angles = angles
        self.chrome = chrome
        self.note = note

    def __call__(self, ax: Any, renderer: RendererBase) -> Bbox:  # an _AxesBase
        fig = ax.get_figure(root=True)
        assert fig is not None
        width, height = fig.bbox.width, fig.bbox.height
        left = right = top = bottom = self.GAP_PX
        for tick, angle in zip(ax.get_xticklabels(), self.angles, strict=False):
            box = tick.get_window_extent(renderer)
            across, up = np.sin(angle), np.cos(angle)
            if across > 0.1:
                right = max(right, box.width)
            elif across < -0.1:
                left = max(left, box.width)
            else:  # straight up or down: half of it on each side
                left, right = max(left, box.width / 2), max(right, box.width / 2)
            if up > 0.1:
                top = max(top, box.height)
            elif up < -0.1:
                bottom = max(bottom, box.height)
        # The tick pad (8 pt) plus air; matplotlib sets side labels further out than the pad
        # (about 22 pt in all at 9 pt type), hence the larger allowance across.
        across_pad, up_pad = 26 * fig.dpi / 72, 14 * fig.dpi / 72
        left, right = left + across_pad, right + across_pad
        top, bottom = top + up_pad, bottom + up_pad
        legend = ax.get_legend()
        if legend is not None:  # drawn beside the circle, top right (files only)
            right += legend.get_window_extent(renderer).width
        if self.chrome:
            top += 24 * fig.dpi / 72  # the title
        if self.note:
            bottom += 18 * fig.dpi / 72  # "No measured levels yet" under the circle
        side = max(10.0, min(width - left - right, height - top - bottom))
        x0 = left + (width - left - right - side) / 2
        y0 = bottom + (height - top - bottom - side) / 2
        return Bbox.from_bounds(x0 / width, y0 / height, side / width, side / height)


def draw_radar(
    fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT, *, chrome: bool = True
) -> ChartResult:
    """Current level per required skill against the target role's level (dashed)."""
    radar = data.radar
    if radar is None or not radar.axes:
        return draw_empty(
            fig,
            theme,
            "radar",
            "Current vs target role",
            "No target role chosen yet",
            "Choose a target role (Learning tab) to compare your levels\n"
            "with the levels that role asks for.",
            chrome=chrome,
        )
    title = f"Current vs target: {radar.role_title}"
    ax = _axes(fig, theme, projection="polar")
    assert isinstance(ax, PolarAxes)
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    n = len(radar.axes)
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    loop = np.append(angles, angles[0])
    target = np.array([a.target for a in radar.axes])
    current = np.array([a.current if a.current is not None else 0.0 for a in radar.axes])
    you = theme.colour(0)
    ax.plot(loop, np.append(target, target[0]), "--", color=theme.muted, lw=1.6, label="Target")
    ax.plot(loop, np.append(current, current[0]), "-", color=you, lw=2.2, label="You (current)")
    ax.fill(loop, np.append(current, current[0]), color=you, alpha=0.22)
    # the skill model's uncertainty: a band from the low to the high end of each estimate's
    # 80 % interval (docs/skills.md)
    low = np.array([a.low if a.low is not None else (a.current or 0.0) for a in radar.axes])
    high = np.array([a.high if a.high is not None else (a.current or 0.0) for a in radar.axes])
    if any(a.low is not None for a in radar.axes):
        ax.fill_between(
            loop,
            np.append(low, low[0]),
            np.append(high, high[0]),
            color=you,
            alpha=0.12,
            lw=0,
            label="Likely range (80 %)",
        )
    measured = [i for i, a in enumerate(radar.axes) if a.current is not None]
    ax.plot(angles[measured], current[measured], "o", color=you, ms=5)
    ax.plot(angles, target, "o", color=theme.muted, ms=3)
    labels = [
        # Whole words only: a broken "Communicatio-n" reads worse than a wider label.
        textwrap.fill(a.label, 16, break_long_words=False)
        + ("\n(not measured)" if a.current is None else "")
        + ("\n(self-rated)" if a.current_source == "self" else "")  # docs/skills.md
        for a in radar.axes
    ]
    ax.set_xticks(angles, labels, fontsize=9)
    for tick, a, angle in zip(ax.get_xticklabels(), radar.axes, angles, strict=True):
        tick.set_color(theme.text if a.current is not None else theme.muted)
        # Labels grow away from the circle (clockwise from the top: sin > 0 is the right
        # half), so a long name never runs into the chart; the layout engine then makes
        # room for them at the figure's edges instead of letting them be cut off.
        side = np.sin(angle)
        tick.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
    ax.tick_params(axis="x", pad=8)
    # The layout engine does not make room for a polar chart's labels (they were cut off:
    # "ython", "Communicatio"), so the circle is placed by hand at every draw, inside what
    # the labels leave of the figure.
    ax.set_in_layout(False)
    ax.set_axes_locator(_RadarLocator(angles, chrome=chrome, note=not measured))
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", "100"], fontsize=7)
    ax.set_rlabel_position(180 / n)
    ax.spines["polar"].set_color(theme.grid)
    _title(fig, theme, title, chrome)
    result = ChartResult(kind="radar", title=title)
    _legend(ax, theme, result, chrome, loc="upper left", bbox_to_anchor=(1.08, 1.05))
    if not measured:
        ax.text(
            0.5,
            -0.16,
            "No measured levels yet: take an assessment or record an interview practice.",
            transform=ax.transAxes,
            ha="center",
            color=theme.muted,
            fontsize=9,
        )
    axes_info = radar.axes

    def target_text(i: int) -> str:
        a = axes_info[i]
        have = "not measured yet" if a.current is None else f"{a.current:.0f}"
        return f"{a.label}: target {a.target:.0f} (importance {a.importance}/5)\nyou: {have}"

    def current_text(j: int) -> str:
        a = axes_info[measured[j]]
        gap = a.target - (a.current or 0)
        gap_text = f"{gap:.0f} below target" if gap > 0 else "target reached"
        source = {"self": "self-rated"}.get(a.current_source or "", a.current_source)
        spread = ""
        if a.low is not None and a.high is not None:
            spread = f" ± {(a.high - a.low) / 2:.0f}"
        return f"{a.label}: {a.current:.0f}{spread} ({source})\n{gap_text}"

    result.targets.points.append(PointTargets(ax, angles, target, target_text))
    result.targets.points.append(
        PointTargets(ax, angles[measured], current[measured], current_text)
    )
    return result


# -- 3. comparison ---------------------------------------------------------------------------
def draw_comparison(
    fig: Figure,
    data: ChartsData,
    theme: ChartTheme = LIGHT,
    keys: Sequence[str] | None = None,
    *,
    chrome: bool = True,
) -> ChartResult:
    """Grouped bars: one group per skill, one bar per chosen interview or assessment."""
    title = "Compare interviews and assessments"
    if not data.records:
        return draw_empty(
            fig,
            theme,
            "comparison",
            title,
            "Nothing to compare yet",
            "Record interview practices or take assessments;\n"
            "then tick the ones to compare in the list beside the chart.",
            chrome=chrome,
        )
    keys = list(keys) if keys is not None else data.default_comparison()
    table = comparison(data.records, keys)
    by_key = {r.key: r for r in data.records}
    chosen = [by_key[k] for k in keys if k in by_key]
    if not table:
        return draw_empty(
            fig,
            theme,
            "comparison",
            title,
            "Choose what to compare",
            "Tick two or more interviews or assessments in the list beside the chart.",
            chrome=chrome,
        )
    ax = _axes(fig, theme)
    _title(fig, theme, title, chrome)
    ax.grid(False, axis="x")
    skills = list(table)
    width = 0.8 / max(len(table[s]) for s in skills)
    result = ChartResult(kind="comparison", title=title)
    label_bars = len(chosen) * len(skills) <= 40
    for j, record in enumerate(chosen):
        idx = [i for i, s in enumerate(skills) if record.key in table[s]]
        # Centre each group on the bars it has: an interview and an assessment share few
        # skills, and empty slots would read as zeros.
        xs = [i + _slot(list(table[skills[i]]), record.key) * width for i in idx]
        hs = [table[skills[i]][record.key] for i in idx]
        bars = ax.bar(xs, hs, width * 0.92, color=theme.colour(j), label=record.label)
        if label_bars:
            ax.bar_label(bars, fmt="%.0f", fontsize=7, color=theme.muted, padding=2)
        for bar, i, h, x in zip(bars, idx, hs, xs, strict=True):
            text = f"{record.label}\n{data.name(skills[i])}: {h:.0f} ({record.source})"
            result.targets.patches.append(PatchTarget(ax, bar, text, (x, h)))
    many = len(skills) > 6
    ax.set_xticks(
        range(len(skills)),
        [data.name(s) for s in skills],
        rotation=30 if many else 0,
        ha="right" if many else "center",
        color=theme.text,
        fontsize=8 if many else 9,
    )
    ax.set_ylim(0, 105)
    _ylabel(ax, theme, "Score (0–100)")
    _legend(
        ax, theme, result, chrome, loc="upper center",
        bbox_to_anchor=(0.5, -0.1 if many else -0.06), ncols=min(3, len(chosen)),
    )  # fmt: skip
    return result


def _slot(keys: list[str], key: str) -> float:
    """Offset (in bar widths) of ``key``'s bar in a group of ``keys``, centred on zero."""
    return keys.index(key) - (len(keys) - 1) / 2
