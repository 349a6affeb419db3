"""Start-up speed: what runs before the first screen, what runs after it (docs/performance.md).

The user waits for one thing: their Home with its data. So:

* ``prepare_first_screen`` runs on the worker that opens the database, right after it: it
  imports every tab module, the Home cards and the start-up helpers, and builds the services
  the first screen asks for. Importing is most of the GUI thread's start-up cost, and module
  imports are thread-safe (the modules only define classes and value constants), so the GUI
  thread is left with building widgets.
* ``warm_up`` runs once the Home is on screen: matplotlib (the Skill charts tab, the
  pipeline's analytics), the settings and profile dialogs — on the parallel pool, one module
  at a time, so the GUI thread keeps getting the interpreter between imports.
* Nothing imports the composition root beside the window while it is built: a thread that
  did (``preimport_core``, removed) slowed the first paint more than it sped up the database
  open, most in the frozen bundle (docs/performance.md, "The bundle's first paint").
* ``StallMonitor`` measures what the user would feel meanwhile: the longest gap between two
  ticks of a 10 ms timer on the GUI thread (the start-up benchmark reports it).
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer

from careerdesk.core.kernel import timeline

if TYPE_CHECKING:
    from careerdesk.app import App
    from careerdesk.core.profiles.service import ProfileInfo
    from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)

# Modules the first screen's set-up imports on the GUI thread (menus, the insights
# refresher, the calendar actions) — imported beforehand on the worker.
FIRST_SCREEN_MODULES = (
    "careerdesk.ui.calendar.actions",
    "careerdesk.ui.insights.refresher",
    "careerdesk.core.insights.service",
    "careerdesk.core.insights.career_service",
    "careerdesk.core.insights.events",
    "careerdesk.core.profiles.workflow",
    # What the Home's own cards import when they first load (ui/home/next_steps.py).
    "careerdesk.core.assessments",
    "careerdesk.core.learning.service",
    "careerdesk.core.pipeline.service",
    "careerdesk.core.skills.service",
    "careerdesk.core.reference.catalog",
    # What the first screen's set-up still imported on the GUI thread (found with a
    # per-callback timer, docs/performance.md): the restore watcher, the menu actions of
    # the learning and insights tabs, the readiness card's gauge and trend, the pipeline's
    # insights provider.
    "careerdesk.ui.shell.restore_watch",
    "careerdesk.ui.learning.packs",
    "careerdesk.ui.insights.actions",
    "careerdesk.ui.insights.gauge",
    "careerdesk.core.insights.trend",
    "careerdesk.core.pipeline.insights_provider",
)

# The widget modules that tab factories import on first show.
TAB_WIDGET_MODULES = (
    "careerdesk.ui.pipeline.pipeline_widget",
    "careerdesk.ui.insights.insights_widget",
    "careerdesk.ui.player.player_widget",
    "careerdesk.ui.charts.charts_widget",
)

# Imported after the first screen (see ``warm_modules`` for the order).
WARM_MODULES = (
    "matplotlib.backends.backend_qtagg",
    "careerdesk.render.charts.export",
    "careerdesk.ui.charts.canvas",
    "careerdesk.ui.profiles.dialog",
    "careerdesk.ui.profiles.details_dialog",
    "careerdesk.ui.settings.dialog",
)


def prepare_first_screen(app: App) -> list[ProfileInfo]:
    """Worker thread, after the database opened: import and build what the first screen uses
    (the Home tab and its cards, the tabs that add menu actions); the other tabs' modules
    wait for the warm-up. Returns the profiles, for the GUI thread to choose the one to open
    without querying them itself."""
    from careerdesk.core.calendar.sync import CalendarSync
    from careerdesk.core.profiles.workflow import WorkflowService
    from careerdesk.ui.home.cards import discover_cards
    from careerdesk.ui.shell.tabs import tab_headers

    for header in tab_headers():
        if header.key == "home" or header.has_actions:
            header.spec()
    discover_cards()
    for name in FIRST_SCREEN_MODULES:
        importlib.import_module(name)
    from careerdesk.core.insights.career_service import CareerRecommendationService

    for cls in (WorkflowService, CalendarSync, CareerRecommendationService):
        app.service(cls)
    # The first ORM query configures every mapper (a few hundred milliseconds): here, not
    # in the GUI thread's choice of the start profile.
    profiles = app.profiles.list()
    timeline.mark("first-screen-prepared")
    return profiles


def warm_modules() -> list[str]:
    """What the warm-up imports, in order: matplotlib first (the slowest tab to open cold),
    then every tab's module and its widget, then the dialogs."""
    from careerdesk.ui.shell.tabs import tab_headers

    tabs = [h.module for h in tab_headers()]
    return [*WARM_MODULES[:3], *tabs, *TAB_WIDGET_MODULES, *WARM_MODULES[3:]]


def _import_one(name: str) -> Callable[[object], float]:
    def work(_state: object) -> float:
        started = time.perf_counter()
        try:
            importlib.import_module(name)
        except ImportError:  # an optional part missing from a trimmed bundle: not fatal
            log.warning("warm-up could not import %s", name, exc_info=True)
        return time.perf_counter() - started

    return work


def hold_collector() -> None:
    """Pause Python's cycle collector for the start-up (see :func:`settle_imports`)."""
    gc.disable()


# While the window opens, worker threads (the database, the first screen's reads, the
# imports, then the work held back for the first screen) run Python code; the GUI thread needs
# the interpreter lock for every slot, event handler and first call of a new widget's virtual
# methods — a hundred or more short calls to build and paint a screen — and a thread waiting
# for it gets it only when the holder's switch interval (5 ms by default) runs out. A much
# shorter interval during start-up bounds each of those waits. Measured on the first start
# without the kept Home (docs/performance.md, "Stalls"), the longest stall until the live Home
# was 46-62 ms with 1 ms and 38-41 ms with 0.2 ms (21-31 ms once the message boxes no longer
# needed an application-wide filter); the interval only costs anything while a thread is
# waiting for the lock.
STARTUP_SWITCH_INTERVAL_S = 0.0002
_switch_interval_before: list[float] = []


def favour_gui_thread() -> None:
    """Hand the interpreter lock round more often until :func:`stop_favouring_gui_thread`."""
    if not _switch_interval_before:
        _switch_interval_before.append(sys.getswitchinterval())
        sys.setswitchinterval(STARTUP_SWITCH_INTERVAL_S)


def stop_favouring_gui_thread() -> None:
    """Back to Python's own switch interval: start-up is over (the warm-up and the work
    held back for the first screen are done)."""
    if _switch_interval_before:
        sys.setswitchinterval(_switch_interval_before.pop())


def settle_imports() -> None:
    """Move everything imported so far out of reach of the cycle collector and resume it.

    Modules, classes and functions live as long as the process. A full collection scans
    every one of them with the interpreter lock held — about 100 ms once matplotlib, the
    ORM and pydantic are loaded — and whichever thread trips it, the GUI thread waits
    (measured as stalls, docs/performance.md). During start-up the imports trip one
    collection after another, so the collector is paused until the warm-up is done; then
    ``gc.freeze`` parks what exists in the permanent generation (a constant-time move, no
    scan on the GUI thread) and later collections scan only what is new. The few cycles the
    imports left behind stay parked with them.
    """
    gc.freeze()
    gc.enable()


def warm_up(ctx: UiContext, on_done: Callable[[], None] | None = None) -> None:
    """After the first screen: import the rest in the background, one module per task.

    The cycle collector is paused while the imports run (they allocate hundreds of
    thousands of long-lived objects, each batch tripping a collection that scans all the
    previous ones) and the result is frozen at the end (:func:`settle_imports`).
    """
    pending = warm_modules()
    timeline.mark("warm-up-start")
    hold_collector()

    def next_one(_took: object = None) -> None:
        if not pending:
            settle_imports()
            timeline.mark("warm-up-done")
            if on_done is not None:
                on_done()
            return
        name = pending.pop(0)
        ctx.runner.run(_import_one(name), name=f"warm:{name}", on_success=next_one)

    next_one()


class StallMonitor(QObject):
    """The longest gap between ticks of a 10 ms timer on the GUI thread, in milliseconds.

    A gap longer than the interval is time the GUI thread could not answer the user. Two
    phases are kept apart: from the first paint until the live Home with its data is on
    screen (``until-live-home``: the whole time the learner may already click) and the
    warm-up after it. With each longest gap it keeps the GUI thread's own CPU time in that
    gap (``gui_cpu_ms``): on a loaded machine it tells work on the GUI thread (the figure
    is close to the gap) from waiting for a processor or for Python's lock (it is small).
    """

    INTERVAL_MS = 10
    PHASES = ("until-live-home", "warm-up")

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        now_ms: Callable[[], float] | None = None,
        cpu_ms: Callable[[], float] | None = None,
        trace_ms: Callable[[], float] = timeline.elapsed_ms,
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.tick)
        if now_ms is None:
            clock = QElapsedTimer()
            clock.start()
            now_ms = lambda: float(clock.elapsed())  # noqa: E731  (a clock, injected in tests)
        # Read on the GUI thread (``tick`` runs there): that thread's CPU time.
        self._now = now_ms
        self._cpu = cpu_ms or (lambda: time.thread_time() * 1000.0)
        self._trace_ms = trace_ms
        self._last = self._now()
        self._last_cpu = self._cpu()
        self.phase = self.PHASES[0]
        self.max_gap_ms: dict[str, float] = dict.fromkeys(self.PHASES, 0.0)
        self.gui_cpu_ms: dict[str, float] = dict.fromkeys(self.PHASES, 0.0)
        # When each longest stall ended, on the start-up timeline's clock: the trace places
        # it among the phases (which work it sat in), docs/performance.md.
        self.ended_at_ms: dict[str, float] = dict.fromkeys(self.PHASES, 0.0)

    def start(self) -> None:
        self._last, self._last_cpu = self._now(), self._cpu()
        self._timer.start()

    def next_phase(self) -> None:
        self.phase = self.PHASES[1]
        self._last, self._last_cpu = self._now(), self._cpu()

    def stop(self) -> dict[str, float]:
        self._timer.stop()
        return dict(self.max_gap_ms)

    def tick(self) -> None:
        now, cpu = self._now(), self._cpu()
        gap, self._last = now - self._last, now
        used, self._last_cpu = cpu - self._last_cpu, cpu
        stall = max(0.0, gap - self.INTERVAL_MS)
        if stall > self.max_gap_ms[self.phase]:
            self.max_gap_ms[self.phase] = stall
            self.gui_cpu_ms[self.phase] = round(used, 1)
            self.ended_at_ms[self.phase] = round(self._trace_ms(), 1)
