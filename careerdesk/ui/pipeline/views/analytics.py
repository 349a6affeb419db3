"""Pipeline → Analytics: funnel, time in stage, breakdowns, patterns, weights and accuracy.

Charts come from ``careerdesk.render.charts.pipeline_analytics`` on matplotlib's Qt canvas,
imported when the view is first shown (not at start-up).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import ApplicationChanged, ApplicationsImported
from careerdesk.core.pipeline.intel.analytics_rules import judged_text
from careerdesk.core.pipeline.intel.analytics_service import AnalyticsReport, AnalyticsService
from careerdesk.ui.common import formatting
from careerdesk.ui.pipeline.style import state_label
from careerdesk.ui.pipeline.views import PipelineView
from careerdesk.ui.shell.context import UiContext

DIMENSION_LABELS = {
    "source": "Source",
    "company": "Company",
    "role": "Role",
    "location": "Location",
    "remote": "Work mode",
    "seniority": "Seniority",
    "industry": "Industry",
    "skill": "Required skill",
}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{formatting.share(x)}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ChartBox(QWidget):
    """One matplotlib figure on a Qt canvas."""

    def __init__(self, height: int = 260) -> None:
        super().__init__()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from careerdesk.render.charts.base import new_figure

        self.figure = new_figure(5.5, height / 100)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumHeight(height)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.canvas)

    def theme(self) -> Any:
        from careerdesk.render.charts.theme import ChartTheme

        pal = self.palette()
        return ChartTheme.from_palette(
            pal.window().color().name(), pal.base().color().name(), pal.windowText().color().name()
        )


class AnalyticsView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: AnalyticsReport | None = None
        self._seq = 0
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.heading = QLabel("<b>Outcome analytics</b>")
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(QLabel("Break down by:"))
        self.dimension = QComboBox()
        for key, label in DIMENSION_LABELS.items():
            self.dimension.addItem(label, key)
        self.dimension.currentIndexChanged.connect(lambda _i: self._draw_breakdown())
        bar.addWidget(self.dimension)
        self.refresh_btn = QPushButton("Refresh")
        self.refresh_btn.setShortcut("F5")
        self.refresh_btn.clicked.connect(self.refresh)
        bar.addWidget(self.refresh_btn)
        outer.addLayout(bar)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        grid = QGridLayout(body)
        self.funnel_chart = ChartBox()
        self.breakdown_chart = ChartBox()
        self.weights_chart = ChartBox(220)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.learning = QLabel()
        self.learning.setWordWrap(True)
        self.learning.setTextFormat(Qt.TextFormat.RichText)
        self.learning.setAlignment(Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.funnel_chart, 0, 0)
        grid.addWidget(self.summary, 0, 1)
        grid.addWidget(self.breakdown_chart, 1, 0)
        grid.addWidget(self.weights_chart, 1, 1)
        grid.addWidget(self.learning, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.refresh())
        self.refresh()

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, DataRestored) or (
            event.profile_id == self.ctx.profile_id
            and isinstance(event, ApplicationChanged | ApplicationsImported)
            and self.isVisible()
        ):
            self.refresh()

    def refresh(self) -> None:
        pid = self.ctx.profile_id
        if pid is None:
            self.summary.setText("Choose a profile to see its analytics.")
            return
        self._seq += 1
        seq = self._seq
        svc = self.ctx.service(AnalyticsService)
        self.heading.setText("<b>Outcome analytics</b> — computing…")
        # report() records new outcomes (a write), so it runs on the write lane.
        self.ctx.runner.run(
            lambda _s: svc.report(pid),
            write=True,
            name="pipeline-analytics",
            on_success=lambda r: self._show(seq, pid, r),
        )

    def _show(self, seq: int, pid: int, report: AnalyticsReport) -> None:
        if seq != self._seq or pid != self.ctx.profile_id:
            return
        self.report = report
        self.heading.setText(f"<b>Outcome analytics</b> — {report.total} applications")
        from careerdesk.render.charts.pipeline_analytics import draw_funnel, draw_weights

        box = self.funnel_chart
        draw_funnel(
            box.figure, box.theme(), [(f.stage, f.count, f.conversion) for f in report.funnel]
        )
        box.canvas.draw_idle()
        w = report.weights
        box = self.weights_chart
        draw_weights(box.figure, box.theme(), w.weights, w.defaults)
        box.canvas.draw_idle()
        self._draw_breakdown()
        self.summary.setText(self._summary_html(report))
        self.learning.setText(self._learning_html(report))

    def _draw_breakdown(self) -> None:
        if self.report is None:
            return
        from careerdesk.render.charts.pipeline_analytics import draw_breakdown

        dim = self.dimension.currentData()
        rows = [(r.value, r.applied, r.interviews, r.offers) for r in self.report.breakdowns[dim]]
        box = self.breakdown_chart
        draw_breakdown(box.figure, box.theme(), DIMENSION_LABELS[dim].lower(), rows)
        box.canvas.draw_idle()

    @staticmethod
    def _summary_html(r: AnalyticsReport) -> str:
        parts = ["<b>Median days in stage</b><br>"]
        if r.time_in_stage:
            parts.append(
                "<br>".join(
                    f"{state_label(state)}: {formatting.number(days, 1)} days"
                    for state, days in sorted(r.time_in_stage.items(), key=lambda t: -t[1])
                )
            )
        else:
            parts.append("<i>No finished stages yet.</i>")
        a = r.accuracy
        parts.append(
            f"<br><br><b>Were the verdicts right?</b><br>"
            f"“Apply now” as a prediction of reaching an interview, over {a.n} outcomes:<br>"
            f"precision {_pct(a.precision)}, recall {_pct(a.recall)}, F1 {_pct(a.f1)}"
            f"<br><small>{_esc(judged_text(r.judged))}</small>"
        )
        return "".join(parts)

    @staticmethod
    def _learning_html(r: AnalyticsReport) -> str:
        w = r.weights
        pats = "".join(f"<li>{_esc(p)}</li>" for p in r.patterns) or (
            "<li><i>No clear pattern yet: patterns need 3+ applications per value.</i></li>"
        )
        if w.explanation and w.refitted_at is not None:
            why = "".join(f"<li>{_esc(e)}</li>" for e in w.explanation)
            learned = (
                f"Re-balanced on {formatting.date(w.refitted_at)} from {w.outcomes} results:"
                f"<ul>{why}</ul>"
            )
        else:
            learned = "<p>Still the usual balance: not enough results yet.</p>"
        return (
            f"<b>Patterns</b><ul>{pats}</ul><b>Learning from your results</b> "
            "(after every 10 results the fit score re-balances how much each part counts, "
            "each between half and one and a half times its usual share; next after "
            f"{w.next_refit_after} more).<br>{learned}"
        )


def _factory(ctx: UiContext, _store: Any) -> QWidget:
    return AnalyticsView(ctx)


VIEW = PipelineView("analytics", "Analytics", 50, _factory)
