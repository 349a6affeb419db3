""" "More like this": the learner's postings most like one they liked, with why (similar
skills, role, place). Opening one shows its fit in Pipeline → Fit (docs/intel.md)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.pipeline.intel.job_recommendation_service import SimilarOut
from careerdesk.core.pipeline.states import State
from careerdesk.ui.common import formatting


class SimilarDialog(QDialog):
    def __init__(
        self,
        liked: str,
        similar: list[SimilarOut],
        on_open: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("More like this")
        self.resize(560, 420)
        self.on_open = on_open
        v = QVBoxLayout(self)
        heading = QLabel(f"Postings like <b>{liked}</b>, most alike first:")
        heading.setWordWrap(True)
        v.addWidget(heading)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for s in similar:
            state = State(s.state).label if s.state in State.__members__ else s.state
            why = ", ".join(s.reasons) or "a little alike"
            alike = formatting.share(s.similarity)
            item = QListWidgetItem(f"{s.company} — {s.title}   {alike} alike\n  {why} · {state}")
            item.setData(Qt.ItemDataRole.UserRole, s.application_id)
            self.list.addItem(item)
        v.addWidget(self.list, 1)
        if not similar:
            empty = QLabel(
                "No other posting is alike yet. Capture or import more postings (with their "
                "descriptions) and try again."
            )
            empty.setWordWrap(True)
            v.addWidget(empty)
            self.list.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_btn = buttons.addButton("Show its fit", QDialogButtonBox.ButtonRole.AcceptRole)
        open_btn.setEnabled(bool(similar))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self._open)
        self.list.itemActivated.connect(lambda _i: self._open())
        if similar:
            self.list.setCurrentRow(0)
        v.addWidget(buttons)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.on_open(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
