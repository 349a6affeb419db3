"""Screenshot of the Player tab in a real window (run under Xvfb: ``xvfb-run -a``).

Builds the demo profile in a throwaway data folder, opens the sample course on the clip that
was half watched (two watched stretches with a skipped gap), plays a moment so a frame is
shown, pauses and saves the screen area of the window:

    xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshot_player.py [OUT.png]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots" / "player.png"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    home = tempfile.mkdtemp(prefix="careerdesk-shot-")
    os.environ["CAREERDESK_HOME"] = home
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    from PySide6.QtMultimedia import QMediaPlayer
    from PySide6.QtWidgets import QApplication

    qt = QApplication([])
    from careerdesk.app import build_app
    from careerdesk.demo import build_demo
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app = build_app()
    profile = build_demo(app)
    ctx = UiContext(app, profile_id=profile.id)
    window = MainWindow(ctx)
    window.resize(1200, 720)
    window.move(20, 20)
    window.show()
    tab = window.show_tab("player")

    def pump(seconds: float, until=None) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until()):
            qt.processEvents()
            time.sleep(0.01)

    pump(10, lambda: len(tab.playlist.entries()) == 3)
    course = app.profiles.get(profile.id)  # noqa: F841 (keeps the profile loaded)
    tab.show_course(tab.playlist.entries()[0].course_id)
    pump(1)
    second = tab.playlist.entries()[1]
    tab.open_item(second.content_id, autoplay=True)  # resumes at 6.5 s of 10 s
    player = tab.session.player
    pump(10, lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)
    pump(0.6)
    tab.session.pause()
    pump(1.5)
    ctx.runner.wait_idle(5)
    pump(0.5)
    screen = window.screen()
    geo = window.frameGeometry()
    image = screen.grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    print(f"saved {out} ({image.width()}x{image.height()})")
    tab.shutdown()
    ctx.runner.wait_idle(5)
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
