"""Screenshots of the skill model on screen (issue 16): Learning, Insights and the radar chart
with each estimate's uncertainty, at 1440x900 and 1024x700 (docs/screenshots/skills-*.png).

usage: xvfb-run -a python tools/skills_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CAREERDESK_HOME", tempfile.mkdtemp(prefix="careerdesk-skills-shot-"))

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from careerdesk.app import build_app
from careerdesk.demo import build_demo
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow

SIZES = ((1440, 900), (1024, 700))


def settle(ctx: UiContext, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    ctx.runner.wait_idle(15)
    for _ in range(10):
        QCoreApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication(sys.argv[:1])
    app = build_app()
    profile = app.profiles.by_name("Demo") if app.profiles.exists("Demo") else build_demo(app)
    app.settings.window.last_tab = "home"
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.show()
    for w, h in SIZES:
        window.resize(w, h)
        for key in ("learning", "insights", "charts"):
            tab = window.show_tab(key)
            settle(ctx, 2.5)
            if key == "insights":  # scroll to the gaps, where the uncertainty is shown
                from PySide6.QtWidgets import QScrollArea

                area = tab.findChild(QScrollArea)
                if area is not None:
                    area.ensureWidgetVisible(tab.gaps, 0, 0)
                    settle(ctx, 0.5)
            if key == "charts":
                panel = tab.panels["radar"]
                tab.chart_tabs.setCurrentWidget(panel)
                settle(ctx, 1.0)
            path = out / f"skills-{key}-{w}x{h}.png"
            screen = qt.primaryScreen()
            grab = screen.grabWindow(window.winId()) if os.environ.get("DISPLAY") else None
            (grab or window.grab()).save(str(path))
            print(path)
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
