"""Screenshots for issue 20 (docs/screenshots/verdicts-*.png), each at 1440x900 and 1024x700:

* Pipeline → Fit on a saved posting that says nothing about work mode or culture: the card
  says "Not enough information about culture" and scales the other weights up;
* Skill charts → Interview averages: practice beside the demo's scored real interviews.

usage: QT_QPA_PLATFORM=offscreen python tools/verdicts_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import sys

import _shots
from _shots import SIZES, settle

HOME = _shots.throwaway_home("careerdesk-verdicts-shot-")

from PySide6.QtWidgets import QApplication  # noqa: E402

from careerdesk.core.pipeline.models import ApplicationInput  # noqa: E402
from careerdesk.core.pipeline.service import ApplicationService  # noqa: E402
from careerdesk.demo import build_demo  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

# A pasted posting with skills and a salary but not a word about work mode, company size,
# sector or values (and no company card): culture has no information.
POSTING = """Data Analyst
We are hiring a data analyst to join our reporting team.
Requirements:
- SQL for reporting and data modelling
- Excel (pivot tables)
- Tableau dashboards
Nice to have:
- Python
Salary 42,000–48,000 GBP.
"""


def main() -> int:
    out = _shots.out_dir()
    QApplication(sys.argv[:1])
    written = []
    with _shots.built_app(HOME) as app:
        profile = build_demo(app, reset=True)
        target = app.service(ApplicationService).create(
            profile.id,
            ApplicationInput(
                company="Northwind Analytics",
                title="Data Analyst",
                location="Leeds",
                salary_min=42_000,
                salary_max=48_000,
                currency="GBP",
                description=POSTING,
            ),
        )
        app.settings.window.last_tab = "home"
        ctx = UiContext(app, profile_id=profile.id)
        window = MainWindow(ctx)
        window.show()
        for width, height in SIZES:
            window.resize(width, height)
            tab = window.show_tab("pipeline")
            settle(ctx, 1.5)
            fit = tab.show_view("fit")
            settle(ctx, 1.5)
            fit.select(target.id)
            settle(ctx, 2)
            path = out / f"verdicts-fit-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
            charts = window.show_tab("charts")
            settle(ctx, 3)
            charts.chart_tabs.setCurrentWidget(charts.averages)
            settle(ctx, 1)
            path = out / f"verdicts-interview-averages-{width}x{height}.png"
            window.grab().save(str(path))
            written.append(path)
        for path in written:
            print(path)
        _shots.close_window(window, ctx)
    return 0


if __name__ == "__main__":
    sys.exit(main())
