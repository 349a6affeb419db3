"""Review of a finished assessment: scores per skill, then every question with the learner's
answer, the right answer and why it is right."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.assessments import AssessmentReview, ReviewItem
from careerdesk.ui.assessments.question_text import blocks_html, prose_html
from careerdesk.ui.common import theme
from careerdesk.ui.common.text import rich, short_date

LETTERS = "ABCD"
FILTERS = ("All questions", "Wrong or unanswered", "Flagged")


def score_color(score: float) -> str:
    """Green from 70, amber from 40, else red (for bars and headings)."""
    return theme.hex_of("success" if score >= 70 else "warning" if score >= 40 else "danger")


def item_html(item: ReviewItem) -> str:
    """One question block: prompt, the four options marked, and the explanation."""
    if item.chosen is None:
        verdict = f"<span style='color:{theme.hex_of('danger')}'>✘ not answered</span>"
    elif item.is_correct:
        verdict = f"<span style='color:{theme.hex_of('success')}'>✔ correct</span>"
    else:
        verdict = f"<span style='color:{theme.hex_of('danger')}'>✘ wrong</span>"
    tags = [escape(item.skill_name), item.difficulty]
    if item.source == "ai":
        tags.append("written by AI")
    if item.flagged:
        tags.append("⚑ flagged")
    rows = []
    for i, option in enumerate(item.options):
        mark, style = "", ""
        if i == item.correct_index:
            mark, style = "✔ right answer", f"background:{theme.hex_of('success_bg')};"
        if i == item.chosen and i != item.correct_index:
            mark, style = "✘ your answer", f"background:{theme.hex_of('danger_bg')};"
        elif i == item.chosen:
            mark = "✔ your answer"
        rows.append(
            f"<tr><td style='{style}' width='28'><b>{LETTERS[i]}</b></td>"
            f"<td style='{style}'>{prose_html(option)}</td>"
            f"<td style='{style}' width='120'><i>{mark}</i></td></tr>"
        )
    return (
        f"<h3 style='margin-bottom:2px'>Question {item.position + 1}</h3>{blocks_html(item.prompt)}"
        f"<p style='color:{theme.hex_of('muted')};margin-top:0'>{' · '.join(tags)} — {verdict}</p>"
        f"<table width='100%' cellspacing='0' cellpadding='4'>{''.join(rows)}</table>"
        f"<p><b>Why:</b> {rich(item.explanation)}</p><hr>"
    )


class ReviewPage(QWidget):
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.review: AssessmentReview | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        back = QPushButton("← Back to assessments")
        back.clicked.connect(self.back_requested.emit)
        top.addWidget(self.title, 1)
        top.addWidget(back)
        outer.addLayout(top)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        theme.set_tone(self.notice, "warning")
        outer.addWidget(self.notice)
        self.scores_frame = QFrame()
        self.scores_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.scores = QGridLayout(self.scores_frame)
        outer.addWidget(self.scores_frame)
        filt = QHBoxLayout()
        filt.addWidget(QLabel("Show:"))
        self.filter = QComboBox()
        self.filter.addItems(FILTERS)
        self.filter.currentIndexChanged.connect(lambda _i: self._render_items())
        filt.addWidget(self.filter)
        filt.addStretch(1)
        outer.addLayout(filt)
        self.browser = QTextBrowser()
        outer.addWidget(self.browser, 1)

    def show_review(self, review: AssessmentReview) -> None:
        self.review = review
        s = review.summary
        if s.state == "submitted" and s.overall_score is not None:
            color = score_color(s.overall_score)
            right = sum(1 for i in review.items if i.is_correct)
            self.title.setText(
                f"<h2 style='margin:0'>Assessment of {short_date(s.started_at)}: "
                f"<span style='color:{color}'>{s.overall_score:.0f}%</span></h2>"
                f"{right} of {len(review.items)} right · scores are weighted by difficulty "
                "(easy 1, medium 2, hard 3)"
            )
        else:
            self.title.setText(
                f"<h2 style='margin:0'>Assessment of {short_date(s.started_at)} ({s.state})</h2>"
                f"{s.answered} of {s.length} answered before it was discarded"
            )
        self.notice.setText(review.notice)
        self.notice.setVisible(bool(review.notice))
        while self.scores.count():
            item = self.scores.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        for row, sk in enumerate(s.skill_scores):
            name = QLabel(sk.skill_name)
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(round(sk.score))
            bar.setFormat(f"{sk.score:.0f}%")
            bar.setStyleSheet(
                f"QProgressBar::chunk {{ background: {score_color(sk.score)}; }}"
                "QProgressBar { text-align: center; }"
            )
            detail = QLabel(f"{sk.correct}/{sk.total} right")
            self.scores.addWidget(name, row, 0)
            self.scores.addWidget(bar, row, 1)
            self.scores.addWidget(detail, row, 2)
        self.scores.setColumnStretch(1, 1)
        self.scores_frame.setVisible(bool(s.skill_scores))
        self.filter.setCurrentIndex(0)
        self._render_items()

    def visible_items(self) -> list[ReviewItem]:
        if self.review is None:
            return []
        mode = self.filter.currentIndex()
        items = self.review.items
        if mode == 1:
            return [i for i in items if not i.is_correct]
        if mode == 2:
            return [i for i in items if i.flagged]
        return list(items)

    def _render_items(self) -> None:
        items = self.visible_items()
        body = "".join(item_html(i) for i in items) or "<p>Nothing to show with this filter.</p>"
        self.browser.setHtml(body)
