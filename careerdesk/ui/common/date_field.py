"""Date and date-time fields in the app's one date format (docs/design.md, "One locale").

Every place a learner types or picks a day uses :class:`DateField` (a day) or
:class:`DateTimeField` (a day and a clock time): both show and read
``formatting.date_pattern()`` ("26 Nov 2026" in Britain, "Nov 26, 2026" in the US), the
same text every other screen shows, and open a calendar on the arrow button (or Alt+Down,
F4). What they store is unchanged: a ``date`` or an aware UTC ``datetime``.

An *optional* day (an application's deadline) shows "Not set" until one is chosen; Delete
empties it again. Qt's date edit has no empty state, so "Not set" is its minimum date shown
with ``specialValueText``; the first key or the calendar starts from today, not from there.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

from careerdesk.ui.common import formatting

NOT_SET = "Not set"
# The "no date" sentinel of an optional field: far before any date a learner means.
_EMPTY = QDate(1900, 1, 1)
_PASS_KEYS = {
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_F4,
}


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _leave_on_tab(field: QDateTimeEdit, event: QKeyEvent) -> bool:
    """Tab and Shift+Tab leave the field, as in every other field (Qt's date edits step
    through day, month and year with Tab, and an empty one keeps Tab for good); the arrow
    keys move between the parts."""
    key = event.key()
    if event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
        return False
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        field.interpretText()
        forward = key == Qt.Key.Key_Tab and not event.modifiers()
        QWidget.focusNextPrevChild(field, forward)
        return True
    return False


class DateField(QDateEdit):
    """A day in the app's format with a calendar popup; ``value()`` is a ``date`` (or None
    for an optional field left empty)."""

    def __init__(
        self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(formatting.date_pattern())
        self.setMinimumDate(_EMPTY)
        if optional:
            self.setSpecialValueText(NOT_SET)
            self.setToolTip("Type a date or pick one from the calendar; Delete clears it")
        else:
            self.setToolTip("Type a date or pick one from the calendar")
        self.calendarWidget().installEventFilter(self)
        self.set_value(value if value is not None or optional else date.today())

    def value(self) -> date | None:
        if self.optional and self.date() == _EMPTY:
            return None
        return from_qdate(self.date())

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            value = date.today()
        self.setDate(_EMPTY if value is None else to_qdate(value))

    def is_empty(self) -> bool:
        return self.value() is None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _leave_on_tab(self, event):
            return
        key = Qt.Key(event.key())
        if self.optional and key == Qt.Key.Key_Delete:
            self.set_value(None)
            return
        if self.optional and self.is_empty() and key not in _PASS_KEYS:
            # Typing or stepping into an empty field starts from today ("Not set" is
            # 1 Jan 1900 underneath): the arrows give today, digits overwrite its day.
            self.set_value(date.today())
            self.setSelectedSection(self.sectionAt(0))
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.is_empty():
            # The calendar opens on this month, not on the "Not set" sentinel's.
            today = date.today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)


class DateTimeField(QDateTimeEdit):
    """A day and a clock time in the app's format ("26 Nov 2026, 14:00"), with a calendar
    popup; ``value()`` is an aware UTC ``datetime`` (shown in the computer's time zone)."""

    def __init__(self, value: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(formatting.date_time_pattern())
        self.setToolTip("Type a date and time or pick the day from the calendar")
        if value is not None:
            self.set_value(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not _leave_on_tab(self, event):
            super().keyPressEvent(event)

    def value(self) -> datetime:
        return datetime.fromtimestamp(self.dateTime().toSecsSinceEpoch(), UTC)

    def set_value(self, value: datetime) -> None:
        self.setDateTime(QDateTime.fromSecsSinceEpoch(int(value.timestamp())))
