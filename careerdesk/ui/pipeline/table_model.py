"""The applications table model: sort and filter 10,000 rows inside the model.

Every row's display strings and a lowercase "haystack" are computed once when rows arrive,
so a keystroke in the search box is a substring test per row (a few milliseconds for 10,000
rows); typing more letters only re-checks the rows still visible. Sorting uses keys computed
once per column. The model keeps the selection across changes (persistent indexes follow
their application), so a refresh never loses the row the learner is looking at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.core.pipeline.states import State
from careerdesk.ui.pipeline import style

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("company", "Company", 170),
    Column("title", "Title", 230),
    Column("state", "Status", 140),
    Column("applied_on", "Applied", 100),
    Column("age", "Age", 60),
    Column("next_action", "Next action", 190),
    Column("location", "Location", 140),
    Column("remote", "Remote", 70),
    Column("source", "Source", 110),
    Column("salary", "Salary", 120),
    Column("priority", "Priority", 70),
    Column("updated_at", "Updated", 100),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
# "status:applied source:linkedin" search tokens and the row field they look at.
FIELD_TOKENS = {
    "company": "company",
    "title": "title",
    "status": "state",
    "state": "state",
    "location": "location",
    "source": "source",
    "remote": "remote",
    "tag": "tags",
    "tags": "tags",
    "priority": "priority",
}
REMOTE_TEXT = {"yes": "Remote", "no": "On-site", "hybrid": "Hybrid", "": ""}


def _display(row: ApplicationRow, now: datetime) -> tuple[str, ...]:
    age = style.age_days(row.created_at, row.applied_on, now)
    values = {
        "company": row.company,
        "title": row.title,
        "state": row.state.label,
        "applied_on": row.applied_on.isoformat() if row.applied_on else "",
        "age": style.age_text(age),
        "next_action": row.next_action,
        "location": row.location,
        "remote": REMOTE_TEXT.get(row.remote, row.remote),
        "source": row.source,
        "salary": style.salary_text(row.salary_min, row.salary_max, row.currency),
        "priority": style.priority_text(row.priority),
        "updated_at": row.updated_at.astimezone().date().isoformat(),
    }
    return tuple(values[k] for k in COLUMN_KEYS)


def _fields(row: ApplicationRow, display: tuple[str, ...]) -> dict[str, str]:
    return {
        "company": row.company.lower(),
        "title": row.title.lower(),
        "state": f"{row.state.value.lower()} {row.state.label.lower()}",
        "location": row.location.lower(),
        "source": row.source.lower(),
        "remote": f"{row.remote} {display[COLUMN_KEYS.index('remote')].lower()}",
        "tags": " ".join(row.tags).lower(),
        "priority": display[COLUMN_KEYS.index("priority")].lower(),
    }


def _hay(fields: dict[str, str], display: tuple[str, ...]) -> str:
    """Everything a plain search word may match, lowercased once."""
    return " ".join(fields.values()) + " " + display[COLUMN_KEYS.index("next_action")].lower()


def _sort_key(row: ApplicationRow, key: str, display: tuple[str, ...]) -> Any:
    if key == "state":
        return list(State).index(row.state)
    if key == "applied_on":
        return row.applied_on.toordinal() if row.applied_on else 0
    if key == "age":
        return -(row.applied_on.toordinal() if row.applied_on else row.created_at.toordinal())
    if key == "salary":
        return row.salary_max or row.salary_min or 0
    if key == "priority":
        return row.priority
    if key == "updated_at":
        return row.updated_at.timestamp()
    return display[COLUMN_KEYS.index(key)].casefold()


class ApplicationTableModel(QAbstractTableModel):
    """Rows in, filtered and sorted rows out (``visible``); ``row_at`` maps back."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self._now = now or (lambda: datetime.now(UTC))
        self._rows: list[ApplicationRow] = []
        self._display: list[tuple[str, ...]] = []
        self._hay: list[str] = []
        self._fields: list[dict[str, str]] = []
        self._pos: dict[int, int] = {}  # application id -> index in _rows
        self._order: list[int] = []  # indexes of _rows in sort order
        self.visible: list[int] = []  # indexes of _rows shown, in sort order
        self._sort_col, self._sort_desc = COLUMN_KEYS.index("updated_at"), True
        self._query = ""
        self._terms: list[tuple[str | None, str]] = []
        self._states: frozenset[State] | None = None
        self._remote: str | None = None
        self._source: str | None = None

    # -- data in ---------------------------------------------------------------------------
    def set_rows(self, rows: list[ApplicationRow]) -> None:
        """Replace everything (a full load)."""
        self.beginResetModel()
        now = self._now()
        self._rows = list(rows)
        self._display = [_display(r, now) for r in self._rows]
        self._fields = [_fields(r, d) for r, d in zip(self._rows, self._display, strict=True)]
        self._hay = [_hay(f, d) for f, d in zip(self._fields, self._display, strict=True)]
        self._pos = {r.id: i for i, r in enumerate(self._rows)}
        self._resort()
        self.visible = [i for i in self._order if self._match(i)]
        self.endResetModel()

    def upsert(self, row: ApplicationRow) -> None:
        """Add or replace one row, keeping sort, filter and the selection."""
        now = self._now()
        display = _display(row, now)
        fields = _fields(row, display)
        hay = _hay(fields, display)
        i = self._pos.get(row.id)
        if i is None:
            i = len(self._rows)
            self._pos[row.id] = i
            self._rows.append(row)
            self._display.append(display)
            self._fields.append(fields)
            self._hay.append(hay)
        else:
            self._rows[i], self._display[i], self._fields[i], self._hay[i] = (
                row,
                display,
                fields,
                hay,
            )
        self._relayout(resort=True)

    def remove(self, app_id: int) -> None:
        i = self._pos.get(app_id)
        if i is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._persistent_ids()
        for column in (self._rows, self._display, self._fields, self._hay):
            del column[i]
        self._pos = {r.id: n for n, r in enumerate(self._rows)}
        self._resort()
        self.visible = [n for n in self._order if self._match(n)]
        self._restore_persistent(old)
        self.layoutChanged.emit()

    # -- filtering -------------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        """Filter by words (all must match); ``field:value`` looks in one column only."""
        text = text.strip().lower()
        if text == self._query:
            return
        narrowing = bool(self._query) and text.startswith(self._query)
        self._query = text
        self._terms = []
        for word in text.split():
            field, sep, value = word.partition(":")
            if sep and field in FIELD_TOKENS:
                if value:
                    self._terms.append((FIELD_TOKENS[field], value))
            else:
                self._terms.append((None, word))
        # Typing more letters can only hide rows: re-check the visible ones only.
        source = self.visible if narrowing else self._order
        self._relayout(candidates=source)

    def set_filters(
        self,
        *,
        states: frozenset[State] | None = None,
        remote: str | None = None,
        source: str | None = None,
    ) -> None:
        self._states, self._remote = states, remote
        self._source = source.lower() if source else None
        self._relayout()

    def _match(self, i: int) -> bool:
        row = self._rows[i]
        if self._states is not None and row.state not in self._states:
            return False
        if self._remote is not None and row.remote != self._remote:
            return False
        if self._source is not None and self._fields[i]["source"] != self._source:
            return False
        hay, fields = self._hay[i], self._fields[i]
        return all(word in (hay if field is None else fields[field]) for field, word in self._terms)

    # -- sorting ---------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_col = column
        self._sort_desc = order == Qt.SortOrder.DescendingOrder
        self._relayout(resort=True)

    def _resort(self) -> None:
        key = COLUMN_KEYS[self._sort_col]
        keys = [_sort_key(r, key, d) for r, d in zip(self._rows, self._display, strict=True)]
        self._order = sorted(range(len(self._rows)), key=keys.__getitem__, reverse=self._sort_desc)

    # -- keeping views consistent ----------------------------------------------------------
    def _persistent_ids(self) -> list[tuple[QModelIndex, int | None]]:
        out = []
        for index in self.persistentIndexList():
            row = index.row()
            out.append(
                (index, self._rows[self.visible[row]].id if 0 <= row < len(self.visible) else None)
            )
        return out

    def _restore_persistent(self, old: list[tuple[QModelIndex, int | None]]) -> None:
        where = {self._rows[i].id: n for n, i in enumerate(self.visible)}
        for index, app_id in old:
            n = where.get(app_id) if app_id is not None else None
            new = self.index(n, index.column()) if n is not None else QModelIndex()
            self.changePersistentIndex(index, new)

    def _relayout(self, *, resort: bool = False, candidates: list[int] | None = None) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self._persistent_ids()
        if resort:
            self._resort()
        self.visible = [
            i for i in (self._order if candidates is None else candidates) if self._match(i)
        ]
        self._restore_persistent(old)
        self.layoutChanged.emit()

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        i = self.visible[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[i][col]
        if role == Qt.ItemDataRole.DecorationRole and COLUMN_KEYS[col] == "state":
            return style.state_color(self._rows[i].state)
        if role == Qt.ItemDataRole.ToolTipRole and COLUMN_KEYS[col] in ("title", "next_action"):
            return self._display[i][col]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[i].id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    # -- lookups ---------------------------------------------------------------------------
    def row_at(self, view_row: int) -> ApplicationRow:
        return self._rows[self.visible[view_row]]

    def view_row_of(self, app_id: int) -> int | None:
        i = self._pos.get(app_id)
        if i is None:
            return None
        try:
            return self.visible.index(i)
        except ValueError:
            return None

    @property
    def total(self) -> int:
        return len(self._rows)

    def sources(self) -> list[str]:
        """Distinct sources (case-insensitive, first spelling wins), alphabetical."""
        seen: dict[str, str] = {}
        for r in self._rows:
            if r.source:
                seen.setdefault(r.source.casefold(), r.source)
        return sorted(seen.values(), key=str.casefold)
