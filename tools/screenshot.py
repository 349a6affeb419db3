"""Save a screenshot of the main window on a tab, with a demo profile (run under xvfb-run).

usage: xvfb-run -a .venv/bin/python tools/screenshot.py TAB_KEY OUTPUT.png [WIDTHxHEIGHT]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

os.environ.setdefault("CAREERDESK_HOME", tempfile.mkdtemp(prefix="careerdesk-shot-"))

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from careerdesk.app import build_app
from careerdesk.demo import build_demo
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.main_window import MainWindow


def main() -> int:
    key, out = sys.argv[1], sys.argv[2]
    size = sys.argv[3] if len(sys.argv) > 3 else "1180x780"
    w, h = (int(v) for v in size.split("x"))
    qt = QApplication(sys.argv[:1])
    app = build_app()
    profile = app.profiles.by_name("Demo") if app.profiles.exists("Demo") else build_demo(app)
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.resize(w, h)
    window.show()
    window.show_tab(key)
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    ctx.runner.wait_idle(10)
    for _ in range(20):
        QCoreApplication.processEvents()
        time.sleep(0.02)
    screen = qt.primaryScreen()
    pixmap = screen.grabWindow(window.winId()) if os.environ.get("DISPLAY") else window.grab()
    pixmap.save(out)
    print(out)
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
