"""The four pages of the guided first run (name, goal, skills, first path) and what each
shows; the flow between them and the saving are in :mod:`.first_run`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.learning.models import LearningPathView
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.levels import describe

MAX_RATED_SKILLS = 8  # a quick rating: the role's most important skills only


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _para(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class NamePage(QWidget):
    """Step 1: the learner's name (and, on the very first start, the demo instead)."""

    def __init__(self, first_start: bool) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        v.addWidget(_heading("Welcome to CareerDesk" if first_start else "A new profile"))
        v.addWidget(
            _para(
                "Four short steps: your name, the job you are aiming for, how you rate your "
                "skills today, and a first learning path. You can skip any step and change "
                "everything later."
            )
        )
        v.addSpacing(8)
        v.addWidget(QLabel("What should we call you?"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Your first name")
        self.name_edit.setAccessibleName("Your name")
        self.name_edit.setMaxLength(80)
        v.addWidget(self.name_edit)
        self.demo_btn = QPushButton("Look around with a demo profile first")
        self.demo_btn.setAccessibleName("Look around with a demo profile first")
        self.demo_btn.setAutoDefault(False)
        self.demo_btn.setFlat(True)
        self.demo_btn.setVisible(first_start)
        v.addStretch(1)
        v.addWidget(self.demo_btn, 0, Qt.AlignmentFlag.AlignLeft)


class RolePage(QWidget):
    """Step 2: the target role, found by searching titles and descriptions."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        v = QVBoxLayout(self)
        v.addWidget(_heading("Which job are you aiming for?"))
        v.addWidget(_para("Pick the closest one. Your learning path and quizzes follow this role."))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search, e.g. data, web, security, design")
        self.search.setAccessibleName("Search roles")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        self.search.textChanged.connect(self.filter_roles)
        v.addWidget(self.search)
        self.role_list = QListWidget()
        self.role_list.setAccessibleName("Roles")
        for role in sorted(catalog.roles.values(), key=lambda r: r.title):
            item = QListWidgetItem(role.title)
            item.setData(Qt.ItemDataRole.UserRole, role.id)
            self.role_list.addItem(item)
        self.role_list.currentItemChanged.connect(lambda *_: self.role_selected())
        v.addWidget(self.role_list, 1)
        self.role_about = _para("")
        self.role_about.setMinimumHeight(40)
        v.addWidget(self.role_about)

    def filter_roles(self, text: str) -> None:
        """Show the roles matching every word; those whose title matches come first (A–Z
        within each group) and the first of them is selected, so Enter takes it."""
        words = text.casefold().split()
        ranked: list[tuple[int, str, str]] = []  # (0 title / 1 description / 2 hidden, title)
        for role in self.catalog.roles.values():
            hay = f"{role.title} {role.description}".casefold()
            if any(w not in hay for w in words):
                group = 2
            else:
                group = 0 if all(w in role.title.casefold() for w in words) else 1
            ranked.append((group, role.title, role.id))
        ranked.sort()
        self.role_list.blockSignals(True)
        by_id: dict[str, QListWidgetItem] = {}
        while self.role_list.count():
            item = self.role_list.takeItem(self.role_list.count() - 1)
            by_id[str(item.data(Qt.ItemDataRole.UserRole))] = item
        for group, _title, role_id in ranked:
            item = by_id[role_id]
            self.role_list.addItem(item)
            item.setHidden(group == 2)
        self.role_list.blockSignals(False)
        if ranked and ranked[0][0] < 2:
            self.role_list.setCurrentRow(0)  # Enter in the search takes the best match
        else:
            self.role_list.setCurrentRow(-1)
        self.role_selected()

    def selected_role(self) -> str | None:
        item = self.role_list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def role_selected(self) -> None:
        role_id = self.selected_role()
        self.role_about.setText(self.catalog.roles[role_id].description if role_id else "")


class SkillsPage(QWidget):
    """Step 3: a quick self-rating of the role's most important skills (or a quiz)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        v = QVBoxLayout(self)
        self.skills_heading = _heading("How good are you at these today?")
        v.addWidget(self.skills_heading)
        v.addWidget(
            _para(
                "A rough guess is fine: 0 is new to it, 50 is comfortable, 90 is expert. "
                "Quizzes measure it properly later. Or find out now with a short quiz."
            )
        )
        self.quiz_btn = QPushButton("Take a short quiz instead")
        self.quiz_btn.setAccessibleName("Take a short quiz instead")
        self.quiz_btn.setAutoDefault(False)
        v.addWidget(self.quiz_btn, 0, Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.rating_grid = QGridLayout(body)
        self.rating_grid.setColumnStretch(1, 1)
        scroll.setWidget(body)
        v.addWidget(scroll, 1)
        self.sliders: dict[str, QSlider] = {}
        self.touched: set[str] = set()

    def fill_ratings(self, role_id: str) -> None:
        grid = self.rating_grid
        while grid.count():
            taken = grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.sliders = {}
        self.touched = set()
        role = self.catalog.roles[role_id]
        self.skills_heading.setText(f"How good are you at what a {role.title} needs?")
        ranked = sorted(role.skills, key=lambda rs: (-rs.importance, -rs.level))
        for row, rs in enumerate(ranked[:MAX_RATED_SKILLS]):
            name = self.catalog.skill_name(rs.skill)
            label = QLabel(name.replace("&", "&&"))  # a buddy label reads "&" as a mnemonic
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setSingleStep(5)
            slider.setPageStep(10)
            slider.setAccessibleName(f"How good you are at {name}")
            value = QLabel(describe(0))
            value.setMinimumWidth(120)
            label.setBuddy(slider)

            def changed(v: int, skill: str = rs.skill, shown: QLabel = value) -> None:
                shown.setText(describe(v))
                self.touched.add(skill)

            slider.valueChanged.connect(changed)
            grid.addWidget(label, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[rs.skill] = slider
        grid.setRowStretch(len(self.sliders), 1)

    def chosen_ratings(self) -> dict[str, float]:
        """The sliders the learner moved (an untouched 0 is not a rating)."""
        return {s: float(self.sliders[s].value()) for s in sorted(self.touched)}


class PathPage(QWidget):
    """Step 4: the first learning path, as built."""

    def __init__(self) -> None:
        super().__init__()
        v = QVBoxLayout(self)
        v.addWidget(_heading("Your first learning path"))
        self.path_summary = _para("")
        v.addWidget(self.path_summary)
        self.path_list = QListWidget()
        self.path_list.setAccessibleName("Learning path items")
        v.addWidget(self.path_list, 1)

    def show_path(self, path: LearningPathView, *, wants_quiz: bool) -> None:
        self.path_list.clear()
        for item in path.items:
            hours = f"{item.est_hours:.1f} h" if item.est_hours else ""
            text = f"{item.position + 1}. {item.title}" + (f"  ·  {hours}" if hours else "")
            entry = QListWidgetItem(text)
            entry.setToolTip(item.reason)
            self.path_list.addItem(entry)
        then = (
            "Press Finish to start your quiz."
            if wants_quiz
            else "Press Finish to see what to do next."
        )
        if path.items:
            self.path_summary.setText(
                f"{len(path.items)} items for {path.role_title}, about "
                f"{path.content_hours:.0f} hours of material. {then}"
            )
        else:
            self.path_summary.setText(
                f"You already meet what a {path.role_title} needs: nothing to learn yet. {then}"
            )
