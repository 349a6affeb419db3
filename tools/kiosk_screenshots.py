"""Screenshots of kiosk mode with a demo cohort: the learner picker, a learner's kiosk
view, the PIN pad and the advisor dashboard (run under xvfb-run for real window frames).

usage: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/kiosk_screenshots.py DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CAREERDESK_HOME", tempfile.mkdtemp(prefix="careerdesk-kiosk-shot-"))

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QWidget

from careerdesk.app import build_app
from careerdesk.core.kernel.clock import FixedClock, SystemClock
from careerdesk.core.kiosk.service import KioskService
from careerdesk.demo.cohort import build_cohort
from careerdesk.ui.kiosk.controller import KioskController
from careerdesk.ui.kiosk.pin_pad import PinDialog
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow


def settle(ctx: UiContext, seconds: float = 1.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    ctx.runner.wait_idle(10)
    QCoreApplication.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    qt = QApplication.instance()
    assert isinstance(qt, QApplication)
    if os.environ.get("DISPLAY"):
        pixmap = qt.primaryScreen().grabWindow(widget.winId())
    else:
        pixmap = widget.grab()
    pixmap.save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    qt = QApplication(sys.argv[:1])
    clock = FixedClock(SystemClock().now())
    app = build_app(clock=clock)
    if not app.profiles.list():
        build_cohort(app, clock, 14)
    kiosk = app.service(KioskService)
    if not kiosk.advisor_pin_set():
        kiosk.set_advisor_pin("246810")
    learner = app.profiles.by_name("Jade")
    if not learner.has_pin:
        kiosk.set_learner_pin(learner.id, "1357")
    root = UiContext(app, kiosk=True)
    window = MainWindow(root)
    controller = KioskController(root, window)
    controller.show_full_screen()
    # Xvfb has no window manager to honour "full screen": size the window to the screen,
    # and park the pointer so no tile looks hovered.
    window.setGeometry(qt.primaryScreen().geometry())
    QCursor.setPos(0, qt.primaryScreen().geometry().height() - 1)
    settle(root)
    grab(window, out / "kiosk-picker.png")

    def shoot_pin() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PinDialog):
            dialog.enter("13")
            settle(root, 0.3)
            grab(dialog, out / "kiosk-pin.png")
            dialog.reject()
        else:
            QTimer.singleShot(50, shoot_pin)

    QTimer.singleShot(100, shoot_pin)
    controller.choose_learner(learner.id)

    session = controller.start_session(learner.id, advisor=False)
    settle(session, 1.5)
    grab(window, out / "kiosk-learner.png")
    controller.end_session("screenshot")
    settle(root, 1.0)

    advisor = controller.start_session(None, advisor=True)
    settle(advisor, 2.0)
    grab(window, out / "kiosk-advisor.png")
    controller.end_session("screenshot")
    settle(root, 1.0)
    controller.guard.allow_close = True
    window.close()
    root.shutdown()
    app.close(backup=False)
    del qt
    return 0


if __name__ == "__main__":
    sys.exit(main())
