"""Pipeline dates through QLocale: the learner's locale decides order and month names."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QLocale

from careerdesk.ui.pipeline import dates

DAY = date(2026, 9, 28)


def test_dates_follow_the_locale() -> None:
    # Written out from the Unicode CLDR date formats Qt ships (medium dates, no weekday).
    assert dates.date_text(DAY, QLocale("en_US")) == "Sep 28, 2026"
    assert dates.date_text(DAY, QLocale("C")) == "28 Sep 2026"
    assert dates.date_text(date(2026, 3, 3), QLocale("C")) == "3 Mar 2026"  # no zero padding
    assert dates.date_text(DAY, QLocale("fr_FR")) == "28 sept. 2026"
    assert dates.date_text(None) == ""
    assert dates.day_heading(date(2026, 11, 11), QLocale("en_US")) == "Wednesday, November 11, 2026"


def test_times_follow_the_locale() -> None:
    moment = datetime(2026, 9, 28, 14, 23, tzinfo=UTC).astimezone()
    clock24 = f"{moment.hour:02d}:{moment.minute:02d}"
    assert dates.time_text(moment, QLocale("C")) == clock24
    hour12 = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    assert dates.time_text(moment, QLocale("en_US")).replace("\u202f", " ") == (
        f"{hour12}:{moment.minute:02d} {suffix}"
    )
    # The one way the app writes a moment (docs/design.md): date, comma, clock time.
    assert dates.date_time_text(moment, QLocale("C")) == (f"{moment.day} {moment:%b %Y}, {clock24}")


def test_typed_dates_read_back_in_the_locale_and_in_iso() -> None:
    for name in ("en_US", "C", "fr_FR", "de_DE"):
        locale = QLocale(name)
        shown = dates.date_text(DAY, locale)
        assert dates.parse_date_text(shown, locale) == DAY, (name, shown)
    assert dates.parse_date_text("2026-09-28", QLocale("en_US")) == DAY
    assert dates.parse_date_text("28 Sep 2026", QLocale("fr_FR")) == DAY
    assert dates.parse_date_text("  ") is None
    with pytest.raises(ValueError):
        dates.parse_date_text("next Tuesday", QLocale("C"))
