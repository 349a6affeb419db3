"""A chart's legend as Qt widgets (cheap to repaint, unlike a legend drawn by matplotlib)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from careerdesk.render.charts.base import LegendEntry

_PEN_STYLES = {
    "-": Qt.PenStyle.SolidLine,
    "solid": Qt.PenStyle.SolidLine,
    "--": Qt.PenStyle.DashLine,
    "dashed": Qt.PenStyle.DashLine,
    ":": Qt.PenStyle.DotLine,
    "dotted": Qt.PenStyle.DotLine,
    "-.": Qt.PenStyle.DashDotLine,
    "dashdot": Qt.PenStyle.DashDotLine,
}


def swatch(entry: LegendEntry, size: QSize = QSize(30, 14)) -> QPixmap:
    """A small picture of a legend entry: its line and marker, or a filled bar."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(entry.colour)
    mid = size.height() / 2
    if entry.kind == "bar":
        painter.fillRect(QRectF(4, 2, size.width() - 8, size.height() - 4), colour)
    else:
        pen = QPen(colour, 2)
        pen.setStyle(_PEN_STYLES.get(entry.linestyle, Qt.PenStyle.SolidLine))
        painter.setPen(pen)
        painter.drawLine(QPointF(1, mid), QPointF(size.width() - 1, mid))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        centre = QPointF(size.width() / 2, mid)
        if entry.marker == "o":
            painter.drawEllipse(centre, 3.5, 3.5)
        elif entry.marker == "s":
            painter.drawRect(QRectF(centre.x() - 3.5, mid - 3.5, 7, 7))
    painter.end()
    return pixmap


class LegendWidget(QWidget):
    """The chart's legend as widgets: swatch and label per series."""

    def __init__(self) -> None:
        super().__init__()
        self.setMaximumWidth(260)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 8, 4, 4)
        self._layout.setSpacing(2)
        self.entries: list[LegendEntry] = []

    def show_entries(self, entries: list[LegendEntry], title: str = "") -> None:
        if entries == self.entries and self._layout.count():
            return
        self.entries = list(entries)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()  # rows, heading; the stretch has no widget
        if title and entries:
            heading = QLabel(title)
            heading.setWordWrap(True)
            font = heading.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            font.setItalic(True)
            heading.setFont(font)
            self._layout.addWidget(heading)
        for entry in entries:
            row = QWidget()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            icon = QLabel()
            icon.setPixmap(swatch(entry))
            text = QLabel(entry.label)
            text.setWordWrap(True)
            row_layout.addWidget(icon)
            row_layout.addWidget(text, 1)
            self._layout.addWidget(row)
        self._layout.addStretch(1)
        self.setVisible(bool(entries))
