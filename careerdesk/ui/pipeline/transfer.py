"""File → Import/Export for applications: preview, column mapping, progress, report.

Reading, checking, importing and exporting all run through ``ctx.runner`` (imports on the
write lane) with a progress dialog; the GUI never waits on the file or the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.io.csv_import import FIELD_LABELS, CsvTable, parse_table
from careerdesk.core.pipeline.io.service import ImportRefused, ImportReport, PipelineTransfer
from careerdesk.ui.common import file_dialogs
from careerdesk.ui.shell.context import UiContext

PREVIEW_ROWS = 30
DATE_ORDERS = (
    ("auto", "Decide from the file"),
    ("dmy", "Day first (03/04 = 3 April)"),
    ("mdy", "Month first (03/04 = March 4)"),
)


class ImportDialog(QDialog):
    """Preview a CSV, fix the column mapping, choose the mode, check, then import."""

    def __init__(
        self,
        table: CsvTable,
        path: Path,
        mapping: dict[int, str],
        notes: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table, self.path = table, path
        self.setWindowTitle(f"Import applications — {path.name}")
        self.resize(980, 620)
        layout = QVBoxLayout(self)
        info = QLabel(
            f"<b>{path.name}</b>: {len(table.records):,} row(s), read as {table.encoding}, "
            f"separated by {'tab' if table.delimiter == chr(9) else repr(table.delimiter)}. "
            "Check that each column goes to the right field (first row below); "
            "rows already in CareerDesk are skipped."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        if notes:
            n = QLabel("; ".join(notes))
            n.setStyleSheet("color:gray")
            n.setWordWrap(True)
            layout.addWidget(n)
        self.grid = QTableWidget(min(PREVIEW_ROWS, len(table.records)) + 1, len(table.header))
        self.grid.setHorizontalHeaderLabels(
            [h.strip() or f"(column {i + 1})" for i, h in enumerate(table.header)]
        )
        self.grid.setVerticalHeaderLabels(
            ["field"] + [f"line {r.line}" for r in table.records[:PREVIEW_ROWS]]
        )
        self.combos: list[QComboBox] = []
        for col in range(len(table.header)):
            combo = QComboBox()
            combo.addItem("— ignore —", None)
            for key, label in FIELD_LABELS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(col))))
            combo.activated.connect(lambda _i, c=col: self._dedupe_mapping(c))
            combo.setAccessibleName(f"Field for column {table.header[col]}")
            self.grid.setCellWidget(0, col, combo)
            self.combos.append(combo)
            self.grid.setColumnWidth(col, 150)
        for r, rec in enumerate(table.records[:PREVIEW_ROWS], start=1):
            for c in range(len(table.header)):
                value = rec.cells[c] if c < len(rec.cells) else ""
                item = QTableWidgetItem(value.replace("\n", " ⏎ "))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.grid.setItem(r, c, item)
        layout.addWidget(self.grid, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel("Numeric dates:"))
        self.date_order = QComboBox()
        for key, text in DATE_ORDERS:
            self.date_order.addItem(text, key)
        options.addWidget(self.date_order)
        self.skip_invalid = QCheckBox("Skip invalid rows (import the rest)")
        self.skip_invalid.setToolTip("Off: if any row is invalid, nothing is imported.")
        options.addWidget(self.skip_invalid)
        options.addStretch(1)
        check = QPushButton("Check rows")
        check.clicked.connect(self.check_rows)
        options.addWidget(check)
        layout.addLayout(options)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText("Press “Check rows” to list problems before importing.")
        self.problems.setMaximumHeight(130)
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def options(self) -> dict[str, Any]:
        return {
            "mapping": self.mapping(),
            "date_order": self.date_order.currentData(),
            "skip_invalid": self.skip_invalid.isChecked(),
        }

    def _dedupe_mapping(self, col: int) -> None:
        field = self.combos[col].currentData()
        for i, other in enumerate(self.combos):
            if i != col and field and other.currentData() == field:
                other.setCurrentIndex(0)  # one column per field

    def check_rows(self) -> None:
        """A dry run (nothing is saved): list every problem with its line."""
        try:
            result = parse_table(self.table, self.mapping(), self.date_order.currentData())
        except Exception as exc:  # a missing required column, shown right here
            self.problems.setPlainText(str(exc))
            return
        lines = [f"{len(result.rows):,} valid row(s), {len(result.invalid_lines):,} invalid."]
        lines += [str(p) for p in result.problems[:500]]
        lines += [f"line {a} repeats line {b}" for a, b in result.repeats[:100]]
        lines += [f"note: {n}" for n in result.notes]
        self.problems.setPlainText("\n".join(lines))


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


def _progress(parent: QWidget, title: str) -> QProgressDialog:
    dlg = QProgressDialog(title, "Cancel", 0, 100, parent)
    dlg.setWindowTitle(title)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(True)
    return dlg


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
        dialog = ImportDialog(table, path, mapping, notes, parent)
        if dialog.exec():
            run_import(ctx, parent, path, {**dialog.options(), "table": table})

    ctx.runner.run(lambda _s: transfer.read_csv(path), name="read-csv", on_success=preview)


def run_import(ctx: UiContext, parent: QWidget, path: Path, options: dict[str, Any]) -> None:
    pid = ctx.profile_id
    if pid is None:
        return
    transfer = ctx.service(PipelineTransfer)
    dlg = _progress(parent, f"Importing {path.name}…")

    def work(state: Any) -> ImportReport:
        def progress(fraction: float, message: str) -> None:
            state.check()  # Cancel rolls the whole import back: nothing half-imported
            state.progress(fraction, message)

        return transfer.import_file(pid, path, progress=progress, **options)

    def done(report: ImportReport) -> None:
        dlg.close()
        ctx.status(report.summary(), 10_000)
        if report.problems or report.repeated_in_file or report.already_present:
            ReportDialog("Import finished", "\n".join(report.lines()), parent).exec()

    def failed(exc: BaseException) -> None:
        dlg.close()
        if isinstance(exc, ImportRefused):
            ReportDialog("Nothing was imported", str(exc), parent).exec()
        else:
            ctx.report(exc)

    def progressed(fraction: float, message: str) -> None:
        dlg.setValue(int(fraction * 100))
        dlg.setLabelText(message)

    handle = ctx.runner.run(
        work,
        name="import",
        write=True,
        on_success=done,
        on_error=failed,
        on_progress=progressed,
        on_cancelled=dlg.close,
    )
    dlg.canceled.connect(handle.cancel)


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
    dlg = _progress(parent, f"Exporting to {path.name}…")
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
