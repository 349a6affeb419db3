"""Dates and times in the pipeline views, written the way the learner's locale writes them.

A small local helper over ``QLocale`` (issue 18: one locale for dates): "28 Sep 2026" in
Britain, "Sep 28, 2026" in the US, "28. Sept. 2026" in Germany; times as "14:23" or
"2:23 PM". Dates the learner *types* keep accepting ISO and "3 Mar 2026"
(``core/pipeline/io/parsing.py``), and also the locale's own way (``parse_date_text``), so a
date field can show "Sep 28, 2026" and read it back.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

from careerdesk.core.pipeline.io.parsing import parse_date

_WEEKDAY = re.compile(r"d{4}[,.]?\s*")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def medium_format(locale: QLocale | None = None) -> str:
    """The locale's long date format without the weekday, with the month abbreviated."""
    fmt = (locale or QLocale()).dateFormat(QLocale.FormatType.LongFormat)
    fmt = _WEEKDAY.sub("", fmt).replace("MMMM", "MMM")
    return fmt.strip(" ,") or "d MMM yyyy"


def date_text(d: date | None, locale: QLocale | None = None) -> str:
    """A day: "28 Sep 2026" (in the locale's order and month names); "" for none."""
    if d is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(_qdate(d), medium_format(loc))


def day_heading(d: date, locale: QLocale | None = None) -> str:
    """A day with its weekday, for headings: "Wednesday, 11 November 2026"."""
    return (locale or QLocale()).toString(_qdate(d), QLocale.FormatType.LongFormat)


def time_text(dt: datetime, locale: QLocale | None = None) -> str:
    """The local clock time: "14:23" or "2:23 PM"."""
    local = dt.astimezone()
    q = QTime(local.hour, local.minute)
    return (locale or QLocale()).toString(q, QLocale.FormatType.ShortFormat)


def date_time_text(dt: datetime | None, locale: QLocale | None = None) -> str:
    """A moment in local time: "Mon 28 Sep 2026, 14:23"; "" for none."""
    if dt is None:
        return ""
    loc = locale or QLocale()
    local = dt.astimezone()
    weekday = loc.toString(_qdate(local.date()), "ddd")
    return f"{weekday} {date_text(local.date(), loc)}, {time_text(dt, loc)}"


def parse_date_text(text: str, locale: QLocale | None = None) -> date | None:
    """A typed date: the locale's medium form ("Sep 28, 2026"), else ISO or "3 Mar 2026".

    None for an empty field; ValueError (from the ISO/day-month reader) for anything else.
    """
    text = text.strip()
    if not text:
        return None
    loc = locale or QLocale()
    q = loc.toDate(text, medium_format(loc))
    if q.isValid():
        return date(q.year(), q.month(), q.day())
    return parse_date(text)
