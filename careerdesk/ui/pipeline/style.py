"""Colours and text formats shared by the pipeline views."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QColor

from careerdesk.core.pipeline.models import PRIORITY_LABELS
from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import dates

# One accent per stage group: the eye finds "where am I" without reading.
STATE_COLORS: dict[State, str] = {
    State.SAVED: "#8a94a6",
    State.APPLYING: "#6b7fd7",
    State.APPLIED: "#3b82f6",
    State.SCREENING: "#0ea5e9",
    State.PHONE_INTERVIEW: "#14b8a6",
    State.TECHNICAL_INTERVIEW: "#10b981",
    State.ONSITE_INTERVIEW: "#22a35a",
    State.FINAL_INTERVIEW: "#65a30d",
    State.OFFER_RECEIVED: "#d97706",
    State.NEGOTIATING: "#ea580c",
    State.ACCEPTED: "#16a34a",
    State.REJECTED: "#dc2626",
    State.WITHDRAWN: "#6b7280",
    State.GHOSTED: "#9ca3af",
}
PRIORITY_COLORS = {1: "#9ca3af", 2: "#3b82f6", 3: "#e11d48"}


def state_color(state: State) -> QColor:
    return QColor(STATE_COLORS[state])


def chip_css(state: State) -> str:
    """Style sheet for a rounded state label."""
    return (
        f"background:{STATE_COLORS[state]}; color:white; border-radius:9px;"
        "padding:2px 10px; font-weight:600;"
    )


def money(value: int | None) -> str:
    if value is None:
        return ""
    return f"{value // 1000}k" if value >= 1000 and value % 1000 == 0 else f"{value:,}"


def salary_text(lo: int | None, hi: int | None, currency: str) -> str:
    """``GBP 55k–70k``, ``GBP 50k+``, ``up to 90k`` or ""."""
    cur = f"{currency} " if currency else ""
    if lo is None and hi is None:
        return ""
    if lo is not None and hi is not None:
        return f"{cur}{money(lo)}" if lo == hi else f"{cur}{money(lo)}–{money(hi)}"
    return f"{cur}{money(lo)}+" if lo is not None else f"{cur}up to {money(hi)}"


def age_days(created: datetime, applied_on: date | None, now: datetime) -> int:
    """Days since the learner applied (or saved the posting, if not applied yet)."""
    start = applied_on or created.astimezone().date()
    return max(0, (now.astimezone().date() - start).days)


def age_text(days: int) -> str:
    if days < 1:
        return "today"
    if days < 14:
        return f"{days} d"
    if days < 70:
        return f"{days // 7} wk"
    return f"{days // 30} mo"


def date_text(d: date | None) -> str:
    # Through QLocale (issue 18): the learner's locale decides order and month names.
    return dates.date_text(d)


def local_time(dt: datetime | None) -> str:
    return dates.date_time_text(dt)


def priority_text(p: int) -> str:
    return PRIORITY_LABELS.get(p, str(p))
