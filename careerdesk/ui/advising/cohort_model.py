"""The cohort table's Qt model and its sort/filter proxy.

Cells display friendly text; ``SORT_ROLE`` carries a value that sorts right (numbers as
numbers, unknown values last), so sorting by readiness or last activity does what an
advisor expects.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from careerdesk.core.advising.service import IMPROVING_FAST, NEEDS_SUPPORT, STALLED, CohortRow
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.ui.common import formatting, theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROFILE_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "Learner",
    "Target role",
    "Readiness",
    "Trend",
    "Last activity",
    "Assessments",
    "Learning",
    "Applications",
    "Interviews",
    "Flags",
)
FLAG_COLUMN = len(COLUMNS) - 1
# Solid fills with white text: readable on light and dark palettes alike.
FLAG_FILL = {
    NEEDS_SUPPORT: theme.FLAG_HUES["needs_support"],
    STALLED: theme.FLAG_HUES["stalled"],
    IMPROVING_FAST: theme.FLAG_HUES["improving_fast"],
}
_LAST = 10**9  # unknown values sort after every real one
_Index = QModelIndex | QPersistentModelIndex


def ago(days: int | None, when: datetime | None) -> str:
    """ "today", "yesterday", "5 days ago"; "never" without activity."""
    if when is None:
        return "never"
    if not days:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


class CohortModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CohortRow] = []

    def set_rows(self, rows: list[CohortRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_value(row, col)
        if role == PROFILE_ROLE:
            return row.profile_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= 8:
            return int(Qt.AlignmentFlag.AlignCenter)
        if col == FLAG_COLUMN and row.flags:
            first = row.flags[0]
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(FLAG_FILL[first]))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(theme.text_on(FLAG_FILL[first])))
        if col == 3 and role == Qt.ItemDataRole.ForegroundRole and row.readiness_change:
            return QBrush(theme.colour("success" if row.readiness_change > 0 else "danger"))
        return None

    @staticmethod
    def _text(r: CohortRow, col: int) -> str:
        if col == 0:
            return r.name
        if col == 1:
            return ", ".join(r.target_roles) or "—"
        if col == 2:
            return "—" if r.readiness is None else f"{r.readiness:.0f}"
        if col == 3:
            c = r.readiness_change
            if c is None:
                return "—"
            return f"▲ +{c:.0f}" if c > 0 else f"▼ {c:.0f}" if c < 0 else "▬ 0"
        if col == 4:
            return ago(r.days_inactive, r.last_activity)
        if col == 5:
            return "—" if r.assessments_taken is None else str(r.assessments_taken)
        if col == 6:
            if r.learning is None:
                return "no path"
            frac = r.learning_fraction
            pct = "" if frac is None else f" ({100 * frac:.0f}%)"
            return f"{r.learning.done}/{r.learning.total}{pct}"
        if col == 7:
            return "—" if r.active_applications is None else str(r.active_applications)
        if col == 8:
            if r.upcoming_interviews is None:
                return "—"
            nxt = (
                f" · next {formatting.day_month(r.next_interview_at)}"
                if r.next_interview_at
                else ""
            )
            return f"{r.upcoming_interviews}{nxt}"
        return ", ".join(r.flags)

    @staticmethod
    def _sort_value(r: CohortRow, col: int) -> Any:
        def num(value: float | int | None) -> float:
            return float(_LAST) if value is None else float(value)

        if col == 0:
            return r.name.lower()
        if col == 1:
            return ", ".join(r.target_roles).lower() or "~"
        if col == 2:
            return -1.0 if r.readiness is None else r.readiness
        if col == 3:
            return -1000.0 if r.readiness_change is None else r.readiness_change
        if col == 4:
            return num(r.days_inactive)
        if col == 5:
            return -1.0 if r.assessments_taken is None else float(r.assessments_taken)
        if col == 6:
            frac = r.learning_fraction
            return -1.0 if frac is None else frac
        if col == 7:
            return -1.0 if r.active_applications is None else float(r.active_applications)
        if col == 8:
            return -1.0 if r.upcoming_interviews is None else float(r.upcoming_interviews)
        # Flags: most serious first when sorted descending.
        weight = {NEEDS_SUPPORT: 100, STALLED: 10, IMPROVING_FAST: 1}
        return float(sum(weight.get(f, 0) for f in r.flags))

    @staticmethod
    def _tooltip(r: CohortRow, col: int) -> str | None:
        if col == 0 and r.full_name:
            return r.full_name
        if col == 4 and r.last_activity is not None:
            kind = r.last_activity_kind.replace("_", " ")
            return f"{formatting.date_time(r.last_activity)} ({kind})"
        if col == 6 and r.learning is not None and r.learning.basis == "items":
            return "Items started or done (no learning path yet)"
        if col in (1, 2) and r.target_roles:
            return unmeasured_text(r)
        return None


def unmeasured_text(r: CohortRow) -> str:
    """Which target-role skills nothing has measured yet (the skill model, docs/skills.md)."""
    if not r.unmeasured:
        return "Every skill of the target role has been measured."
    names = load_catalog().skills
    listed = ", ".join(names[k].name if k in names else k for k in r.unmeasured)
    return f"Not measured yet (no evidence, or self-rated only): {listed}"


class CohortFilter(QSortFilterProxyModel):
    """Filters by text (name, full name, role) and by flag; sorts by ``SORT_ROLE``."""

    ANY_FLAG = "__any__"

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._text = ""
        self._flag: str | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange()

    def set_flag(self, flag: str | None) -> None:
        """Only rows with ``flag`` (``ANY_FLAG``: with any flag; None: all rows)."""
        self.beginFilterChange()
        self._flag = flag
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CohortModel)
        row = model.rows[source_row]
        if self._flag == self.ANY_FLAG and not row.flags:
            return False
        if self._flag not in (None, self.ANY_FLAG) and self._flag not in row.flags:
            return False
        if self._text:
            hay = " ".join([row.name, row.full_name, *row.target_roles]).lower()
            return self._text in hay
        return True
