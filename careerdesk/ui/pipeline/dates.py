"""Dates and times in the pipeline views, written the way the learner's locale writes them.

A small local helper over ``QLocale`` (issue 18: one locale for dates): "28 Sep 2026" in
Britain, "Sep 28, 2026" in the US, "28. Sept. 2026" in Germany; times as "14:23" or
"2:23 PM". Dates the learner *types* keep accepting ISO and "3 Mar 2026"
(``core/pipeline/io/parsing.py``), and also the locale's own way (``parse_date_text``), so a
date field can show "Sep 28, 2026" and read it back.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from careerdesk.core.pipeline.io.parsing import parse_date
from careerdesk.ui.common import formatting

# One way to write dates in the whole app (ui/common/formatting.py, docs/design.md): these
# names are the pipeline's, the text is formatting's.


def medium_format(locale: QLocale | None = None) -> str:
    """The pattern dates are shown with ("d MMM yyyy" in Britain), which fields read back."""
    return formatting.date_pattern(locale)


def date_text(d: date | None, locale: QLocale | None = None) -> str:
    """A day: "28 Sep 2026" (in the locale's order and month names); "" for none."""
    return formatting.date(d, locale)


def day_heading(d: date, locale: QLocale | None = None) -> str:
    """A day with its weekday, for headings: "Wednesday, 11 November 2026"."""
    return formatting.long_date(d, locale)


def time_text(dt: datetime, locale: QLocale | None = None) -> str:
    """The local clock time: "14:23" or "2:23 PM"."""
    return formatting.time(dt, locale)


def date_time_text(dt: datetime | None, locale: QLocale | None = None) -> str:
    """A moment in local time: "28 Sep 2026, 14:23"; "" for none."""
    return formatting.date_time(dt, locale)


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
