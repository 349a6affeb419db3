"""Pipeline analytics charts (funnel, breakdown, fit-score weights) on the shared chart base.

Like the rest of ``careerdesk.render.charts``: plain matplotlib figures, no Qt, no pyplot; the
Analytics view of the Pipeline tab draws them on a Qt canvas, tests on Agg.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from careerdesk.render.charts.base import ChartResult, _axes, _title, draw_empty
from careerdesk.render.charts.theme import ChartTheme


def draw_funnel(
    fig: Figure,
    theme: ChartTheme,
    stages: Sequence[tuple[str, int, float | None]],
    *,
    chrome: bool = True,
) -> ChartResult:
    """Horizontal bars from saved to accepted, each labelled with its count and conversion."""
    title = "Application funnel"
    if not stages or stages[0][1] == 0:
        return draw_empty(
            fig, theme, "funnel", title, "No applications yet", "Add or import applications."
        )
    ax = _axes(fig, theme)
    names = [s[0].capitalize() for s in stages]
    counts = [s[1] for s in stages]
    ys = list(range(len(stages)))[::-1]
    bars = ax.barh(ys, counts, color=[theme.colour(0)] * len(stages), height=0.6)
    ax.set_yticks(ys, names, color=theme.text, fontsize=9)
    top = max(counts)
    for bar, (_name, count, conv) in zip(bars, stages, strict=True):
        label = f"{count}" + ("" if conv is None else f"  ({conv:.0%})")
        ax.text(
            bar.get_width() + top * 0.01,
            bar.get_y() + bar.get_height() / 2,
            label,
            va="center",
            fontsize=8,
            color=theme.text,
        )
    ax.set_xlim(0, top * 1.25)
    ax.yaxis.grid(False)
    _title(fig, theme, title, chrome)
    return ChartResult(kind="funnel", title=title)


def draw_breakdown(
    fig: Figure,
    theme: ChartTheme,
    dimension: str,
    rows: Sequence[tuple[str, int, int, int]],
    *,
    limit: int = 8,
    chrome: bool = True,
) -> ChartResult:
    """Applied / interviews / offers per value of one dimension (the largest ``limit``)."""
    title = f"By {dimension}"
    shown = [r for r in rows if r[1] > 0][:limit]
    if not shown:
        return draw_empty(fig, theme, "breakdown", title, "Nothing applied to yet", "")
    ax = _axes(fig, theme)
    xs = range(len(shown))
    width = 0.26
    series = (("Applied", 1), ("Interview", 2), ("Offer", 3))
    for k, (label, idx) in enumerate(series):
        ax.bar(
            [x + (k - 1) * width for x in xs],
            [r[idx] for r in shown],
            width=width,
            label=label,
            color=theme.colour(k),
        )
    ax.set_xticks(
        list(xs),
        [r[0] if len(r[0]) <= 14 else r[0][:13] + "…" for r in shown],
        rotation=25,
        ha="right",
        fontsize=8,
        color=theme.text,
    )
    ax.legend(fontsize=8, frameon=False, labelcolor=theme.text)
    _title(fig, theme, title, chrome)
    return ChartResult(kind="breakdown", title=title)


def draw_weights(
    fig: Figure,
    theme: ChartTheme,
    weights: Mapping[str, float],
    defaults: Mapping[str, float],
    *,
    chrome: bool = True,
) -> ChartResult:
    """Current fit-score weights beside the defaults."""
    title = "What counts most in your job matches"
    ax = _axes(fig, theme)
    names = list(defaults)
    xs = range(len(names))
    ax.bar(
        [x - 0.2 for x in xs],
        [defaults[n] * 100 for n in names],
        0.4,
        label="Default",
        color=theme.grid,
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [weights.get(n, 0) * 100 for n in names],
        0.4,
        label="Learned",
        color=theme.colour(1),
    )
    ax.set_xticks(list(xs), [n.capitalize() for n in names], fontsize=8, color=theme.text)
    ax.set_ylabel("%", color=theme.muted, fontsize=9)
    ax.legend(fontsize=8, frameon=False, labelcolor=theme.text)
    _title(fig, theme, title, chrome)
    return ChartResult(kind="weights", title=title)
