"""Small display helpers shared by the Learning and Assessments widgets."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from careerdesk.ui.common import formatting, theme

STATE_TEXT = {"NOT_STARTED": "Not started", "IN_PROGRESS": "In progress", "DONE": "Done"}
STATE_COLORS = theme.STATUS_HUES
KIND_TEXT = {"video": "Video", "course": "Course", "article": "Article", "exercise": "Exercise"}

_CODE = re.compile(r"`([^`]+)`")


def local(dt: datetime) -> datetime:
    """A stored (UTC) time in the computer's local time zone, for display."""
    return dt.astimezone()


def short_date(dt: datetime) -> str:
    return formatting.date(dt)


def rich(text: str) -> str:
    """Escape ``text`` for a rich-text label, showing `backticked` parts as code."""
    return _CODE.sub(
        lambda m: (
            f"<code style='background:{theme.hex_of('surface_alt')}'>"
            f"&nbsp;{m.group(1)}&nbsp;</code>"
        ),
        escape(text),
    )


def chip(text: str, bg: str | None = None, fg: str | None = None) -> str:
    """An inline rounded label for rich text (theme colours unless given)."""
    bg = bg or theme.hex_of("surface_alt")
    fg = fg or theme.hex_of("text")
    style = f"background:{bg}; color:{fg}; border-radius:6px;"
    return f"<span style='{style}'>&nbsp;{escape(text)}&nbsp;</span>"
