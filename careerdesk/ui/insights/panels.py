"""Role cards, the skill-gap table, the next-best-action list and the hints banner."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.insights.gauge import readiness_color


def card() -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    return frame


def title_label(text: str) -> QLabel:
    label = QLabel(f"<b>{escape(text)}</b>")
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def estimate_text(g: Any) -> str:
    """``"62 ± 12 · 5 pieces of evidence"``, ``"30 · self-rated"`` or ``"not rated or tested"``."""
    if g.source is None:
        return "not rated or tested"
    if g.source == "self":
        return f"{g.current:.0f} · self-rated"
    interval = getattr(g, "interval", None)
    if not interval:
        return f"{g.current:.0f} ({g.current_band})"
    n = getattr(g, "evidence_count", 0)
    half = (interval[1] - interval[0]) / 2
    return f"{g.current:.0f} ± {half:.0f} · {n} piece{'s' if n != 1 else ''} of evidence"


class RoleCards(QWidget):
    """The three best-matching roles: match %, the skills that decide it, openings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.cards: list[QLabel] = []
        self.empty = QLabel(
            "Roles that match you appear once you have skill levels: take a short quiz or "
            "rate your skills in Learning."
        )
        self.empty.setWordWrap(True)
        self.row.addWidget(self.empty)

    def set_roles(self, matches: list[Any], top: list[str], target: str | None) -> None:
        for label in self.cards:
            frame = label.parentWidget()  # the card() frame holding the label
            if frame is not None:
                frame.deleteLater()
        self.cards = []
        by_id = {m.role_id: m for m in matches}
        chosen = [by_id[r] for r in top if r in by_id]
        self.empty.setVisible(not chosen)
        for m in chosen:
            frame = card()
            layout = QVBoxLayout(frame)
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            colour = readiness_color(m.match).name()
            mark = " · your target" if m.role_id == target else ""
            skills = "<br>".join(
                f"{'✔' if d.attainment >= 100 else '○'} {escape(d.name)} "
                f"{d.level:.0f}/{d.target:.0f}"
                for d in m.deciding_skills
            )
            openings = (
                f"{m.openings} opening{'s' * (m.openings != 1)} in your saved postings"
                if m.openings
                else "No saved postings for it yet"
            )
            label.setText(
                f"<b>{escape(m.title)}</b>{escape(mark)}<br>"
                f"<span style='font-size:18pt; color:{colour}'><b>{m.match:.0f}%</b></span>"
                f" match<br>{skills}"
                f"<br><small>{escape(openings)}</small>"
            )
            label.setToolTip(m.openings_note)
            label.setAccessibleName(f"{m.title}: {m.match:.0f} percent match. {openings}")
            layout.addWidget(label)
            layout.addStretch(1)
            self.row.addWidget(frame, 1)
            self.cards.append(label)


class GapTable(QTableWidget):
    """Current vs target level per skill, biggest gap × importance first."""

    HEADERS = ("Skill", "You now", "Needed", "Gap", "Importance", "Hours to learn")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setAccessibleName("Skill gaps")
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab moves on to the next control; arrows move rows
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.HEADERS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumHeight(260)

    def set_gaps(self, gaps: list[Any]) -> None:
        self.setRowCount(len(gaps))
        for row, g in enumerate(gaps):
            # the skill model's estimate with its uncertainty (docs/skills.md), on two lines
            # so the skill's name keeps its room at 1024 px
            current = estimate_text(g).replace(" · ", "\n", 1)
            cells = (
                g.name,
                current,
                f"{g.target:.0f} ({g.target_band})",
                f"{g.gap:.0f}",
                "●" * g.importance,
                f"{g.est_hours:.0f} h",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(
                    f"priority {g.priority:.0f} = gap {g.gap:.0f} × importance {g.importance}"
                )
                self.setItem(row, col, item)
        self.resizeRowsToContents()


class ActionList(QListWidget):
    """The next best actions with the readiness points each would add."""

    activated_action = Signal(object)

    ICONS = {"assessment": "📝", "content": "▶", "practice": "🏋"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Next best actions")
        self.setWordWrap(True)
        self.setMinimumHeight(150)
        self.itemActivated.connect(lambda item: self.activated_action.emit(item.data(256)))

    def set_actions(self, actions: list[Any]) -> None:
        self.clear()
        if not actions:
            self.addItem("Nothing to suggest yet: choose your goal to get next steps.")
            return
        for i, a in enumerate(actions, start=1):
            gain = (
                f"+{a.readiness_gain:.0f} readiness points"
                if a.readiness_gain >= 0.5
                else "shows where you stand"
            )
            item = QListWidgetItem(f"{i}. {a.title}  ({gain})\n    {a.detail}")
            item.setData(256, a)
            item.setToolTip("Press Enter or double-click to go there")
            self.addItem(item)


class HintsBanner(QLabel):
    """What a new learner should do first (hidden when there is nothing to say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMargin(8)
        self.setAccessibleName("Getting started")

    def set_hints(self, hints: list[str]) -> None:
        self.setVisible(bool(hints))
        items = "".join(f"<li>{escape(h)}</li>" for h in hints)
        self.setText(f"<b>To get started:</b><ul>{items}</ul>")
