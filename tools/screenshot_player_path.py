"""Screenshots of the Player playing a learning-path video (issue 17), 1440x900 and 1024x700.

Builds the demo profile in a throwaway data folder, adds one of the learner's own videos (a
copy of a sample clip named like a real lesson, so its skill is suggested from the name),
stores a learning path that starts with it followed by the demo path's items, plays it from
the Learning path list and saves the window while it plays (run under Xvfb):

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshot_player_path.py [OUT_DIR]
"""

from __future__ import annotations

import shutil
import sys
from functools import partial
from pathlib import Path

import _shots
from _shots import SIZES

OUT_DIR = _shots.ROOT / "docs" / "screenshots"


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    home, qt = _shots.start_player_shot()
    from PySide6.QtMultimedia import QMediaPlayer

    from careerdesk.app import build_app
    from careerdesk.core.learning.queries import latest_path_id
    from careerdesk.core.learning.service import LearningService
    from careerdesk.core.player.library import ContentLibraryService
    from careerdesk.core.player.samples import sample_media_dir
    from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem
    from careerdesk.demo import build_demo
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app = build_app()
    profile = build_demo(app)
    pid = profile.id
    lessons = Path(home) / "Videos" / "SQL for analysts"
    lessons.mkdir(parents=True)
    clip = lessons / "03 - SQL Joins Explained.mp4"
    shutil.copy(sample_media_dir() / "02 Reading a job posting.mp4", clip)
    video = app.service(ContentLibraryService).add_file(pid, clip)
    learning = app.service(LearningService)
    before = learning.current_path_items(pid)
    now = app.clock.now()
    # The path as the generator will store it once it prefers playable items (the generator
    # itself is changed elsewhere): the learner's own SQL video first, then the demo path.
    with app.db.session() as s:
        old_id = latest_path_id(s, pid)
        old = s.get(LearningPath, old_id) if old_id else None
        path = LearningPath(
            profile_id=pid,
            role_id=old.role_id if old else "data_analyst",
            created_at=now,
            gaps=old.gaps if old else [],
            summary=old.summary if old else "",
        )
        s.add(path)
        s.flush()
        ids = [video.content_id] + [
            i.content_id for i in before if i.content_id != video.content_id
        ]
        skills = ["sql"] + [i.skill for i in before if i.content_id != video.content_id]
        for position, (cid, skill) in enumerate(zip(ids, skills, strict=True)):
            s.add(
                LearningPathItem(
                    profile_id=pid,
                    path_id=path.id,
                    content_id=cid,
                    position=position,
                    skill_id=skill,
                    reason="",
                    est_hours=1.0,
                )
            )
    ctx = UiContext(app, profile_id=pid)
    window = MainWindow(ctx)
    window.move(0, 0)
    window.show()

    pump = partial(_shots.pump, qt)

    tab = window.show_tab("player")
    pump(5, lambda: tab.loaded)
    tab.play(ids[:8], title="Learning path")
    player = tab.session.player
    pump(10, lambda: player.playbackState() == QMediaPlayer.PlaybackState.PlayingState)
    pump(2.5)
    for width, height in SIZES:  # grabbed while it plays
        window.resize(width, height)
        pump(0.8)
        _shots.save_frame(window, out_dir / f"player-path-{width}x{height}.png")
    tab.shutdown()
    ctx.runner.wait_idle(5)
    _shots.close_window(window, ctx)
    _shots.close_app(app, home)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
