"""Screenshots of the learning path with playable items, and of the Player playing one.

Builds the demo profile (whose path starts with the demo content pack's clips, docs/packs.md)
in a throwaway data folder, saves the Learning tab, then presses "Play here" on the path's
first playable item, lets the real player run a moment, pauses and saves the Player tab.
Run under Xvfb:

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshot_path_player.py \
        [OUT_DIR] [WIDTHxHEIGHT ...]
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


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    sizes = [tuple(int(v) for v in s.split("x")) for s in sys.argv[2:]] or [(1440, 900)]
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
    window.move(0, 0)
    window.show()

    def pump(seconds: float, until=None) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not (until and until()):
            qt.processEvents()
            time.sleep(0.01)

    def grab(name: str) -> None:
        ctx.runner.wait_idle(5)
        pump(0.5)
        geo = window.frameGeometry()
        image = window.screen().grabWindow(0, geo.x(), geo.y(), geo.width(), geo.height())
        out.mkdir(parents=True, exist_ok=True)
        image.save(str(out / name))
        print(f"saved {out / name} ({image.width()}x{image.height()})")

    for width, height in sizes:
        window.resize(width, height)
        learning = window.show_tab("learning")
        panel = learning.path_panel
        pump(10, lambda: bool(panel.cards))  # noqa: B023
        pump(0.5)
        grab(f"learning-path-playable-{width}x{height}.png")
        card = next(c for c in panel.cards if c.item.playable)
        card.play_btn.click()
        tab = window.show_tab("player")
        pump(5, lambda: tab.session.player is not None)  # noqa: B023
        player = tab.session.player
        pump(10, lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)  # noqa: B023
        pump(1.2)
        tab.session.pause()
        pump(1.0)
        grab(f"player-path-item-{width}x{height}.png")
    window.show_tab("player").shutdown()
    ctx.runner.wait_idle(5)
    window.close()
    ctx.shutdown()
    app.close(backup=False)
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
