"""The advisor's flag thresholds (stored in the database, so every kiosk agrees)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.advising.service import MonitoringConfig


class ThresholdsDialog(QDialog):
    """Edit a :class:`MonitoringConfig`; ``config()`` gives the result on accept."""

    def __init__(self, current: MonitoringConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Flag thresholds")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A learner is flagged in the cohort table when one of these is true. The same "
            "limits apply on every kiosk that uses this database."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.support = QDoubleSpinBox()
        self.support.setRange(0, 100)
        self.support.setDecimals(0)
        self.support.setSuffix(" / 100")
        self.support.setValue(current.needs_support_below)
        form.addRow("Needs support: readiness below", self.support)
        self.stall = QSpinBox()
        self.stall.setRange(1, 365)
        self.stall.setSuffix(" days")
        self.stall.setValue(current.stall_days)
        form.addRow("Stalled: no activity for", self.stall)
        self.points = QDoubleSpinBox()
        self.points.setRange(1, 100)
        self.points.setDecimals(0)
        self.points.setSuffix(" points")
        self.points.setValue(current.improving_points)
        form.addRow("Improving fast: readiness up by", self.points)
        self.window_days = QSpinBox()
        self.window_days.setRange(1, 365)
        self.window_days.setSuffix(" days")
        self.window_days.setValue(current.improving_days)
        form.addRow("… within the last", self.window_days)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def config(self) -> MonitoringConfig:
        return MonitoringConfig(
            needs_support_below=self.support.value(),
            stall_days=self.stall.value(),
            improving_points=self.points.value(),
            improving_days=self.window_days.value(),
        )
