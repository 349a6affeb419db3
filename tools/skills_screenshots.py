"""Screenshots of the skill model on screen (issue 16): Learning, Insights and the radar chart
with each estimate's uncertainty, at 1440x900 and 1024x700 (docs/screenshots/skills-*.png).

usage: xvfb-run -a python tools/skills_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from functools import partial

import _shots
from _shots import SIZES

_shots.throwaway_home("careerdesk-skills-shot-", keep_existing=True)

from PySide6.QtWidgets import QApplication  # noqa: E402

from careerdesk.app import build_app  # noqa: E402
from careerdesk.demo import build_demo  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

settle = partial(_shots.settle, idle=15, pause=0.02)


def main() -> int:
    out = _shots.out_dir()
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
            _shots.save_window(qt, window, out / f"skills-{key}-{w}x{h}.png")
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
