"""Custom-painted readiness gauge, component bars and a readiness sparkline."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from careerdesk.ui.common import formatting, theme

# Read at paint time, so the gauge follows a theme switch.
BAND_COLORS = theme.RoleMap({"good": "success", "fair": "warning", "low": "danger"})


def readiness_color(value: float) -> QColor:
    """Green from 70, amber from 40, red below (the skill bands' advanced / intermediate)."""
    return BAND_COLORS["good" if value >= 70 else "fair" if value >= 40 else "low"]


def track_color(widget: QWidget) -> QColor:
    color = widget.palette().color(widget.foregroundRole())
    color.setAlpha(40)
    return color


class ReadinessGauge(QWidget):
    """A 270° arc from 0 to 100 with the value in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: float | None = None
        self.setMinimumSize(170, 150)
        self.setMaximumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Readiness gauge")

    @property
    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self.setAccessibleDescription(
            "no readiness yet" if value is None else f"readiness {value:.0f} out of 100"
        )
        self.setToolTip(self.accessibleDescription())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, 180)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height() * 1.15) - 16
        rect = QRectF((self.width() - side) / 2, 8, side, side)
        thickness = max(10.0, side / 11)
        pen = QPen(track_color(self), thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawArc(rect, 225 * 16, -270 * 16)
        if self._value is not None:
            pen.setColor(readiness_color(self._value))
            p.setPen(pen)
            span = -270 * max(0.0, min(100.0, self._value)) / 100
            if span:
                p.drawArc(rect, 225 * 16, round(span * 16))
        p.setPen(self.palette().color(self.foregroundRole()))
        big = QFont(self.font())
        big.setPointSizeF(max(12.0, side / 6.5))
        big.setBold(True)
        p.setFont(big)
        text = "–" if self._value is None else f"{self._value:.0f}"
        value_rect = QRectF(rect.left(), rect.top() + side * 0.28, side, side * 0.3)
        p.drawText(value_rect, Qt.AlignmentFlag.AlignCenter, text)
        small = QFont(self.font())
        small.setPointSizeF(max(8.0, side / 17))
        p.setFont(small)
        p.drawText(
            QRectF(rect.left(), rect.top() + side * 0.56, side, side * 0.14),
            Qt.AlignmentFlag.AlignCenter,
            "readiness / 100",
        )
        p.end()


class ComponentBar(QWidget):
    """One readiness component: label with its weight, a bar and the value."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.value = 0.0
        self.weight = 0.0
        self.setMinimumHeight(36)

    def set_value(self, value: float, weight: float) -> None:
        self.value, self.weight = value, weight
        share = formatting.share(weight)
        text = f"{self.label}: {value:.0f} / 100, weight {share}"
        self.setAccessibleName(text)
        self.setToolTip(
            f"{self.label} {value:.1f} × {share} = {value * weight:.1f} readiness points"
        )
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 36)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fg = self.palette().color(self.foregroundRole())
        p.setPen(fg)
        metrics = p.fontMetrics()
        top_h = metrics.height()
        p.drawText(
            QRectF(0, 0, self.width(), top_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{self.label} ({formatting.share(self.weight)})",
        )
        p.drawText(
            QRectF(0, 0, self.width(), top_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{self.value:.0f}",
        )
        bar = QRectF(0, top_h + 4, self.width(), 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(track_color(self))
        p.drawRoundedRect(bar, 4, 4)
        p.setBrush(theme.colour("accent"))
        filled = QRectF(bar.left(), bar.top(), bar.width() * min(self.value, 100) / 100, 8)
        if filled.width() > 0:
            p.drawRoundedRect(filled, 4, 4)
        p.end()


class Sparkline(QWidget):
    """Readiness over time from the stored snapshots (oldest left)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[float] = []
        self.setMinimumHeight(34)
        self.setAccessibleName("Readiness history")

    def set_values(self, values: list[float]) -> None:
        self.values = values
        if values:
            self.setToolTip(
                f"Readiness over the last {len(values)} change(s): "
                f"{values[0]:.0f} → {values[-1]:.0f}"
            )
        else:
            self.setToolTip("No history yet")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, 34)

    def paintEvent(self, event: QPaintEvent) -> None:
        if len(self.values) < 2:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width() - 6, self.height() - 6
        n = len(self.values)
        points = [
            QPointF(3 + w * i / (n - 1), 3 + h * (1 - v / 100)) for i, v in enumerate(self.values)
        ]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        p.setPen(QPen(theme.colour("accent"), 2))
        p.drawPath(path)
        p.setBrush(theme.colour("accent"))
        p.drawEllipse(points[-1], 3, 3)
        p.end()
