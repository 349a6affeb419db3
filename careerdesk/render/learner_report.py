"""A one-page learner report (PDF or PNG) for an advising session.

Rendered with matplotlib's object API on the Agg/PDF backends (no pyplot, no Qt): safe on a
worker thread and from the CLI. A4 portrait: who and what they aim for, the key numbers and
flags, readiness over time, skills against the target role, insights, recent activity.
Missing parts (no data yet) are stated on the page, not hidden.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from careerdesk.core.advising.report import LearnerReport
from careerdesk.core.kernel.errors import UserError

A4_INCHES = (8.27, 11.69)
FLAG_COLOURS = {"needs support": "#c62828", "stalled": "#6d4c41", "improving fast": "#2e7d32"}


def _fmt_when(value: datetime | None) -> str:
    return "—" if value is None else f"{value:%d %b %Y}"


def _days_ago(days: int | None) -> str:
    if not days:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _facts(report: LearnerReport) -> list[tuple[str, str]]:
    r = report.row
    frac = r.learning_fraction
    change = (
        "—"
        if r.readiness_change is None
        else f"{r.readiness_change:+.1f} pts over {report.config.improving_days} days"
    )
    return [
        ("Target role", ", ".join(r.target_roles) or "not chosen yet"),
        ("Readiness", "—" if r.readiness is None else f"{r.readiness:.1f} / 100"),
        ("Trend", change),
        (
            "Last activity",
            "none yet"
            if r.last_activity is None
            else f"{_fmt_when(r.last_activity)} ({_days_ago(r.days_inactive)})",
        ),
        ("Assessments taken", "—" if r.assessments_taken is None else str(r.assessments_taken)),
        (
            "Learning completion",
            "no learning path yet"
            if r.learning is None
            else f"{r.learning.done} of {r.learning.total} items"
            + ("" if frac is None else f" ({100 * frac:.0f}%)"),
        ),
        (
            "Active applications",
            "—" if r.active_applications is None else str(r.active_applications),
        ),
        (
            "Upcoming interviews",
            "—"
            if r.upcoming_interviews is None
            else f"{r.upcoming_interviews}"
            + (f" (next {_fmt_when(r.next_interview_at)})" if r.next_interview_at else ""),
        ),
    ]


def render_learner_report(report: LearnerReport, path: Path) -> Path:
    """Write the report to ``path``; the suffix picks the format (.pdf or .png)."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".png"):
        raise UserError(f"A report is saved as .pdf or .png, not {path.suffix or 'no suffix'}.")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    fig = Figure(figsize=A4_INCHES)
    r = report.row
    name = r.full_name or r.name
    fig.text(0.06, 0.965, f"Learner report — {name}", fontsize=17, weight="bold", va="top")
    fig.text(
        0.06,
        0.937,
        f"Profile “{r.name}” · generated {report.generated_at:%d %b %Y %H:%M} UTC · "
        "CareerDesk advisor dashboard",
        fontsize=8.5,
        color="#555555",
        va="top",
    )
    y = 0.905
    for label, value in _facts(report):
        fig.text(0.06, y, label, fontsize=10, color="#333333", va="top")
        fig.text(0.32, y, value, fontsize=10, weight="bold", va="top")
        y -= 0.021
    flags = r.flags or ["no flags"]
    x = 0.06
    fig.text(x, y - 0.004, "Flags:", fontsize=10, va="top")
    x += 0.08
    for flag in flags:
        colour = FLAG_COLOURS.get(flag, "#546e7a")
        fig.text(
            x,
            y - 0.004,
            f" {flag} ",
            fontsize=9.5,
            color="white",
            va="top",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": colour, "edgecolor": colour},
        )
        x += 0.024 + 0.0105 * len(flag)

    # Readiness over time.
    ax = fig.add_axes((0.09, 0.50, 0.84, 0.16))
    ax.set_title("Readiness over time", fontsize=11, loc="left")
    if report.readiness_history:
        xs = [p.at for p in report.readiness_history]
        ys = [p.value for p in report.readiness_history]
        # matplotlib's stubs type data as floats/arrays only, not the datetimes its unit
        # converters accept (date2num would change the axis limits of a single point).
        ax.plot(
            xs,  # type: ignore[arg-type]
            ys,
            marker="o",
            color="#1565c0",
            linewidth=1.8,
            markersize=3.5,
        )
        ax.axhline(
            report.config.needs_support_below, color="#c62828", linestyle="--", linewidth=0.9
        )
        ax.text(
            xs[0],  # type: ignore[arg-type]  # a datetime: stubs say float (see above)
            report.config.needs_support_below + 1.5,
            "needs-support threshold",
            fontsize=7,
            color="#c62828",
        )
        ax.set_ylim(0, 100)
        locator = AutoDateLocator(maxticks=7)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.tick_params(labelsize=7.5)
    else:
        ax.set_axis_off()
        ax.text(
            0.0,
            0.5,
            report.readiness_note or "No readiness computed yet.",
            fontsize=9.5,
            color="#555555",
            transform=ax.transAxes,
        )
    ax.grid(alpha=0.3)

    # Skills against the target role.
    ax2 = fig.add_axes((0.30, 0.295, 0.63, 0.16))
    ax2.set_title("Skills (0–100) against the target role", fontsize=11, loc="left")
    bars = report.skills[:10]
    if bars:
        names = [b.skill for b in bars][::-1]
        levels = [b.level for b in bars][::-1]
        ax2.barh(names, levels, color="#42a5f5", height=0.6, label="measured")
        for i, b in enumerate(bars[::-1]):
            if b.target is not None:
                ax2.plot([b.target, b.target], [i - 0.35, i + 0.35], color="#e65100", lw=2)
            if not b.measured:
                ax2.text(1, i, "not measured yet", fontsize=7, color="#777777", va="center")
        ax2.plot([], [], color="#e65100", lw=2, label="target")
        ax2.set_xlim(0, 100)
        ax2.tick_params(labelsize=7.5)
        ax2.legend(fontsize=7, loc="lower right")
        ax2.grid(axis="x", alpha=0.3)
    else:
        ax2.set_axis_off()
    if report.skills_note:
        fig.text(0.30, 0.275, report.skills_note, fontsize=8.5, color="#555555", va="top")

    # Insights and recent activity.
    y = 0.255
    fig.text(0.06, y, "Insights", fontsize=11, weight="bold", va="top")
    y -= 0.02
    lines = report.insights[:5] or [report.insights_note or "No insights yet."]
    for line in lines:
        fig.text(0.07, y, f"• {line}"[:120], fontsize=8.5, va="top")
        y -= 0.016
    y -= 0.008
    fig.text(0.06, y, "Recent activity", fontsize=11, weight="bold", va="top")
    y -= 0.02
    for item in report.recent[:7]:
        fig.text(0.07, y, f"{item.at:%d %b %Y}", fontsize=8.5, color="#555555", va="top")
        fig.text(0.19, y, item.text[:95], fontsize=8.5, va="top")
        y -= 0.016
    if not report.recent:
        fig.text(0.07, y, "No activity recorded yet.", fontsize=8.5, color="#555555", va="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fig.savefig(path, dpi=110 if suffix == ".png" else 100)
    except OSError as exc:
        raise UserError(f"Cannot write the report to {path}: {exc}") from exc
    return path
