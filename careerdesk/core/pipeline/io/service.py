"""Import and export of applications: CSV from spreadsheets, lossless JSON, safe CSV out.

- ``import_csv``: all-or-nothing by default (any invalid row → nothing imported, every problem
  listed with its physical line number); ``skip_invalid`` imports the valid rows and reports
  the rest. Rows already present (same dedupe key) are skipped, so re-importing a file adds
  nothing twice.
- ``import_json`` / ``export_json``: the lossless format of ``json_io``.
- ``export_csv``: for spreadsheets; every cell that a spreadsheet could run as a formula is
  neutralised as OWASP recommends (leading ``'``, every field quoted).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select

from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.files import atomic_write_bytes
from careerdesk.core.pipeline.events import ApplicationsImported
from careerdesk.core.pipeline.io import json_io as jsonio
from careerdesk.core.pipeline.io.csv_import import (
    FORMULA_PREFIXES,
    CsvTable,
    auto_mapping,
    parse_table,
    read_csv_bytes,
)
from careerdesk.core.pipeline.models import PRIORITY_LABELS
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.locking import holds_write_lock
from careerdesk.core.storage.tables.pipeline import Application
from careerdesk.core.storage.tables.profiles import Profile

MAX_IMPORT_BYTES = 200 * 1024 * 1024
CSV_COLUMNS = (
    ("company", "Company"),
    ("title", "Title"),
    ("state", "Status"),
    ("applied_on", "Applied on"),
    ("location", "Location"),
    ("remote", "Remote"),
    ("source", "Source"),
    ("salary_min", "Salary min"),
    ("salary_max", "Salary max"),
    ("currency", "Currency"),
    ("deadline", "Deadline"),
    ("priority", "Priority"),
    ("tags", "Tags"),
    ("posting_url", "URL"),
    ("notes", "Notes"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
)
Progress = Callable[[float, str], None]


class ImportReport(BaseModel):
    """What an import did (or would have done), for the CLI and the import dialog."""

    source: str
    kind: str  # csv | json
    records: int = 0
    imported: int = 0
    already_present: int = 0
    repeated_in_file: list[tuple[int, int]] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    skipped_invalid: int = 0
    notes: list[str] = Field(default_factory=list)
    imported_ids: list[int] = Field(default_factory=list)

    def summary(self) -> str:
        parts = [f"Imported {self.imported} of {self.records} application(s) from {self.source}"]
        if self.already_present:
            parts.append(f"{self.already_present} already present")
        if self.repeated_in_file:
            parts.append(f"{len(self.repeated_in_file)} repeated in the file")
        if self.skipped_invalid:
            parts.append(f"{self.skipped_invalid} invalid skipped")
        return parts[0] + (f" ({'; '.join(parts[1:])})" if parts[1:] else "") + "."

    def lines(self) -> list[str]:
        """The summary, then every problem and note, one per line."""
        out = [self.summary()]
        out += self.problems
        out += [
            f"line {a}: same application as line {b}; imported once"
            for a, b in self.repeated_in_file
        ]
        out += [f"note: {n}" for n in self.notes]
        return out


class ImportRefused(ValidationError):
    """All-or-nothing import with invalid rows: nothing was imported; ``report`` lists why."""

    def __init__(self, report: ImportReport, valid: int) -> None:
        shown = report.problems[:200]
        more = len(report.problems) - len(shown)
        message = (
            f"Nothing was imported: {len(report.problems)} problem(s) in {report.source}.\n"
            + "\n".join(shown)
            + (f"\n… and {more} more." if more > 0 else "")
            + f"\nFix them, or import the {valid} valid one(s) with --skip-invalid."
        )
        super().__init__(message)
        self.report = report


def neutralise(cell: str) -> str:
    """OWASP CSV-injection defence: a cell a spreadsheet would run as a formula gets a ``'``."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder (never half-written)."""
    path = path.expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name.")
    if not path.parent.exists():
        raise UserError(f"The folder {path.parent} does not exist.")
    atomic_write_bytes(path, data)


def read_file(path: Path) -> bytes:
    path = path.expanduser()
    if not path.is_file():
        raise NotFoundError(f"There is no file {path}.")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise UserError(f"{path} is larger than {MAX_IMPORT_BYTES // 2**20} MB; split it first.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}") from None


class PipelineTransfer:
    """Imports and exports a profile's applications (CLI and File → Import/Export)."""

    def __init__(
        self,
        applications: ApplicationService,
        db: Database,
        bus: EventBus,
        clock: Clock,
        profile_name: Callable[[int], str],
    ) -> None:
        self.db = db
        self.svc = applications
        self._bus = bus
        self._clock = clock
        self._profile_name = profile_name

    # -- CSV in ----------------------------------------------------------------------------
    def read_csv(self, path: Path) -> CsvTable:
        """Read a CSV file for the preview dialog (header, records, delimiter, encoding)."""
        return read_csv_bytes(read_file(path))

    def suggest_mapping(self, table: CsvTable) -> tuple[dict[int, str], list[str]]:
        return auto_mapping(table.header)

    @holds_write_lock  # a restore waits for the whole import, or the import for it
    def import_csv(
        self,
        profile_id: int,
        path: Path,
        *,
        skip_invalid: bool = False,
        mapping: dict[int, str] | None = None,
        date_order: str = "auto",
        progress: Progress | None = None,
        table: CsvTable | None = None,
    ) -> ImportReport:
        """Import a CSV; raises ImportRefused (nothing imported) unless ``skip_invalid``."""
        path = Path(path)
        if progress:
            progress(0.0, "Reading the file…")
        table = table or self.read_csv(path)
        result = parse_table(table, mapping, date_order)
        report = ImportReport(
            source=path.name,
            kind="csv",
            records=len(table.records),
            problems=[str(p) for p in result.problems],
            repeated_in_file=result.repeats,
            notes=result.notes
            + ([f"read as {table.encoding}"] if table.encoding != "utf-8" else []),
        )
        if result.problems and not skip_invalid:
            raise ImportRefused(report, len(result.rows))
        report.skipped_invalid = len(result.invalid_lines)
        if progress:
            progress(0.1, f"Saving {len(result.rows)} application(s)…")
        bulk = self.svc.bulk_create(
            profile_id,
            [r.value for r in result.rows],
            notes=[f"Imported from {path.name}, line {r.line}" for r in result.rows],
            keys=[r.key for r in result.rows],
            actor="import",
            progress=(lambda f: progress(0.1 + 0.9 * f, "Saving…")) if progress else None,
        )
        report.imported = len(bulk.created_ids)
        report.imported_ids = bulk.created_ids
        report.already_present = len(bulk.skipped)
        return report

    # -- JSON ------------------------------------------------------------------------------
    def json_document(self, profile_id: int) -> dict[str, Any]:
        """The lossless export as a dict."""
        name = self._profile_name(profile_id)
        with self.db.read() as s:
            return jsonio.export_document(s, profile_id, name, self._clock.now())

    def export_json(self, profile_id: int, path: Path) -> int:
        """Write the lossless JSON export; returns the number of applications."""
        doc = self.json_document(profile_id)
        data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
        write_atomic(Path(path), data)
        return int(doc["count"])

    @holds_write_lock  # a restore waits for the whole import, or the import for it
    def import_json(
        self,
        profile_id: int,
        path: Path,
        *,
        skip_invalid: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import a CareerDesk JSON export (applications already present are skipped)."""
        path = Path(path)
        try:
            raw = json.loads(read_file(path).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(f"{path.name} is not a JSON file ({exc}).") from None
        if not isinstance(raw, dict) or raw.get("format") != jsonio.FORMAT:
            raise ValidationError(f"{path.name} is not a CareerDesk applications export.")
        if not isinstance(raw.get("version"), int) or raw["version"] > jsonio.VERSION:
            raise ValidationError(
                f"{path.name} was written by a newer CareerDesk (format version "
                f"{raw.get('version')}); update CareerDesk to import it."
            )
        items = raw.get("applications")
        if not isinstance(items, list):
            raise ValidationError(f"{path.name} has no list of applications.")
        report = ImportReport(source=path.name, kind="json", records=len(items))
        valid: list[jsonio.JsonApplication] = []
        for n, item in enumerate(items, start=1):
            try:
                valid.append(jsonio.validate_application(item))
            except UserError as exc:
                name = ""
                if isinstance(item, dict) and isinstance(item.get("fields"), dict):
                    f = item["fields"]
                    name = f" ({f.get('company', '?')} — {f.get('title', '?')})"
                report.problems.append(f"application {n}{name}: {exc}")
        if report.problems and not skip_invalid:
            raise ImportRefused(report, len(valid))
        report.skipped_invalid = len(items) - len(valid)
        existing = self.svc.existing_dedupe_keys(profile_id)
        fresh = []
        for a in valid:
            if a.dedupe_key in existing:
                report.already_present += 1
            else:
                existing.add(a.dedupe_key)
                fresh.append(a)
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile {profile_id} does not exist.")
            ids = jsonio.insert_applications(
                s,
                profile_id,
                fresh,
                progress=(lambda f: progress(f, "Saving…")) if progress else None,
            )
        report.imported, report.imported_ids = len(ids), ids
        if ids:
            self._bus.publish(
                ApplicationsImported(profile_id=profile_id, application_ids=tuple(ids))
            )
        return report

    def import_file(self, profile_id: int, path: Path, **kwargs: Any) -> ImportReport:
        """CSV or JSON, by the file's extension (``.json`` is the lossless format)."""
        if Path(path).suffix.lower() == ".json":
            kwargs.pop("mapping", None)
            kwargs.pop("date_order", None)
            return self.import_json(profile_id, path, **kwargs)
        return self.import_csv(profile_id, path, **kwargs)

    # -- CSV out ---------------------------------------------------------------------------
    def csv_text(self, profile_id: int) -> tuple[str, int]:
        """The spreadsheet export as text (every field quoted, formulas neutralised), rows."""
        rows = self.svc.list(profile_id)
        notes = self._notes(profile_id)
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([label for _, label in CSV_COLUMNS])
        for row in sorted(rows, key=lambda r: r.id):
            values: dict[str, Any] = row.model_dump()
            values["state"] = State(row.state).label
            values["priority"] = PRIORITY_LABELS.get(row.priority, str(row.priority))
            values["tags"] = "; ".join(row.tags)
            values["notes"] = notes.get(row.id, ("", ""))[1]
            values["posting_url"] = notes.get(row.id, ("", ""))[0]
            cells = []
            for name, _label in CSV_COLUMNS:
                v = values.get(name)
                text = "" if v is None else v.isoformat() if hasattr(v, "isoformat") else str(v)
                cells.append(neutralise(text))
            writer.writerow(cells)
        return buf.getvalue(), len(rows)

    def _notes(self, profile_id: int) -> dict[int, tuple[str, str]]:
        with self.db.read() as s:
            return {
                r.id: (r.posting_url, r.notes)
                for r in s.execute(
                    select(Application.id, Application.posting_url, Application.notes).where(
                        Application.profile_id == profile_id
                    )
                )
            }

    def export_csv(self, profile_id: int, path: Path) -> int:
        """Write the spreadsheet CSV (UTF-8 with BOM so Excel shows accents); returns rows."""
        text, count = self.csv_text(profile_id)
        write_atomic(Path(path), text.encode("utf-8-sig"))
        return count

    def export(self, profile_id: int, path: Path, fmt: str) -> int:
        if fmt == "json":
            return self.export_json(profile_id, path)
        if fmt == "csv":
            return self.export_csv(profile_id, path)
        raise ValidationError(f"Unknown export format {fmt!r}; use json or csv.")
