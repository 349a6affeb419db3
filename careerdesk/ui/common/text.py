"""Small display helpers shared by the Learning and Assessments widgets."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

STATE_TEXT = {"NOT_STARTED": "Not started", "IN_PROGRESS": "In progress", "DONE": "Done"}
STATE_COLORS = {"NOT_STARTED": "#7f8c8d", "IN_PROGRESS": "#d68910", "DONE": "#2e8b57"}
KIND_TEXT = {"video": "Video", "course": "Course", "article": "Article", "exercise": "Exercise"}

_CODE = re.compile(r"`([^`]+)`")


def local(dt: datetime) -> datetime:
    """A stored (UTC) time in the computer's local time zone, for display."""
    return dt.astimezone()


def short_date(dt: datetime) -> str:
    return f"{local(dt):%d %b %Y}"


def rich(text: str) -> str:
    """Escape ``text`` for a rich-text label, showing `backticked` parts as code."""
    return _CODE.sub(
        lambda m: f"<code style='background:#eef0f3'>&nbsp;{m.group(1)}&nbsp;</code>",
        escape(text),
    )


def chip(text: str, bg: str = "#e9edf3", fg: str = "#34495e") -> str:
    """An inline rounded label for rich text."""
    style = f"background:{bg}; color:{fg}; border-radius:6px;"
    return f"<span style='{style}'>&nbsp;{escape(text)}&nbsp;</span>"
