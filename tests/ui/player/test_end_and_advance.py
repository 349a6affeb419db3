# ruff: noqa: F811  (the fixtures are shared with test_player.py by import)
"""Issue 17 fixes: a clip played to its end is DONE (also at 1x with coarse position reports),
and the playlist moves on by itself only when the learner turned auto-advance on, saying so."""

from __future__ import annotations

import pytest
from PySide6.QtMultimedia import QMediaPlayer

from careerdesk.core.player.rules import DONE
from tests.media import make_clip
from tests.ui.player.test_player import RATE, lib, make_tab, progress, rec  # noqa: F401

pytestmark = pytest.mark.timeout(60)
END = QMediaPlayer.MediaStatus.EndOfMedia


def _statuses(ui_ctx) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    ui_ctx.status_message.connect(lambda text, _ms: seen.append(text))
    return seen


def test_a_clip_played_to_its_end_at_normal_speed_is_done(
    ui_ctx, make_tab, lib, progress, rec, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    # Two frames a second: positions arrive every 0.5 s and the last frame starts at 2.5 s of
    # 3 s, so the last partial second is closed only by the end of the media.
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "coarse.mp4", 3.0, fps=2))
    tab = make_tab()
    qtbot.waitUntil(lambda: tab.playlist.entry(entry.content_id) is not None, timeout=5000)
    tab.session.player.setPlaybackRate(1.0)
    tab.open_item(entry.content_id, autoplay=True)
    qtbot.waitUntil(lambda: tab.session.player.mediaStatus() == END, timeout=15000)
    ui_ctx.runner.wait_idle(10)
    assert rec.frames >= 4, "frames should arrive through the QVideoSink"
    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert stored.watched == [(0.0, pytest.approx(3.0))]
    assert stored.watched_fraction == 1.0 and stored.state == DONE
    assert tab.view.watched_label.text() == "· watched 100%"


def test_no_auto_advance_by_default_and_the_status_says_what_is_next(
    ui_ctx, make_tab, lib, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    a = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "Alpha.mp4", 1.5))
    b = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "Beta.mp4", 1.5))
    seen = _statuses(ui_ctx)
    tab = make_tab()
    assert not tab.view.auto_advance.isChecked()
    tab.play([a.content_id, b.content_id])
    qtbot.waitUntil(lambda: tab.session.entry is not None, timeout=5000)
    tab.session.player.setPlaybackRate(RATE)
    qtbot.waitUntil(lambda: tab.session.player.mediaStatus() == END, timeout=15000)
    qtbot.waitUntil(lambda: any("Finished “Alpha”" in t for t in seen), timeout=5000)
    ui_ctx.runner.wait_idle(10)
    assert tab.session.entry.content_id == a.content_id and not tab.session.playing
    assert any("Next: “Beta”" in t for t in seen)


def test_auto_advance_when_turned_on_is_remembered_per_profile(
    ui_ctx, make_tab, lib, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    a = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "Alpha.mp4", 1.5))
    b = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "Beta.mp4", 1.5))
    seen = _statuses(ui_ctx)
    tab = make_tab()
    tab.view.auto_advance.setChecked(True)
    settings = ui_ctx.app.settings.player
    assert settings.auto_advance == {str(ui_ctx.profile_id): True}
    tab.play([a.content_id, b.content_id])
    qtbot.waitUntil(lambda: tab.session.entry is not None, timeout=5000)
    tab.session.player.setPlaybackRate(RATE)
    qtbot.waitUntil(lambda: tab.session.entry.content_id == b.content_id, timeout=15000)
    assert "Finished “Alpha” — playing “Beta” next." in seen
    # Another profile has its own choice (off), and coming back restores this one.
    other = ui_ctx.app.profiles.create("Other")
    first = ui_ctx.profile_id
    ui_ctx.set_profile(other.id)
    assert not tab.view.auto_advance.isChecked()
    ui_ctx.set_profile(first)
    assert tab.view.auto_advance.isChecked()
