"""One locale for dates, numbers and money (ui/common/formatting.py; docs/design.md).

Expected strings are written out by hand from the CLDR conventions of each locale.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale

from careerdesk.ui.common import formatting as fmt

GB = QLocale("en_GB")
US = QLocale("en_US")
DE = QLocale("de_DE")
NNBSP = "\u202f"  # CLDR's narrow no-break space before "PM" in US times


def test_dates() -> None:
    d = date(2026, 12, 3)
    assert fmt.date(d, GB) == "3 Dec 2026"
    assert fmt.date(d, US) == "Dec 3, 2026"
    assert fmt.date(d, DE) == "3. Dez. 2026"
    assert fmt.day_month(d, GB) == "3 Dec"
    assert fmt.day_month(d, US) == "Dec 3"
    assert fmt.long_date(d, GB) == "Thursday, 3 December 2026"
    assert fmt.long_date(d, US) == "Thursday, December 3, 2026"
    assert fmt.date(None, GB) == ""


def test_times_are_shown_in_local_time() -> None:
    naive = datetime(2026, 12, 3, 14, 5)
    assert fmt.time(naive, GB) == "14:05"
    assert fmt.time(naive, US) == f"2:05{NNBSP}PM"
    assert fmt.date_time(naive, GB) == "3 Dec 2026, 14:05"
    assert fmt.date_time(naive, US) == f"Dec 3, 2026, 2:05{NNBSP}PM"
    # An aware time is converted to the computer's zone before formatting.
    aware = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    local = aware.astimezone()
    assert fmt.time(aware, GB) == f"{local.hour:02d}:{local.minute:02d}"
    assert fmt.date(aware, GB) == fmt.date(local.date(), GB)
    other = datetime(2026, 12, 4, 1, 0, tzinfo=timezone(timedelta(hours=5)))
    assert fmt.date(other, GB) == fmt.date(other.astimezone().date(), GB)


def test_relative_days() -> None:
    today = date(2026, 12, 3)
    assert fmt.relative_day(today, today, GB) == "today"
    assert fmt.relative_day(date(2026, 12, 4), today, GB) == "tomorrow"
    assert fmt.relative_day(date(2026, 12, 2), today, GB) == "yesterday"
    assert fmt.relative_day(date(2026, 12, 6), today, GB) == "in 3 days"
    assert fmt.relative_day(date(2026, 11, 29), today, GB) == "4 days ago"
    assert fmt.relative_day(date(2026, 12, 17), today, GB) == "in 14 days"
    assert fmt.relative_day(date(2026, 12, 18), today, GB) == "18 Dec 2026"
    assert fmt.relative_day(date(2026, 12, 18), today, US) == "Dec 18, 2026"


def test_numbers_and_percent() -> None:
    assert fmt.number(1234567, locale=GB) == "1,234,567"
    assert fmt.number(1234567, locale=US) == "1,234,567"
    assert fmt.number(1234567, locale=DE) == "1.234.567"
    assert fmt.number(2.345, 1, GB) == "2.3"
    assert fmt.number(0, locale=GB) == "0"
    assert fmt.percent(29, locale=GB) == "29%"
    assert fmt.percent(29.5, 1, US) == "29.5%"
    assert fmt.percent(29.5, 1, DE) == "29,5%"
    # A share (0-1) is written the same way: weights, watched parts, fit scores.
    assert fmt.share(0.29, locale=GB) == "29%"
    assert fmt.share(0.7, locale=GB) == "70%"
    assert fmt.share(0.295, 1, DE) == "29,5%"
    assert fmt.share(0.0, locale=GB) == "0%"


@pytest.mark.parametrize(
    ("amount", "currency", "decimals", "locale", "expected"),
    [
        (55000, "GBP", 0, GB, "£55,000"),
        (55000, "USD", 0, US, "$55,000"),
        (1234.5, "EUR", 2, GB, "€1,234.50"),
        (1234.5, "EUR", 2, DE, "1.234,50\xa0€"),  # the symbol after, a no-break space
        (55000, "", 0, GB, "£55,000"),  # no currency: the locale's own
        (55000, "", 0, US, "$55,000"),
    ],
)
def test_money(amount: float, currency: str, decimals: int, locale: QLocale, expected: str) -> None:
    assert fmt.money(amount, currency, decimals, locale) == expected


def test_currency_symbols() -> None:
    assert fmt.currency_symbol("GBP") == "£"
    assert fmt.currency_symbol("eur") == "€"
    assert fmt.currency_symbol("XYZ") == "XYZ"  # no locale uses it: the code stands


def test_date_and_time_field_patterns_are_the_shown_ones() -> None:
    # Written out from Qt's CLDR data: medium date without weekday, then the short time.
    assert fmt.date_pattern(QLocale("en_GB")) == "d MMM yyyy"
    assert fmt.date_time_pattern(QLocale("en_GB")) == "d MMM yyyy, HH:mm"
    assert fmt.date_pattern(QLocale("en_US")) == "MMM d, yyyy"
    assert fmt.date_time_pattern(QLocale("de_DE")) == "d. MMM yyyy, HH:mm"
