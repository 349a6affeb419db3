"""Assessments tab: set up a quiz, take it (resumable), review it, see the history."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from careerdesk.core.assessments import (
    AssessmentAbandoned,
    AssessmentReview,
    AssessmentService,
    PreparedQuiz,
    QuizSetup,
    SessionView,
    UnfinishedAssessmentError,
)
from careerdesk.core.assessments.events import AssessmentCompleted, AssessmentStarted
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.ui.assessments.quiz_page import QuizPage
from careerdesk.ui.assessments.review_page import ReviewPage
from careerdesk.ui.assessments.start_page import StartPage
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabSpec
from careerdesk.ui.shell.tasks import TaskHandle

REFRESH_ON = (
    AssessmentStarted,
    AssessmentCompleted,
    AssessmentAbandoned,
    TargetRoleChanged,
    ProfileUpdated,
)


class AssessmentsTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.svc = ctx.service(AssessmentService)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.no_profile = QLabel(
            "Open or create a profile (File → Switch profile) to take assessments."
        )
        self.no_profile.setMargin(24)
        layout.addWidget(self.no_profile)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.start_page = StartPage()
        self.quiz = QuizPage(ctx)
        self.review = ReviewPage()
        for page in (self.start_page, self.quiz, self.review):
            self.stack.addWidget(page)
        self._prepare: TaskHandle | None = None
        self._load_seq = 0  # only the latest load is shown (loads run in parallel)

        sp = self.start_page
        sp.start_requested.connect(self.start_quiz)
        sp.resume_requested.connect(self.resume)
        sp.discard_requested.connect(self._discard)
        sp.review_requested.connect(self.show_review)
        sp.cancel_requested.connect(self._cancel_prepare)
        sp.suggest_btn.clicked.connect(self._suggest)
        self.quiz.submit_requested.connect(self._submit)
        self.quiz.leave_requested.connect(self.show_start)
        self.review.back_requested.connect(self.show_start)
        ctx.profile_changed.connect(lambda _pid: self._profile_changed())
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the start page (setup lists, resume banner, history) in the background."""
        pid = self.ctx.profile_id
        self.no_profile.setVisible(pid is None)
        self.stack.setVisible(pid is not None)
        if pid is None:
            return
        self.start_page.set_ai_available(self.ctx.app.ai.available())
        svc = self.svc
        skills = self.ctx.service(SkillProfileService)

        def load(_state: Any) -> dict[str, Any]:
            return {
                "assessable": svc.assessable_skills(),
                "role": skills.target_role(pid),
                "levels": skills.current_levels(pid),
                "defaults": svc.default_skills(pid),
                "unfinished": svc.unfinished(pid),
                "history": svc.history(pid),
            }

        self._load_seq += 1
        seq = self._load_seq
        self.ctx.runner.run(
            load, name="assessments-load", on_success=lambda d: self._loaded(pid, seq, d)
        )

    def _loaded(self, pid: int, seq: int, data: dict[str, Any]) -> None:
        if pid != self.ctx.profile_id or seq != self._load_seq:
            return
        sp = self.start_page
        keep = sp.chosen_skills() if sp.skill_list.count() else []
        sp.set_skills(data["assessable"], data["role"], data["levels"], keep or data["defaults"])
        self._defaults = data["defaults"]
        sp.suggest_btn.setEnabled(bool(data["defaults"]))
        sp.set_unfinished(data["unfinished"])
        sp.set_history(data["history"])

    def _suggest(self) -> None:
        self.start_page.check_only(getattr(self, "_defaults", []))

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id and isinstance(event, REFRESH_ON)
        ):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # A key may have been added in Settings meanwhile.
        super().showEvent(event)
        if self.ctx.profile_id is not None:
            self.start_page.set_ai_available(self.ctx.app.ai.available())

    def _profile_changed(self) -> None:
        self.quiz.pause()
        self.quiz.view = None
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.skill_list.clear()
        self.refresh()

    # -- flow ------------------------------------------------------------------------------
    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_page)
        self.refresh()

    def start_quiz(self, setup: QuizSetup, *, replace_unfinished: bool = False) -> None:
        """Prepare the questions off the GUI thread (AI can be slow), then store the session."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        svc = self.svc
        self.start_page.set_busy(
            True, "Asking Gemini for questions…" if setup.use_ai else "Choosing questions…"
        )

        def prepare(state: Any) -> PreparedQuiz:
            prepared = svc.prepare(pid, setup, progress=lambda m: state.progress(0.2, m))
            state.check()
            return prepared

        self._prepare = self.ctx.runner.run(
            prepare,
            name="prepare-quiz",
            on_success=lambda p: self._begin(p, replace_unfinished),
            on_error=self._start_failed,
            on_progress=lambda _f, m: self.start_page.set_busy(True, m),
            on_cancelled=lambda: self.start_page.set_busy(False),
        )

    def _cancel_prepare(self) -> None:
        if self._prepare is not None:
            self._prepare.cancel()
        self.start_page.set_busy(False)

    def _begin(self, prepared: PreparedQuiz, replace_unfinished: bool) -> None:
        if prepared.profile_id != self.ctx.profile_id:
            self.start_page.set_busy(False)
            return
        svc = self.svc

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UnfinishedAssessmentError):
                self.start_page.set_busy(False)
                answer = QMessageBox.question(
                    self,
                    "Unfinished assessment",
                    "You have an unfinished assessment. Discard it and start this one?",
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self._begin(prepared, True)
                return
            self._start_failed(exc)

        self.ctx.runner.run_write(
            lambda: svc.begin(prepared, replace_unfinished=replace_unfinished),
            name="begin-quiz",
            on_success=self._show_quiz,
            on_error=failed,
        )

    def _start_failed(self, exc: BaseException) -> None:
        self.start_page.set_busy(False)
        self.ctx.report(exc)

    def _show_quiz(self, view: SessionView) -> None:
        self.start_page.set_busy(False)
        self.stack.setCurrentWidget(self.quiz)
        self.quiz.load(view)
        if view.notice:
            self.ctx.status(view.notice, 8000)

    def resume(self, session_id: int) -> None:
        """Open an unfinished session where it stopped."""
        svc = self.svc
        self.ctx.runner.run(
            lambda _s: svc.session(session_id), name="resume-quiz", on_success=self._show_quiz
        )

    def _discard(self, session_id: int) -> None:
        answer = QMessageBox.question(
            self,
            "Discard assessment",
            "Discard the unfinished assessment? It stays in your history as abandoned and "
            "does not change your skill levels.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        svc = self.svc
        self.ctx.runner.run_write(lambda: svc.abandon(session_id), name="abandon-quiz")

    def _submit(self, session_id: int, elapsed: float, timed_out: bool) -> None:
        svc = self.svc

        def done(review: AssessmentReview) -> None:
            self.quiz.view = None
            if timed_out:
                review = review.model_copy(
                    update={"notice": "Time is up: the assessment was submitted. " + review.notice}
                )
            self._show_review(review)
            score = review.summary.overall_score or 0.0
            self.ctx.status(f"Assessment submitted: {score:.0f}%.", 8000)

        def failed(exc: BaseException) -> None:
            self.quiz.submit_failed()
            self.ctx.report(exc)

        self.ctx.runner.run_write(
            lambda: svc.submit(session_id, elapsed_s=elapsed),
            name="submit-quiz",
            on_success=done,
            on_error=failed,
        )

    def show_review(self, session_id: int) -> None:
        svc = self.svc
        self.ctx.runner.run(
            lambda _s: svc.review(session_id), name="review-quiz", on_success=self._show_review
        )

    def _show_review(self, review: AssessmentReview) -> None:
        self.review.show_review(review)
        self.stack.setCurrentWidget(self.review)


TAB = TabSpec(key="assessments", title="Assessments", order=10, factory=AssessmentsTab)
