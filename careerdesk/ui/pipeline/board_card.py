"""How a board card looks: company and age, title, a badge line, the next action in full.

The next action is the card's reason to exist, so it wraps onto as many lines as it needs
and the card grows; company and title may be elided (the tooltip and the detail panel have
them whole). The badge line carries the exact stage in a grouped column ("Phone interview"
under *Interviewing*) or, before applying only, the fit verdict ("Apply now").
See docs/pipeline.md ("Board").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from careerdesk.core.pipeline.board_groups import shows_verdict, stage_badge
from careerdesk.core.pipeline.models import ApplicationRow
from careerdesk.ui.common import theme
from careerdesk.ui.pipeline import style

Index = QModelIndex | QPersistentModelIndex
URGENT_WORDS = ("today", "tomorrow", "passed", "Follow up", "Reply to offer", "Negotiate")
VERDICT_CHIPS = {
    "apply_now": ("Apply now", theme.VERDICT_HUES["apply_now"]),
    "learn_first": ("Learn first", theme.VERDICT_HUES["learn_first"]),
    "reconsider": ("Reconsider", theme.VERDICT_HUES["reconsider"]),
}
# The card's frame inside its row, and the text inside the frame (left leaves the accent bar).
MARGIN_X, MARGIN_Y = 4, 3
PAD_LEFT, PAD_RIGHT, PAD_Y = 12, 8, 6
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def action_text(row: ApplicationRow) -> str:
    return f"→ {row.next_action}" if row.next_action else ""


class CardDelegate(QStyledItemDelegate):
    """Paints a card; its height follows the wrapped next action."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.now = now or (lambda: datetime.now(UTC))
        self.verdicts: dict[int, str] = {}  # fit verdict per application (pipeline intelligence)
        self.badges = False  # the stage badge: only in the grouped view
        self._heights: dict[tuple[int, str, bool, float, str], int] = {}

    # -- what a card shows -----------------------------------------------------------------
    def badge(self, row: ApplicationRow) -> tuple[str, QColor] | None:
        """The one chip on the badge line: the stage (grouped view) or the fit verdict."""
        stage = stage_badge(row.state) if self.badges else None
        if stage is not None:
            return stage, style.state_color(row.state)
        verdict = self.verdicts.get(row.id)
        if verdict in VERDICT_CHIPS and shows_verdict(row.state):
            text, colour = VERDICT_CHIPS[verdict]
            return text, QColor(colour)
        return None

    @staticmethod
    def _fonts(base: QFont) -> tuple[QFont, QFont, QFont]:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1))
        return base, bold, small

    @staticmethod
    def text_width(card_width: int) -> int:
        return card_width - 2 * MARGIN_X - PAD_LEFT - PAD_RIGHT

    def action_height(self, row: ApplicationRow, font: QFont, width: int) -> int:
        text = action_text(row)
        if not text:
            return 0
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), WRAP, text).height()

    # -- Qt --------------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row: ApplicationRow = index.data(Qt.ItemDataRole.UserRole)
        view = getattr(option, "widget", None)
        # The column list keeps its viewport's width (board_parts.ColumnList): asking the
        # viewport for it on each of thousands of cards costs more than the rest.
        width = getattr(view, "card_width", 0)
        if not width and isinstance(view, QAbstractItemView):
            width = view.viewport().width()
        # Exactly the column's width (a floor here would make cards wider than a narrow
        # column, cutting off the wrapped text they were measured for).
        width = max(60, width or option.rect.width())
        # Cards with the same next action, badge line and width are the same height: measure
        # each combination once (thousands of cards share a few dozen next actions).
        chip = self.badge(row) is not None
        key = (width, row.next_action, chip, option.font.pointSizeF(), option.font.family())
        height = self._heights.get(key)
        if height is None:
            base, _bold, small = self._fonts(QFont(option.font))
            line = QFontMetrics(base).height() + 2
            action = self.action_height(row, small, self.text_width(width))
            height = 2 * MARGIN_Y + 2 * PAD_Y + (3 if chip else 2) * line + action
            height += 2 if action else 0
            if len(self._heights) > 20_000:  # widths change on resize: forget old ones
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: ApplicationRow = index.data(Qt.ItemDataRole.UserRole)
        # The application's palette: the list's own is see-through (the column shows behind).
        palette = QApplication.palette()
        rect = option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = palette.highlight().color() if selected else palette.mid().color()
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(rect, 6, 6)
        accent = style.state_color(row.state)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRect(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        inner = rect.adjusted(PAD_LEFT, PAD_Y, -PAD_RIGHT, -PAD_Y)
        base, bold, small = self._fonts(QFont(option.font))
        line = QFontMetrics(base).height() + 2
        age = style.age_text(style.age_days(row.created_at, row.applied_on, self.now()))
        painter.setFont(small)
        painter.setPen(palette.placeholderText().color())
        age_w = QFontMetrics(small).horizontalAdvance(age) + 4
        middle = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(
            QRect(inner.right() - age_w, inner.top(), age_w, line),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            age,
        )
        if row.priority >= 3:
            painter.setBrush(QColor(style.PRIORITY_COLORS[3]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(inner.right() - age_w - 10, inner.top() + line // 2 - 3, 7, 7)
        painter.setPen(palette.text().color())
        painter.setFont(bold)
        room = inner.width() - age_w - 14
        painter.drawText(
            QRect(inner.left(), inner.top(), room, line),
            middle,
            QFontMetrics(bold).elidedText(row.company, Qt.TextElideMode.ElideRight, room),
        )
        painter.setFont(base)
        painter.drawText(
            QRect(inner.left(), inner.top() + line, inner.width(), line),
            middle,
            QFontMetrics(base).elidedText(row.title, Qt.TextElideMode.ElideRight, inner.width()),
        )
        top = inner.top() + 2 * line
        chip = self.badge(row)
        if chip is not None:
            self._paint_chip(painter, chip, QRect(inner.left(), top, inner.width(), line), small)
            top += line
        text = action_text(row)
        if text:
            urgent = any(w in row.next_action for w in URGENT_WORDS)
            painter.setFont(small)
            painter.setPen(
                QColor(theme.ink(accent.name())) if urgent else palette.placeholderText().color()
            )
            painter.drawText(
                QRect(inner.left(), top + 1, inner.width(), inner.bottom() - top), WRAP, text
            )
        painter.restore()

    @staticmethod
    def _paint_chip(painter: QPainter, chip: tuple[str, QColor], area: QRect, font: QFont) -> None:
        text, colour = chip
        painter.setFont(font)
        fm = QFontMetrics(font)
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, area.width() - 12)
        width = min(area.width(), fm.horizontalAdvance(text) + 12)
        box = QRect(area.left(), area.top() + 1, width, area.height() - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 4, 4)
        # Text on the chip's colour at readable contrast (docs/design.md).
        painter.setPen(QColor(theme.text_on(colour.name())))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
