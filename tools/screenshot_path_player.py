"""Screenshots of the learning path with playable items, and of the Player playing one.

Builds the demo profile (whose path starts with the demo content pack's clips, docs/packs.md)
in a throwaway data folder, saves the Learning tab, then presses "Play here" on the path's
first playable item, lets the real player run a moment, pauses and saves the Player tab.
Run under Xvfb:

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshot_path_player.py \
        [OUT_DIR] [WIDTHxHEIGHT ...]
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import _shots


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else _shots.ROOT / "docs" / "screenshots"
    sizes = [tuple(int(v) for v in s.split("x")) for s in sys.argv[2:]] or [(1440, 900)]
    home, qt = _shots.start_player_shot()
    from PySide6.QtMultimedia import QMediaPlayer

    from careerdesk.app import build_app

    app = build_app()
    _profile, ctx, window = _shots.demo_window(app, None, reset=False)
    window.move(0, 0)
    window.show()

    pump = partial(_shots.pump, qt)

    def grab(name: str) -> None:
        ctx.runner.wait_idle(5)
        pump(0.5)
        _shots.save_frame(window, out / name)

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
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
