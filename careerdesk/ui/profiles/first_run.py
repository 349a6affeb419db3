"""The guided first run: name → target role → a quick self-rating (or a quiz) → first path.

Shown when the data folder has no profile yet, and from File → New profile. Each step can be
skipped; the profile exists from the first step on, so closing the guide half-way keeps
what was entered. The learner's words only: plain role titles, no occupation codes.
Writes go through the task runner's write lane, never on the GUI thread (docs/learning.md).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.learning.models import LearningPathView
from careerdesk.core.learning.service import LearningService
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.levels import describe
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.errors import show_error

NAME, ROLE, SKILLS, PATH = range(4)
STEP_TITLES = ("Your name", "Your goal", "Your skills", "Your first learning path")
MAX_RATED_SKILLS = 8  # a quick rating: the role's most important skills only
DEFAULT_NAME = "Me"


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


def free_name(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… — the first not in ``taken`` (case-blind)."""
    lowered = {t.casefold() for t in taken}
    if wanted.casefold() not in lowered:
        return wanted
    n = 2
    while f"{wanted} {n}".casefold() in lowered:
        n += 1
    return f"{wanted} {n}"


class FirstRunWizard(QDialog):
    """Four skippable steps; ``profile_id`` is the profile made (None if closed at once)."""

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, first_start: bool = True
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.first_start = first_start
        self.catalog: Catalog = load_catalog()
        self.profile_id: int | None = None
        self.role_id: str | None = None
        self.wants_quiz = False
        self.wants_demo = False
        self.path: LearningPathView | None = None
        self.setWindowTitle("Set up CareerDesk" if first_start else "New profile")
        self.setAccessibleName("Guided set-up")
        self.setMinimumSize(560, 460)
        self.resize(680, 540)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        self.step_label = QLabel()
        self.step_label.setAccessibleName("Step")
        layout.addWidget(self.step_label)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.pages.addWidget(self._name_page())
        self.pages.addWidget(self._role_page())
        self.pages.addWidget(self._skills_page())
        self.pages.addWidget(self._path_page())
        nav = QHBoxLayout()
        self.skip_btn = QPushButton("&Skip this step")
        self.skip_btn.setAccessibleName("Skip this step")
        self.skip_btn.setAutoDefault(False)
        self.next_btn = QPushButton("&Next")
        self.next_btn.setAccessibleName("Next")
        self.next_btn.setDefault(True)
        nav.addWidget(self.skip_btn)
        nav.addStretch(1)
        nav.addWidget(self.next_btn)
        layout.addLayout(nav)
        self.skip_btn.clicked.connect(self.skip)
        self.next_btn.clicked.connect(self.advance)
        self._busy = False
        self._go(NAME)

    # -- pages -----------------------------------------------------------------------------
    def _name_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(_heading("Welcome to CareerDesk" if self.first_start else "A new profile"))
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
        self.demo_btn.setVisible(self.first_start)
        self.demo_btn.clicked.connect(self._demo)
        v.addStretch(1)
        v.addWidget(self.demo_btn, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _role_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(_heading("Which job are you aiming for?"))
        v.addWidget(_para("Pick the closest one. Your learning path and quizzes follow this role."))
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search, e.g. data, web, security, design")
        self.search.setAccessibleName("Search roles")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")
        self.search.textChanged.connect(self._filter_roles)
        v.addWidget(self.search)
        self.role_list = QListWidget()
        self.role_list.setAccessibleName("Roles")
        for role in sorted(self.catalog.roles.values(), key=lambda r: r.title):
            item = QListWidgetItem(role.title)
            item.setData(Qt.ItemDataRole.UserRole, role.id)
            self.role_list.addItem(item)
        self.role_list.currentItemChanged.connect(lambda *_: self._role_selected())
        self.role_list.itemDoubleClicked.connect(lambda _i: self.advance())
        v.addWidget(self.role_list, 1)
        self.role_about = _para("")
        self.role_about.setMinimumHeight(40)
        v.addWidget(self.role_about)
        return page

    def _skills_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
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
        self.quiz_btn.clicked.connect(self._choose_quiz)
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
        return page

    def _path_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(_heading("Your first learning path"))
        self.path_summary = _para("")
        v.addWidget(self.path_summary)
        self.path_list = QListWidget()
        self.path_list.setAccessibleName("Learning path items")
        v.addWidget(self.path_list, 1)
        return page

    # -- navigation ------------------------------------------------------------------------
    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.step_label.setText(f"Step {index + 1} of 4 · {STEP_TITLES[index]}")
        last = index == PATH
        self.skip_btn.setVisible(not last)
        self.next_btn.setText("&Finish" if last else "&Next")
        self.next_btn.setAccessibleName("Finish" if last else "Next")
        self._focus_step()

    def _focus_step(self) -> None:
        """Keyboard first: the step's field (or Next) has the focus."""
        focus = {NAME: self.name_edit, ROLE: self.search}.get(self.current(), self.next_btn)
        focus.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self._focus_step()

    def current(self) -> int:
        return self.pages.currentIndex()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.next_btn.setEnabled(not busy)
        self.skip_btn.setEnabled(not busy)

    def advance(self) -> None:
        """Next: save what this step entered, then move on."""
        if self._busy:
            return
        step = self.current()
        if step == NAME:
            self._create_profile(self.name_edit.text().strip())
        elif step == ROLE:
            role_id = self.selected_role()
            if role_id is None:
                self.skip()
            else:
                self._save_role(role_id)
        elif step == SKILLS:
            self._save_ratings_and_build()
        else:
            self.accept()

    def skip(self) -> None:
        """Skip this step: nothing is saved for it."""
        if self._busy:
            return
        step = self.current()
        if step == NAME:
            self._create_profile("")
        elif step == ROLE:
            self.role_id = None
            self._build_path()
        elif step == SKILLS:
            self._build_path()

    # -- step 1: name --------------------------------------------------------------------
    def _create_profile(self, name: str) -> None:
        if self.profile_id is not None:  # came back: the profile exists, rename only
            self._go(ROLE)
            return
        profiles = self.ctx.app.profiles
        wanted = name or DEFAULT_NAME
        self._set_busy(True)

        def work() -> int:
            taken = {p.name for p in profiles.list()}
            return profiles.create(wanted if name else free_name(wanted, taken)).id

        def done(pid: int) -> None:
            self._set_busy(False)
            self.profile_id = pid
            self._go(ROLE)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, UserError):
                show_error(exc, self)
                self.name_edit.setFocus()
            else:
                self.ctx.report(exc)

        self.ctx.runner.run_write(work, name="first-run-profile", on_success=done, on_error=failed)

    # -- step 2: role --------------------------------------------------------------------
    def _filter_roles(self, text: str) -> None:
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
        self._role_selected()

    def selected_role(self) -> str | None:
        item = self.role_list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def _role_selected(self) -> None:
        role_id = self.selected_role()
        self.role_about.setText(self.catalog.roles[role_id].description if role_id else "")

    def _save_role(self, role_id: str) -> None:
        svc, pid = self.ctx.service(SkillProfileService), self.profile_id
        if pid is None:
            return
        self._set_busy(True)

        def done(_r: Any) -> None:
            self._set_busy(False)
            self.role_id = role_id
            self._fill_ratings(role_id)
            self._go(SKILLS)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.ctx.report(exc)

        self.ctx.runner.run_write(
            lambda: svc.set_target_roles(pid, [role_id]),
            name="first-run-role",
            on_success=done,
            on_error=failed,
        )

    # -- step 3: skills ------------------------------------------------------------------
    def _fill_ratings(self, role_id: str) -> None:
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

    def _choose_quiz(self) -> None:
        self.wants_quiz = True
        self._build_path()

    def _save_ratings_and_build(self) -> None:
        ratings = self.chosen_ratings()
        pid = self.profile_id
        if not ratings or pid is None:
            self._build_path()
            return
        svc = self.ctx.service(SkillProfileService)
        self._set_busy(True)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.ctx.report(exc)

        def saved(_r: Any) -> None:
            self._set_busy(False)
            self._build_path()

        self.ctx.runner.run_write(
            lambda: svc.set_self_ratings(pid, ratings),
            name="first-run-ratings",
            on_success=saved,
            on_error=failed,
        )

    # -- step 4: path --------------------------------------------------------------------
    def _build_path(self) -> None:
        self._go(PATH)
        self.path_list.clear()
        pid, role_id = self.profile_id, self.role_id
        if pid is None or role_id is None:
            self.path_summary.setText(
                "Choose the job you are aiming for in Learning and CareerDesk builds your "
                "path from it. Press Finish to see your Home page."
            )
            return
        self.path_summary.setText("Building your learning path…")
        learning = self.ctx.service(LearningService)
        self._set_busy(True)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.path_summary.setText("The learning path could not be built now; try it later.")
            self.ctx.report(exc)

        self.ctx.runner.run_write(
            lambda: learning.generate_path(pid, role_id),
            name="first-run-path",
            on_success=self._show_path,
            on_error=failed,
        )

    def _show_path(self, path: LearningPathView) -> None:
        self._set_busy(False)
        self.path = path
        self.path_list.clear()
        for item in path.items:
            hours = f"{item.est_hours:.1f} h" if item.est_hours else ""
            text = f"{item.position + 1}. {item.title}" + (f"  ·  {hours}" if hours else "")
            entry = QListWidgetItem(text)
            entry.setToolTip(item.reason)
            self.path_list.addItem(entry)
        then = (
            "Press Finish to start your quiz."
            if self.wants_quiz
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

    # -- the demo --------------------------------------------------------------------------
    def _demo(self) -> None:
        from careerdesk.demo import build_demo

        self.wants_demo = True
        self.demo_btn.setEnabled(False)
        self.demo_btn.setText("Creating the demo profile…")
        self._set_busy(True)
        app = self.ctx.app

        def done(info: Any) -> None:
            self._set_busy(False)
            self.profile_id = int(info.id)
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.demo_btn.setEnabled(True)
            self.demo_btn.setText("Look around with a demo profile first")
            show_error(exc, self)

        self.ctx.runner.run(
            lambda _s: build_demo(app),
            name="demo",
            write=True,
            on_success=done,
            on_error=failed,
        )


def open_after_first_run(ctx: UiContext, wizard: FirstRunWizard) -> None:
    """Open the profile the guide made and show where to go next (quiz or Home)."""
    if wizard.profile_id is None:
        return
    ctx.set_profile(wizard.profile_id)
    window = ctx.window
    if window is None:
        return
    key = "assessments" if wizard.wants_quiz else "home"
    try:
        tab = window.show_tab(key)
    except KeyError:
        return
    skills = list(wizard.sliders) if wizard.wants_quiz else []
    check_only = getattr(getattr(tab, "start_page", None), "check_only", None)
    if skills and callable(check_only):
        check_only(skills)  # the quiz starts on the role's skills


def start_first_run(ctx: UiContext, parent: QWidget | None, *, first_start: bool) -> FirstRunWizard:
    """Show the guide (window-modal, not blocking the caller); the profile opens after it."""
    wizard = FirstRunWizard(ctx, parent, first_start=first_start)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.finished.connect(lambda _r: open_after_first_run(ctx, wizard))
    wizard.open()
    return wizard
