"""Field rules on realistic postings: company, title, location, work mode, salary, deadline."""

from __future__ import annotations

from datetime import date

import pytest

from careerdesk.core.postings.rules import extract_fields, find_deadline, find_salary
from tests.core.postings.corpus import POSTINGS, TODAY


@pytest.mark.parametrize(("name", "text", "expected"), [(p[0], p[1], p[2]) for p in POSTINGS])
def test_fields_of_realistic_postings(name: str, text: str, expected: dict) -> None:
    found = extract_fields(text, TODAY)
    got = {k: getattr(found, k) for k in expected}
    assert got == expected, name


def test_salary_needs_a_currency_and_a_yearly_figure() -> None:
    assert find_salary("5+ years of experience, 3 days in office")[:3] == (None, None, "")
    assert find_salary("We raised $20 million in funding")[:3] == (None, None, "")
    assert find_salary("We raised $20m last year")[:3] == (None, None, "")
    assert find_salary("£25 per hour")[:3] == (None, None, "")
    assert find_salary("Pay: $95k a year")[:3] == (95000, 95000, "USD")
    assert find_salary("", "up to £60,000 DOE")[:3] == (None, 60000, "GBP")
    assert find_salary("CHF 120'000 - 140'000")[:3] == (120000, 140000, "CHF")


def test_deadline_without_year_is_the_next_one() -> None:
    december = date(2026, 12, 1)
    assert find_deadline("Please apply by 15 January.", december) == date(2027, 1, 15)
    assert find_deadline("Apply by 15 December", december) == date(2026, 12, 15)
    assert find_deadline("Founded in 2019 on 3 March", december) is None  # no cue word
    assert find_deadline("", december, "2027-01-31") == date(2027, 1, 31)
