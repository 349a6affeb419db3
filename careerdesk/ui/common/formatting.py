"""Dates, times, numbers and money for display, all through one ``QLocale`` (docs/design.md).

Every screen formats through these functions, so a learner sees one date style everywhere
("3 Dec 2026" in the UK, "Dec 3, 2026" in the US) and their own digit grouping. Stored
times are UTC; they are shown in the computer's time zone. Each function takes an optional
``locale`` (tests pin one); by default it is ``QLocale()``, the application's locale.
"""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale, QTime

_WEEKDAY = re.compile(r"d{4}[,.]?\s*|\s*,?\s*d{4}")
_YEAR = re.compile(r"[,.]?\s*y+[年.]?|y+[年/.-]\s*")


def _loc(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


@lru_cache(maxsize=64)
def _medium_pattern(name: str) -> str:
    """The locale's long date without the weekday and with short month names:
    "dddd, d MMMM yyyy" → "d MMM yyyy"; "dddd, MMMM d, yyyy" → "MMM d, yyyy"."""
    long = QLocale(name).dateFormat(QLocale.FormatType.LongFormat)
    pattern = _WEEKDAY.sub("", long).strip(" ,")
    return pattern.replace("MMMM", "MMM")


@lru_cache(maxsize=64)
def _day_month_pattern(name: str) -> str:
    """The medium pattern without the year: "d MMM" / "MMM d"."""
    return _YEAR.sub("", _medium_pattern(name)).strip(" ,.")


def _qdate(d: Date | datetime) -> QDate:
    if isinstance(d, datetime):
        d = d.astimezone().date() if d.tzinfo is not None else d.date()
    return QDate(d.year, d.month, d.day)


def date_pattern(locale: QLocale | None = None) -> str:
    """The pattern :func:`date` writes with (date fields read it back, ui/pipeline/dates.py)."""
    return _medium_pattern(_loc(locale).name())


def date_time_pattern(locale: QLocale | None = None) -> str:
    """The pattern :func:`date_time` writes with ("d MMM yyyy, HH:mm"): date and time fields
    show and read it (ui/common/date_field.py)."""
    loc = _loc(locale)
    return f"{date_pattern(loc)}, {loc.timeFormat(QLocale.FormatType.ShortFormat)}"


def date(d: Date | datetime | None, locale: QLocale | None = None) -> str:
    """ "3 Dec 2026" (en_GB) / "Dec 3, 2026" (en_US); "" for None. Aware datetimes are
    shown on the local calendar day."""
    if d is None:
        return ""
    loc = _loc(locale)
    return loc.toString(_qdate(d), _medium_pattern(loc.name()))


def day_month(d: Date | datetime | None, locale: QLocale | None = None) -> str:
    """ "3 Dec" / "Dec 3": a date in the near past or future, where the year is obvious."""
    if d is None:
        return ""
    loc = _loc(locale)
    return loc.toString(_qdate(d), _day_month_pattern(loc.name()))


def long_date(d: Date | datetime | None, locale: QLocale | None = None) -> str:
    """ "Thursday, 3 December 2026": headings (a day in a timeline)."""
    if d is None:
        return ""
    return _loc(locale).toString(_qdate(d), QLocale.FormatType.LongFormat)


def time(dt: datetime | None, locale: QLocale | None = None) -> str:
    """ "14:05" / "2:05 PM", in local time for aware datetimes."""
    if dt is None:
        return ""
    if dt.tzinfo is not None:
        dt = dt.astimezone()
    return _loc(locale).toString(QTime(dt.hour, dt.minute), QLocale.FormatType.ShortFormat)


def date_time(dt: datetime | None, locale: QLocale | None = None) -> str:
    """ "3 Dec 2026, 14:05" / "Dec 3, 2026, 2:05 PM"."""
    if dt is None:
        return ""
    return f"{date(dt, locale)}, {time(dt, locale)}"


def relative_day(d: Date | datetime, today: Date, locale: QLocale | None = None) -> str:
    """ "today", "tomorrow", "in 3 days", "2 days ago"; beyond two weeks, the date."""
    day = d.astimezone().date() if isinstance(d, datetime) and d.tzinfo else d
    if isinstance(day, datetime):
        day = day.date()
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if abs(delta) <= 14:
        n = number(abs(delta), locale=locale)
        return f"in {n} days" if delta > 0 else f"{n} days ago"
    return date(day, locale)


def number(value: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """ "1,234" / "1.234" (de): the locale's digits, grouping and decimal mark."""
    return _loc(locale).toString(float(value), "f", decimals)


def percent(value: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """``value`` out of 100 as "29%" (the locale's percent sign)."""
    loc = _loc(locale)
    return f"{number(value, decimals, loc)}{loc.percent()}"


def share(fraction: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """A fraction (0.29) as a percentage ("29%"): the one way screens write shares,
    weights and watched parts."""
    return percent(fraction * 100, decimals, locale)


@lru_cache(maxsize=64)
def currency_symbol(code: str) -> str:
    """The symbol for an ISO 4217 code ("GBP" → "£"), from the first locale that uses it;
    the code itself when no locale does."""
    code = code.upper()
    for loc in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyTerritory
    ):
        if loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == code:
            return loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    return code


def money(
    amount: float, currency: str = "", decimals: int = 0, locale: QLocale | None = None
) -> str:
    """ "£55,000" (en_GB, GBP) / "55.000 €" (de, EUR): the locale places the symbol. Without
    a currency, the locale's own."""
    loc = _loc(locale)
    symbol = currency_symbol(currency) if currency else ""
    if symbol:
        return loc.toCurrencyString(float(amount), symbol, decimals)
    return loc.toCurrencyString(float(amount), loc.currencySymbol(), decimals)
