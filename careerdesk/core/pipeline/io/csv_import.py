"""Reading a spreadsheet's CSV into validated applications, with physical line numbers.

Every record keeps the line of the file it starts on, counting blank lines and the extra
lines of quoted multi-line cells, so "line 7" is line 7 in any text editor. Headers are
matched case-insensitively against aliases; the UI's column-mapping dialog can override the
automatic mapping. Parsing never writes: it returns rows and problems, and the caller decides
(all-or-nothing, or skip the invalid rows).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.parsing import (
    DateOrder,
    infer_date_order,
    numeric_parts,
    parse_date,
    parse_priority,
    parse_remote,
    parse_salary,
)
from careerdesk.core.pipeline.keys import dedupe_key
from careerdesk.core.pipeline.models import ApplicationInput, check
from careerdesk.core.pipeline.states import State, state_from_text, status_hint

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organisation", "organization", "org"),
    "title": ("title", "job title", "position", "role", "job", "position title", "job role"),
    "state": ("status", "stage", "state", "pipeline stage", "application status"),
    "applied_on": (
        "applied on",
        "date applied",
        "applied",
        "application date",
        "applied date",
        "date of application",
    ),
    "location": ("location", "city", "place", "office"),
    "remote": ("remote", "work mode", "workplace", "workplace type", "remote/hybrid", "work type"),
    "posting_url": ("url", "link", "job url", "posting url", "job link", "posting", "job posting"),
    "source": ("source", "found via", "found on", "channel", "job board"),
    "salary": ("salary", "salary range", "compensation", "pay", "pay range"),
    "salary_min": ("salary min", "min salary", "minimum salary", "salary from", "salary minimum"),
    "salary_max": ("salary max", "max salary", "maximum salary", "salary to", "salary maximum"),
    "currency": ("currency", "salary currency"),
    "deadline": ("deadline", "apply by", "closing date", "closes", "application deadline"),
    "priority": ("priority", "importance"),
    "tags": ("tags", "labels", "keywords"),
    "notes": ("notes", "note", "comments", "comment"),
    "description": ("description", "job description", "jd", "details"),
}
FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "title": "Title",
    "state": "Status",
    "applied_on": "Applied on",
    "location": "Location",
    "remote": "Remote",
    "posting_url": "URL",
    "source": "Source",
    "salary": "Salary (free text)",
    "salary_min": "Salary min",
    "salary_max": "Salary max",
    "currency": "Currency",
    "deadline": "Deadline",
    "priority": "Priority",
    "tags": "Tags",
    "notes": "Notes",
    "description": "Description",
}
REQUIRED = ("company", "title")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def header_key(text: str) -> str:
    """``" Job_Title "`` -> ``"job title"``: how headers are compared."""
    t = text.replace("\ufeff", "").strip().casefold().replace("_", " ").replace("-", " ")
    return " ".join(re.sub(r"[^\w/ ]+", " ", t).split())


_ALIAS_INDEX = {header_key(a): f for f, aliases in FIELD_ALIASES.items() for a in aliases}
_ALIAS_INDEX.update({header_key(f): f for f in FIELD_ALIASES})


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    label: str = "line"  # "application" for JSON imports (numbered in the file)

    def __str__(self) -> str:
        return f"{self.label} {self.line}: {self.message}"


@dataclass
class CsvRecord:
    line: int  # physical line where the record starts (1-based)
    cells: list[str]


@dataclass
class CsvTable:
    header: list[str]
    header_line: int
    records: list[CsvRecord]
    delimiter: str = ","
    encoding: str = "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv_text(text: str, encoding: str = "utf-8") -> CsvTable:
    """Split CSV text into a header and records, each with its starting physical line."""
    first = next((ln for ln in text.splitlines() if ln.strip(" ,;\t")), None)
    if first is None:
        raise ValidationError("The file is empty: there is no header row.")
    delimiter = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    records: list[CsvRecord] = []
    end = 0  # physical line where the previous record ended
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line, or one made only of separators
            if header is None:
                header, header_line = cells, start
            else:
                records.append(CsvRecord(start, cells))
    except csv.Error as exc:
        raise ValidationError(f"line {reader.line_num}: the CSV is malformed ({exc}).") from None
    assert header is not None
    return CsvTable(header, header_line, records, delimiter, encoding)


def read_csv_bytes(data: bytes) -> CsvTable:
    text, encoding = decode(data)
    return read_csv_text(text, encoding)


def auto_mapping(header: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> field for the headers we recognise, and notes on the rest."""
    mapping: dict[int, str] = {}
    notes: list[str] = []
    taken: dict[str, int] = {}
    for i, name in enumerate(header):
        target = _ALIAS_INDEX.get(header_key(name))
        if target is None:
            if name.strip():
                notes.append(f"column {name.strip()!r} is not used")
            continue
        if target in taken:
            notes.append(
                f"column {name.strip()!r} is not used: {header[taken[target]].strip()!r} "
                f"already gives the {FIELD_LABELS[target].lower()}"
            )
            continue
        taken[target] = i
        mapping[i] = target
    return mapping, notes


def unneutralise(cell: str) -> str:
    """Undo CSV-injection neutralising ("'=SUM(1)" -> "=SUM(1)") so round trips are exact."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


@dataclass
class ParsedRow:
    line: int
    value: ApplicationInput
    key: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repeats: list[tuple[int, int]] = field(default_factory=list)  # (line, same as line)
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder = "dmy"

    @property
    def invalid_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})


def _choose_order(
    table: CsvTable, mapping: dict[int, str], requested: str
) -> tuple[DateOrder, str]:
    if requested == "dmy":
        return "dmy", "as chosen"
    if requested == "mdy":
        return "mdy", "as chosen"
    date_cols = [i for i, f in mapping.items() if f in ("applied_on", "deadline")]
    values = [
        (r.line, r.cells[i].strip()) for r in table.records for i in date_cols if i < len(r.cells)
    ]
    proved, _conflict = infer_date_order([v for _, v in values])
    if proved is None:
        return "dmy", "no date in the file settles day/month order; day first assumed"
    for line, v in values:
        parts = numeric_parts(v)
        if parts and (parts[0] > 12 if proved == "dmy" else parts[1] > 12):
            return proved, f"line {line} has {v}"
    return proved, ""


def parse_table(
    table: CsvTable, mapping: dict[int, str] | None = None, date_order: str = "auto"
) -> ParseResult:
    """Validate every record; never raises for bad rows (they become problems)."""
    if mapping is None:
        mapping, notes = auto_mapping(table.header)
    else:
        notes = []
    fields = set(mapping.values())
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        wanted = "; ".join(
            f"{FIELD_LABELS[f].lower()} (e.g. {', '.join(FIELD_ALIASES[f][:3])})" for f in missing
        )
        raise ValidationError(f"The file has no column for {wanted}. Nothing was imported.")
    if len(fields) != len(mapping):
        raise ValidationError("Two columns are mapped to the same field; map each field once.")
    order, reason = _choose_order(table, mapping, date_order)
    label = "day/month/year" if order == "dmy" else "month/day/year"
    notes.append(f"numeric dates read as {label}" + (f" ({reason})" if reason else ""))
    result = ParseResult(notes=notes, date_order=order)
    first_line_of: dict[str, int] = {}
    width = len(table.header)
    for rec in table.records:
        errors: list[str] = []
        extra = [c for c in rec.cells[width:] if c.strip()]
        if extra:
            errors.append(
                f"{len(rec.cells)} cells but the header has {width} columns "
                "(a comma in an unquoted cell?)"
            )
        cells = {
            f: unneutralise(rec.cells[i]).strip() for i, f in mapping.items() if i < len(rec.cells)
        }
        data = _row_data(cells, order, errors)
        value = None
        if not errors:
            try:
                value = check(ApplicationInput, data)
            except ValidationError as exc:
                errors.extend(str(exc).split("; "))
        if errors or value is None:
            result.problems.extend(Problem(rec.line, e) for e in errors)
            continue
        key = dedupe_key(value.company, value.title, value.applied_on, value.posting_url)
        if key in first_line_of:
            result.repeats.append((rec.line, first_line_of[key]))
            continue
        first_line_of[key] = rec.line
        result.rows.append(ParsedRow(rec.line, value, key))
    return result


def _row_data(cells: dict[str, str], order: DateOrder, errors: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("company", "title", "location", "posting_url", "source", "description", "notes"):
        if cells.get(name):
            data[name] = cells[name]
    for name in REQUIRED:
        if not cells.get(name):
            errors.append(f"{FIELD_LABELS[name].lower()} is empty")
    for name in ("applied_on", "deadline"):
        if cells.get(name):
            try:
                data[name] = parse_date(cells[name], order)
            except ValueError as exc:
                hint = ""
                if numeric_parts(cells[name]):
                    label = "day/month/year" if order == "dmy" else "month/day/year"
                    hint = f"; numeric dates in this file are read as {label}"
                errors.append(f"{FIELD_LABELS[name].lower()}: {exc}{hint}")
    currencies: set[str] = set()
    if cells.get("currency"):
        currencies.add(cells["currency"].strip().upper())
    try:
        if cells.get("salary"):
            salary = parse_salary(cells["salary"])
            data["salary_min"], data["salary_max"] = salary.minimum, salary.maximum
            if salary.currency:
                currencies.add(salary.currency)
        for name in ("salary_min", "salary_max"):
            if cells.get(name):
                figure = parse_salary(cells[name])
                data[name] = figure.minimum if figure.minimum is not None else figure.maximum
                if figure.currency:
                    currencies.add(figure.currency)
    except ValueError as exc:
        errors.append(f"salary: {exc}")
    if len(currencies) > 1:
        errors.append(f"salary: the currencies disagree ({', '.join(sorted(currencies))})")
    elif currencies:
        data["currency"] = currencies.pop()
    for name, parse in (("remote", parse_remote), ("priority", parse_priority)):
        if cells.get(name):
            try:
                data[name] = parse(cells[name])
            except ValueError as exc:
                errors.append(str(exc))
    if cells.get("tags"):
        data["tags"] = cells["tags"]
    status = cells.get("state", "")
    if status:
        state = state_from_text(status)
        if state is None:
            errors.append(status_hint(status))
        else:
            data["state"] = state
    else:
        data["state"] = State.APPLIED if data.get("applied_on") else State.SAVED
    return data
