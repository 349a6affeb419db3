"""Reading a spreadsheet's or another tracker's CSV into validated applications.

Reading the bytes is ``csv_read``; which column is which field is ``columns``; status words
are ``statuses``; dates into history is ``dated_history``. Parsing never writes: it returns
rows and problems, and the caller decides (all-or-nothing, or skip the invalid rows).
See docs/pipeline.md, "Import".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.columns import (
    DATE_FIELDS,
    FIELD_ALIASES,
    FIELD_LABELS,
    IGNORE,
    KEEP,
    KEPT_FIELDS,
    REQUIRED,
    STAGE_FIELDS,
    auto_mapping,
    check_mapping,
    header_key,
)
from careerdesk.core.pipeline.io.csv_read import (
    CsvRecord,
    CsvTable,
    decode,
    read_csv_bytes,
    read_csv_text,
)
from careerdesk.core.pipeline.io.dated_history import ImportRow, check_contact
from careerdesk.core.pipeline.io.parsing import (
    DateOrder,
    infer_date_order,
    is_numeric_date,
    numeric_parts,
    parse_date,
    parse_priority,
    parse_remote,
    parse_salary,
    parse_when,
)
from careerdesk.core.pipeline.io.statuses import read_status, status_key
from careerdesk.core.pipeline.keys import dedupe_key
from careerdesk.core.pipeline.models import ApplicationInput, DocumentInput, check
from careerdesk.core.pipeline.states import State

__all__ = [
    "FIELD_ALIASES",
    "FIELD_LABELS",
    "FORMULA_PREFIXES",
    "CsvRecord",
    "CsvTable",
    "ParseResult",
    "Problem",
    "auto_mapping",
    "decode",
    "header_key",
    "parse_table",
    "read_csv_bytes",
    "read_csv_text",
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ParsedRow = ImportRow


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    label: str = "line"  # "application" for JSON imports (numbered in the file)

    def __str__(self) -> str:
        return f"{self.label} {self.line}: {self.message}"


def unneutralise(cell: str) -> str:
    """Undo CSV-injection neutralising ("'=SUM(1)" -> "=SUM(1)") so round trips are exact."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


@dataclass
class ParseResult:
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    repeats: list[tuple[int, int]] = field(default_factory=list)  # (line, same as line)
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder = "dmy"
    unknown_statuses: dict[str, list[int]] = field(default_factory=dict)  # text -> lines

    @property
    def invalid_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    def status_notes(
        self, how: str = "map it with --status {text!r}=STATE (or under Statuses in File → Import)"
    ) -> list[str]:
        """One line per status nobody mapped: where it is and ``how`` to map it."""
        out = []
        for text, lines in self.unknown_statuses.items():
            where = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
            out.append(
                f"status {text!r} (line(s) {where}) is not one CareerDesk knows: those rows "
                f"were dated from their other columns and kept the word as an imported field; "
                + how.format(text=text)
            )
        return out


_DATED = frozenset((*DATE_FIELDS, *STAGE_FIELDS))


def _choose_order(
    table: CsvTable, mapping: Mapping[int, str], requested: str
) -> tuple[DateOrder, str | None]:
    """The day/month order for numeric dates, and the note about it (None: nothing to say).

    ISO 8601 and written dates are never ambiguous, so a file without numeric dates gets
    no note at all.
    """
    if requested in ("dmy", "mdy"):
        label = "day/month/year" if requested == "dmy" else "month/day/year"
        return (
            "dmy" if requested == "dmy" else "mdy"
        ), f"numeric dates read as {label} (as chosen)"
    date_cols = [i for i, f in mapping.items() if f in _DATED]
    values = [
        (r.line, r.cells[i].strip())
        for r in table.records
        for i in date_cols
        if i < len(r.cells) and is_numeric_date(r.cells[i])
    ]
    if not values:
        return "dmy", None
    proved, _conflict = infer_date_order([v for _, v in values])
    if proved is None:
        return "dmy", (
            "numeric dates read as day/month/year (no date in the file settles day/month "
            "order; day first assumed)"
        )
    label = "day/month/year" if proved == "dmy" else "month/day/year"
    for line, v in values:
        parts = numeric_parts(v)
        if parts and (parts[0] > 12 if proved == "dmy" else parts[1] > 12):
            return proved, f"numeric dates read as {label} (line {line} has {v})"
    return proved, f"numeric dates read as {label}"


def parse_table(
    table: CsvTable,
    mapping: Mapping[int, str] | None = None,
    date_order: str = "auto",
    statuses: Mapping[str, State] | None = None,
) -> ParseResult:
    """Validate every record; never raises for bad rows (they become problems).

    ``mapping``: column index -> field (``columns.auto_mapping`` when None; columns it
    leaves out are kept as imported fields). ``statuses``: the learner's status mapping,
    keyed by ``statuses.status_key``.
    """
    if mapping is None:
        mapping, notes = auto_mapping(table.header, [r.cells for r in table.records[:50]])
    else:
        mapping = {**{i: KEEP for i in range(len(table.header))}, **mapping}
        notes = []
    try:
        check_mapping(mapping)
    except ValidationError as exc:
        raise ValidationError(f"line {table.header_line} (the header row): {exc}") from None
    ignored = [table.header[i].strip() for i, f in mapping.items() if f == IGNORE]
    if ignored:
        notes.append("ignored as asked: " + ", ".join(repr(c) for c in ignored))
    order, order_note = _choose_order(table, mapping, date_order)
    if order_note:
        notes.append(order_note)
    result = ParseResult(notes=notes, date_order=order)
    first_line_of: dict[str, int] = {}
    width = len(table.header)
    for rec in table.records:
        if rec.problem:
            result.problems.append(Problem(rec.line, rec.problem))
            continue
        errors: list[str] = []
        extra = [c for c in rec.cells[width:] if c.strip()]
        if extra:
            errors.append(
                f"{len(rec.cells)} cells but the header has {width} columns "
                "(a comma in an unquoted cell?)"
            )
        row = _read_row(table.header, rec, mapping, order, statuses, errors)
        if errors or row is None:
            result.problems.extend(Problem(rec.line, e) for e in errors)
            continue
        if row.status is None and row.status_text:
            result.unknown_statuses.setdefault(row.status_text, []).append(rec.line)
        if row.key in first_line_of:
            result.repeats.append((rec.line, first_line_of[row.key]))
            continue
        first_line_of[row.key] = rec.line
        result.rows.append(row)
    return result


def _read_row(
    header: list[str],
    rec: CsvRecord,
    mapping: Mapping[int, str],
    order: DateOrder,
    statuses: Mapping[str, State] | None,
    errors: list[str],
) -> ImportRow | None:
    cells: dict[str, str] = {}
    columns: dict[str, str] = {}
    kept: list[tuple[str, str]] = []
    for i, f in mapping.items():
        value = unneutralise(rec.cells[i]).strip() if i < len(rec.cells) else ""
        name = header[i].strip() or f"column {i + 1}"
        if f == IGNORE:
            continue
        if f == KEEP or f in KEPT_FIELDS:
            if value:
                kept.append((name, value))
            continue
        cells[f], columns[f] = value, name
    data = _row_data(cells, order, errors)
    whens: dict[str, datetime] = {}
    for name in (*STAGE_FIELDS, "created_at", "updated_at", "applied_on"):
        if cells.get(name):
            try:
                whens[name] = parse_when(cells[name], order)
            except ValueError as exc:
                errors.append(f"{columns[name]}: {exc}{_order_hint(cells[name], order)}")
    status_text = cells.get("state", "")
    status = read_status(status_text, statuses) if status_text else None
    notes: list[str] = []
    if status in (State.SAVED, State.APPLYING) and "applied_on" in whens:
        # A tracker's one "date" column on a draft is when it was saved, not an application.
        when = whens.pop("applied_on")
        whens.setdefault("created_at", when)
        notes.append(
            f"status {status_text!r} ({status.label}): {columns['applied_on']} "
            f"{when.date().isoformat()} read as the day it was saved, not as applied"
        )
    if "applied_on" in whens:
        data["applied_on"] = whens["applied_on"].date()
    if status_text and status is None:
        kept.append((columns["state"], status_text))
    contact = None
    try:
        contact = check_contact(
            {k: cells.get(f"contact_{k}", "") for k in ("name", "email", "phone", "role")}
        )
    except ValidationError as exc:
        errors.append(f"contact: {exc}")
    documents: list[DocumentInput] = []
    for kind, name in (("resume", "resume"), ("cover_letter", "cover_letter")):
        if cells.get(name):
            try:
                documents.append(check(DocumentInput, {"kind": kind, "path": cells[name]}))
            except ValidationError as exc:
                errors.append(f"{columns[name]}: {exc}")
    app_value: ApplicationInput | None = None
    if not errors:
        try:
            app_value = check(ApplicationInput, {**data, "state": status or State.SAVED})
        except ValidationError as exc:
            errors.extend(str(exc).split("; "))
    if errors or app_value is None:
        return None
    return ImportRow(
        line=rec.line,
        value=app_value,
        key=dedupe_key(
            app_value.company, app_value.title, app_value.applied_on, app_value.posting_url
        ),
        status=status,
        status_text=status_text,
        created_at=whens.get("created_at"),
        updated_at=whens.get("updated_at"),
        stages=[(n, w, columns[n]) for n, w in whens.items() if n in (*STAGE_FIELDS, "applied_on")],
        contact=contact,
        documents=documents,
        kept=kept,
        notes=notes,
    )


def _order_hint(text: str, order: DateOrder) -> str:
    if not is_numeric_date(text):
        return ""
    label = "day/month/year" if order == "dmy" else "month/day/year"
    return f"; numeric dates in this file are read as {label}"


def _row_data(cells: dict[str, str], order: DateOrder, errors: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in ("company", "title", "location", "posting_url", "source", "description", "notes"):
        if cells.get(name):
            data[name] = cells[name]
    for name in REQUIRED:
        if not cells.get(name):
            errors.append(f"{FIELD_LABELS[name].lower()} is empty")
    if cells.get("deadline"):
        try:
            data["deadline"] = parse_date(cells["deadline"], order)
        except ValueError as exc:
            errors.append(f"deadline: {exc}{_order_hint(cells['deadline'], order)}")
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
    return data


def status_overrides_key(text: str) -> str:
    """The key a status mapping is stored under (for the dialog and ``--status``)."""
    return status_key(text)
