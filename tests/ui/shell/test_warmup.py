"""Start-up speed helpers: first-screen preparation, the warm-up and the stall monitor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerdesk.cli import _names_a_command
from careerdesk.core.kernel import plugins
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.tabs import TabHeader, header_of, static_header, tab_headers
from careerdesk.ui.shell.warmup import (
    StallMonitor,
    favour_gui_thread,
    prepare_first_screen,
    settle_imports,
    stop_favouring_gui_thread,
    warm_modules,
    warm_up,
)


def test_stall_monitor_reports_the_longest_gap_beyond_its_interval_per_phase(qtbot) -> None:  # type: ignore[no-untyped-def]
    now, cpu = [0.0], [0.0]
    # The start-up timeline's clock runs 1,000 ms ahead of the monitor's own.
    monitor = StallMonitor(
        now_ms=lambda: now[0], cpu_ms=lambda: cpu[0], trace_ms=lambda: 1000.0 + now[0]
    )
    monitor.start()
    # (wall ms, GUI-thread CPU ms) between ticks: one 75 ms gap, 60 ms of it GUI work.
    for step, used in ((10.0, 1.0), (10.0, 1.0), (75.0, 60.0), (12.0, 2.0)):
        now[0] += step
        cpu[0] += used
        monitor.tick()
    monitor.next_phase()
    # The warm-up: a 31 ms gap spent waiting (1 ms of GUI work), then a shorter busy one.
    for step, used in ((10.0, 1.0), (31.0, 1.0), (25.0, 14.0)):
        now[0] += step
        cpu[0] += used
        monitor.tick()
    assert monitor.stop() == {"until-live-home": 65.0, "warm-up": 21.0}
    assert monitor.gui_cpu_ms == {"until-live-home": 60.0, "warm-up": 1.0}
    # Where each longest stall ended on the timeline: 10 + 10 + 75 ms, then + 12 + 10 + 31 ms.
    assert monitor.ended_at_ms == {"until-live-home": 1095.0, "warm-up": 1148.0}


def test_stall_monitor_counts_no_stall_when_ticks_are_on_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [0.0]
    monitor = StallMonitor(now_ms=lambda: now[0])
    monitor.start()
    for _ in range(5):
        now[0] += 9.5  # early ticks are not negative stalls
        monitor.tick()
    assert monitor.stop() == {"until-live-home": 0.0, "warm-up": 0.0}


def test_prepare_first_screen_imports_what_the_first_screen_uses(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    prepare_first_screen(sqlite_app)
    for module in (
        "careerdesk.ui.home.tab",
        "careerdesk.ui.pipeline.tab",
        "careerdesk.ui.insights.tab",
        "careerdesk.ui.calendar.actions",
        "careerdesk.ui.insights.refresher",
    ):
        assert module in sys.modules


def test_warm_up_imports_matplotlib_in_the_background_and_says_when_done(qtbot, sqlite_app) -> None:  # type: ignore[no-untyped-def]
    import gc

    ctx = UiContext(sqlite_app)
    done: list[bool] = []
    collecting: list[bool] = []
    warm_up(ctx, on_done=lambda: done.append(True))
    collecting.append(gc.isenabled())  # paused while the imports run
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    assert collecting == [False]
    # Resumed afterwards, with what was loaded parked out of its scans.
    assert gc.isenabled() and gc.get_freeze_count() > 0
    modules = warm_modules()
    assert modules[0] == "matplotlib.backends.backend_qtagg"  # the slowest tab first
    assert "careerdesk.ui.pipeline.pipeline_widget" in modules
    for module in modules:
        assert module in sys.modules
    ctx.shutdown()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], False),
        (["--kiosk"], False),
        (["--trace-startup", "trace.json"], False),
        (["--trace-startup=trace.json", "-v"], False),
        (["profile", "list"], True),
        (["--trace-startup", "t.json", "demo"], True),
        (["-h"], True),
    ],
)
def test_only_a_subcommand_or_help_imports_the_commands(argv: list[str], expected: bool) -> None:
    assert _names_a_command(argv) is expected


@pytest.mark.slow
def test_trace_startup_writes_the_phases_in_the_order_the_user_sees_them(
    tmp_path: Path, careerdesk_home: Path
) -> None:
    env = {**os.environ, "CAREERDESK_HOME": str(careerdesk_home), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "careerdesk", "demo"], env=env, check=True)
    trace = tmp_path / "trace.json"
    out = subprocess.run(
        [sys.executable, "-m", "careerdesk", "--trace-startup", str(trace)],
        env={**env, "CAREERDESK_EXIT_AFTER_FIRST_PAINT": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    printed = out.stdout.split()
    assert printed[:2] == ["first-paint", "profile-ready"]
    data = json.loads(trace.read_text(encoding="utf-8"))
    names = [m["name"] for m in data["marks"]]
    # The window paints while the database opens on a worker, so the two chains are
    # ordered each in itself, not against each other.
    window = ["qt-ready", "first-paint", "profile-ready", "warm-up-done"]
    data_chain = [
        "database-open-done",
        "first-screen-prepared",
        "profile-set",
        "home-data-shown",
        "profile-ready",
    ]
    for chain in (window, data_chain):
        assert [n for n in names if n in chain] == chain
    assert set(data["max_stall_ms"]) == {"until-live-home", "warm-up"}
    assert set(data["max_stall_gui_cpu_ms"]) == {"until-live-home", "warm-up"}
    assert "home-preview-built" not in names  # a first start has no Home to show yet

    # The second start of the same learner, nothing changed in between: the Home as last
    # shown is painted with the window, and the live Home takes over once it has its data.
    out = subprocess.run(
        [sys.executable, "-m", "careerdesk", "--trace-startup", str(trace)],
        env={**env, "CAREERDESK_EXIT_AFTER_FIRST_PAINT": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[:3] == ["first-paint", "profile-ready", "profile-live"]
    names = [m["name"] for m in json.loads(trace.read_text(encoding="utf-8"))["marks"]]
    preview_chain = ["home-preview-built", "first-paint", "profile-ready", "database-open-done"]
    live_chain = ["database-open-done", "home-data-shown", "profile-live", "warm-up-done"]
    for chain in (preview_chain, live_chain):
        assert [n for n in names if n in chain] == chain


# Every tab of the product, written out by hand: (key, title, order, advisor_only, has_actions).
EXPECTED_TABS = [
    ("home", "Home", 0, False, False),
    ("assessments", "Assessments", 10, False, False),
    ("learning", "Learning", 20, False, True),  # File → Import → Content pack…
    ("player", "Player", 30, False, False),
    ("insights", "Insights", 40, False, True),
    ("pipeline", "Pipeline", 50, False, True),
    ("resumes", "Résumés", 55, False, False),
    ("charts", "Skill charts", 60, False, False),
    ("advisor", "Advisor", 90, True, False),
]


def _rows(headers: list[TabHeader]) -> list[tuple[str, str, int, bool, bool]]:
    return [(h.key, h.title, h.order, h.advisor_only, h.has_actions) for h in headers]


def test_tab_headers_read_from_source_match_the_tabs_and_import_nothing() -> None:
    headers = tab_headers()
    assert _rows(headers) == EXPECTED_TABS
    for header in headers:  # the same answer as importing the module
        assert header == header_of(header.spec(), header.module)


def test_frozen_bundle_reads_tab_headers_from_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugins.sys, "frozen", True, raising=False)
    assert _rows(tab_headers()) == EXPECTED_TABS


def test_a_tab_whose_header_is_computed_is_imported_instead(tmp_path: Path) -> None:
    source = tmp_path / "computed_tab.py"
    source.write_text(
        "from careerdesk.ui.shell.tabs import TabSpec\n"
        "TITLE = 'Computed'\n"
        "TAB = TabSpec(key='c', title=TITLE, order=5, factory=lambda ctx: None)\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        assert static_header("computed_tab") is None
        assert "computed_tab" not in sys.modules  # reading the header did not import it
    finally:
        sys.path.remove(str(tmp_path))


def test_home_says_its_data_is_on_screen_only_when_progress_and_every_card_have_loaded(
    qtbot, sqlite_app
) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.home.tab import HomeTab

    profile = sqlite_app.profiles.create("Ada")
    ctx = UiContext(sqlite_app, profile_id=profile.id)
    seen: list[str] = []
    ctx.screen_ready.connect(seen.append)
    home = HomeTab(ctx)
    qtbot.addWidget(home)
    qtbot.waitUntil(lambda: "home" in seen, timeout=30_000)
    parts = {"home:workflow", "home:readiness", "home:target_role", "home:followups"}
    assert parts <= set(seen[: seen.index("home")])  # every part came before "home"
    assert seen.count("home") == 1
    ctx.runner.wait_idle(10)
    ctx.shutdown()


def test_what_paints_the_first_window_imports_neither_the_orm_nor_pydantic() -> None:
    # Both cost hundreds of milliseconds on the GUI thread; the database worker and the
    # pre-import thread load them while the window paints (docs/performance.md).
    code = (
        "import sys\n"
        "import careerdesk.ui.shell.app, careerdesk.ui.shell.main_window\n"
        "import careerdesk.ui.home.preview, careerdesk.core.kernel.home_snapshot\n"
        "print(sorted(m for m in ('sqlalchemy', 'pydantic', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_gui_thread_is_favoured_from_first_paint_until_start_up_is_over() -> None:
    """Between first paint and the end of start-up (the warm-up and the work held back for
    the first screen) the interpreter lock changes hands every 0.2 ms (docs/performance.md,
    "Stalls"), then Python's own interval is back."""
    before = sys.getswitchinterval()
    try:
        favour_gui_thread()
        assert sys.getswitchinterval() == pytest.approx(0.0002)
        favour_gui_thread()  # a second call must not lose the interval to go back to
        settle_imports()  # the warm-up's imports are done, the held-back work is not
        assert sys.getswitchinterval() == pytest.approx(0.0002)
        stop_favouring_gui_thread()
        assert sys.getswitchinterval() == pytest.approx(before)
        stop_favouring_gui_thread()  # nothing left to restore: stays
        assert sys.getswitchinterval() == pytest.approx(before)
    finally:
        sys.setswitchinterval(before)
