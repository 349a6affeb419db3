"""advising/rules.safe_cell against the OWASP CSV-injection list, written out by hand.

OWASP ("CSV Injection"): cells beginning with = + - @ tab (0x09) or carriage return (0x0D)
are read as formulas; CareerDesk also prefixes a line feed (0x0A), which some spreadsheet
programs treat the same (docs/kiosk.md, "Exports")."""

from __future__ import annotations

import pytest

from careerdesk.core.advising.rules import safe_cell


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_every_formula_start_gets_one_apostrophe(first: str) -> None:
    assert safe_cell(first) == "'" + first
    assert safe_cell(first + "1+2") == "'" + first + "1+2"


@pytest.mark.parametrize(
    "text",
    ["", "Ana", "Ana=1", " =1", "'=1", "1+1", "a\nb", "\x0b=1", "XX", "x\t", "#REF!", "%"],
)
def test_anything_else_is_kept_as_it_is(text: str) -> None:
    assert safe_cell(text) == text


def test_an_already_neutralised_cell_is_not_prefixed_twice() -> None:
    once = safe_cell("=cmd")
    assert once == "'=cmd" and safe_cell(once) == once
