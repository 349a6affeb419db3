"""The quiz: one question at a time, mouse or keys, flags, countdown, saved as you go.

Keys: 1–4 or A–D choose an option, Enter goes to the next question (or asks to submit on the
last one), Backspace goes back, F flags the question for review. The time limit counts the
time the quiz is on screen: it pauses while the tab is hidden or the app is closed.

Layout: the question (its prose, monospace code blocks and options) scrolls in the middle;
the buttons sit in a bar below it whose place never depends on the question's length, and
"Finish…" is the one way to submit. In an adaptive quiz (docs/skills.md) "Next" on the newest
question asks the service for the next one, chosen from the answers so far; when the quiz
stops early the learner reads why above the options.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
)

from careerdesk.core.assessments import AssessmentService, SessionView
from careerdesk.ui.assessments.quiz_layout import NAV_COLUMNS, QuizLayout
from careerdesk.ui.common import theme
from careerdesk.ui.shell.context import UiContext

OPTION_KEYS = {
    Qt.Key.Key_1: 0,
    Qt.Key.Key_2: 1,
    Qt.Key.Key_3: 2,
    Qt.Key.Key_4: 3,
    Qt.Key.Key_A: 0,
    Qt.Key.Key_B: 1,
    Qt.Key.Key_C: 2,
    Qt.Key.Key_D: 3,
}
SAVE_EVERY_MS = 15_000


class QuizPage(QuizLayout):
    """Shows a :class:`SessionView` and saves every answer through the write lane."""

    submit_requested = Signal(int, float, bool)  # session id, elapsed seconds, time ran out
    leave_requested = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.view: SessionView | None = None
        self.index = 0
        self._elapsed_base = 0.0
        self._clock = QElapsedTimer()
        self._timed_out = False
        self.submitting = False  # set while a submit is on its way: the session is closing
        self.advancing = False  # set while an adaptive quiz's next question is being chosen
        for card in self.options:
            card.clicked.connect(self.choose)
        self.prev_btn.clicked.connect(self.previous)
        self.next_btn.clicked.connect(self.next)
        self.flag_btn.clicked.connect(lambda: self.toggle_flag())
        self.submit_btn.clicked.connect(lambda: self.request_submit())
        self.leave_btn.clicked.connect(self._leave)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._autosave = QTimer(self)
        self._autosave.setInterval(SAVE_EVERY_MS)
        self._autosave.timeout.connect(self.save_place)

    # -- loading ---------------------------------------------------------------------------
    def load(self, view: SessionView) -> None:
        """Show ``view`` at the question where the learner stopped."""
        self.view = view
        self._timed_out = False
        self.submitting = False
        self.advancing = False
        self._elapsed_base = view.elapsed_s
        self._clock.restart()
        self._build_navigator()
        self.notice.setText(view.notice)
        self.notice.setVisible(bool(view.notice))
        self.go(min(view.current_index, self.count - 1), save=False)
        self._start_timers()
        self.setFocus()

    @property
    def count(self) -> int:
        """Questions in the quiz so far (an adaptive quiz grows one by one)."""
        return 0 if self.view is None else len(self.view.questions)

    def _build_navigator(self) -> None:
        for b in self.nav_buttons:
            self.navigator.removeWidget(b)
            b.deleteLater()
        self.nav_buttons = []
        for i in range(self.count):
            b = QPushButton(str(i + 1))
            b.setFixedSize(34, 28)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAccessibleName(f"Go to question {i + 1}")
            b.clicked.connect(lambda _c=False, i=i: self.go(i))
            self.navigator.addWidget(b, i // NAV_COLUMNS, i % NAV_COLUMNS)
            self.nav_buttons.append(b)

    @property
    def elapsed_s(self) -> float:
        running = self._clock.elapsed() / 1000 if self._clock.isValid() else 0.0
        return self._elapsed_base + running

    # -- actions ---------------------------------------------------------------------------
    def go(self, index: int, *, save: bool = True) -> None:
        if self.view is None or not self.count:
            return
        self.index = max(0, min(index, self.count - 1))
        self._render()
        if save:
            self.save_place()

    def next(self) -> None:
        """The next question; on the newest one of an adaptive quiz, ask for the next one;
        on the last one, the same as Finish."""
        view = self.view
        if view is None or self.advancing or self.submitting:
            return
        if self.index < self.count - 1:
            self.go(self.index + 1)
        elif self._can_advance():
            self._advance()
        else:
            self.request_submit()

    def _can_advance(self) -> bool:
        view = self.view
        return view is not None and view.adaptive and not view.finished and self.count < view.length

    def _advance(self) -> None:
        """Ask the service for the adaptive quiz's next question (after the saved answer)."""
        view = self.view
        if view is None:
            return
        self.advancing = True
        self._render()
        svc = self.ctx.service(AssessmentService)
        sid, shown, elapsed = view.id, self.count, self.elapsed_s

        def done(new: SessionView) -> None:
            self.advancing = False
            if self.view is None or self.view.id != new.id:
                return
            self.view = new
            if len(self.nav_buttons) != len(new.questions):
                self._build_navigator()
            self.go(len(new.questions) - 1, save=False)

        def failed(exc: BaseException) -> None:
            self.advancing = False
            self._render()
            self.ctx.report(exc)

        # On the write lane, after the answer's own save: the choice sees the answer.
        self.ctx.runner.run_write(
            lambda: svc.advance(sid, shown, elapsed_s=elapsed),
            name="next-question",
            on_success=done,
            on_error=failed,
        )

    def previous(self) -> None:
        if not self.advancing:
            self.go(self.index - 1)

    def choose(self, option: int) -> None:
        """Answer the current question with option 0–3 and save it at once."""
        if self.view is None or self.submitting or self.advancing:
            return
        q = self.view.questions[self.index]
        q.chosen = option
        self._render()
        svc = self.ctx.service(AssessmentService)
        sid, pos, idx, elapsed = self.view.id, q.position, self.index, self.elapsed_s
        self.ctx.runner.run_write(
            lambda: svc.answer(sid, pos, option, current_index=idx, elapsed_s=elapsed),
            name="save-answer",
        )

    def toggle_flag(self, flagged: bool | None = None) -> None:
        if self.view is None or self.submitting:
            return
        q = self.view.questions[self.index]
        q.flagged = (not q.flagged) if flagged is None else flagged
        self._render()
        svc = self.ctx.service(AssessmentService)
        sid, pos, value = self.view.id, q.position, q.flagged
        self.ctx.runner.run_write(lambda: svc.flag(sid, pos, value), name="save-flag")

    def save_place(self) -> None:
        if self.view is None or self.submitting:
            return
        svc = self.ctx.service(AssessmentService)
        sid, idx, elapsed = self.view.id, self.index, self.elapsed_s
        self.ctx.runner.run_write(lambda: svc.save_place(sid, idx, elapsed), name="save-place")

    def unanswered(self) -> list[int]:
        return (
            []
            if self.view is None
            else [q.position for q in self.view.questions if q.chosen is None]
        )

    def request_submit(self, *, confirm: bool = True) -> None:
        """Submit, asking first when questions are unanswered (or flagged)."""
        if self.view is None or self.submitting or (self.advancing and confirm):
            return
        missing = self.unanswered()
        flagged = [q.position for q in self.view.questions if q.flagged]
        if confirm and (missing or flagged or self._can_advance()):
            parts = []
            if missing:
                numbers = ", ".join(str(p + 1) for p in missing[:12])
                parts.append(
                    f"{len(missing)} question(s) are unanswered ({numbers}) and will count as "
                    "wrong."
                )
            if flagged:
                parts.append(f"{len(flagged)} question(s) are flagged for review.")
            if self._can_advance():
                parts.append(
                    f"You have answered {self.count - len(missing)} question(s); the quiz "
                    "has not finished measuring you yet."
                )
            answer = QMessageBox.question(
                self,
                "Submit assessment",
                " ".join(parts) + "\n\nSubmit anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                if missing:
                    self.go(missing[0])
                return
        self._stop_timers()
        self.submitting = True
        self.submit_requested.emit(self.view.id, self.elapsed_s, self._timed_out)

    def submit_failed(self) -> None:
        """The submit did not go through: the quiz carries on."""
        self.submitting = False
        self.resume()

    def _leave(self) -> None:
        self.save_place()
        self.leave_requested.emit()

    # -- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.view is None or mods not in (Qt.KeyboardModifier.NoModifier,):
            super().keyPressEvent(event)
            return
        if key in OPTION_KEYS:
            self.choose(OPTION_KEYS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
            self.next()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Left):
            self.previous()
        elif key == Qt.Key.Key_F:
            self.toggle_flag()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- timers ----------------------------------------------------------------------------
    def _start_timers(self) -> None:
        if self.view is None:
            return
        self._clock.restart()
        self._autosave.start()
        if self.view.time_limit_s:
            self._tick.start()
        self._on_tick()

    def _stop_timers(self) -> None:
        if self._clock.isValid():
            self._elapsed_base = self.elapsed_s
            self._clock.invalidate()
        self._tick.stop()
        self._autosave.stop()

    def pause(self) -> None:
        """Stop the clock and save the place (the tab was hidden)."""
        if self.view is not None and self._clock.isValid():
            self._stop_timers()
            self.save_place()

    def resume(self) -> None:
        if self.view is not None and not self.submitting and not self._clock.isValid():
            self._start_timers()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resume()
        self.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()
        super().hideEvent(event)

    def remaining_s(self) -> float | None:
        if self.view is None or not self.view.time_limit_s:
            return None
        return max(0.0, self.view.time_limit_s - self.elapsed_s)

    def _on_tick(self) -> None:
        remaining = self.remaining_s()
        if remaining is None:
            self.countdown.setText("")
            return
        minutes, seconds = divmod(round(remaining), 60)
        self.countdown.setText(f"Time left {minutes:02d}:{seconds:02d}")
        color = theme.hex_of("danger" if remaining <= 60 else "text")
        self.countdown.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {color};")
        if remaining <= 0 and not self._timed_out:
            self._timed_out = True
            self.request_submit(confirm=False)

    # -- rendering -------------------------------------------------------------------------
    def _render(self) -> None:
        view = self.view
        if view is None or not self.count:
            return
        q = view.questions[self.index]
        answered = view.answered
        of = f"up to {view.length}" if view.adaptive and not view.finished else str(self.count)
        self.progress_label.setText(
            f"<b>Question {self.index + 1} of {of}</b> · {answered} answered"
            + (f" · {view.flagged} flagged" if view.flagged else "")
        )
        self.progress.setRange(
            0, view.length if view.adaptive and not view.finished else self.count
        )
        self.progress.setValue(answered)
        ai = " · written by AI" if q.source == "ai" else ""
        self.meta.setText(f"{q.skill_name} · {q.difficulty}{ai}")
        self.prompt.set_text(q.prompt)
        for card, text in zip(self.options, q.options, strict=True):
            card.set_option(text)
            card.set_checked(q.chosen == card.index)
        last = self.index >= self.count - 1
        self.stop_note.setText(view.stop_note)
        self.stop_note.setVisible(bool(view.stop_note) and last)
        self.flag_btn.setChecked(q.flagged)
        self.prev_btn.setEnabled(self.index > 0 and not self.advancing)
        self.next_btn.setEnabled((not last or self._can_advance()) and not self.advancing)
        self.submit_btn.setEnabled(not self.advancing)
        for i, (b, item) in enumerate(zip(self.nav_buttons, view.questions, strict=True)):
            border = (
                f"2px solid {theme.hex_of('warning')}"
                if item.flagged
                else f"1px solid {theme.hex_of('border')}"
            )
            bg = theme.hex_of("accent") if item.chosen is not None else "palette(button)"
            fg = theme.hex_of("on_accent") if item.chosen is not None else "palette(button-text)"
            weight = "bold" if i == self.index else "normal"
            underline = "underline" if i == self.index else "none"
            b.setStyleSheet(
                f"QPushButton {{ border: {border}; background: {bg}; color: {fg}; "
                f"font-weight: {weight}; text-decoration: {underline}; border-radius: 4px; }}"
            )
            b.setToolTip(
                f"Question {i + 1}: "
                + ("answered" if item.chosen is not None else "not answered")
                + (", flagged" if item.flagged else "")
            )
