"""Colours and text formats shared by the pipeline views."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QColor

from careerdesk.core.pipeline.models import PRIORITY_LABELS
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import formatting, theme

# One accent per stage group: the eye finds "where am I" without reading.
STATE_COLORS: dict[State, str] = {state: theme.STAGE_HUES[state.name] for state in State}
PRIORITY_COLORS = theme.PRIORITY_HUES


def state_label(state: str) -> str:
    """A stored state name in the board's words: "PHONE_INTERVIEW" → "Phone interview"."""
    try:
        return State(state).label
    except ValueError:
        return state.replace("_", " ").capitalize()


def state_color(state: State) -> QColor:
    return QColor(STATE_COLORS[state])


def chip_css(state: State) -> str:
    """Style sheet for a rounded state label."""
    return (
        f"background:{STATE_COLORS[state]}; color:{theme.text_on(STATE_COLORS[state])};"
        " border-radius:9px;"
        "padding:2px 10px; font-weight:600;"
    )


def money(value: int | None) -> str:
    if value is None:
        return ""
    return f"{value // 1000}k" if value >= 1000 and value % 1000 == 0 else formatting.number(value)


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
    return formatting.date(d)


def local_time(dt: datetime | None) -> str:
    return formatting.date_time(dt)


def priority_text(p: int) -> str:
    return PRIORITY_LABELS.get(p, str(p))
