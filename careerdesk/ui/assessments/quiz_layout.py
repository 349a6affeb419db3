"""The quiz screen's widgets, laid out: progress, the question navigator, the question (its
prose, code blocks and options) in a scroll area, and the button bar below it.

:class:`~careerdesk.ui.assessments.quiz_page.QuizPage` gives them their behaviour; the
layout's rules are in its module docstring.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.assessments.option_card import OptionCard
from careerdesk.ui.assessments.question_text import QuestionText
from careerdesk.ui.common import theme

NAV_COLUMNS = 20


class QuizLayout(QWidget):
    """The quiz page's widgets (no behaviour: see ``QuizPage``)."""

    def __init__(self) -> None:
        super().__init__()
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

        # The question scrolls; the button bar below it stays where it is.
        self.question_area = QScrollArea()
        self.question_area.setWidgetResizable(True)
        self.question_area.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 4, 0)
        inner.setSpacing(10)
        self.meta = QLabel()
        self.meta.setProperty("chip", True)
        inner.addWidget(self.meta, 0, Qt.AlignmentFlag.AlignLeft)
        self.prompt = QuestionText(prose_style="font-size: 14pt; font-weight: 600;")
        inner.addWidget(self.prompt)
        self.options = [OptionCard(i) for i in range(4)]
        for card in self.options:
            inner.addWidget(card)
        self.stop_note = QLabel()
        self.stop_note.setObjectName("stopNote")
        self.stop_note.setWordWrap(True)
        self.stop_note.setStyleSheet(
            "#stopNote { border: 1px solid palette(mid); border-radius: 4px; padding: 8px; }"
        )
        self.stop_note.setVisible(False)
        inner.addWidget(self.stop_note)
        inner.addStretch(1)
        self.question_area.setWidget(body)
        outer.addWidget(self.question_area, 1)

        bar = QWidget()
        bar.setObjectName("quizButtons")
        bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        nav = QHBoxLayout(bar)
        nav.setContentsMargins(0, 4, 0, 0)
        self.prev_btn = QPushButton("← Back")
        self.flag_btn = QPushButton("⚑ Flag for review")
        self.flag_btn.setCheckable(True)
        self.next_btn = QPushButton("Next →")
        self.submit_btn = QPushButton("Finish…")
        self.submit_btn.setToolTip("Submit your answers and see how you did.")
        self.leave_btn = QPushButton("Pause")
        self.leave_btn.setToolTip("Leave the quiz; it is saved and you can resume it later.")
        for b in (self.prev_btn, self.flag_btn, self.next_btn, self.submit_btn, self.leave_btn):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # clicking keeps the keys on the quiz
            # Labels never change, and neither do the widths: nothing moves between questions.
            b.setFixedWidth(b.sizeHint().width() + 12)
        self.prev_btn.setAccessibleName("Back to the previous question")
        self.next_btn.setAccessibleName("Next question")
        self.submit_btn.setAccessibleName("Finish and submit the quiz")
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.flag_btn)
        nav.addStretch(1)
        nav.addWidget(self.leave_btn)
        nav.addWidget(self.next_btn)
        nav.addWidget(self.submit_btn)
        outer.addWidget(bar)

        keys = QLabel("Keys: 1–4 or A–D answer · Enter next · Backspace back · F flag")
        theme.set_tone(keys, "muted")
        outer.addWidget(keys)
