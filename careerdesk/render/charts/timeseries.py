"""Charts over time: skill progression (interviews and assessments) and readiness."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from careerdesk.core.skills.rules import INTERVIEW_SKILLS, SeriesSource, SkillPoint, progression
from careerdesk.render.charts.base import (
    MARKER_LIMIT,
    ChartResult,
    _axes,
    _date_axis,
    _legend,
    _title,
    _when,
    _ylabel,
    draw_empty,
)
from careerdesk.render.charts.hover import PointTargets
from careerdesk.render.charts.theme import LIGHT, ChartTheme

if TYPE_CHECKING:
    from careerdesk.core.charts.queries import ChartsData

ARROWS = {"improving": "↑", "declining": "↓", "steady": "→", "insufficient": ""}
SOURCES: tuple[SeriesSource, ...] = ("interview", "assessment")
SOURCE_STYLE = {"interview": ("-", "o"), "assessment": ("--", "s")}
TREND_KEY = "Trend over the last 5 attempts:\n↑ improving  → steady  ↓ declining"

# What the last progression drawing on a figure was, so a redraw with the same series can
# move the data into the existing lines (kept beside the figure, gone with it).
_PROGRESSION_STATE: weakref.WeakKeyDictionary[Figure, tuple[Any, ...]] = weakref.WeakKeyDictionary()


# -- 1. progression --------------------------------------------------------------------------
def draw_progression(
    fig: Figure,
    data: ChartsData,
    theme: ChartTheme = LIGHT,
    source: str = "all",
    *,
    chrome: bool = True,
) -> ChartResult:
    """Lines per skill over time: interviews solid with dots, assessments dashed with squares;
    the legend carries each series' trend arrow."""
    title = "Skill progression"
    points: list[SkillPoint] = []
    if source in ("all", "interview"):
        points += data.interview_points
    if source in ("all", "assessment"):
        points += data.assessment_points
    if not points:
        what = {
            "interview": "No interview practice recorded yet",
            "assessment": "No assessment results yet",
        }.get(source, "No skill history yet")
        return draw_empty(
            fig,
            theme,
            "progression",
            title,
            what,
            "Record an interview practice (list on the left) or take an assessment;\n"
            "each one adds a point per skill here.",
            chrome=chrome,
        )
    trends = {(t.source, t.skill_id): t.direction for t in data.trends}
    by_source = {s: progression(p for p in points if p.source == s) for s in SOURCES}
    skills = sorted({p.skill_id for p in points}, key=_skill_key)
    series: list[_Series] = []
    for src, grouped in by_source.items():
        linestyle, marker = SOURCE_STYLE[src]
        for skill in sorted(grouped, key=_skill_key):
            pts = grouped[skill]
            name = data.name(skill)
            arrow = ARROWS[trends.get((src, skill), "insufficient")]
            series.append(
                _Series(
                    key=(src, skill),
                    label=f"{name} · {src} {arrow}".rstrip(),
                    colour=theme.colour(skills.index(skill)),
                    linestyle=linestyle,
                    marker=marker if len(pts) <= MARKER_LIMIT else "",
                    xs=date2num([p.at for p in pts]),
                    ys=np.array([p.level for p in pts], dtype=float),
                    text=_progress_text(name, src, pts),
                )
            )
    signature = (theme, source, chrome, tuple(s.style for s in series))
    result = ChartResult(kind="progression", title=title)
    state = _PROGRESSION_STATE.get(fig)
    if state is not None and state[0] == signature and state[1] in fig.axes:
        # Same series, new values: move the data into the existing lines. Rebuilding the
        # axes, ticks and legend costs more than the whole redraw budget.
        ax, lines = state[1], state[2]
        for line, s in zip(lines, series, strict=True):
            line.set_data(s.xs, s.ys)
            result.targets.points.append(PointTargets(ax, s.xs, s.ys, s.text))
        _date_axis(ax, [x for s in series for x in (s.xs[0], s.xs[-1])])
        result.legend, result.legend_title = state[3], TREND_KEY
        result.reused = True
        return result
    ax = _axes(fig, theme)
    _title(fig, theme, title, chrome)
    lines = []
    for s in series:
        (line,) = ax.plot(
            s.xs,
            s.ys,
            linestyle=s.linestyle,
            marker=s.marker or None,
            markersize=4.5,
            linewidth=1.8,
            color=s.colour,
            label=s.label,
        )
        lines.append(line)
        result.targets.points.append(PointTargets(ax, s.xs, s.ys, s.text))
    ax.set_ylim(0, 100)
    _ylabel(ax, theme, "Level (0–100)")
    _date_axis(ax, [x for s in series for x in (s.xs[0], s.xs[-1])])
    _legend(
        ax,
        theme,
        result,
        chrome,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        title=TREND_KEY,
        title_fontsize=7,
    )
    _PROGRESSION_STATE[fig] = (signature, ax, lines, result.legend)
    return result


@dataclass
class _Series:
    key: tuple[str, str]
    label: str
    colour: str
    linestyle: str
    marker: str
    xs: np.ndarray
    ys: np.ndarray
    text: Callable[[int], str]

    @property
    def style(self) -> tuple[object, ...]:
        return (self.key, self.label, self.colour, self.linestyle, self.marker)


def _progress_text(name: str, source: str, pts: list[SkillPoint]) -> Callable[[int], str]:
    def text(i: int) -> str:
        p = pts[i]
        origin = f"{source}: {p.label}" if p.label else source
        return f"{name}: {p.level:.0f}\n{origin}\n{_when(p.at)}"

    return text


def _skill_key(skill: str) -> tuple[int, str]:
    return (INTERVIEW_SKILLS.index(skill), "") if skill in INTERVIEW_SKILLS else (9, skill)


# -- 4. readiness ----------------------------------------------------------------------------
def draw_readiness(
    fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT, *, chrome: bool = True
) -> ChartResult:
    """Readiness for the target role over time, from the insights history."""
    title = "Readiness over time"
    if not data.readiness:
        return draw_empty(
            fig,
            theme,
            "readiness",
            title,
            "No readiness history yet",
            "Readiness is recorded each time your insights are recomputed:\n"
            "choose a target role and take an assessment to start the line.",
            chrome=chrome,
        )
    ax = _axes(fig, theme)
    _title(fig, theme, title, chrome)
    pts = data.readiness
    xs = date2num([p.at for p in pts])
    ys = np.array([p.readiness for p in pts])
    colour = theme.colour(0)
    ax.plot(xs, ys, color=colour, lw=2, marker="o" if len(pts) <= MARKER_LIMIT else None, ms=4)
    ax.fill_between(xs, ys, color=colour, alpha=0.15)
    ax.annotate(
        f"{ys[-1]:.0f}%",
        (xs[-1], ys[-1]),
        xytext=(6, 6),
        textcoords="offset points",
        color=theme.text,
        fontsize=9,
        fontweight="bold",
    )
    ax.set_ylim(0, 100)
    _ylabel(ax, theme, "Readiness (%)")
    _date_axis(ax, list(xs))

    def text(i: int) -> str:
        p = pts[i]
        role = f" for {p.role_title or p.role_id}" if (p.role_title or p.role_id) else ""
        return f"Readiness{role}: {p.readiness:.0f}%\nsource: {p.source}\n{_when(p.at)}"

    result = ChartResult(kind="readiness", title=title)
    result.targets.points.append(PointTargets(ax, xs, ys, text))
    return result
