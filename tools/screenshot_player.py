"""Screenshot of the Player tab in a real window (run under Xvfb: ``xvfb-run -a``).

Builds the demo profile in a throwaway data folder, opens the sample course on the clip that
was half watched (two watched stretches with a skipped gap), plays a moment so a frame is
shown, pauses and saves the screen area of the window:

    xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshot_player.py [OUT.png]
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import _shots

OUT = _shots.ROOT / "docs" / "screenshots" / "player.png"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    home, qt = _shots.start_player_shot()
    from PySide6.QtMultimedia import QMediaPlayer

    from careerdesk.app import build_app

    app = build_app()
    profile, ctx, window = _shots.demo_window(app, None, reset=False)
    window.resize(1200, 720)
    window.move(20, 20)
    window.show()
    tab = window.show_tab("player")
    pump = partial(_shots.pump, qt)

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
    _shots.save_frame(window, out)
    tab.shutdown()
    ctx.runner.wait_idle(5)
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
