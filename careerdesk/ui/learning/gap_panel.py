"""Gap analysis panel: summary, strengths, weaknesses and the per-skill gap table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.skills.gaps import GapAnalysis, GapAnalysisItem
from careerdesk.ui.common import theme
from careerdesk.ui.common.text import rich


def _bullets(items: list[str]) -> str:
    return "".join(f"• {rich(i)}<br>" for i in items) or "—"


class GapPanel(QWidget):
    ai_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel("<h3 style='margin:0'>Gap analysis</h3>")
        self.source = QLabel()
        theme.set_tone(self.source, "muted")
        head.addWidget(self.title)
        head.addWidget(self.source, 1)
        v.addLayout(head)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.summary)
        self.lists = QLabel()
        self.lists.setWordWrap(True)
        self.lists.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.lists)
        self.table = QTreeWidget()
        self.table.setAccessibleName("Skill gaps")
        self.table.setHeaderLabels(["Skill", "You", "Needed", "Imp.", "Hours"])
        self.table.setRootIsDecorated(False)
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.table)
        row = QHBoxLayout()
        self.ai_btn = QPushButton("Ask Gemini for a richer analysis")
        self.ai_btn.clicked.connect(self.ai_requested.emit)
        row.addWidget(self.ai_btn)
        row.addStretch(1)
        v.addLayout(row)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.set_tone(self.notice, "warning")
        v.addWidget(self.notice)
        v.addStretch(1)
        self.show_analysis(None)

    def set_ai_available(self, available: bool) -> None:
        self.ai_btn.setEnabled(available)
        self.ai_btn.setToolTip(
            "" if available else "Add a Gemini API key in Settings → AI to use this."
        )

    def set_busy(self, busy: bool) -> None:
        self.ai_btn.setText("Asking Gemini…" if busy else "Ask Gemini for a richer analysis")
        if busy:
            self.ai_btn.setEnabled(False)

    def show_analysis(self, analysis: GapAnalysis | None) -> None:
        self.analysis = analysis
        self.table.clear()
        if analysis is None:
            self.source.setText("")
            self.summary.setText("Choose a target role to see how your skills compare.")
            self.lists.setText("")
            self.notice.setText("")
            return
        self.source.setText("· written by AI" if analysis.source == "ai" else "· CareerDesk")
        self.summary.setText(rich(analysis.summary))
        self.lists.setText(
            f"<b>Strengths</b><br>{_bullets(analysis.strengths)}"
            f"<br><b>To work on</b><br>{_bullets(analysis.weaknesses)}"
        )
        self.notice.setText(analysis.notice)
        self.notice.setVisible(bool(analysis.notice))
        for g in analysis.gaps:
            # the skill model's estimate with its uncertainty (docs/skills.md)
            you = "—" if g.source is None else _compact(g)
            item = QTreeWidgetItem(
                [g.skill_name, you, str(g.target), f"{g.importance}/5", f"{g.hours:.0f}"]
            )
            role = "success" if g.met else "danger" if g.gap > 20 else "warning"
            item.setForeground(1, QBrush(theme.colour(role)))
            tip = f"{g.from_band} → {g.to_band}" if not g.met else "requirement met"
            item.setToolTip(0, tip)
            if g.interval is not None:
                item.setToolTip(
                    1,
                    f"{g.level_text}: likely between {g.interval[0]:.0f} and "
                    f"{g.interval[1]:.0f} (80 % interval of CareerDesk's skill model)",
                )
            for col in (1, 2, 3, 4):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            self.table.addTopLevelItem(item)
        # Fit the table to its rows so the panel does not show an empty grid.
        rows = max(1, len(analysis.gaps))
        row_h = self.table.sizeHintForRow(0) if analysis.gaps else 20
        self.table.setFixedHeight(self.table.header().sizeHint().height() + rows * row_h + 6)


def _compact(g: GapAnalysisItem) -> str:
    """``"62 ± 12"`` or ``"30 self-rated"``: the table is narrow; the tooltip says more."""
    if g.self_rated_only or g.interval is None:
        return f"{g.current:.0f} self-rated" if g.self_rated_only else f"{g.current:.0f}"
    return f"{g.current:.0f} ± {(g.interval[1] - g.interval[0]) / 2:.0f}"
