"""The Assessments start page: resume banner, quiz setup, and the history of past quizzes."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.assessments import AssessmentSummary, QuizSetup, SessionView
from careerdesk.core.assessments.models import MAX_LENGTH, MAX_TIME_LIMIT_MIN, MIN_LENGTH
from careerdesk.core.reference.catalog import Role, load_catalog
from careerdesk.core.skills.service import SkillLevel
from careerdesk.ui.common import formatting, theme
from careerdesk.ui.common.text import short_date


class StartPage(QWidget):
    start_requested = Signal(object)  # QuizSetup
    resume_requested = Signal(int)
    discard_requested = Signal(int)
    review_requested = Signal(int)
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.catalog = load_catalog()
        self.unfinished_id: int | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(10)
        outer.addWidget(QLabel("<h2 style='margin:0'>Assessments</h2>"))
        intro = QLabel(
            "Test yourself on the skills your target role needs. Scores are per skill (0–100, "
            "harder questions count more) and become your measured levels."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)

        self.banner = QFrame()
        self.banner.setObjectName("resumeBanner")
        theme.set_notice(self.banner, "info")
        b = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.resume_btn = QPushButton("&Resume")
        self.discard_btn = QPushButton("Discard…")
        b.addWidget(self.banner_text, 1)
        b.addWidget(self.resume_btn)
        b.addWidget(self.discard_btn)
        self.resume_btn.clicked.connect(
            lambda: self.unfinished_id and self.resume_requested.emit(self.unfinished_id)
        )
        self.discard_btn.clicked.connect(
            lambda: self.unfinished_id and self.discard_requested.emit(self.unfinished_id)
        )
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        split = QSplitter()
        outer.addWidget(split, 1)
        setup = theme.section_box("New assessment")
        form = QVBoxLayout(setup)
        form.addWidget(QLabel("Skills to test:"))
        self.skill_list = QListWidget()
        self.skill_list.itemChanged.connect(lambda _i: self._update_start())
        form.addWidget(self.skill_list, 1)
        self.suggest_btn = QPushButton("Suggest for my target role")
        self.suggest_btn.setToolTip("Your target role's untested skills first, then the weakest.")
        form.addWidget(self.suggest_btn, 0, Qt.AlignmentFlag.AlignLeft)
        opts = QFormLayout()
        self.length = QSpinBox()
        self.length.setRange(MIN_LENGTH, MAX_LENGTH)
        self.length.setValue(10)
        self.length.setSuffix(" questions")
        opts.addRow("Length:", self.length)
        limit_row = QHBoxLayout()
        self.use_limit = QCheckBox("Time limit")
        self.limit = QSpinBox()
        self.limit.setRange(1, MAX_TIME_LIMIT_MIN)
        self.limit.setValue(15)
        self.limit.setSuffix(" min")
        self.limit.setEnabled(False)
        self.use_limit.toggled.connect(self.limit.setEnabled)
        limit_row.addWidget(self.use_limit)
        limit_row.addWidget(self.limit)
        limit_row.addStretch(1)
        opts.addRow("", limit_row)
        self.adaptive = QCheckBox("Adapt the questions to my answers")
        self.adaptive.setChecked(True)
        self.adaptive.setToolTip(
            "Each next question is chosen where your answer tells the most about your level; "
            "the quiz may stop early once your levels are known well enough."
        )
        opts.addRow("", self.adaptive)
        self.use_ai = QCheckBox("Let Gemini write the questions (AI)")
        self.use_ai.setToolTip("Gemini writes the whole quiz at the start, so it does not adapt.")
        self.use_ai.toggled.connect(lambda on: self.adaptive.setEnabled(not on))
        opts.addRow("", self.use_ai)
        form.addLayout(opts)
        self.start_btn = QPushButton("Start assessment")
        self.start_btn.setDefault(True)
        self.start_btn.clicked.connect(self._start)
        form.addWidget(self.start_btn)
        self.busy = QWidget()
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel("Preparing questions…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.cancel_requested.emit)
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        busy_row.addWidget(cancel)
        self.busy.setVisible(False)
        form.addWidget(self.busy)
        split.addWidget(setup)

        hist = theme.section_box("History")
        h = QVBoxLayout(hist)
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["Date", "Score", "Questions", "Skills"])
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        self.history.setUniformRowHeights(False)
        self.history.itemDoubleClicked.connect(lambda item, _c: self._review(item))
        h.addWidget(self.history, 1)
        self.history_empty = QLabel("No assessments yet. Your results will be listed here.")
        theme.set_tone(self.history_empty, "muted")
        h.addWidget(self.history_empty)
        self.review_btn = QPushButton("Review selected")
        self.review_btn.clicked.connect(lambda: self._review(self.history.currentItem()))
        h.addWidget(self.review_btn, 0, Qt.AlignmentFlag.AlignRight)
        split.addWidget(hist)
        split.setSizes([420, 560])

    # -- filling ---------------------------------------------------------------------------
    def set_skills(
        self,
        assessable: list[str],
        role: Role | None,
        levels: dict[str, SkillLevel],
        defaults: list[str],
    ) -> None:
        """List the assessable skills, target-role ones first, with what is known."""
        self.skill_list.blockSignals(True)
        self.skill_list.clear()
        needed = {rs.skill: rs for rs in role.skills} if role else {}
        ordered = sorted(assessable, key=lambda s: (s not in needed, self.catalog.skill_name(s)))
        for skill_id in ordered:
            parts = [self.catalog.skill_name(skill_id)]
            if skill_id in needed:
                parts.append(f"needed {needed[skill_id].level}")
            lvl = levels.get(skill_id)
            if lvl is not None:
                how = (
                    "self-rated"
                    if lvl.source == "self"
                    else f"tested {formatting.day_month(lvl.measured_at)}"
                )
                parts.append(f"you: {lvl.level:.0f} ({how})")
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, skill_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if skill_id in defaults else Qt.CheckState.Unchecked
            )
            if role is not None and skill_id in needed:
                item.setToolTip(f"Part of your target role ({role.title})")
            self.skill_list.addItem(item)
        self.skill_list.blockSignals(False)
        self._update_start()

    def check_only(self, skill_ids: list[str]) -> None:
        for i in range(self.skill_list.count()):
            item = self.skill_list.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in skill_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def chosen_skills(self) -> list[str]:
        return [
            self.skill_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.skill_list.count())
            if self.skill_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_ai_available(self, available: bool) -> None:
        self.use_ai.setEnabled(available)
        if not available:
            self.use_ai.setChecked(False)
        self.use_ai.setToolTip(
            "Gemini writes fresh questions; any it gets wrong are replaced from the bank."
            if available
            else "Add a Gemini API key in Settings → AI to use this. The built-in question "
            "bank works without it."
        )

    def set_unfinished(self, view: SessionView | None) -> None:
        self.unfinished_id = None if view is None else view.id
        self.banner.setVisible(view is not None)
        if view is not None:
            skills = ", ".join(self.catalog.skill_name(s) for s in view.skills)
            self.banner_text.setText(
                f"<b>You have an unfinished assessment</b> ({skills}) from "
                f"{formatting.date_time(view.started_at)}: {view.answered} of "
                f"{'up to ' if view.adaptive and not view.finished else ''}{view.length} "
                "answered. Resume where you stopped, or discard it."
            )
        self._update_start()

    def set_history(self, rows: list[AssessmentSummary]) -> None:
        """Newest first; a submitted row shows its per-skill scores and the change since
        the previous submitted assessment."""
        self.history.clear()
        submitted = [r for r in rows if r.state == "submitted" and r.overall_score is not None]
        previous = {a.id: b for a, b in pairwise(submitted)}
        for r in rows:
            if r.state == "submitted" and r.overall_score is not None:
                score = f"{r.overall_score:.0f}%"
                before = previous.get(r.id)
                if before is not None and before.overall_score is not None:
                    score += f" ({r.overall_score - before.overall_score:+.0f})"
                skills = " · ".join(f"{s.skill_name} {s.score:.0f}" for s in r.skill_scores)
                count = f"{r.answered}/{r.length}"
            else:
                score = r.state
                skills = ", ".join(self.catalog.skill_name(s) for s in r.skills)
                count = f"{r.answered}/{r.length}"
            item = QTreeWidgetItem([short_date(r.started_at), score, count, skills])
            item.setData(0, Qt.ItemDataRole.UserRole, r.id)
            item.setToolTip(3, skills)
            self.history.addTopLevelItem(item)
        for col in range(3):
            self.history.resizeColumnToContents(col)
        self.history_empty.setVisible(not rows)
        self.review_btn.setEnabled(bool(rows))

    def set_busy(self, busy: bool, message: str = "Preparing questions…") -> None:
        self.busy.setVisible(busy)
        self.busy_label.setText(message)
        self.start_btn.setEnabled(not busy)
        self._update_start()

    # -- actions ---------------------------------------------------------------------------
    def setup(self) -> QuizSetup:
        return QuizSetup(
            skills=self.chosen_skills(),
            length=self.length.value(),
            time_limit_min=self.limit.value() if self.use_limit.isChecked() else None,
            use_ai=self.use_ai.isChecked() and self.use_ai.isEnabled(),
            adaptive=self.adaptive.isChecked(),
        )

    def _update_start(self) -> None:
        ok = bool(self.chosen_skills()) and not self.busy.isVisible()
        self.start_btn.setEnabled(ok)
        self.start_btn.setToolTip("" if ok else "Tick at least one skill to test.")

    def _start(self) -> None:
        if self.chosen_skills():
            self.start_requested.emit(self.setup())

    def _review(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.review_requested.emit(item.data(0, Qt.ItemDataRole.UserRole))
