"""The career recommendations panel: paths that fit the learner, labelled by source."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.common import formatting
from careerdesk.ui.insights.panels import card
from careerdesk.ui.insights.refresher import refresher_for
from careerdesk.ui.shell.context import UiContext

AREA_NAMES = {
    "R": "Realistic",
    "I": "Investigative",
    "A": "Artistic",
    "S": "Social",
    "E": "Enterprising",
    "C": "Conventional",
}


def path_html(path: Any) -> str:
    """One career path as rich text."""
    badge = " <small>· AI-generated</small>" if path.source == "ai" else ""
    fit = f" — fit {path.fit:.0f}/100" if path.fit is not None else ""
    parts = [f"<b>{escape(path.title)}</b>{fit}{badge}"]
    parts.extend(f"<br>{escape(line)}" for line in path.why)
    if path.occupations:
        occ = ", ".join(escape(o.title) for o in path.occupations)  # no occupation codes
        parts.append(f"<br><small>Occupation: {occ}</small>")
    if path.key_skills:
        parts.append(f"<br><small>Key skills: {escape(', '.join(path.key_skills))}</small>")
    if path.technologies:
        parts.append(f"<br><small>In-demand tools: {escape(', '.join(path.technologies))}</small>")
    if path.first_steps:
        steps = "".join(f"<li>{escape(s)}</li>" for s in path.first_steps)
        parts.append(f"<br>First steps:<ol style='margin-top:0'>{steps}</ol>")
    return "".join(parts)


class RecommendationsPanel(QFrame):
    """Career paths, the interest profile, course paths; questionnaire and refresh buttons."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Any = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Career recommendations</b>"))
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.RichText)
        head.addWidget(self.source)
        head.addStretch(1)
        self.status = QLabel()
        head.addWidget(self.status)
        self.questionnaire_button = QPushButton("Interest &questionnaire…")
        self.questionnaire_button.clicked.connect(self.open_questionnaire)
        head.addWidget(self.questionnaire_button)
        self.refresh_button = QPushButton("Re&generate")
        self.refresh_button.setToolTip("Regenerate now (they also refresh by themselves)")
        self.refresh_button.clicked.connect(self.regenerate)
        head.addWidget(self.refresh_button)
        layout.addLayout(head)
        self.profile_line = QLabel()
        self.profile_line.setWordWrap(True)
        layout.addWidget(self.profile_line)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.extra = QLabel()
        self.extra.setWordWrap(True)
        self.extra.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.extra)
        self.cards: list[QLabel] = []
        refresher = refresher_for(ctx)
        refresher.recommendations_changed.connect(self._on_changed)
        refresher.recommendations_busy.connect(self._on_busy)

    # -- data ------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the stored set and the interest profile in the background."""
        pid = self.ctx.profile_id
        if pid is None:
            self.show_data(None, None)
            return
        from careerdesk.core.insights.career_service import CareerRecommendationService
        from careerdesk.core.insights.interests import InterestService

        recs = self.ctx.service(CareerRecommendationService)
        interests = self.ctx.service(InterestService)
        self.ctx.runner.run(
            lambda _s: (recs.get(pid), interests.get(pid)),
            name="recommendations-read",
            on_success=lambda r: self.show_data(*r) if self.ctx.profile_id == pid else None,
        )

    def _on_changed(self, profile_id: int) -> None:
        if profile_id == self.ctx.profile_id:
            self.load()

    def _on_busy(self, profile_id: int, busy: bool) -> None:
        if profile_id == self.ctx.profile_id:
            self.status.setText("Updating…" if busy else "")
            self.refresh_button.setEnabled(not busy)

    def regenerate(self) -> None:
        refresher_for(self.ctx).refresh_recommendations(self.ctx.profile_id, force=True)

    def open_questionnaire(self) -> None:
        from careerdesk.core.insights.interests import InterestService
        from careerdesk.ui.insights.questionnaire import QuestionnaireDialog

        pid = self.ctx.profile_id
        if pid is None:
            return
        current = self.ctx.service(InterestService).get(pid)  # one small row
        dialog = QuestionnaireDialog(
            self.ctx, pid, self.window(), answers=current.answers if current else None
        )
        dialog.exec()

    # -- display ---------------------------------------------------------------------------
    def show_data(self, recs: Any, interest: Any) -> None:
        self.data = recs
        for label in self.cards:
            frame = label.parentWidget()  # the card frame holding the label
            if frame is not None:
                frame.deleteLater()
        self.cards = []
        if interest is not None:
            ordered = sorted(interest.scores.items(), key=lambda kv: -kv[1])
            areas = ", ".join(f"{AREA_NAMES[k]} {v:.1f}" for k, v in ordered[:3])
            self.profile_line.setText(f"What you enjoy most: <b>{escape(areas)}</b> (out of 7).")
            self.questionnaire_button.setText("Interest &questionnaire (edit)…")
        else:
            self.profile_line.setText(
                "Answer the interest questionnaire (36 quick statements) and CareerDesk "
                "suggests careers that suit how you like to work."
            )
            self.questionnaire_button.setText("Interest &questionnaire…")
        if recs is None:
            self.source.setText("")
            self.notice.setText("No recommendations yet — they are prepared in the background.")
            self.extra.setText("")
            return
        if recs.source == "ai":
            self.source.setText(f"<small>· AI-generated ({escape(recs.model or 'Gemini')})</small>")
        else:
            self.source.setText("<small>· from your interests, skills and course</small>")
        self.source.setToolTip(f"Last regenerated because {recs.reason}")
        notice = f"Updated {formatting.date_time(recs.last_updated)}."
        kept = (
            recs.last_error is not None
            and recs.last_attempt_at is not None
            and recs.last_attempt_at > recs.last_updated
        )
        if kept:
            # The set shown is the earlier AI one: say so, not just that an error happened.
            notice += (
                f" Gemini could not refresh them on {formatting.date_time(recs.last_attempt_at)} "
                f"({recs.last_error}); these are the earlier ones, and CareerDesk tries again "
                "at the next refresh."
            )
        elif recs.last_error:
            notice += f" Gemini could not help last time ({recs.last_error})."
        if not recs.paths:
            notice += (
                " Nothing to go on yet: answer the questionnaire, or add your course and "
                "interests to your profile (Home → Edit profile)."
            )
        self.notice.setText(notice)
        for i, path in enumerate(recs.paths):
            frame = card()
            inner = QVBoxLayout(frame)
            label = QLabel(path_html(path))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inner.addWidget(label)
            inner.addStretch(1)
            self.grid.addWidget(frame, i // 2, i % 2)
            self.cards.append(label)
        extra = []
        if recs.course_paths:
            names = ", ".join(escape(p.title) for p in recs.course_paths)
            source = "AI-generated" if recs.course_source == "ai" else "offline"
            extra.append(
                f"<b>Careers from your course</b> ({escape(recs.course)}, {source}): {names}"
            )
        if recs.explore:
            names = ", ".join(escape(o.title) for o in recs.explore)
            extra.append(f"<b>Also worth a look</b> (by your interests and studies): {names}")
        self.extra.setText("<br>".join(extra))
