"""File → Import/Export for applications: preview, column mapping, progress, report.

Reading, checking, importing and exporting all run through ``ctx.runner`` (imports on the
write lane) with a progress dialog; the GUI never waits on the file or the database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.io.columns import FIELD_LABELS, KEEP, shape_key
from careerdesk.core.pipeline.io.csv_import import CsvTable, ParseResult
from careerdesk.core.pipeline.io.service import ImportRefused, ImportReport, PipelineTransfer
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.common.progress import progress_dialog, run_with_progress
from careerdesk.ui.pipeline.import_dialog import ImportDialog
from careerdesk.ui.shell.context import UiContext

__all__ = ["ImportDialog", "ReportDialog", "export_file", "import_file", "run_import"]


class ReportDialog(QDialog):
    """The result of an import (or why nothing was imported), copyable."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def import_file(ctx: UiContext, parent: QWidget, path: Path | None = None) -> None:
    """Ask for a file, preview it (CSV) and import it in the background."""
    pid = ctx.profile_id
    if pid is None:
        return
    if path is None:
        found = file_dialogs.open_file(
            parent,
            "Import applications",
            purpose="pipeline-import",
            filter="Spreadsheet CSV or CareerDesk JSON (*.csv *.json *.txt);;All files (*)",
        )
        if found is None:
            return
        path = found
    transfer = ctx.service(PipelineTransfer)
    if path.suffix.lower() == ".json":
        run_import(ctx, parent, path, {})
        return

    def preview(table: CsvTable) -> None:
        mapping, notes = transfer.suggest_mapping(table)
        shape = shape_key(table.header)
        saved = ctx.settings.imports.mappings.get(shape)
        if saved:
            by_header = saved.get("columns", {})
            mapping = {
                i: by_header[h] if by_header.get(h) in FIELD_LABELS else mapping.get(i, KEEP)
                for i, h in enumerate(table.header)
            }
            notes = ["Using the choices you made last time for files with these columns.", *notes]
        dialog = ImportDialog(
            table,
            path,
            mapping,
            notes,
            parent,
            statuses=(saved or {}).get("statuses", {}),
            checker=_checker(ctx, transfer, table),
        )
        if dialog.exec():
            if dialog.remember.isChecked():
                ctx.settings.imports.mappings[shape] = dialog.remembered()
                ctx.app.save_settings()
            run_import(ctx, parent, path, {**dialog.options(), "table": table})

    ctx.runner.run(lambda _s: transfer.read_csv(path), name="read-csv", on_success=preview)


def _checker(
    ctx: UiContext, transfer: PipelineTransfer, table: CsvTable
) -> Callable[[dict[int, str], str, dict[str, str], Callable[[Any], None]], None]:
    """The dialog's dry run, on the task runner's parallel lane."""

    def check(
        mapping: dict[int, str],
        date_order: str,
        statuses: dict[str, str],
        show: Callable[[ParseResult | BaseException], None],
    ) -> None:
        ctx.runner.run(
            lambda _s: transfer.check_csv(
                table, mapping, date_order=date_order, statuses=dict(statuses)
            ),
            name="check-csv",
            on_success=show,
            on_error=show,
        )

    return check


def run_import(ctx: UiContext, parent: QWidget, path: Path, options: dict[str, Any]) -> None:
    pid = ctx.profile_id
    if pid is None:
        return
    transfer = ctx.service(PipelineTransfer)

    def done(report: ImportReport) -> None:
        ctx.status(report.summary(), 10_000)
        # Notes say which stages were inferred, which document paths are kept as text only,
        # which columns were kept as imported fields: worth reading.
        if (
            report.problems
            or report.repeated_in_file
            or report.already_present
            or report.inferred
            or report.notes
        ):
            ReportDialog("Import finished", "\n".join(report.lines()), parent).exec()

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ImportRefused):
            ReportDialog("Nothing was imported", str(exc), parent).exec()
        else:
            ctx.report(exc)

    # Cancel rolls the whole import back: nothing half-imported.
    run_with_progress(
        ctx.runner,
        parent,
        lambda progress: transfer.import_file(pid, path, progress=progress, **options),
        label=f"Importing {path.name}…",
        name="import",
        write=True,
        on_success=done,
        on_error=failed,
    )


def export_file(ctx: UiContext, parent: QWidget, fmt: str, path: Path | None = None) -> None:
    """Ask where, then write the JSON or CSV export in the background."""
    pid = ctx.profile_id
    if pid is None:
        return
    if path is None:
        label = "CareerDesk JSON (*.json)" if fmt == "json" else "Spreadsheet CSV (*.csv)"
        found = file_dialogs.save_file(
            parent,
            "Export applications",
            purpose="pipeline-export",
            suggested=f"applications.{fmt}",
            filter=label,
        )
        if found is None:
            return
        path = found
    transfer = ctx.service(PipelineTransfer)
    ctx.status(f"Exporting to {path.name}…", 0)
    dlg = progress_dialog(parent, f"Exporting to {path.name}…")
    dlg.setRange(0, 0)  # busy: the export is one read and one write
    dlg.setCancelButton(None)

    def done(count: int) -> None:
        dlg.close()
        ctx.status(f"Exported {count} application(s) to {path}", 10_000)

    def failed(exc: BaseException) -> None:
        dlg.close()
        ctx.status("Export failed", 5000)
        ctx.report(exc)

    ctx.runner.run(
        lambda _s: transfer.export(pid, path, fmt),
        name="export",
        on_success=done,
        on_error=failed,
    )
