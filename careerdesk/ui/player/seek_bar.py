"""A seek bar that shades the parts of the video really watched.

A QSlider (so it keeps its accessibility and value semantics) painted by hand: a groove, the
watched intervals shaded on it, and a round handle at the playhead.
Clicking anywhere jumps there (no page steps); dragging previews and seeks on release.
Values are milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QSlider, QWidget

from careerdesk.ui.common import theme

HANDLE_RADIUS = 7
GROOVE_HEIGHT = 8
WATCHED_COLOUR = QColor(theme.STATUS_HUES["DONE"])  # green: "this part counts"


class WatchedSeekBar(QSlider):
    """Horizontal slider in milliseconds with watched segments shaded.

    ``seek_requested(ms)`` is emitted when the user clicks or finishes a drag; while the
    handle is held down, :attr:`dragging` is True and the owner should not move it.
    """

    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setRange(0, 0)
        self.setMinimumHeight(2 * HANDLE_RADIUS + 6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Keyboard seeking goes through the player's shortcuts (←/→, J/L); a focused slider
        # would swallow the arrow keys and seek without the player knowing.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Seek bar")
        self._watched: list[tuple[float, float]] = []
        self._duration_s = 0.0
        self.dragging = False

    # -- data ------------------------------------------------------------------------------
    def set_duration(self, duration_s: float | None) -> None:
        self._duration_s = max(0.0, duration_s or 0.0)
        self.setRange(0, int(self._duration_s * 1000))
        self.update()

    def set_watched(self, intervals: Sequence[Sequence[float]]) -> None:
        """Shade these ``[start, end]`` second intervals."""
        cleaned = [(float(a), float(b)) for a, b in intervals]
        if cleaned != self._watched:
            self._watched = cleaned
            self.update()

    def watched(self) -> list[tuple[float, float]]:
        return list(self._watched)

    def set_position_ms(self, ms: int) -> None:
        """Move the playhead (ignored while the user drags it)."""
        if not self.dragging:
            self.blockSignals(True)
            self.setValue(ms)
            self.blockSignals(False)
            self.update()

    # -- geometry --------------------------------------------------------------------------
    def _groove(self) -> QRectF:
        h = float(GROOVE_HEIGHT)
        return QRectF(
            HANDLE_RADIUS, (self.height() - h) / 2, max(1, self.width() - 2 * HANDLE_RADIUS), h
        )

    def _x_for_ms(self, ms: float) -> float:
        groove = self._groove()
        span = max(1, self.maximum() - self.minimum())
        return groove.left() + groove.width() * (ms - self.minimum()) / span

    def _ms_for_x(self, x: float) -> int:
        groove = self._groove()
        share = (x - groove.left()) / groove.width() if groove.width() else 0.0
        share = max(0.0, min(1.0, share))
        return round(self.minimum() + share * (self.maximum() - self.minimum()))

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        groove = self._groove()
        radius = groove.height() / 2
        base = pal.color(QPalette.ColorRole.Mid)
        base.setAlpha(110)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base)
        painter.drawRoundedRect(groove, radius, radius)
        if self.maximum() > 0:
            painter.setBrush(WATCHED_COLOUR)
            for start, end in self._watched:
                x0 = self._x_for_ms(start * 1000)
                x1 = max(x0 + 1.0, self._x_for_ms(end * 1000))
                painter.drawRoundedRect(
                    QRectF(x0, groove.top(), x1 - x0, groove.height()), radius, radius
                )
            x = self._x_for_ms(self.sliderPosition())
            handle = pal.color(
                QPalette.ColorRole.Highlight if self.isEnabled() else QPalette.ColorRole.Mid
            )
            painter.setBrush(handle)
            painter.setPen(pal.color(QPalette.ColorRole.Base))
            painter.drawEllipse(QPointF(x, groove.center().y()), HANDLE_RADIUS, HANDLE_RADIUS)
        painter.end()

    # -- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.maximum() <= 0:
            event.ignore()
            return
        self.dragging = True
        self.setSliderDown(True)
        self.setSliderPosition(self._ms_for_x(event.position().x()))
        self.update()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.dragging:
            self.setSliderPosition(self._ms_for_x(event.position().x()))
            self.update()
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.dragging:
            return
        self.dragging = False
        target = self._ms_for_x(event.position().x())
        self.setSliderPosition(target)
        self.setSliderDown(False)
        self.update()
        self.seek_requested.emit(target)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # Scrolling the page over the player must not seek the video by accident.
        event.ignore()
