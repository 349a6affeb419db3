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
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select

from careerdesk.core.kernel.clock import Clock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.files import atomic_write_bytes
from careerdesk.core.pipeline.events import ApplicationsImported
from careerdesk.core.pipeline.io import json_checks as jsonchecks
from careerdesk.core.pipeline.io import json_io as jsonio
from careerdesk.core.pipeline.io.columns import apply_overrides, auto_mapping
from careerdesk.core.pipeline.io.csv_import import (
    CsvTable,
    ParseResult,
    parse_table,
    read_csv_bytes,
)
from careerdesk.core.pipeline.io.csv_write import insert_built
from careerdesk.core.pipeline.io.dated_history import Built, build
from careerdesk.core.pipeline.io.export_columns import CSV_COLUMNS, export_values
from careerdesk.core.pipeline.io.rules import neutralise
from careerdesk.core.pipeline.io.statuses import parse_status_overrides
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.core.pipeline.unique import retry_on_duplicate
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.locking import holds_write_lock
from careerdesk.core.storage.tables.pipeline import Application
from careerdesk.core.storage.tables.profiles import Profile

MAX_IMPORT_BYTES = 200 * 1024 * 1024
Progress = Callable[[float, str], None]
INFERRED_SHOWN = 50


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
    inferred: list[str] = Field(default_factory=list)  # stages the file did not date itself
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
        shown = self.inferred[:INFERRED_SHOWN]
        out += [f"history: {n}" for n in shown]
        if len(self.inferred) > len(shown):
            out.append(f"history: … and {len(self.inferred) - len(shown)} more inferred")
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
    def read_csv(self, path: Path, encoding: str | None = None) -> CsvTable:
        """Read a CSV file for the preview dialog (header, records, delimiter, encoding)."""
        return read_csv_bytes(read_file(path), encoding)

    def suggest_mapping(self, table: CsvTable) -> tuple[dict[int, str], list[str]]:
        return auto_mapping(table.header, [r.cells for r in table.records[:50]])

    def check_csv(
        self,
        table: CsvTable,
        mapping: Mapping[int, str] | None = None,
        *,
        date_order: str = "auto",
        statuses: Mapping[str, State | str] | None = None,
    ) -> ParseResult:
        """A dry run (nothing saved): the rows, problems, repeats and unknown statuses."""
        return parse_table(table, mapping, date_order, _statuses(statuses))

    @holds_write_lock  # a restore waits for the whole import, or the import for it
    def import_csv(
        self,
        profile_id: int,
        path: Path,
        *,
        skip_invalid: bool = False,
        mapping: Mapping[int, str] | None = None,
        overrides: Mapping[str, str] | None = None,
        statuses: Mapping[str, State | str] | None = None,
        date_order: str = "auto",
        encoding: str | None = None,
        progress: Progress | None = None,
        table: CsvTable | None = None,
    ) -> ImportReport:
        """Import a CSV with its dated history; raises ImportRefused (nothing imported) on
        invalid rows unless ``skip_invalid``.

        ``mapping`` (column index -> field) replaces the guessed mapping; ``overrides``
        (column name -> field, the CLI's ``--map``) adjusts it; ``statuses`` maps status
        words to states (``--status``).
        """
        path = Path(path)
        if progress:
            progress(0.0, "Reading the file…")
        table = table or self.read_csv(path, encoding)
        if overrides:
            base = mapping if mapping is not None else self.suggest_mapping(table)[0]
            mapping = apply_overrides(table.header, base, overrides)
        result = parse_table(table, mapping, date_order, _statuses(statuses))
        report = ImportReport(
            source=path.name,
            kind="csv",
            records=len(table.records),
            problems=[str(p) for p in result.problems],
            repeated_in_file=result.repeats,
            notes=result.notes
            + result.status_notes()
            + ([f"read as {table.encoding}"] if table.encoding != "utf-8" else []),
        )
        if result.problems and not skip_invalid:
            raise ImportRefused(report, len(result.rows))
        report.skipped_invalid = len(result.invalid_lines)
        now = self._clock.now()
        apps: list[Built] = []
        for row in result.rows:
            app, inferred = build(row, path.name, now)
            apps.append(app)
            report.inferred.extend(inferred)
        if progress:
            progress(0.1, f"Saving {len(apps)} application(s)…")
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile {profile_id} does not exist.")
            # Read inside the write transaction: a parallel import cannot slip in between.
            existing = set(
                s.scalars(
                    select(Application.dedupe_key).where(Application.profile_id == profile_id)
                )
            )
            fresh = [a for a in apps if a.columns["dedupe_key"] not in existing]
            ids = insert_built(
                s,
                profile_id,
                fresh,
                progress=(lambda f: progress(0.1 + 0.9 * f, "Saving…")) if progress else None,
            )
        report.imported, report.imported_ids = len(ids), ids
        report.already_present = len(apps) - len(fresh)
        if ids:
            self._bus.publish(
                ApplicationsImported(profile_id=profile_id, application_ids=tuple(ids))
            )
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
        data = read_file(path)
        try:
            raw = json.loads(data.decode("utf-8-sig"), parse_constant=jsonchecks.refuse_constant)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(f"{path.name} is not a JSON file ({exc}).") from None
        except RecursionError:
            raise ValidationError(f"{path.name} is nested far deeper than any export.") from None
        except ValueError as exc:  # e.g. an integer of thousands of digits
            raise ValidationError(f"{path.name} cannot be read: {exc}.") from None
        except UserError as exc:
            raise ValidationError(f"{path.name}: {exc}.") from None
        if not isinstance(raw, dict) or raw.get("format") != jsonio.FORMAT:
            raise ValidationError(f"{path.name} is not a CareerDesk applications export.")
        version = raw.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValidationError(
                f"{path.name} has no valid format version (version: {json.dumps(version)[:40]}; "
                "an export says a whole number such as 1); it cannot be imported."
            )
        if version > jsonio.VERSION:
            raise ValidationError(
                f"{path.name} was written by a newer CareerDesk (format version "
                f"{version}); update CareerDesk to import it."
            )
        items = raw.get("applications")
        if not isinstance(items, list):
            raise ValidationError(f"{path.name} has no list of applications.")
        report = ImportReport(source=path.name, kind="json", records=len(items))
        valid: list[jsonio.JsonApplication] = []
        for n, item in enumerate(items, start=1):
            loc = ("applications", n - 1)
            try:
                jsonchecks.screen(item, loc)
                app = jsonio.validate_application(item, loc)
            except UserError as exc:
                name = ""
                if isinstance(item, dict) and isinstance(item.get("fields"), dict):
                    f = item["fields"]
                    company, title = (
                        jsonchecks.printable(str(f.get(k, "?"))[:80]) for k in ("company", "title")
                    )
                    name = f" ({company} — {title})"
                report.problems.append(f"application {n}{name}: {exc}")
                continue
            valid.append(app)
            for d, doc in enumerate(app.documents):
                if not jsonchecks.plain_local_document(doc.path):
                    report.notes.append(
                        f"{jsonchecks.json_path((*loc, 'documents', d, 'path'))}: "
                        f"{doc.path[:120]!r} is not a local document file; kept as text only "
                        "(CareerDesk will not open it)"
                    )
        if report.problems and not skip_invalid:
            raise ImportRefused(report, len(valid))
        report.skipped_invalid = len(items) - len(valid)
        ids = retry_on_duplicate(
            lambda: self._save_json(profile_id, valid, report, progress), "the JSON import"
        )
        report.imported, report.imported_ids = len(ids), ids
        if ids:
            self._bus.publish(
                ApplicationsImported(profile_id=profile_id, application_ids=tuple(ids))
            )
        return report

    def _save_json(
        self,
        profile_id: int,
        valid: list[jsonio.JsonApplication],
        report: ImportReport,
        progress: Progress | None,
    ) -> list[int]:
        """One write transaction: read the keys present, insert the rest (all or nothing).

        The keys are read inside the write transaction (writers queue on it), so two imports
        of one file at once cannot both insert an application.
        """
        with self.db.session() as s:
            if s.get(Profile, profile_id) is None:
                raise NotFoundError(f"Profile {profile_id} does not exist.")
            existing = set(
                s.scalars(
                    select(Application.dedupe_key).where(Application.profile_id == profile_id)
                )
            )
            fresh = []
            report.already_present = 0
            for a in valid:
                if a.dedupe_key in existing:
                    report.already_present += 1
                else:
                    existing.add(a.dedupe_key)
                    fresh.append(a)
            return jsonio.insert_applications(
                s,
                profile_id,
                fresh,
                progress=(lambda f: progress(f, "Saving…")) if progress else None,
            )

    def import_file(self, profile_id: int, path: Path, **kwargs: Any) -> ImportReport:
        """CSV or JSON, by the file's extension (``.json`` is the lossless format)."""
        if Path(path).suffix.lower() == ".json":
            for name in ("mapping", "overrides", "statuses", "date_order", "encoding"):
                kwargs.pop(name, None)
            return self.import_json(profile_id, path, **kwargs)
        return self.import_csv(profile_id, path, **kwargs)

    # -- CSV out ---------------------------------------------------------------------------
    def csv_text(self, profile_id: int) -> tuple[str, int]:
        """The spreadsheet export as text (every field quoted, formulas neutralised), rows.

        Columns are ``export_columns.CSV_COLUMNS``: plain names that this importer and other
        trackers read back, with each stage's date taken from the event log.
        """
        doc = self.json_document(profile_id)
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow([label for _, label in CSV_COLUMNS])
        for entry in doc["applications"]:
            values = export_values(entry)
            writer.writerow([neutralise(values.get(name, "")) for name, _label in CSV_COLUMNS])
        return buf.getvalue(), len(doc["applications"])

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


def _statuses(statuses: Mapping[str, State | str] | None) -> dict[str, State] | None:
    """The learner's status mapping keyed as the parser looks it up."""
    if not statuses:
        return None
    return parse_status_overrides({k: str(v) for k, v in statuses.items()})
