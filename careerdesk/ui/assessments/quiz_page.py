"""The quiz: one question at a time, mouse or keys, flags, countdown, saved as you go.

Keys: 1–4 or A–D choose an option, Enter goes to the next question (or asks to submit on the
last one), Backspace goes back, F flags the question for review. The time limit counts the
time the quiz is on screen: it pauses while the tab is hidden or the app is closed.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.assessments import AssessmentService, SessionView
from careerdesk.ui.assessments.option_card import OptionCard
from careerdesk.ui.common import theme
from careerdesk.ui.common.text import rich
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
NAV_COLUMNS = 20


class QuizPage(QWidget):
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
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A centred column of readable width, however wide the window is.
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 16, 24, 16)
        column = QWidget()
        column.setMaximumWidth(960)
        row.addStretch(1)
        row.addWidget(column, 20)
        row.addStretch(1)
        outer = QVBoxLayout(column)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(10)

        top = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("quizProgress")
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.countdown)
        outer.addLayout(top)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        outer.addWidget(self.progress)
        self.navigator = QGridLayout()
        self.navigator.setSpacing(4)
        self.navigator.setColumnStretch(NAV_COLUMNS, 1)  # pack the numbers to the left
        self.nav_buttons: list[QPushButton] = []
        outer.addLayout(self.navigator)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.set_notice(self.notice, "warning")
        outer.addWidget(self.notice)

        self.meta = QLabel()
        self.meta.setProperty("chip", True)
        outer.addWidget(self.meta, 0, Qt.AlignmentFlag.AlignLeft)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        self.prompt.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.prompt)
        self.options = [OptionCard(i) for i in range(4)]
        for card in self.options:
            card.clicked.connect(self.choose)
            outer.addWidget(card)

        nav = QHBoxLayout()
        self.prev_btn = QPushButton("← Previous")
        self.flag_btn = QPushButton("⚑ Flag for review")
        self.flag_btn.setCheckable(True)
        self.next_btn = QPushButton("Next →")
        self.submit_btn = QPushButton("Submit…")
        self.leave_btn = QPushButton("Pause")
        self.leave_btn.setToolTip("Leave the quiz; it is saved and you can resume it later.")
        for b in (self.prev_btn, self.flag_btn, self.next_btn, self.submit_btn, self.leave_btn):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # clicking keeps the keys on the quiz
        self.prev_btn.clicked.connect(self.previous)
        self.next_btn.clicked.connect(self.next)
        self.flag_btn.clicked.connect(lambda: self.toggle_flag())
        self.submit_btn.clicked.connect(lambda: self.request_submit())
        self.leave_btn.clicked.connect(self._leave)
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.flag_btn)
        nav.addStretch(1)
        nav.addWidget(self.leave_btn)
        nav.addWidget(self.next_btn)
        nav.addWidget(self.submit_btn)
        outer.addLayout(nav)

        keys = QLabel("Keys: 1–4 or A–D answer · Enter next · Backspace back · F flag")
        theme.set_tone(keys, "muted")
        outer.addWidget(keys)
        outer.addStretch(1)

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
        self._elapsed_base = view.elapsed_s
        self._clock.restart()
        for b in self.nav_buttons:
            b.deleteLater()
        self.nav_buttons = []
        for i in range(view.length):
            b = QPushButton(str(i + 1))
            b.setFixedSize(34, 28)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, i=i: self.go(i))
            self.navigator.addWidget(b, i // NAV_COLUMNS, i % NAV_COLUMNS)
            self.nav_buttons.append(b)
        self.notice.setText(view.notice)
        self.notice.setVisible(bool(view.notice))
        self.go(min(view.current_index, view.length - 1), save=False)
        self._start_timers()
        self.setFocus()

    @property
    def elapsed_s(self) -> float:
        running = self._clock.elapsed() / 1000 if self._clock.isValid() else 0.0
        return self._elapsed_base + running

    # -- actions ---------------------------------------------------------------------------
    def go(self, index: int, *, save: bool = True) -> None:
        if self.view is None:
            return
        self.index = max(0, min(index, self.view.length - 1))
        self._render()
        if save:
            self.save_place()

    def next(self) -> None:
        if self.view is None:
            return
        if self.index >= self.view.length - 1:
            self.request_submit()
        else:
            self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def choose(self, option: int) -> None:
        """Answer the current question with option 0–3 and save it at once."""
        if self.view is None or self.submitting:
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
        if self.view is None or self.submitting:
            return
        missing = self.unanswered()
        flagged = [q.position for q in self.view.questions if q.flagged]
        if confirm and (missing or flagged):
            parts = []
            if missing:
                numbers = ", ".join(str(p + 1) for p in missing[:12])
                parts.append(
                    f"{len(missing)} question(s) are unanswered ({numbers}) and will count as "
                    "wrong."
                )
            if flagged:
                parts.append(f"{len(flagged)} question(s) are flagged for review.")
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
        if view is None:
            return
        q = view.questions[self.index]
        answered = view.answered
        self.progress_label.setText(
            f"<b>Question {self.index + 1} of {view.length}</b> · {answered} answered"
            + (f" · {view.flagged} flagged" if view.flagged else "")
        )
        self.progress.setRange(0, view.length)
        self.progress.setValue(answered)
        ai = " · written by AI" if q.source == "ai" else ""
        self.meta.setText(f"{q.skill_name} · {q.difficulty}{ai}")
        self.prompt.setText(rich(q.prompt))
        for card, text in zip(self.options, q.options, strict=True):
            card.set_option(text)
            card.set_checked(q.chosen == card.index)
        self.flag_btn.setChecked(q.flagged)
        self.prev_btn.setEnabled(self.index > 0)
        last = self.index >= view.length - 1
        self.next_btn.setText("Finish →" if last else "Next →")
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
