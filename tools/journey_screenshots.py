"""Screenshots of the guided first run, Home and Insights (issue 18), at 1440×900 and 1024×700.

    QT_QPA_PLATFORM=offscreen python tools/journey_screenshots.py [OUTPUT_DIR]

Runs in a throwaway CAREERDESK_HOME, so the user's data is never touched. Writes
``journey-first-run-<step>.png`` (the guide's four steps), ``journey-home-new-<size>.png``
(Home right after the first run), ``journey-home-demo-<size>.png`` and
``journey-insights-<who>-<size>.png``.
"""

from __future__ import annotations

import os
import sys
import time
from functools import partial
from pathlib import Path

import _shots
from _shots import SIZES

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_shots.throwaway_home("careerdesk-journey-shots-")
os.environ.pop("CAREERDESK_DB_URL", None)

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from careerdesk.app import build_app  # noqa: E402
from careerdesk.demo import build_demo  # noqa: E402
from careerdesk.ui.profiles.first_run import PATH, ROLE, SKILLS, FirstRunWizard  # noqa: E402
from careerdesk.ui.shell.app import open_start_profile  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

settle = partial(_shots.settle, idle=20, pause=0.02)


def until(ctx: UiContext, check: object, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and not check():  # type: ignore[operator]
        QCoreApplication.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([])
    app = build_app()
    ctx = UiContext(app)
    window = MainWindow(ctx)
    window.resize(*SIZES[0])
    window.show()
    open_start_profile(app, ctx)
    wizard = window.findChild(FirstRunWizard)
    assert wizard is not None
    settle(ctx)
    QTest.keyClicks(wizard.name_edit, "Sam")
    save(wizard, out / "journey-first-run-1-name.png")
    wizard.next_btn.click()
    until(ctx, lambda: wizard.current() == ROLE)
    QTest.keyClicks(wizard.search, "data")
    settle(ctx, 0.3)
    save(wizard, out / "journey-first-run-2-goal.png")
    wizard.next_btn.click()
    until(ctx, lambda: wizard.current() == SKILLS)
    for i, slider in enumerate(wizard.sliders.values()):
        slider.setValue([55, 40, 30, 60, 20, 45, 35, 50][i % 8])
    settle(ctx, 0.3)
    save(wizard, out / "journey-first-run-3-skills.png")
    wizard.next_btn.click()
    until(ctx, lambda: wizard.current() == PATH and wizard.path is not None)
    settle(ctx, 0.3)
    save(wizard, out / "journey-first-run-4-path.png")
    QTest.mouseClick(wizard.next_btn, Qt.MouseButton.LeftButton)
    settle(ctx, 2.0)
    for w, h in SIZES:
        window.resize(w, h)
        window.show_tab("home")
        settle(ctx, 1.0)
        save(window, out / f"journey-home-new-{w}x{h}.png")
        window.show_tab("insights")
        settle(ctx, 2.0)
        save(window, out / f"journey-insights-new-{w}x{h}.png")

    demo = build_demo(app)
    ctx.set_profile(demo.id)
    settle(ctx, 2.0)
    for w, h in SIZES:
        window.resize(w, h)
        window.show_tab("home")
        settle(ctx, 1.5)
        save(window, out / f"journey-home-demo-{w}x{h}.png")
        window.show_tab("insights")
        settle(ctx, 2.5)
        save(window, out / f"journey-insights-demo-{w}x{h}.png")
    window.close()
    ctx.shutdown()
    app.close(backup=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
