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
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.insights.events import InsightsUpdated
from careerdesk.core.kernel.events import DomainEvent
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(12)

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

        top = QGridLayout()
        readiness, r_layout, _ = section("Readiness")
        self.gauge = ReadinessGauge()
        r_layout.addWidget(self.gauge)
        self.assessment_bar = ComponentBar("Assessments")
        self.learning_bar = ComponentBar("Learning path")
        r_layout.addWidget(self.assessment_bar)
        r_layout.addWidget(self.learning_bar)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        r_layout.addWidget(self.formula)
        self.sparkline = Sparkline()
        r_layout.addWidget(self.sparkline)
        # The company list beside it is taller: keep the readiness block at the top.
        r_layout.addStretch(1)
        top.addWidget(readiness, 0, 0)

        companies, c_layout, c_head = section("Chances by company")
        edit = QPushButton("&Edit companies…")
        edit.clicked.connect(self.edit_companies)
        c_head.addWidget(edit)
        self.bars = CompanyBars()
        self.bars.company_activated.connect(self.open_company)
        c_layout.addWidget(self.bars)
        legend = QLabel(
            "<small>A chance index from readiness and each company's difficulty (60 × factor"
            " gives an even chance); green ≥ 60, amber ≥ 30, red below. Hover for details."
            "</small>"
        )
        legend.setWordWrap(True)
        c_layout.addWidget(legend)
        c_layout.addStretch(1)
        top.addWidget(companies, 0, 1)
        top.setColumnStretch(0, 2)
        top.setColumnStretch(1, 3)
        layout.addLayout(top)

        roles, roles_layout, _ = section("Best-matching roles")
        self.roles = RoleCards()
        roles_layout.addWidget(self.roles)
        layout.addWidget(roles)

        lower = QGridLayout()
        gaps, g_layout, _ = section("Skill gaps for your target role")
        self.gaps = GapTable()
        g_layout.addWidget(self.gaps)
        lower.addWidget(gaps, 0, 0)
        actions, a_layout, _ = section("Next best actions")
        self.action_list = ActionList()
        self.action_list.activated_action.connect(self._go_to_action)
        a_layout.addWidget(self.action_list)
        lower.addWidget(actions, 0, 1)
        lower.setColumnStretch(0, 3)
        lower.setColumnStretch(1, 2)
        layout.addLayout(lower)

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
        self.hints.set_hints(["Choose or create a profile (File → Switch profile) to begin."])
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
        self.gauge.set_value(r.value)
        self.assessment_bar.set_value(r.assessment_component, r.weights.assessment)
        self.learning_bar.set_value(r.learning_component, r.weights.learning)
        self.formula.setText(
            f"<small>{r.value:.1f} = {r.weights.assessment:.0%} × {r.assessment_component:.1f}"
            f" + {r.weights.learning:.0%} × {r.learning_component:.1f} · "
            f"{r.measured_skills} of {r.role_skills} skills measured · "
            f"{r.path_items_done} of {r.path_items} path items done</small>"
        )
        self.bars.set_companies(doc.companies)
        self.roles.set_roles(
            doc.roles, doc.top_roles, doc.target_role.role_id if doc.target_role else None
        )
        self.gaps.set_gaps(doc.gaps)
        self.action_list.set_actions(doc.next_actions)
        self._update_age()

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
