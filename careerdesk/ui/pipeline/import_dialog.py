"""The mapping step of File → Import → Applications (see docs/pipeline.md, "Import").

A table of the file's columns (examples from the first rows, and the field each goes to,
guessed or remembered for files of this shape), a table of the status words in the file
with the state each becomes, a preview of the first rows, the date order and the
skip-invalid choice. "Check rows" is a dry run on the task runner; nothing is saved until
Import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.io.columns import FIELD_LABELS, IGNORE, KEEP, KEPT_FIELDS
from careerdesk.core.pipeline.io.csv_import import CsvTable, ParseResult
from careerdesk.core.pipeline.io.statuses import read_status, status_key
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import formatting, theme

PREVIEW_ROWS = 30
EXAMPLES = 3
DATE_ORDERS = (
    ("auto", "Decide from the file"),
    ("dmy", "Day first (03/04 = 3 April)"),
    ("mdy", "Month first (03/04 = March 4)"),
)
FROM_DATES = "Decide from the row's dates"
# The field list in the order a learner scans it: the application, its history, people and
# files, then what is only kept.
FIELD_ORDER = [f for f in FIELD_LABELS if f not in (KEEP, IGNORE)] + [KEEP, IGNORE]
Checker = Callable[[dict[int, str], str, dict[str, str], Callable[[ParseResult], None]], None]


def _examples(table: CsvTable, col: int) -> str:
    seen: list[str] = []
    for rec in table.records[:PREVIEW_ROWS]:
        value = rec.cells[col].strip() if col < len(rec.cells) else ""
        if value and value not in seen:
            seen.append(value.replace("\n", " ⏎ ")[:40])
        if len(seen) == EXAMPLES:
            break
    return " · ".join(seen)


class ImportDialog(QDialog):
    """Map columns and statuses, check, then import (the caller runs the import)."""

    def __init__(
        self,
        table: CsvTable,
        path: Path,
        mapping: dict[int, str],
        notes: list[str],
        parent: QWidget | None = None,
        *,
        statuses: dict[str, str] | None = None,
        checker: Checker | None = None,
    ) -> None:
        super().__init__(parent)
        self.table, self.path = table, path
        self._checker = checker
        self._saved_statuses = {status_key(k): v for k, v in (statuses or {}).items()}
        self.setWindowTitle(f"Import applications — {path.name}")
        self.resize(1180, 760)
        layout = QVBoxLayout(self)
        sep = "tab" if table.delimiter == "\t" else repr(table.delimiter)
        info = QLabel(
            f"<b>{escape(path.name)}</b>: {formatting.number(len(table.records))} row(s), "
            f"read as {table.encoding}, "
            f"separated by {sep}. Check where each column goes: the guesses are filled in, "
            "columns CareerDesk has no field for are kept on each application as "
            "“imported fields”, and stage dates become its history."
        )
        info.setWordWrap(True)
        layout.addWidget(info)
        if notes:
            n = QLabel("; ".join(notes))
            theme.set_tone(n, "muted")
            n.setWordWrap(True)
            layout.addWidget(n)

        top = QHBoxLayout()
        columns_box = theme.section_box("Columns")
        cl = QVBoxLayout(columns_box)
        self.columns = QTableWidget(len(table.header), 3)
        self.columns.setHorizontalHeaderLabels(["Column in the file", "Examples", "Goes to"])
        self.columns.verticalHeader().setVisible(False)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.combos: list[QComboBox] = []
        for col, name in enumerate(table.header):
            head = QTableWidgetItem(name.strip() or f"(column {col + 1})")
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.columns.setItem(col, 0, head)
            sample = QTableWidgetItem(_examples(table, col))
            sample.setFlags(Qt.ItemFlag.ItemIsEnabled)
            sample.setForeground(theme.colour("muted"))
            self.columns.setItem(col, 1, sample)
            combo = QComboBox()
            for key in FIELD_ORDER:
                combo.addItem(FIELD_LABELS[key], key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(col, KEEP))))
            combo.activated.connect(lambda _i, c=col: self._dedupe_mapping(c))
            combo.setAccessibleName(f"Field for column {name.strip()}")
            self.columns.setCellWidget(col, 2, combo)
            self.combos.append(combo)
        hh = self.columns.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        cl.addWidget(self.columns)
        top.addWidget(columns_box, 3)

        status_box = theme.section_box("Statuses")
        sl = QVBoxLayout(status_box)
        self.status_hint = QLabel()
        self.status_hint.setWordWrap(True)
        sl.addWidget(self.status_hint)
        self.status_table = QTableWidget(0, 3)
        self.status_table.setHorizontalHeaderLabels(["Status in the file", "Rows", "Becomes"])
        self.status_table.verticalHeader().setVisible(False)
        self.status_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        sh = self.status_table.horizontalHeader()
        sh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        sh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        sh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        sl.addWidget(self.status_table)
        self.status_combos: dict[str, QComboBox] = {}
        top.addWidget(status_box, 2)
        layout.addLayout(top, 3)

        shown_n = min(PREVIEW_ROWS, len(table.records))
        preview_box = theme.section_box(f"First rows ({shown_n} shown)")
        pl = QVBoxLayout(preview_box)
        shown = table.records[:PREVIEW_ROWS]
        self.grid = QTableWidget(len(shown), len(table.header))
        self.grid.setVerticalHeaderLabels([f"line {r.line}" for r in shown])
        for r, rec in enumerate(shown):
            for c in range(len(table.header)):
                value = rec.cells[c] if c < len(rec.cells) else ""
                item = QTableWidgetItem(value.replace("\n", " ⏎ "))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.grid.setItem(r, c, item)
        for c in range(len(table.header)):
            self.grid.setColumnWidth(c, 140)
        pl.addWidget(self.grid)
        layout.addWidget(preview_box, 2)

        options = QHBoxLayout()
        options.addWidget(QLabel("Numeric dates:"))
        self.date_order = QComboBox()
        for key, text in DATE_ORDERS:
            self.date_order.addItem(text, key)
        self.date_order.setToolTip("ISO dates like 2026-03-03 are never guessed.")
        options.addWidget(self.date_order)
        self.skip_invalid = QCheckBox("Skip invalid rows (import the rest)")
        self.skip_invalid.setToolTip("Off: if any row is invalid, nothing is imported.")
        options.addWidget(self.skip_invalid)
        self.remember = QCheckBox("Remember these choices for files with these columns")
        self.remember.setChecked(True)
        options.addWidget(self.remember)
        options.addStretch(1)
        self.check_button = QPushButton("Check rows")
        self.check_button.clicked.connect(self.check_rows)
        options.addWidget(self.check_button)
        layout.addLayout(options)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText("Press “Check rows” to list problems before importing.")
        self.problems.setMaximumHeight(120)
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._refresh()

    # -- the mapping --------------------------------------------------------------------
    def mapping(self) -> dict[int, str]:
        return {i: str(c.currentData()) for i, c in enumerate(self.combos)}

    def statuses(self) -> dict[str, str]:
        """Status word -> STATE for every word given a state (``--status`` as a dict)."""
        return {
            text: str(combo.currentData())
            for text, combo in self.status_combos.items()
            if combo.currentData()
        }

    def options(self) -> dict[str, Any]:
        return {
            "mapping": self.mapping(),
            "date_order": self.date_order.currentData(),
            "skip_invalid": self.skip_invalid.isChecked(),
            "statuses": self.statuses(),
        }

    def remembered(self) -> dict[str, dict[str, str]]:
        """What is saved for this file shape: columns by header, statuses by word."""
        return {
            "columns": {self.table.header[i]: f for i, f in self.mapping().items()},
            "statuses": self.statuses(),
        }

    def _dedupe_mapping(self, col: int) -> None:
        field = self.combos[col].currentData()
        if field not in (KEEP, IGNORE):
            for i, other in enumerate(self.combos):
                if i != col and other.currentData() == field:
                    other.setCurrentIndex(other.findData(KEEP))  # one column per field
        self._refresh()

    def _refresh(self) -> None:
        labels = []
        for i, name in enumerate(self.table.header):
            field = self.combos[i].currentData()
            kept = field == KEEP or field in KEPT_FIELDS
            target = "kept" if kept else "ignored" if field == IGNORE else FIELD_LABELS[str(field)]
            labels.append(f"{name.strip() or f'(column {i + 1})'}\n→ {target}")
        self.grid.setHorizontalHeaderLabels(labels)
        self._fill_statuses()

    def _fill_statuses(self) -> None:
        previous = self.statuses()
        col = next((i for i, f in self.mapping().items() if f == "state"), None)
        counts: Counter[str] = Counter()
        if col is not None:
            for rec in self.table.records:
                if col < len(rec.cells) and rec.cells[col].strip():
                    counts[rec.cells[col].strip()] += 1
        self.status_table.setRowCount(len(counts))
        self.status_combos = {}
        unknown = 0
        for row, (text, n) in enumerate(sorted(counts.items(), key=lambda kv: -kv[1])):
            word = QTableWidgetItem(text)
            word.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.status_table.setItem(row, 0, word)
            count = QTableWidgetItem(formatting.number(n))
            count.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.status_table.setItem(row, 1, count)
            combo = QComboBox()
            combo.addItem(FROM_DATES, None)
            for state in State:
                combo.addItem(state.label, state.value)
            chosen = previous.get(text) or self._saved_statuses.get(status_key(text))
            guessed = read_status(text)
            target = chosen or (guessed.value if guessed else None)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.setAccessibleName(f"State for status {text}")
            if target is None:
                unknown += 1
                word.setForeground(theme.colour("danger"))
                word.setToolTip("CareerDesk does not know this word: choose a state for it.")
            self.status_table.setCellWidget(row, 2, combo)
            self.status_combos[text] = combo
        if col is None:
            self.status_hint.setText(
                "No column is mapped to Status: rows are dated from their dates."
            )
        elif unknown:
            self.status_hint.setText(
                f"{unknown} status word(s) are new to CareerDesk (in red): choose a state, or "
                "leave “Decide from the row's dates”."
            )
        else:
            self.status_hint.setText("Every status in the file has a state; change any of them.")

    # -- dry run ------------------------------------------------------------------------
    def check_rows(self) -> None:
        """A dry run on the task runner (nothing is saved): every problem with its line."""
        if self._checker is None:
            return
        self.check_button.setEnabled(False)
        self.problems.setPlainText("Checking…")
        self._checker(
            self.mapping(), str(self.date_order.currentData()), self.statuses(), self.show_check
        )

    def show_check(self, result: ParseResult | BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(result, BaseException):  # a missing required column, shown right here
            self.problems.setPlainText(str(result))
            return
        lines = [
            f"{formatting.number(len(result.rows))} valid row(s), "
            f"{formatting.number(len(result.invalid_lines))} invalid."
        ]
        lines += [str(p) for p in result.problems[:500]]
        lines += [f"line {a} repeats line {b}" for a, b in result.repeats[:100]]
        asked = result.status_notes("choose a state for it under Statuses")
        lines += [f"note: {n}" for n in result.notes + asked]
        self.problems.setPlainText("\n".join(lines))
