"""The Insights tab: readiness, company chances, roles, gaps, next actions, recommendations.

The tab never asks for fresh numbers on a timer: the refresher recomputes when a domain event
says something changed and the tab shows each result as it arrives. The one-second timer
only rewrites the "updated N s ago" text.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.insights.events import InsightsUpdated
from careerdesk.core.kernel.events import DomainEvent
from careerdesk.ui.common import formatting
from careerdesk.ui.common.scroll import scrolled_column
from careerdesk.ui.insights.career_panel import RecommendationsPanel
from careerdesk.ui.insights.gauge import ComponentBar, ReadinessGauge, Sparkline
from careerdesk.ui.insights.panels import ActionList, GapTable, HintsBanner, RoleCards, card
from careerdesk.ui.insights.refresher import refresher_for
from careerdesk.ui.insights.target_companies import CompaniesDialog, CompanyBars
from careerdesk.ui.shell.context import UiContext

HISTORY_POINTS = 30
ACTION_TABS = {"assessment": "assessments", "content": "learning", "practice": "learning"}


def ago(seconds: float) -> str:
    """ "12 s ago", "5 min ago", "3 h ago", "2 days ago"."""
    s = max(0, int(seconds))
    if s < 60:
        return f"{s} s ago"
    if s < 3600:
        return f"{s // 60} min ago"
    if s < 86400:
        return f"{s // 3600} h ago"
    return f"{s // 86400} days ago"


def section(title: str) -> tuple[QFrame, QVBoxLayout, QHBoxLayout]:
    frame = card()
    layout = QVBoxLayout(frame)
    head = QHBoxLayout()
    head.addWidget(QLabel(f"<b>{escape(title)}</b>"))
    head.addStretch(1)
    layout.addLayout(head)
    return frame, layout, head


class InsightsTab(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.document: Any = None
        self.refresher = refresher_for(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = scrolled_column(outer, margins=(18, 14), spacing=12)

        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(self.title)
        header.addStretch(1)
        self.updated = QLabel()
        self.updated.setAccessibleName("Last updated")
        header.addWidget(self.updated)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setToolTip("Recompute now (F5). Insights also update by themselves.")
        self.refresh_button.clicked.connect(self.refresh)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.refresh)

        self.hints = HintsBanner()
        layout.addWidget(self.hints)

        # The answer first: readiness and what raises it most, then the roles that match,
        # then companies; the working-out sits behind "How is this worked out?".
        top = QGridLayout()
        readiness, r_layout, _ = section("Your readiness")
        self.gauge = ReadinessGauge()
        r_layout.addWidget(self.gauge)
        self.assessment_bar = ComponentBar("Skill levels")
        self.learning_bar = ComponentBar("Learning path")
        r_layout.addWidget(self.assessment_bar)
        r_layout.addWidget(self.learning_bar)
        self.sparkline = Sparkline()
        r_layout.addWidget(self.sparkline)
        self.readiness_empty = QLabel(
            "Take a short quiz to see where you stand: it measures the skills your goal needs "
            "and gives you a readiness score."
        )
        self.readiness_empty.setWordWrap(True)
        self.readiness_empty.setVisible(False)
        r_layout.addWidget(self.readiness_empty)
        self.quiz_button = QPushButton("Take a short quiz")
        self.quiz_button.setAccessibleName("Take a short quiz")
        self.quiz_button.clicked.connect(self._empty_action)
        self.quiz_button.setVisible(False)
        r_layout.addWidget(self.quiz_button, 0, Qt.AlignmentFlag.AlignLeft)
        r_layout.addStretch(1)
        top.addWidget(readiness, 0, 0)
        actions, a_layout, _ = section("What raises it most")
        self.action_list = ActionList()
        self.action_list.setAccessibleName("What raises your readiness most")
        self.action_list.activated_action.connect(self._go_to_action)
        self.action_list.setMaximumHeight(170)  # three actions: no tall empty box
        a_layout.addWidget(self.action_list)
        a_layout.addStretch(1)
        top.addWidget(actions, 0, 1)
        top.setColumnStretch(0, 2)
        top.setColumnStretch(1, 3)
        layout.addLayout(top)

        roles, roles_layout, _ = section("Roles that match you best")
        self.roles = RoleCards()
        roles_layout.addWidget(self.roles)
        layout.addWidget(roles)

        companies, c_layout, c_head = section("Your chances at companies")
        self.show_all = QPushButton("Show &all")
        self.show_all.setCheckable(True)
        self.show_all.setAccessibleName("Show all companies")
        self.show_all.toggled.connect(lambda _on: self._show_companies())
        c_head.addWidget(self.show_all)
        edit = QPushButton("&Edit companies…")
        edit.setAccessibleName("Edit companies")
        edit.clicked.connect(self.edit_companies)
        c_head.addWidget(edit)
        self.bars = CompanyBars()
        self.bars.company_activated.connect(self.open_company)
        c_layout.addWidget(self.bars)
        self.companies_empty = QLabel(
            "Your chances at companies appear once you have a readiness score."
        )
        self.companies_empty.setWordWrap(True)
        self.companies_empty.setVisible(False)
        c_layout.addWidget(self.companies_empty)
        self.levers = QLabel()
        self.levers.setWordWrap(True)
        self.levers.setTextFormat(Qt.TextFormat.PlainText)
        self.levers.setAccessibleName("What would raise your chances")
        c_layout.addWidget(self.levers)
        layout.addWidget(companies)

        gaps, g_layout, _ = section("Skill gaps for your goal")
        self.gaps_frame = gaps
        self.gaps = GapTable()
        g_layout.addWidget(self.gaps)
        layout.addWidget(gaps)

        self.how_button = QPushButton("How is this worked out?")
        self.how_button.setCheckable(True)
        self.how_button.setFlat(True)
        self.how_button.setAccessibleName("How is this worked out?")
        layout.addWidget(self.how_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.how = card()
        how_layout = QVBoxLayout(self.how)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        how_layout.addWidget(self.formula)
        legend = QLabel(
            "Chances at a company: a chance index from your readiness and how hard the "
            "company is to get into (a difficulty factor; readiness of 60 × factor gives an "
            "even chance). Green from 60 %, amber from 30 %, red below. Hover a bar for its "
            "numbers; click it to open the company card.\n"
            "Role match: how far your skill levels reach each role's levels, weighted by how "
            "much each skill matters to the role (role data from O*NET, CC BY 4.0)."
        )
        legend.setWordWrap(True)
        how_layout.addWidget(legend)
        self.how.setVisible(False)
        self.how_button.toggled.connect(self.how.setVisible)
        layout.addWidget(self.how)

        self.recommendations = RecommendationsPanel(ctx)
        layout.addWidget(self.recommendations)
        layout.addStretch(1)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_age)
        self._tick.start()
        self.refresher.computed.connect(self._on_computed)
        self.refresher.busy_changed.connect(lambda _b: self._update_age())
        self.refresher.failed.connect(self._on_failed)
        ctx.profile_changed.connect(lambda _pid: self.load())
        ctx.events.domain_event.connect(self._on_event)
        self.load()

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        """Show the last stored numbers at once, then recompute in the background."""
        pid = self.ctx.profile_id
        self.document = None
        if pid is None:
            self._show_empty()
            return
        from careerdesk.core.insights.service import InsightsService

        svc = self.ctx.service(InsightsService)
        self.title.setText("<h2>Career insights</h2>")
        self.ctx.runner.run(
            lambda _s: (svc.latest(pid), svc.history(pid, HISTORY_POINTS)),
            name="insights-read",
            on_success=lambda r: self._show_stored(pid, *r),
        )
        self.refresher.request(pid)
        self.recommendations.load()

    def refresh(self) -> None:
        self.refresher.request(self.ctx.profile_id)

    def _show_stored(self, pid: int, latest: Any, history: list[Any]) -> None:
        if pid != self.ctx.profile_id:
            return
        self.sparkline.set_values([p.readiness for p in history])
        if latest is not None and self.document is None:
            self.show_document(latest)

    def _on_computed(self, result: Any) -> None:
        if result.document.profile_id == self.ctx.profile_id:
            self.show_document(result.document)

    def _on_failed(self, profile_id: int, message: str) -> None:
        if profile_id == self.ctx.profile_id:
            self.updated.setText(f"Could not update: {message}")

    def _on_event(self, event: DomainEvent) -> None:
        pid = event.profile_id if isinstance(event, InsightsUpdated) else None
        if pid is not None and pid == self.ctx.profile_id:
            from careerdesk.core.insights.service import InsightsService

            svc = self.ctx.service(InsightsService)
            self.ctx.runner.run(
                lambda _s: svc.history(pid, HISTORY_POINTS),
                name="insights-history",
                on_success=lambda h: (
                    self.sparkline.set_values([p.readiness for p in h])
                    if pid == self.ctx.profile_id
                    else None
                ),
            )

    # -- display -----------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.title.setText("<h2>Career insights</h2>")
        self.hints.set_hints(["Open or set up a profile (File → Switch profile) to begin."])
        self.gauge.set_value(None)
        self.updated.setText("")

    def show_document(self, doc: Any) -> None:
        self.document = doc
        r = doc.readiness
        if doc.target_role is None:
            target = "no target role yet"
        elif doc.target_role.chosen:
            target = f"target: {escape(doc.target_role.title)}"
        else:
            target = f"closest match: {escape(doc.target_role.title)}"
        self.title.setText(f"<h2>Career insights <small>— {target}</small></h2>")
        self.hints.set_hints(doc.hints)
        # A new learner sees what to do, not a grey 0 of 100 and a column of 0 % bars.
        measured = r.measured_skills > 0 or r.path_items_done > 0
        self._has_goal = doc.target_role is not None and doc.target_role.chosen
        if self._has_goal:
            self.readiness_empty.setText(
                "Take a short quiz to see where you stand: it measures the skills your goal "
                "needs and gives you a readiness score."
            )
            self.quiz_button.setText("Take a short quiz")
        else:
            self.readiness_empty.setText(
                "Choose the job you are aiming for, then take a short quiz to see where you stand."
            )
            self.quiz_button.setText("Choose your goal…")
        self.quiz_button.setAccessibleName(self.quiz_button.text().rstrip("…"))
        for widget in (self.gauge, self.assessment_bar, self.learning_bar, self.sparkline):
            widget.setVisible(measured)
        self.readiness_empty.setVisible(not measured)
        self.quiz_button.setVisible(not measured)
        self.gauge.set_value(r.value if measured else None)
        self.assessment_bar.set_value(r.assessment_component, r.weights.assessment)
        self.learning_bar.set_value(r.learning_component, r.weights.learning)
        quiz_share, path_share = (
            formatting.share(w) for w in (r.weights.assessment, r.weights.learning)
        )
        self.formula.setText(
            f"Readiness {r.value:.0f} = {quiz_share} of your quiz and rated "
            f"skill levels ({r.assessment_component:.0f}) + {path_share} of your "
            f"learning path done ({r.learning_component:.0f}). {r.measured_skills} of "
            f"{r.role_skills} skills have a level; {r.path_items_done} of {r.path_items} "
            "path items are done."
        )
        self._measured = measured
        self._show_companies()
        self.roles.set_roles(
            doc.roles, doc.top_roles, doc.target_role.role_id if doc.target_role else None
        )
        self.gaps.set_gaps(doc.gaps)
        self.gaps_frame.setVisible(bool(doc.gaps))  # no empty table before there is a goal
        self.action_list.set_actions(doc.next_actions[:3])  # the three that raise it most
        self._update_age()

    def _show_companies(self) -> None:
        from careerdesk.ui.insights.company_view import (
            LIMIT,
            companies_to_show,
            lever_sentences,
            without_explanations,
        )

        doc = self.document
        if doc is None:
            return
        measured = getattr(self, "_measured", True)
        self.bars.setVisible(measured)
        self.companies_empty.setVisible(not measured)
        self.show_all.setVisible(measured and len(doc.companies) > LIMIT)
        if not measured:
            self.bars.set_companies([])
            self.levers.setText("")
            return
        shown = companies_to_show(doc.companies, show_all=self.show_all.isChecked())
        self.bars.set_companies(without_explanations(shown))
        names = {g.skill_id: g.name for g in doc.gaps}
        self.levers.setText("\n".join(lever_sentences(shown, names)))
        self.show_all.setText(
            "Show &fewer" if self.show_all.isChecked() else f"Show &all {len(doc.companies)}"
        )

    def _empty_action(self) -> None:
        if getattr(self, "_has_goal", False):
            self._show_tab("assessments")
            return
        from careerdesk.ui.learning.tab import open_target_role_dialog

        open_target_role_dialog(self.ctx, self.window(), 0)

    def _show_tab(self, key: str) -> None:
        window = self.ctx.window
        if window is not None:
            try:
                window.show_tab(key)
            except KeyError:
                pass

    def _update_age(self) -> None:
        if self.refresher.busy and self.document is None:
            self.updated.setText("Calculating…")
            return
        if self.document is None:
            self.updated.setText("")
            return
        computed: datetime = self.document.computed_at
        seconds = (self.ctx.app.clock.now() - computed).total_seconds()
        suffix = " · updating…" if self.refresher.busy else ""
        self.updated.setText(f"Updated {ago(seconds)}{suffix}")

    # -- actions -----------------------------------------------------------------------------
    def open_company(self, name: str) -> None:
        """The company's card (history, tech stack, research), shared with the Pipeline."""
        from careerdesk.ui.companies import open_card

        # Target companies may have no application yet: their card starts empty.
        open_card(self.ctx, name, self, allow_new=True)

    def edit_companies(self) -> None:
        if self.ctx.profile_id is None:
            return
        CompaniesDialog(self.ctx, self.ctx.profile_id, self.window()).exec()

    def _go_to_action(self, action: Any) -> None:
        if action is None:
            return
        window = self.ctx.window
        key = ACTION_TABS.get(action.kind)
        try:
            if window is None or key is None:
                raise KeyError(key)
            window.show_tab(key)
        except KeyError:
            self.ctx.status(f"Next: {action.title}", 6000)
