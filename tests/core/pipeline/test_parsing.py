"""Messy spreadsheet values: dates in many forms, the D/M vs M/D rule, salaries, remote."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from careerdesk.core.pipeline.io.parsing import (
    Salary,
    infer_date_order,
    is_numeric_date,
    parse_date,
    parse_datetime_utc,
    parse_priority,
    parse_remote,
    parse_salary,
    parse_when,
)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-03",
        "2026-03-03T10:15:00Z",
        "2026-03-03 10:15",
        "2026/3/3",
        "March 3, 2026",
        "March 3rd, 2026",
        "Mar 3 2026",
        "3 Mar 2026",
        "3 March 2026",
        "Tue, 3 Mar 2026",
        "Tuesday 3rd March 2026",
        "3-Mar-26",
        "03/03/2026",
        "3.3.2026",
    ],
)
def test_dates_in_common_forms(text: str) -> None:
    assert parse_date(text) == date(2026, 3, 3)


def test_numeric_dates_follow_the_chosen_order() -> None:
    assert parse_date("04/03/2026", "dmy") == date(2026, 3, 4)
    assert parse_date("04/03/2026", "mdy") == date(2026, 4, 3)
    assert parse_date("13/03/26", "dmy") == date(2026, 3, 13)
    with pytest.raises(ValueError, match="not a real date"):
        parse_date("13/03/2026", "mdy")


def test_the_file_settles_the_order() -> None:
    assert infer_date_order(["04/03/2026", "13/03/2026"]) == ("dmy", None)
    assert infer_date_order(["04/03/2026", "03/13/2026"]) == ("mdy", None)
    assert infer_date_order(["04/03/2026", "2026-01-01"]) == (None, None)
    assert infer_date_order(["13/03/2026", "03/13/2026"]) == ("dmy", "mdy")


@pytest.mark.parametrize(
    "text", ["yesterday", "March 2026", "31/02/2026", "2026-13-01", "3 Foo 2026"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120k–140k", Salary(120_000, 140_000, "USD")),
        ("£45,000 - £55,000", Salary(45_000, 55_000, "GBP")),
        ("120000-140000 EUR", Salary(120_000, 140_000, "EUR")),
        ("60-70k", Salary(60_000, 70_000, "")),
        ("€50k+", Salary(50_000, None, "EUR")),
        ("up to 90k", Salary(None, 90_000, "")),
        ("CHF 120'000", Salary(120_000, 120_000, "CHF")),
        ("45.000 €", Salary(45_000, 45_000, "EUR")),
        ("USD 100,000 per year", Salary(100_000, 100_000, "USD")),
        ("£45k-£55k pa", Salary(45_000, 55_000, "GBP")),
        ("between 40k and 50k", Salary(40_000, 50_000, "")),
        ("C$95,000 – 105,000", Salary(95_000, 105_000, "CAD")),
        ("Competitive", Salary(None, None, "")),
        ("", Salary(None, None, "")),
    ],
)
def test_salaries(text: str, expected: Salary) -> None:
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("$50/hr", "yearly"),
        ("£3,000 per month", "yearly"),
        ("lots", "not a salary"),
        ("90k-80k", "backwards"),
        ("£40k - €50k", "two currencies"),
        ("1 2 3", "not a salary"),
    ],
)
def test_bad_salaries_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_salary(text)


def test_remote_and_priority_words() -> None:
    assert [parse_remote(t) for t in ("Remote", "on-site", "Hybrid (3 days)", "")] == [
        "yes",
        "no",
        "hybrid",
        "",
    ]
    assert [parse_priority(t) for t in ("High", "low", "", "2")] == [3, 1, 2, 2]
    with pytest.raises(ValueError):
        parse_remote("sometimes on Tuesdays")


# -- every way of writing remote and priority that the importer promises to read (issue 23) --
# Written from what the words mean: yes = works remotely, no = at the office, hybrid = some
# of each, blank/unknown = not said.
REMOTE_WORDS = {
    "yes": [
        "yes", "Y", "true", "1", "Remote", "Fully remote", "Full remote", "WFH", "Anywhere",
        "Oui", "Ja", "Si", "Sí", "Télétravail", "Teletravail",
    ],
    "no": [
        "No", "n", "FALSE", "0", "Onsite", "On-site", "On site", "Office", "In office", "Non",
        "Nein", "Sur site", "Présentiel", "Presentiel", "Vor Ort",
    ],
    "hybrid": ["Hybrid", "Hybride (2 jours)", "Partly", "Partial", "Flexible", "Mixed"],
    "": ["", "  ", "Unknown", "?", "N/A"],
}  # fmt: skip
PRIORITY_WORDS = {
    1: ["Low", "1"],
    2: ["", "Normal", "Medium", "med", "2"],
    3: ["HIGH", "3", "Urgent", "Top", "!", "!!", "!!!"],
}


@pytest.mark.parametrize(
    ("text", "expected"), [(t, v) for v, texts in REMOTE_WORDS.items() for t in texts]
)
def test_remote_words(text: str, expected: str) -> None:
    assert parse_remote(f" {text} ") == expected


@pytest.mark.parametrize(
    ("text", "expected"), [(t, v) for v, texts in PRIORITY_WORDS.items() for t in texts]
)
def test_priority_words(text: str, expected: int) -> None:
    assert parse_priority(f" {text} ") == expected


def test_unreadable_remote_and_priority_say_what_to_write() -> None:
    with pytest.raises(ValueError, match=r"^remote 'Tuesdays' should be yes, no or hybrid$"):
        parse_remote(" Tuesdays ")
    with pytest.raises(ValueError, match=r"^priority 'asap' should be low, normal or high$"):
        parse_priority(" asap ")


# -- edges the mutation run showed untested (issue 23); each expectation worked by hand -------
HELP = r"\(use 2026-03-03, 3 Mar 2026, March 3, 2026 or 03/03/2026\)$"


def test_day_first_is_the_default_order() -> None:
    assert parse_date("04/03/2026") == date(2026, 3, 4)
    assert parse_when("04/03/2026") == datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


def test_two_digit_years_pivot_at_70() -> None:
    assert parse_date("03/03/69") == date(2069, 3, 3)
    assert parse_date("03/03/70") == date(1970, 3, 3)
    assert parse_date("03/03/98") == date(1998, 3, 3)


def test_the_order_proof_reads_every_numeric_date() -> None:
    assert infer_date_order(["2026-01-01", "13/03/2026"]) == ("dmy", None)  # skips ISO
    assert infer_date_order(["12/03/2026", "03/12/2026"]) == (None, None)  # 12 proves nothing
    assert infer_date_order(["03/13/2026", "03/04/2026"]) == ("mdy", None)  # stays proved


def test_written_dates_with_two_digit_days_and_what_is_refused() -> None:
    assert parse_date("13 March 2026") == date(2026, 3, 13)
    for text in ("3 Foo 2026", "March 2026", "123 March 2026", "3 March 2026 5"):
        with pytest.raises(ValueError, match=rf"^'{text}' is not a date {HELP}"):
            parse_date(text)
    for text in ("2026-02-30", "31/02/2026", "31 Feb 2026"):
        with pytest.raises(ValueError, match=rf"^'{text}' is not a real date {HELP}"):
            parse_date(text)


def test_date_and_time_cells() -> None:
    assert parse_when(" 2026-03-03T10:15:00Z ") == datetime(2026, 3, 3, 10, 15, tzinfo=UTC)
    assert parse_when("2026-03-03 10:15z") == datetime(2026, 3, 3, 10, 15, tzinfo=UTC)
    naive = parse_when("2026-03-03 10:15")  # no zone: UTC
    assert naive == datetime(2026, 3, 3, 10, 15, tzinfo=UTC) and naive.tzinfo is UTC
    paris = parse_when("2026-03-03T10:15:00+02:00")  # its own offset is kept
    assert paris == datetime(2026, 3, 3, 8, 15, tzinfo=UTC)
    assert paris.utcoffset() == timedelta(hours=2)
    assert parse_when("3 Mar 2026") == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)  # midday UTC
    assert parse_when("04/03/2026", "mdy") == datetime(2026, 4, 3, 12, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match=rf"^'2026-03-03T25:00' is not a date and time {HELP}"):
        parse_when("2026-03-03T25:00")


def test_strict_utc_datetimes() -> None:
    assert parse_datetime_utc(" 2026-03-03T10:15:00Z ") == datetime(2026, 3, 3, 10, 15, tzinfo=UTC)
    assert parse_datetime_utc("2026-03-03T10:15:00+01:00").utcoffset() == timedelta(hours=1)
    with pytest.raises(ValueError, match=r"^'2026-03-03T10:15:00' has no time zone$"):
        parse_datetime_utc("2026-03-03T10:15:00")


def test_numeric_date_detection() -> None:
    assert is_numeric_date(" 03/04/2026 ")
    assert not is_numeric_date("2026-03-04")
    assert not is_numeric_date("3 Mar 2026")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TBD.", Salary(None, None, "")),
        ("EUR 100,000 - EUR 120,000", Salary(100_000, 120_000, "EUR")),  # one currency twice
        ("$1.2m", Salary(1_200_000, 1_200_000, "USD")),
        ("€2m", Salary(2_000_000, 2_000_000, "EUR")),
        ("€800", Salary(800, 800, "EUR")),
        ("1000-70k", Salary(1_000, 70_000, "")),  # 1000 and up is taken as written
        ("50k-50k", Salary(50_000, 50_000, "")),
        ("upto 90k", Salary(None, 90_000, "")),
        ("Max 90k", Salary(None, 90_000, "")),
        ("up to £90k", Salary(None, 90_000, "GBP")),
        ("From 50k", Salary(50_000, None, "")),
        ("min 50k", Salary(50_000, None, "")),
        ("<90k", Salary(None, 90_000, "")),
        ("> 50k", Salary(50_000, None, "")),
    ],
)
def test_more_salaries(text: str, expected: Salary) -> None:
    assert parse_salary(text) == expected


def test_two_currencies_by_code_or_symbol() -> None:
    with pytest.raises(ValueError, match=r"^two currencies in "):
        parse_salary("USD 100 EUR")
    with pytest.raises(ValueError, match=r"^two currencies in "):
        parse_salary("US$ 100k - R$ 200k")


def test_a_leading_comparison_mark_is_the_only_extra_allowed() -> None:
    assert parse_salary("<~90k") == Salary(None, 90_000, "")  # "under about 90k"
    for text in ("90k x", "<x90k"):
        with pytest.raises(ValueError, match="is not a salary"):
            parse_salary(text)


def test_strict_utc_datetimes_accept_lower_case_t_and_z() -> None:
    # RFC 3339 §5.6 (NOTE): "T" and "Z" may alternatively be lower case "t" or "z".
    utc = datetime(2026, 3, 3, 10, 15, tzinfo=UTC)
    assert parse_datetime_utc("2026-03-03T10:15:00z") == utc
    assert parse_datetime_utc(" 2026-03-03t10:15:00z ") == utc
    assert parse_datetime_utc("2026-03-03t10:15:00Z") == utc
    assert parse_datetime_utc("2026-03-03T10:15:00.5Z") == utc.replace(microsecond=500_000)
    # the CSV reader reads them the same (docs/pipeline.md, "Dates")
    assert parse_when("2026-03-03t10:15:00z") == utc
    assert parse_when("2026-03-03t10:15") == utc  # naive: UTC, and the time is kept
    # only a trailing zone letter means UTC; a zone name is not one
    with pytest.raises(ValueError):
        parse_datetime_utc("2026-03-03T10:15:00 CEST")
