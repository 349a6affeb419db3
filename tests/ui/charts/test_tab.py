"""Skill charts tab: deferred matplotlib, charts with data and empty states, hover, export,
redraw on domain events, palette-aware colours, the practice editor."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox

from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


def record(ctx, day: int, base: int, notes: str = "") -> object:  # type: ignore[no-untyped-def]
    svc = ctx.service(InterviewPracticeService)
    return svc.create(
        ctx.profile_id,
        PracticeInput(
            held_at=T0 + timedelta(days=day),
            kind="technical",
            title=f"Round {day}",
            focus_skill_id="python",
            communication=base + 5,
            technical=base,
            problem_solving=base + 2,
            code_quality=base - 3,
            notes=notes,
        ),
    )


def open_tab(main_window, qtbot):  # type: ignore[no-untyped-def]
    tab = main_window.show_tab("charts")
    qtbot.waitUntil(lambda: bool(tab.panels) and tab.data is not None, timeout=15000)
    return tab


def show_panel(tab, key: str, qtbot):  # type: ignore[no-untyped-def]
    panel = tab.panels[key]
    tab.chart_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.result is not None and panel.data is tab.data, timeout=5000)
    panel.canvas.draw()
    return panel


def test_matplotlib_loads_only_when_the_tab_is_built(tmp_path: Path) -> None:
    """Fresh interpreter: importing the tab module and opening the main window on another tab
    must not import matplotlib; showing the charts tab does."""
    script = textwrap.dedent(
        """
        import sys, time
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication
        import careerdesk.ui.charts.tab
        from careerdesk.app import build_app
        from careerdesk.ui.shell.context import UiContext
        from careerdesk.ui.shell.main_window import MainWindow
        qt = QApplication([])
        app = build_app()
        ctx = UiContext(app, profile_id=app.profiles.create("P").id)
        window = MainWindow(ctx)
        window.show()
        window.show_tab("home")
        ctx.runner.wait_idle(10)
        print("before", "matplotlib" in sys.modules, flush=True)
        tab = window.show_tab("charts")
        deadline = time.monotonic() + 30
        while not tab.panels and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        print("after", "matplotlib" in sys.modules, bool(tab.panels), flush=True)
        ctx.runner.wait_idle(10)
        ctx.shutdown()
        app.close(backup=False)
        """
    )
    env = {
        **os.environ,
        "CAREERDESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=90
    )
    assert out.returncode == 0, out.stderr
    assert "before False" in out.stdout
    assert "after True True" in out.stdout


def test_empty_states_say_what_to_do(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(main_window, qtbot)
    assert tab.practices.stack.currentWidget() is tab.practices.empty
    for key, words in (
        ("progression", "Record an interview practice"),
        ("radar", "Choose a target role"),
        ("comparison", "Record interview practices"),
        ("readiness", "choose a target role"),
    ):
        panel = show_panel(tab, key, qtbot)
        assert panel.result.empty, key
        assert panel.figure.axes == []  # no blank axis
        texts = " ".join(t.get_text() for t in panel.figure.texts)
        assert panel.result.message in texts and words in texts, key
        assert not panel.result.targets


def test_charts_render_with_data_and_hover_shows_value_and_source(  # type: ignore[no-untyped-def]
    main_window, ui_ctx, qtbot
) -> None:
    ui_ctx.app.profiles.set_target_roles(ui_ctx.profile_id, ["software_engineer"])
    for day, base in ((0, 50), (7, 55), (14, 61), (21, 66)):
        record(ui_ctx, day, base)
    tab = open_tab(main_window, qtbot)
    assert len(tab.practices.practices) == 4

    progression = show_panel(tab, "progression", qtbot)
    assert not progression.result.empty
    ax = progression.figure.axes[0]
    assert len(ax.get_lines()) == 4
    assert "Improving: Communication, Technical" in progression.summary.text()
    series = progression.result.targets.points[0]
    x, y = ax.transData.transform((series.xs[-1], series.ys[-1]))
    from matplotlib.backend_bases import MouseEvent

    progression.canvas.callbacks.process(
        "motion_notify_event", MouseEvent("motion_notify_event", progression.canvas, x, y)
    )
    shown = progression.hover.shown
    assert shown is not None and "Communication: 71" in shown and "interview" in shown

    radar = show_panel(tab, "radar", qtbot)
    assert radar.figure.axes[0].name == "polar"
    python_axis = next(a for a in tab.data.radar.axes if a.skill_id == "python")
    # The skill model's estimate from the four technical scores (sd 15, variance +0.5/day):
    # 50; +7 d: k = 228.5/453.5 -> 52.5; +7 d: k = 116.9/341.9 -> 55.4; +7 d: k = 80.4/305.4
    # -> 58.2, drawn with its 80 % band
    assert python_axis.current == 58.2 and python_axis.current_source == "interview"
    assert python_axis.low is not None and python_axis.high is not None
    assert python_axis.low < 58.2 < python_axis.high

    comparison = show_panel(tab, "comparison", qtbot)
    assert len(comparison.result.targets.patches) == 3 * 4  # latest three interviews
    bar = comparison.result.targets.patches[0]
    bx, by = comparison.figure.axes[0].transData.transform(bar.anchor)
    comparison.canvas.callbacks.process(
        "motion_notify_event",
        MouseEvent("motion_notify_event", comparison.canvas, bx, by - 3),
    )
    assert comparison.hover.shown and "(interview)" in comparison.hover.shown
    comparison.set_chosen([r.key for r in tab.data.records[:2]])
    assert len(comparison.result.targets.patches) == 2 * 4

    # Insights recomputed as the data arrived; its stored snapshots are the readiness history.
    readiness = show_panel(tab, "readiness", qtbot)
    qtbot.waitUntil(lambda: not readiness.result.empty, timeout=10000)
    assert tab.data.readiness


def test_charts_redraw_when_data_changes(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = open_tab(main_window, qtbot)
    progression = show_panel(tab, "progression", qtbot)
    assert progression.result.empty
    record(ui_ctx, 0, 60)  # publishes InterviewPracticeChanged from this (non-GUI) call
    qtbot.waitUntil(lambda: not progression.result.empty, timeout=5000)
    assert len(tab.data.interview_points) == 4
    radar = show_panel(tab, "radar", qtbot)
    assert radar.result.empty
    ui_ctx.app.profiles.set_target_roles(ui_ctx.profile_id, ["data_analyst"])
    qtbot.waitUntil(lambda: not radar.result.empty, timeout=5000)
    assert "Data Analyst" in radar.result.title


def test_export_png_and_svg_in_the_background(main_window, ui_ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    record(ui_ctx, 0, 60)
    tab = open_tab(main_window, qtbot)
    panel = show_panel(tab, "progression", qtbot)
    panel.export("png", str(tmp_path / "chart"))  # suffix added
    panel.export("svg", str(tmp_path / "chart.svg"))
    qtbot.waitUntil(lambda: (tmp_path / "chart.png").exists(), timeout=10000)
    qtbot.waitUntil(lambda: (tmp_path / "chart.svg").exists(), timeout=10000)
    ui_ctx.runner.wait_idle(10)
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "chart.svg").read_text()


def test_dark_palette_gives_dark_charts(main_window, ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.colors import to_hex

    record(ui_ctx, 0, 60)
    tab = open_tab(main_window, qtbot)
    panel = show_panel(tab, "progression", qtbot)
    assert not tab.theme().dark
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#2a2b2e"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(colour))
    tab.setPalette(dark)
    qtbot.waitUntil(lambda: tab.theme().dark, timeout=3000)
    qtbot.waitUntil(lambda: to_hex(panel.figure.get_facecolor()) == "#202124", timeout=3000)
    assert to_hex(panel.figure.axes[0].get_facecolor()) == "#2a2b2e"
    line = panel.figure.axes[0].get_lines()[0]
    assert to_hex(line.get_color()).upper() == tab.theme().cycle[0].upper()


def test_practice_dialog_generates_offline_feedback_and_saves_edits(  # type: ignore[no-untyped-def]
    ui_ctx, qtbot
) -> None:
    from careerdesk.ui.interviews.practice_dialog import PracticeDialog

    dialog = PracticeDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "score at least one" in dialog.error.text()  # nothing saved, dialog stays
    dialog.scores["communication"].setValue(72)
    dialog.scores["problem_solving"].setValue(58)
    dialog.notes.setPlainText("Used STAR. Forgot edge cases.")
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=10000)
    assert dialog.source_combo.currentData() == "offline"
    editor = dialog.editor.editors["problem_solving"]
    assert editor.edits["weaknesses"].toPlainText().startswith("Missed edge cases")
    assert not dialog.editor.tabs.isTabEnabled(1)  # technical: not assessed
    editor.edits["strengths"].setPlainText("Stayed calm\nKept going")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    saved = ui_ctx.service(InterviewPracticeService).get(dialog.saved.id)
    assert saved.technical is None and saved.communication == 72
    offline = saved.feedback["offline"]
    assert offline.edited_at is not None
    assert saved.breakdown()["problem_solving"].strengths == ["Stayed calm", "Kept going"]
    assert saved.breakdown()["communication"].strengths[0].startswith("Structured behavioural")


def test_delete_asks_first(main_window, ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    record(ui_ctx, 0, 60)
    tab = open_tab(main_window, qtbot)
    qtbot.waitUntil(lambda: tab.practices.selected() is not None, timeout=5000)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    tab.practices.delete()
    ui_ctx.runner.wait_idle(5)
    assert len(ui_ctx.service(InterviewPracticeService).list(ui_ctx.profile_id)) == 1
    tab.practices.delete()
    qtbot.waitUntil(lambda: tab.practices.practices == [], timeout=5000)
    assert tab.practices.stack.currentWidget() is tab.practices.empty


def test_no_profile_page(ui_ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.charts.charts_widget import ChartsTab

    ui_ctx.set_profile(None)
    tab = ChartsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert tab.pages.currentWidget() is tab.no_profile
    ui_ctx.runner.wait_idle(10)


def _gemini_env(monkeypatch, fake) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GEMINI_API_KEY", "AIzaTEST-dialog-0123456789")
    monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)


def test_dialog_uses_gemini_and_keeps_both_sets(ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.interviews.practice_dialog import PracticeDialog
    from tests.fakes.gemini_server import FakeGemini

    reply = {
        "skills": [
            {
                "skill": "communication",
                "strengths": ["Warm opening", "Clear close"],
                "weaknesses": ["Long middle", "Few numbers"],
                "recommendations": ["Trim stories", "Quantify impact"],
            }
        ]
    }
    with FakeGemini(default_reply=reply) as fake:
        _gemini_env(monkeypatch, fake)
        ui_ctx.app.reset_ai()
        dialog = PracticeDialog(ui_ctx)
        qtbot.addWidget(dialog)
        dialog.scores["communication"].setValue(70)
        dialog.generate()
        qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=15000)
        assert fake.request_count == 1
    assert dialog.source_combo.currentData() == "gemini"
    assert dialog.source_combo.count() == 2  # the offline set is kept too
    edits = dialog.editor.editors["communication"].edits
    assert edits["strengths"].toPlainText() == "Warm opening\nClear close"
    assert dialog.error.text() == ""
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert set(dialog.saved.feedback) == {"gemini", "offline"}


def test_dialog_falls_back_to_offline_on_a_malformed_reply(ui_ctx, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.interviews.practice_dialog import PracticeDialog
    from tests.fakes.gemini_server import FakeGemini

    with FakeGemini() as fake:
        fake.malformed("text")
        _gemini_env(monkeypatch, fake)
        ui_ctx.app.reset_ai()
        dialog = PracticeDialog(ui_ctx)
        qtbot.addWidget(dialog)
        dialog.scores["code_quality"].setValue(50)
        dialog.notes.setPlainText("No tests at all.")
        dialog.generate()
        qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=15000)
    assert dialog.source_combo.currentData() == "offline" and dialog.source_combo.count() == 1
    assert "CareerDesk wrote this feedback itself instead" in dialog.error.text()
    weak = dialog.editor.editors["code_quality"].edits["weaknesses"].toPlainText()
    assert weak.startswith("Did not write or describe any tests.")
