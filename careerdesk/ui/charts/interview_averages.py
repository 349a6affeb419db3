"""Skill charts → "Interview averages": per-skill averages and trends, practice beside real
interviews recorded in the pipeline (core/charts/averages.py), and the scored real
interviews themselves, listed beside the practice list on the left of the tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from careerdesk.core.charts.queries import ChartsData

# As the practice list's columns, so real and practice scores read alike side by side.
SHORT = {
    "communication": "Comm",
    "technical": "Tech",
    "problem_solving": "Prob",
    "code_quality": "Code",
}
TREND_TEXT = {
    "improving": "↑ improving",
    "declining": "↓ declining",
    "steady": "→ steady",
    "insufficient": "– needs 3 scores",
}


def _avg(value: float | None, n: int) -> str:
    return "–" if value is None else f"{value:.0f}  ({n})"


class InterviewAveragesPanel(QWidget):
    """The averages table and the scored real interviews."""

    def __init__(self) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        intro = QLabel(
            "<b>Interview averages per skill</b> — mean score (number of interviews); the "
            "trend is the slope over your last five scores, practice and real together."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(intro)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Skill", "Practice", "Real interviews", "All", "Trend"])
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 130)
        self.table.setColumnWidth(3, 90)
        v.addWidget(self.table)
        self.real_label = QLabel("<b>Real interviews with scores</b> (from the Pipeline)")
        self.real_label.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.real_label)
        self.real = QTreeWidget()
        self.real.setRootIsDecorated(False)
        self.real.setHeaderLabels(["When", "Company", "Role", "Scores"])
        self.real.setToolTip(
            "Comm communication · Tech technical · Prob problem solving · Code code quality"
        )
        self.real.setColumnWidth(0, 110)
        self.real.setColumnWidth(1, 140)
        self.real.setColumnWidth(2, 180)
        v.addWidget(self.real, 1)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        v.addWidget(self.empty)
        self.filler = QWidget()  # takes the height when there is no real interview
        v.addWidget(self.filler, 1)

    def show_data(self, data: ChartsData) -> None:
        self.table.clear()
        for row in data.interview_averages:
            item = QTreeWidgetItem(
                [
                    row.name,
                    _avg(row.practice, row.practice_n),
                    _avg(row.real, row.real_n),
                    _avg(row.overall, row.overall_n),
                    TREND_TEXT[row.trend]
                    + (f" ({row.slope:+.1f}/interview)" if row.slope is not None else ""),
                ]
            )
            self.table.addTopLevelItem(item)
        # As tall as its rows (four at most), so the real interviews get the rest.
        rows = max(1, self.table.topLevelItemCount())
        row_h = self.table.sizeHintForRow(0) if self.table.topLevelItemCount() else 20
        self.table.setFixedHeight(self.table.header().height() + rows * row_h + 8)
        self.real.clear()
        for iv in reversed(data.real_interviews):
            self.real.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        f"{iv.starts_at:%d %b %Y}",
                        iv.company,
                        iv.title,
                        " · ".join(f"{SHORT[d]} {v}" for d, v in iv.scores.items()),
                    ]
                )
            )
        self.empty.setText(
            ""
            if data.interview_averages
            else "No interview scores yet: record a practice interview on the left, or add "
            "how a real interview went on its application (Pipeline → Interviews)."
        )
        self.real.setVisible(bool(data.real_interviews))
        self.real_label.setVisible(bool(data.real_interviews))
        self.filler.setVisible(not data.real_interviews)
