"""Reading what people type in spreadsheets: dates, salaries, remote, priority (pure).

Dates
    ISO 8601 (``2026-03-03``, with or without a time), written forms in English
    (``March 3, 2026``, ``3 Mar 2026``, ``Tue, 3rd March 2026``, ``3-Mar-26``) and numeric
    forms (``03/03/2026``, ``3.3.26``). Numeric dates are ambiguous between day/month and
    month/day; :func:`infer_date_order` settles it for a whole file (see docs/pipeline.md).
Salaries
    ``$120k–140k``, ``£45,000 - £55,000``, ``120000-140000 EUR``, ``60-70k``, ``€50k+``,
    ``up to 90k``, ``<90k``, ``>50k``, ``CHF 120'000``; yearly figures only (an hourly or
    monthly rate is refused rather than guessed). Words like "competitive" mean "no figure".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

DateOrder = Literal["dmy", "mdy"]

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = re.compile(
    r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\b\.?,?"
)
_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", re.IGNORECASE
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
_DATE_SPLIT = re.compile(r"[\s,\-/.]+")
DATE_HELP = "use 2026-03-03, 3 Mar 2026, March 3, 2026 or 03/03/2026"


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:  # '26 -> 2026, '98 -> 1998
        y += 2000 if y < 70 else 1900
    return y


def numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a numeric date like 03/04/2026, else None."""
    m = _NUMERIC.match(text.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def infer_date_order(values: list[str]) -> tuple[DateOrder | None, DateOrder | None]:
    """Which order the numeric dates in ``values`` prove: (proved, conflicting).

    A first number above 12 proves day/month; a second number above 12 proves month/day.
    Returns the order proved (None when every date is ambiguous) and, when the values prove
    both, the other order as the conflict.
    """
    dmy = mdy = False
    for v in values:
        parts = numeric_parts(v)
        if parts is None:
            continue
        dmy |= parts[0] > 12
        mdy |= parts[1] > 12
    if dmy and mdy:
        return "dmy", "mdy"
    return ("dmy" if dmy else "mdy" if mdy else None), None


def parse_date(text: str, order: DateOrder = "dmy") -> date:
    """A date from ``text``; ValueError with a hint when it is not one."""
    raw = text.strip()
    t = raw.lower()
    m = _ISO.match(t)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    m = _NUMERIC.match(t)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        d, mo = (a, b) if order == "dmy" else (b, a)
        return _make(y, mo, d, raw)
    words = _ORDINAL.sub(r"\1", _WEEKDAYS.sub(" ", t))
    tokens = [tok for tok in _DATE_SPLIT.split(words) if tok]
    month: int | None = None
    day: int | None = None
    year: int | None = None
    for tok in tokens:
        if tok.isalpha() and tok in MONTHS and month is None:
            month = MONTHS[tok]
        elif tok.isdigit() and len(tok) == 4 and year is None:
            year = int(tok)
        elif tok.isdigit() and len(tok) <= 2 and day is None:
            day = int(tok)
        elif tok.isdigit() and len(tok) == 2 and year is None:
            year = _year(tok)
        else:
            raise ValueError(f"{raw!r} is not a date ({DATE_HELP})")
    if month is None or day is None or year is None:
        raise ValueError(f"{raw!r} is not a date ({DATE_HELP})")
    return _make(year, month, day, raw)


def _make(y: int, m: int, d: int, raw: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date ({DATE_HELP})") from None


# "t" too (RFC 3339 §5.6): otherwise parse_date's ISO form would read the date and drop the time.
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}")
# A date without a time is placed at midday UTC, so it stays on its day in every time zone
# from UTC-11 to UTC+11 and time-in-stage counts whole days.
MIDDAY = time(12, 0, tzinfo=UTC)


def parse_when(text: str, order: DateOrder = "dmy") -> datetime:
    """An aware datetime from an ISO 8601 date-time (naive ones are UTC) or any date
    :func:`parse_date` reads (placed at midday UTC); ValueError otherwise."""
    raw = text.strip()
    if _ISO_TIME.match(raw):
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"{raw!r} is not a date and time ({DATE_HELP})") from None
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime.combine(parse_date(raw, order), MIDDAY)


def is_numeric_date(text: str) -> bool:
    """True for dates like 03/04/2026 whose day/month order must be settled."""
    return numeric_parts(text.strip()) is not None


def parse_datetime_utc(text: str) -> datetime:
    """An aware datetime from ISO 8601 (``Z`` accepted); naive times are refused.

    RFC 3339 §5.6 lets "T" and "Z" be written in lower case, and the JSON import (pydantic)
    reads them so; ``fromisoformat`` reads a lower-case "t" but not "z", so a trailing
    zone letter of either case is spelt out here (docs/pipeline.md, "Dates").
    """
    raw = text.strip()
    value = datetime.fromisoformat(raw[:-1] + "+00:00" if raw[-1:].upper() == "Z" else raw)
    if value.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return value


# --- salaries -------------------------------------------------------------------------------
CURRENCY_SYMBOLS = {
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "au$": "AUD",
    "a$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "zł": "PLN",
    "r$": "BRL",
}
_CODES = (
    "USD EUR GBP CAD AUD NZD CHF JPY CNY INR SEK NOK DKK PLN CZK HUF SGD HKD ZAR BRL MXN "
    "ILS AED RON BGN TRY KRW TWD PHP IDR MYR THB VND NGN KES EGP ARS CLP COP PEN UAH"
)
CURRENCY_CODES = frozenset(_CODES.split())
NO_FIGURE = frozenset(
    {"", "competitive", "doe", "negotiable", "n/a", "na", "tbd", "tbc", "-", "?", "unknown"}
)
_NUMBER = re.compile(
    r"(\d{1,3}(?:[,.'\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*([km])?\b",
    re.IGNORECASE,
)
_PERIOD_BAD = re.compile(
    r"(/\s*h(ou)?r|per\s+hour|an\s+hour|hourly|p/?h\b|/\s*month|per\s+month|monthly|/\s*day|"
    r"per\s+day|daily|/\s*wk|per\s+week|weekly)",
    re.IGNORECASE,
)
_PERIOD_OK = re.compile(
    r"(/\s*y(ea)?r|per\s+(year|annum)|a\s+year|annual(ly)?|p\.?\s?a\.?|yearly)", re.IGNORECASE
)


@dataclass(frozen=True)
class Salary:
    minimum: int | None
    maximum: int | None
    currency: str = ""


# Precompiled once: an import calls these thousands of times.
_CODE = re.compile(r"\b[A-Za-z]{3}\b")
_SYMBOLS = [
    (sym, CURRENCY_SYMBOLS[sym], re.compile(re.escape(sym), re.IGNORECASE))
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True)  # "US$" before "$"
]
_SEPARATORS = re.compile(r"[,'\u00a0\u202f ]")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_FILLER = re.compile(r"\b(to|from|up|upto|min|max|minimum|maximum|and|between|base|salary)\b")
_RANGE_MARKS = re.compile(r"[\s\-–—+~]")


def _currency_in(text: str) -> tuple[str, str]:
    """(currency code or "", text without it)."""
    found = ""
    for code in _CODE.findall(text):
        upper = code.upper()
        if upper in CURRENCY_CODES:
            if found and found != upper:
                raise ValueError(f"two currencies in {text!r}")
            found = upper
            text = re.sub(rf"\b{code}\b", " ", text)
    lowered = text.lower()
    for sym, code, pattern in _SYMBOLS:
        if sym in lowered:
            if found and found != code:
                raise ValueError(f"two currencies in {text!r}")
            found = code
            text = pattern.sub(" ", text)
            lowered = text.lower()
    return found, text


def _amount(number: str, suffix: str | None) -> float:
    digits = _SEPARATORS.sub("", number)
    if _DOT_THOUSANDS.fullmatch(digits):  # 45.000 is forty-five thousand
        digits = digits.replace(".", "")
    value = float(digits)
    if suffix:
        value *= 1_000 if suffix.lower() == "k" else 1_000_000
    return value


def parse_salary(text: str) -> Salary:
    """Parse a salary or range; ValueError explaining what is wrong."""
    raw = text.strip()
    if raw.lower().strip(" .") in NO_FIGURE:
        return Salary(None, None)
    if _PERIOD_BAD.search(raw):
        raise ValueError(f"{raw!r} is not a yearly salary (hourly/monthly rates are not converted)")
    cleaned = _PERIOD_OK.sub(" ", raw)
    currency, cleaned = _currency_in(cleaned)
    matches = list(_NUMBER.finditer(cleaned))
    rest = _NUMBER.sub(" ", cleaned).lower()
    rest = _FILLER.sub(" ", rest).strip()
    if len(matches) == 1 and rest[:1] in ("<", ">"):
        rest = rest[1:]  # "<90k" is "up to 90k", ">50k" is "from 50k" (read below)
    if not matches or len(matches) > 2 or _RANGE_MARKS.sub("", rest):
        raise ValueError(
            f"{raw!r} is not a salary (write e.g. 45000, £45,000 - £55,000 or $120k–140k)"
        )
    suffixes = [m.group(2) for m in matches]
    amounts = [_amount(m.group(1), m.group(2)) for m in matches]
    if len(amounts) == 2 and suffixes[0] is None and suffixes[1] and amounts[0] < 1000:
        amounts[0] = _amount(matches[0].group(1), suffixes[1])  # "60-70k" means 60k-70k
    values = [round(a) for a in amounts]
    if len(values) == 2:
        low, high = values
        if low > high:
            raise ValueError(f"{raw!r}: the range runs backwards")
        return Salary(low, high, currency)
    lowered = raw.lower()
    if "up to" in lowered or "upto" in lowered or lowered.startswith(("max", "<")):
        return Salary(None, values[0], currency)
    if raw.endswith("+") or lowered.startswith(("from", "min", ">")):
        return Salary(values[0], None, currency)
    return Salary(values[0], values[0], currency)


def parse_remote(text: str) -> str:
    """yes / no / hybrid from the many ways people write it."""
    t = text.strip().lower()
    if t in ("", "unknown", "?", "n/a"):
        return ""
    yes = ("yes", "y", "true", "1", "remote", "fully remote", "full remote", "wfh", "anywhere")
    if t in yes or t in ("oui", "ja", "si", "sí", "télétravail", "teletravail"):
        return "yes"
    no = ("no", "n", "false", "0", "onsite", "on-site", "on site", "office", "in office")
    if t in no or t in ("non", "nein", "sur site", "présentiel", "presentiel", "vor ort"):
        return "no"
    if "hybrid" in t or "hybride" in t or t in ("partly", "partial", "flexible", "mixed"):
        return "hybrid"
    raise ValueError(f"remote {text.strip()!r} should be yes, no or hybrid")


def parse_priority(text: str) -> int:
    t = text.strip().lower()
    table = {"": 2, "low": 1, "1": 1, "normal": 2, "medium": 2, "med": 2, "2": 2, "high": 3}
    table.update({"3": 3, "urgent": 3, "top": 3, "!": 3, "!!": 3, "!!!": 3})
    if t not in table:
        raise ValueError(f"priority {text.strip()!r} should be low, normal or high")
    return table[t]
