"""The guided first run: name → target role → a quick self-rating (or a quiz) → first path.

Shown when the data folder has no profile yet, and from File → New profile. Each step can be
skipped; the profile exists from the first step on, so closing the guide half-way keeps
what was entered. The learner's words only: plain role titles, no occupation codes.
Writes go through the task runner's write lane, never on the GUI thread (docs/learning.md).
The pages themselves are in :mod:`.first_run_pages`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.learning.models import LearningPathView
from careerdesk.core.learning.service import LearningService
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.ui.profiles.first_run_pages import NamePage, PathPage, RolePage, SkillsPage
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.errors import show_error

NAME, ROLE, SKILLS, PATH = range(4)
STEP_TITLES = ("Your name", "Your goal", "Your skills", "Your first learning path")
DEFAULT_NAME = "Me"


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
        self.name_page = NamePage(first_start)
        self.role_page = RolePage(self.catalog)
        self.skills_page = SkillsPage(self.catalog)
        self.path_page = PathPage()
        for page in (self.name_page, self.role_page, self.skills_page, self.path_page):
            self.pages.addWidget(page)
        # The widgets the flow (and the tests) use, by their names.
        self.name_edit, self.demo_btn = self.name_page.name_edit, self.name_page.demo_btn
        self.search, self.role_list = self.role_page.search, self.role_page.role_list
        self.role_about = self.role_page.role_about
        self.skills_heading, self.quiz_btn = (
            self.skills_page.skills_heading,
            self.skills_page.quiz_btn,
        )
        self.rating_grid = self.skills_page.rating_grid
        self.path_summary, self.path_list = self.path_page.path_summary, self.path_page.path_list
        self.demo_btn.clicked.connect(self._demo)
        self.role_list.itemDoubleClicked.connect(lambda _i: self.advance())
        self.quiz_btn.clicked.connect(self._choose_quiz)
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
    def selected_role(self) -> str | None:
        return self.role_page.selected_role()

    def _save_role(self, role_id: str) -> None:
        svc, pid = self.ctx.service(SkillProfileService), self.profile_id
        if pid is None:
            return
        self._set_busy(True)

        def done(_r: Any) -> None:
            self._set_busy(False)
            self.role_id = role_id
            self.skills_page.fill_ratings(role_id)
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
    @property
    def sliders(self) -> dict[str, QSlider]:
        """The current rating sliders by skill id (made again for each role)."""
        return self.skills_page.sliders

    def chosen_ratings(self) -> dict[str, float]:
        """The sliders the learner moved (an untouched 0 is not a rating)."""
        return self.skills_page.chosen_ratings()

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
        self.path_page.show_path(path, wants_quiz=self.wants_quiz)

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
