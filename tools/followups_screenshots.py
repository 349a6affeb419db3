"""Screenshots of Pipeline → Follow-ups and Pipeline → Offers (the offer comparison) with demo
data, at 1440x900 and 1024x700 (docs/screenshots/followups-*.png, offers-compare-*.png).

usage: QT_QPA_PLATFORM=offscreen python tools/followups_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HOME = tempfile.mkdtemp(prefix="careerdesk-followups-shot-")
os.environ["CAREERDESK_HOME"] = HOME

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from careerdesk.app import build_app  # noqa: E402
from careerdesk.demo import build_demo  # noqa: E402
from careerdesk.ui.shell.context import UiContext  # noqa: E402
from careerdesk.ui.shell.main_window import MainWindow  # noqa: E402

SIZES = ((1440, 900), (1024, 700))


def settle(ctx: UiContext, seconds: float = 1.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    ctx.runner.wait_idle(30)
    for _ in range(10):
        QCoreApplication.processEvents()


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    QApplication(sys.argv[:1])
    app = build_app()
    try:
        profile = build_demo(app, reset=True)
        app.settings.window.last_tab = "pipeline"
        ctx = UiContext(app, profile_id=profile.id)
        window = MainWindow(ctx)
        window.show()
        tab: Any = window.show_tab("pipeline")
        settle(ctx, 2)
        for w, h in SIZES:
            window.resize(w, h)
            tab.show_view("followups")
            settle(ctx, 1.5)
            path = out / f"followups-{w}x{h}.png"
            window.grab().save(str(path))
            print(path)
            tab.show_view("offers")
            settle(ctx, 1.5)
            path = out / f"offers-compare-{w}x{h}.png"
            window.grab().save(str(path))
            print(path)
        window.close()
        ctx.shutdown()
    finally:
        app.close(backup=False)
        shutil.rmtree(HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
