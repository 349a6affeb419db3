"""The four skill charts, drawn into a matplotlib ``Figure`` (no pyplot, no Qt).

The Qt tab draws them into the figure of a ``FigureCanvasQTAgg``; the CLI and exports draw
them into a fresh figure and save it with Agg/SVG. Each ``draw_*`` clears the figure, draws,
and returns a :class:`ChartResult`; with no data it draws an empty state — a message and
what to do — never a blank axis.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure

from careerdesk.charts.hover import HoverTargets, PatchTarget, PointTargets
from careerdesk.charts.theme import LIGHT, ChartTheme
from careerdesk.core.skill_analytics import INTERVIEW_SKILLS, SkillPoint, comparison, progression

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from careerdesk.core.charts_data import ChartsData

MARKER_LIMIT = 60  # more points than this per series: a plain line (markers would be a blur)
ARROWS = {"improving": "↑", "declining": "↓", "steady": "→", "insufficient": ""}
SOURCE_STYLE = {"interview": ("-", "o"), "assessment": ("--", "s")}


@dataclass
class ChartResult:
    kind: str
    title: str
    empty: bool = False
    message: str = ""  # empty state: what is missing
    hint: str = ""  # empty state: what to do about it
    targets: HoverTargets = field(default_factory=HoverTargets)


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    draw: Callable[..., ChartResult]


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
    ax.grid(True, color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def _title(fig: Figure, theme: ChartTheme, title: str) -> None:
    fig.suptitle(title, x=0.01, ha="left", color=theme.text, fontsize=11, fontweight="bold")


def _ylabel(ax: Axes, theme: ChartTheme, text: str) -> None:
    ax.set_ylabel(text, color=theme.muted, fontsize=9)


def _legend(ax: Axes, theme: ChartTheme, **kw: Any) -> None:
    options = {"fontsize": 8, "frameon": False, "labelcolor": theme.text}
    options.update(kw)
    ax.legend(**options)


def _date_axis(ax: Axes, xs: Sequence[float]) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    lo, hi = min(xs), max(xs)
    if hi - lo < 6:  # one day or a few: show a fortnight, not hours
        mid = (lo + hi) / 2
        ax.set_xlim(mid - 7, mid + 7)


def draw_empty(
    fig: Figure, theme: ChartTheme, kind: str, title: str, message: str, hint: str
) -> ChartResult:
    """An empty state: what the chart would show, why it is empty and what to do."""
    fig.clear()
    fig.set_facecolor(theme.figure_bg)
    fig.text(0.5, 0.62, "◔", ha="center", va="center", fontsize=34, color=theme.grid)
    fig.text(0.5, 0.48, message, ha="center", va="center", fontsize=13, color=theme.text)
    fig.text(0.5, 0.39, hint, ha="center", va="top", fontsize=10, color=theme.muted, wrap=True)
    fig.text(0.02, 0.96, title, ha="left", va="top", fontsize=11, color=theme.muted)
    return ChartResult(kind=kind, title=title, empty=True, message=message, hint=hint)


def _when(at: datetime) -> str:
    return f"{at:%d %b %Y}"


# -- 1. progression --------------------------------------------------------------------------
def draw_progression(
    fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT, source: str = "all"
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
        )
    ax = _axes(fig, theme)
    _title(fig, theme, title)
    trends = {(t.source, t.skill_id): t.direction for t in data.trends}
    by_source = {
        s: progression(p for p in points if p.source == s) for s in ("interview", "assessment")
    }
    skills = sorted({p.skill_id for p in points}, key=_skill_key)
    result = ChartResult(kind="progression", title=title)
    all_x: list[float] = []
    for src, series in by_source.items():
        linestyle, marker = SOURCE_STYLE[src]
        for skill in sorted(series, key=_skill_key):
            pts = series[skill]
            xs = date2num([p.at for p in pts])
            ys = np.array([p.level for p in pts])
            all_x.extend((xs[0], xs[-1]))
            arrow = ARROWS[trends.get((src, skill), "insufficient")]
            name = data.name(skill)
            ax.plot(
                xs,
                ys,
                linestyle=linestyle,
                marker=marker if len(pts) <= MARKER_LIMIT else None,
                markersize=4.5,
                linewidth=1.8,
                color=theme.colour(skills.index(skill)),
                label=f"{name} · {src} {arrow}".rstrip(),
            )
            result.targets.points.append(PointTargets(ax, xs, ys, _progress_text(name, src, pts)))
    ax.set_ylim(0, 100)
    _ylabel(ax, theme, "Level (0–100)")
    _date_axis(ax, all_x)
    _legend(
        ax,
        theme,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        title="trend: ↑ improving  → steady  ↓ declining",
        title_fontsize=7,
    )
    ax.get_legend().get_title().set_color(theme.muted)
    return result


def _progress_text(name: str, source: str, pts: list[SkillPoint]) -> Callable[[int], str]:
    def text(i: int) -> str:
        p = pts[i]
        origin = f"{source}: {p.label}" if p.label else source
        return f"{name}: {p.level:.0f}\n{origin}\n{_when(p.at)}"

    return text


def _skill_key(skill: str) -> tuple[int, str]:
    return (INTERVIEW_SKILLS.index(skill), "") if skill in INTERVIEW_SKILLS else (9, skill)


# -- 2. radar --------------------------------------------------------------------------------
def draw_radar(fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT) -> ChartResult:
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
        )
    title = f"Current vs target: {radar.role_title}"
    ax = _axes(fig, theme, projection="polar")
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
    measured = [i for i, a in enumerate(radar.axes) if a.current is not None]
    ax.plot(angles[measured], current[measured], "o", color=you, ms=5)
    ax.plot(angles, target, "o", color=theme.muted, ms=3)
    labels = [
        textwrap.fill(a.label, 16) + ("\n(not measured)" if a.current is None else "")
        for a in radar.axes
    ]
    ax.set_xticks(angles, labels, fontsize=9)
    for tick, a in zip(ax.get_xticklabels(), radar.axes, strict=True):
        tick.set_color(theme.text if a.current is not None else theme.muted)
    ax.tick_params(axis="x", pad=12)
    ax.set_ylim(0, 100)
    ax.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", "100"], fontsize=7)
    ax.set_rlabel_position(180 / n)
    ax.spines["polar"].set_color(theme.grid)
    _title(fig, theme, title)
    _legend(ax, theme, loc="upper left", bbox_to_anchor=(1.08, 1.05))
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
        return f"{a.label}: {a.current:.0f} ({source})\n{gap_text}"

    result = ChartResult(kind="radar", title=title)
    result.targets.points.append(PointTargets(ax, angles, target, target_text))
    result.targets.points.append(
        PointTargets(ax, angles[measured], current[measured], current_text)
    )
    return result


# -- 3. comparison ---------------------------------------------------------------------------
def draw_comparison(
    fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT, keys: Sequence[str] | None = None
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
        )
    ax = _axes(fig, theme)
    _title(fig, theme, title)
    ax.grid(False, axis="x")
    skills = list(table)
    width = 0.8 / len(chosen)
    result = ChartResult(kind="comparison", title=title)
    label_bars = len(chosen) * len(skills) <= 40
    for j, record in enumerate(chosen):
        idx = [i for i, s in enumerate(skills) if record.key in table[s]]
        xs = [i + (j - (len(chosen) - 1) / 2) * width for i in idx]
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
        ax, theme, loc="upper center", bbox_to_anchor=(0.5, -0.1 if many else -0.06),
        ncols=min(3, len(chosen)),
    )  # fmt: skip
    return result


# -- 4. readiness ----------------------------------------------------------------------------
def draw_readiness(fig: Figure, data: ChartsData, theme: ChartTheme = LIGHT) -> ChartResult:
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
        )
    ax = _axes(fig, theme)
    _title(fig, theme, title)
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
