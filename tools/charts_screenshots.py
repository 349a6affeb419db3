"""Screenshots of the Skill charts tab with demo-like data (docs/screenshots/charts-*.png).

The demo profile gets its interview practices from the demo seeder. Until the learning and
insights features ship demo seeders of their own, this tool adds demo-like assessment
results (through SkillProfileService) and a readiness history (a stand-in provider), so
every chart has something to show.

usage: QT_QPA_PLATFORM=offscreen python tools/charts_screenshots.py [OUT_DIR] [--dark]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from functools import partial
from pathlib import Path

import _shots

os.environ.setdefault("CAREERDESK_HOME", tempfile.mkdtemp(prefix="careerdesk-charts-shot-"))

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from careerdesk.app import App, build_app
from careerdesk.core.charts.queries import ChartsDataService, ReadinessPoint
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.demo import build_demo
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow

ASSESSMENTS = (  # days ago, levels
    (52, {"sql": 42, "data_analysis": 38, "statistics": 35, "python": 40}),
    (30, {"sql": 55, "data_analysis": 47, "statistics": 41, "python": 48}),
    (9, {"sql": 66, "data_analysis": 58, "statistics": 50, "python": 57}),
)
READINESS = (31, 34, 40, 42, 47, 52, 55, 61)  # weekly, oldest first


class DemoReadiness:
    """Stand-in for the insights feature's readiness history (weekly snapshots)."""

    def __init__(self, app: App) -> None:
        self.app = app

    def readiness_history(self, profile_id: int) -> list[ReadinessPoint]:
        now = self.app.clock.now()
        return [
            ReadinessPoint(
                at=now - timedelta(weeks=len(READINESS) - 1 - i),
                readiness=value,
                role_id="data_analyst",
                role_title="Data Analyst",
            )
            for i, value in enumerate(READINESS)
        ]


settle = partial(_shots.settle, idle=20)


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f1f1f"),
        (QPalette.ColorRole.AlternateBase, "#333333"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f7bd8"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        pal.setColor(role, QColor(colour))
    return pal


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dark = "--dark" in sys.argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication(sys.argv[:1])
    if dark:
        qt.setPalette(dark_palette())
    app = build_app()
    profile = build_demo(app, reset=True)
    skills = app.service(SkillProfileService)
    now = app.clock.now()
    for days, levels in ASSESSMENTS:
        skills.record_measured(
            profile.id, levels, kind="assessment_score", at=now - timedelta(days=days)
        )
    base = app.service(ChartsDataService)
    app._services[ChartsDataService] = ChartsDataService(
        app.profiles.get, base.interviews, base.assessments, DemoReadiness(app)
    )
    app.settings.window.last_tab = "home"
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.resize(1280, 800)
    window.show()
    tab = window.show_tab("charts")
    settle(ctx, 3)
    suffix = "-dark" if dark else ""
    for key, panel in tab.panels.items():
        tab.chart_tabs.setCurrentWidget(panel)
        if key == "comparison":  # latest interview against the latest assessment
            records = tab.data.records
            last_interview = [r.key for r in records if r.source == "interview"][-2:]
            last_assessment = [r.key for r in records if r.source == "assessment"][-1:]
            panel.set_chosen(last_assessment + last_interview)
        settle(ctx, 0.6)
        if key == "progression":  # show a hover read-out on the newest point
            from matplotlib.backend_bases import MouseEvent

            panel.canvas.draw()
            series = panel.result.targets.points[0]
            ax = panel.figure.axes[0]
            x, y = ax.transData.transform((series.xs[-1], series.ys[-1]))
            event = MouseEvent("motion_notify_event", panel.canvas, x, y)
            panel.canvas.callbacks.process("motion_notify_event", event)
            settle(ctx, 0.4)
        path = out / f"charts-{key}{suffix}.png"
        window.grab().save(str(path))
        print(path)
    if not dark:
        from careerdesk.ui.interviews.practice_dialog import PracticeDialog

        practice = tab.practices.practices[0]
        dialog = PracticeDialog(ctx, practice, window)
        dialog.show()
        settle(ctx, 0.5)
        path = out / "charts-practice-dialog.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
