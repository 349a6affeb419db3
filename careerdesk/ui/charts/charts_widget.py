"""The Skill charts tab: interview practices on the left, four charts on the right.

First show: the Qt-only parts (practice list) paint at once while matplotlib is imported on
a worker thread; the chart canvases are created when it is in, then drawn from data gathered
in the background. Charts redraw when a domain event says their data changed (never on a
timer), and when the desktop palette switches between light and dark.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.charts.queries import ChartsData, ChartsDataService
from careerdesk.core.insights.events import InsightsUpdated
from careerdesk.core.interviews.events import InterviewPracticeChanged
from careerdesk.core.interviews.service import InterviewPractice, InterviewPracticeService
from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.pipeline.events import InterviewChanged
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.ui.charts.interview_averages import InterviewAveragesPanel
from careerdesk.ui.interviews.practice_list import PracticePanel
from careerdesk.ui.shell.context import UiContext

if TYPE_CHECKING:
    from careerdesk.render.charts.theme import ChartTheme
    from careerdesk.ui.charts.canvas import ChartPanel

# Events after which the charts' data may differ (ProfileUpdated covers skill ratings and
# levels recorded by the learning feature; TargetRoleChanged the radar's target).
REFRESH_ON: tuple[type[DomainEvent], ...] = (
    AssessmentCompleted,
    InterviewPracticeChanged,
    InterviewChanged,  # a real interview's scores (pipeline)
    InsightsUpdated,
    ProfileUpdated,
    TargetRoleChanged,
    DataRestored,
)


def _load_chart_modules(_state: object) -> float:
    """Worker thread: import matplotlib (returns the seconds taken).

    The QtAgg backend module only defines classes and key tables at import (no QObject is
    created), so it is imported here too and the GUI thread only builds the canvases.
    """
    started = time.perf_counter()
    import matplotlib.backends.backend_qtagg  # noqa: F401

    import careerdesk.render.charts.export  # noqa: F401  (figures + matplotlib.figure)

    return time.perf_counter() - started


class ChartsTab(QWidget):
    """Interview practice editor and the skill charts for the current profile."""

    charts_ready = Signal()  # canvases exist (matplotlib loaded)
    data_shown = Signal(object)  # ChartsData just handed to the charts

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.panels: dict[str, ChartPanel] = {}
        self.data: ChartsData | None = None
        self._generation = 0
        self._loading = False
        self._stale = True
        self._theme_cache: ChartTheme | None = None
        self.import_seconds: float | None = None
        # Start the slow import first, so it overlaps building the widgets below.
        ctx.runner.run(_load_chart_modules, name="load-matplotlib", on_success=self._build_charts)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        self.no_profile = QWidget()
        np_layout = QVBoxLayout(self.no_profile)
        np_text = QLabel(
            "No profile is open. Choose or create a profile to record interview practice "
            "and see your skill charts."
        )
        np_text.setWordWrap(True)
        choose = QPushButton("Choose or create a profile…")
        choose.clicked.connect(self._switch_profile)
        np_layout.addWidget(np_text)
        np_layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        np_layout.addStretch(1)
        self.pages.addWidget(self.no_profile)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.practices = PracticePanel(ctx)
        self.splitter.addWidget(self.practices)
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setDocumentMode(True)
        self.averages = InterviewAveragesPanel()
        self.loading_label = QLabel("Loading charts…")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_area = QStackedWidget()
        self.chart_area.addWidget(self.loading_label)
        self.chart_area.addWidget(self.chart_tabs)
        self.splitter.addWidget(self.chart_area)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([380, 800])
        self.pages.addWidget(self.splitter)

        ctx.events.domain_event.connect(self._on_event)
        ctx.profile_changed.connect(lambda _pid: self.invalidate())
        self.invalidate()

    # -- charts --------------------------------------------------------------------------
    def _build_charts(self, seconds: float) -> None:
        from careerdesk.render.charts.figures import CHARTS
        from careerdesk.ui.charts.canvas import ChartPanel

        self.import_seconds = seconds
        for spec in CHARTS:
            panel = ChartPanel(spec.key, spec.title, self.ctx, self.theme)
            self.panels[spec.key] = panel
            self.chart_tabs.addTab(panel, spec.title)
        self.chart_tabs.addTab(self.averages, "Interview averages")
        self.chart_area.setCurrentWidget(self.chart_tabs)
        self.charts_ready.emit()
        if self.data is not None:
            self._hand_to_panels(self.data)

    def theme(self) -> ChartTheme:
        """Chart colours from the widget's palette (dark when the window colour is dark)."""
        if self._theme_cache is None:
            from careerdesk.render.charts.theme import ChartTheme

            pal = self.palette()
            self._theme_cache = ChartTheme.from_palette(
                pal.window().color().name(),
                pal.base().color().name(),
                pal.windowText().color().name(),
            )
        return self._theme_cache

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._theme_cache = None
            for panel in self.panels.values():
                panel.redraw()

    # -- data ----------------------------------------------------------------------------
    def _on_event(self, event: DomainEvent) -> None:
        if not isinstance(event, REFRESH_ON):
            return
        if event.profile_id is not None and event.profile_id != self.ctx.profile_id:
            return
        self.invalidate()

    def invalidate(self) -> None:
        """The data may have changed: reload now if shown, else when next shown."""
        self._stale = True
        if self.isVisible() or self.data is None:
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Gather practices and chart series in the background, then show them."""
        pid = self.ctx.profile_id
        if pid is None:
            self.pages.setCurrentWidget(self.no_profile)
            self._stale = False
            return
        self.pages.setCurrentWidget(self.splitter)
        if self._loading:
            return  # _loaded() starts another round: the data changed meanwhile
        self._stale = False
        self._loading = True
        self._generation += 1
        generation = self._generation
        charts = self.ctx.service(ChartsDataService)
        interviews = self.ctx.service(InterviewPracticeService)

        def gather(_state: object) -> tuple[list[InterviewPractice], ChartsData]:
            return interviews.list(pid), charts.gather(pid)

        self.ctx.runner.run(
            gather,
            name="charts-data",
            on_success=lambda result: self._loaded(generation, pid, result),
            on_error=self._failed,
        )

    def _loaded(
        self, generation: int, pid: int, result: tuple[list[InterviewPractice], ChartsData]
    ) -> None:
        self._loading = False
        if self._stale or pid != self.ctx.profile_id or generation != self._generation:
            self.reload()
            return
        practices, data = result
        self.data = data
        self.practices.show_practices(practices)
        self._hand_to_panels(data)

    def _hand_to_panels(self, data: ChartsData) -> None:
        for panel in self.panels.values():
            panel.show_data(data)
        self.averages.show_data(data)
        self.data_shown.emit(data)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.ctx.report(exc)

    def _switch_profile(self) -> None:
        window = self.ctx.window
        if window is not None and hasattr(window, "switch_profile"):
            window.switch_profile()
