"""Company chance bars (coloured by band) and the dialog that edits companies and factors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.common import theme
from careerdesk.ui.insights.gauge import BAND_COLORS, track_color
from careerdesk.ui.shell.context import UiContext

ROW_HEIGHT = 58
SHORT_ROW_HEIGHT = 30
NAME_WIDTH = 110


class CompanyBars(QWidget):
    """One row per company: name, a bar of the chance index in its band colour, the %, and
    the explanation underneath. A click (or Enter on the row chosen with the arrow keys)
    asks for the company's card through ``company_activated``."""

    company_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.companies: list[Any] = []
        self.current = -1
        # Rows without an explanation underneath (Insights says each lever once) are lower.
        self.row_height = ROW_HEIGHT
        self.setMinimumWidth(320)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        index = self.row_at(e.position().y())
        if e.button() == Qt.MouseButton.LeftButton and 0 <= index < len(self.companies):
            self.current = index
            self.update()
            self.company_activated.emit(self.companies[index].name)
            return
        super().mouseReleaseEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        n = len(self.companies)
        key = e.key()
        if n and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            self.current = max(0, min(n - 1, self.current + step))
            self.update()
            return
        if 0 <= self.current < n and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.company_activated.emit(self.companies[self.current].name)
            return
        super().keyPressEvent(e)

    def set_companies(self, companies: list[Any]) -> None:
        self.companies = list(companies)
        explained = any(getattr(c, "explanation", "") for c in self.companies)
        self.row_height = ROW_HEIGHT if explained else SHORT_ROW_HEIGHT
        self.current = min(self.current, len(self.companies) - 1)
        self.setMinimumHeight(max(self.row_height, self.row_height * len(self.companies)))
        self.setAccessibleName(
            "Company chances: "
            + "; ".join(f"{c.name} {c.probability:.0f}% ({c.band})" for c in self.companies)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, max(self.row_height, self.row_height * len(self.companies)))

    def row_at(self, y: float) -> int:
        return int(y // self.row_height)

    def event(self, e: Any) -> bool:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QToolTip

        if e.type() == QEvent.Type.ToolTip:
            index = self.row_at(e.pos().y())
            if 0 <= index < len(self.companies):
                c = self.companies[index]
                QToolTip.showText(
                    e.globalPos(),
                    f"{c.name}: chance index {c.probability:.1f}% (difficulty {c.difficulty:.2f}, "
                    f"{c.source})\n{c.explanation}\nClick to open the company card.",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fg = self.palette().color(self.foregroundRole())
        muted = self.palette().color(self.foregroundRole())
        muted.setAlpha(160)
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() - 1))
        bar_left = NAME_WIDTH
        bar_width = max(40.0, self.width() - bar_left - 52)
        for i, c in enumerate(self.companies):
            top = i * self.row_height
            if i == max(self.current, 0) and self.hasFocus():
                # The keyboard focus ring, in the theme's focus colour (docs/design.md).
                ring = QPen(theme.colour(theme.FOCUS_ROLE), theme.FOCUS_WIDTH)
                p.setPen(ring)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(QRectF(1, top + 1, self.width() - 2, self.row_height - 4), 4, 4)
            p.setFont(self.font())
            p.setPen(fg)
            p.drawText(
                QRectF(0, top, NAME_WIDTH - 8, 22),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                p.fontMetrics().elidedText(c.name, Qt.TextElideMode.ElideRight, NAME_WIDTH - 8),
            )
            bar = QRectF(bar_left, top + 6, bar_width, 10)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track_color(self))
            p.drawRoundedRect(bar, 5, 5)
            p.setBrush(BAND_COLORS.get(c.band, BAND_COLORS["low"]))
            filled = QRectF(bar.left(), bar.top(), bar_width * c.probability / 100, 10)
            if filled.width() >= 1:
                p.drawRoundedRect(filled, 5, 5)
            p.setPen(fg)
            p.drawText(
                QRectF(bar.right() + 6, top, 46, 22),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{c.probability:.0f}%",
            )
            p.setFont(small)
            p.setPen(muted)
            p.drawText(
                QRectF(bar_left, top + 20, self.width() - bar_left, self.row_height - 22),
                Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                c.explanation,
            )
        p.end()


class CompaniesDialog(QDialog):
    """Edit the learner's target companies and their difficulty factors."""

    def __init__(self, ctx: UiContext, profile_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from careerdesk.core.insights.target_companies import (
            MAX_DIFFICULTY,
            MIN_DIFFICULTY,
            TargetCompanyService,
        )

        self.ctx = ctx
        self.profile_id = profile_id
        self.service = ctx.service(TargetCompanyService)
        self._min, self._max = MIN_DIFFICULTY, MAX_DIFFICULTY
        self.setWindowTitle("Target companies")
        self.resize(460, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Chances are shown for these companies. The difficulty factor says how hard a "
            "company is to get into compared with an average employer (1.0): the readiness "
            "needed for an even chance is 60 × the factor. Companies from your pipeline are "
            "added automatically."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Company", "Difficulty"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton("&Add")
        add.clicked.connect(lambda: self._add_row("", 1.0, edit=True))
        remove = QPushButton("&Remove")
        remove.clicked.connect(self._remove_selected)
        reset = QPushButton("Reset to &defaults")
        reset.clicked.connect(self._reset)
        for button in (add, remove, reset):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.error = QLabel()
        theme.set_tone(self.error, "danger")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        for company in self.service.list(profile_id):
            self._add_row(company.name, company.difficulty)

    def _add_row(self, name: str, difficulty: float, *, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        self.table.setItem(row, 0, name_item)
        spin = QDoubleSpinBox()
        spin.setRange(self._min, self._max)
        spin.setSingleStep(0.05)
        spin.setDecimals(2)
        spin.setValue(difficulty)
        spin.setAccessibleName(f"Difficulty of {name or 'new company'}")
        self.table.setCellWidget(row, 1, spin)
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(name_item)

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def _reset(self) -> None:
        from careerdesk.core.insights.target_companies import default_companies

        self.table.setRowCount(0)
        for company in default_companies():
            self._add_row(company.name, company.difficulty)

    def rows(self) -> list[tuple[str, float]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = item.text().strip() if item is not None else ""
            spin = self.table.cellWidget(row, 1)
            if name:
                out.append((name, spin.value() if isinstance(spin, QDoubleSpinBox) else 1.0))
        return out

    def _save(self) -> None:
        from careerdesk.core.insights.target_companies import CompanyEdit
        from careerdesk.core.kernel.errors import UserError

        try:
            edits = [CompanyEdit(name=n, difficulty=d) for n, d in self.rows()]
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.buttons.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, UserError):
                self.error.setText(str(exc))
            else:
                self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: self.service.set_companies(self.profile_id, edits),
            name="save-companies",
            write=True,
            on_success=lambda _r: self.accept(),
            on_error=failed,
        )
