"""Player tab: real playback (PyAV clips at rate 8, frames from the QVideoSink), progress that
counts, resume, skipping, completion once, bad media, page items, the play() API."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication

from careerdesk.core.kernel.events import DomainEvent
from careerdesk.core.learning.events import ContentCompleted
from careerdesk.core.player.events import VideoProgressed
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.rules import DONE, IN_PROGRESS, NOT_STARTED
from careerdesk.core.player.service import VideoProgressService
from tests.media import make_clip, make_corrupt

pytestmark = pytest.mark.timeout(60)
RATE = 8.0
END = QMediaPlayer.MediaStatus.EndOfMedia


class Recorder:
    """Domain events (published on the write lane) and video frames (from the sink)."""

    def __init__(self) -> None:
        self.events: list[DomainEvent] = []
        self.frames = 0
        self._lock = threading.Lock()

    def on_event(self, event: DomainEvent) -> None:
        with self._lock:
            self.events.append(event)

    def on_frame(self, _frame: object) -> None:
        self.frames += 1

    def of(self, kind: type) -> list:  # type: ignore[type-arg]
        with self._lock:
            return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def lib(ui_ctx) -> ContentLibraryService:  # type: ignore[no-untyped-def]
    return ui_ctx.service(ContentLibraryService)


@pytest.fixture
def progress(ui_ctx) -> VideoProgressService:  # type: ignore[no-untyped-def]
    return ui_ctx.service(VideoProgressService)


@pytest.fixture
def rec(ui_ctx) -> Iterator[Recorder]:  # type: ignore[no-untyped-def]
    recorder = Recorder()
    unsubscribe = ui_ctx.app.bus.subscribe(DomainEvent, recorder.on_event)
    yield recorder
    unsubscribe()


@pytest.fixture
def make_tab(ui_ctx, qtbot, rec):  # type: ignore[no-untyped-def]
    from careerdesk.ui.player.tab import PlayerTab

    made = []

    def factory():  # type: ignore[no-untyped-def]
        tab = PlayerTab(ui_ctx)
        qtbot.addWidget(tab)
        tab.resize(900, 560)
        tab.show()
        tab.view.video.videoSink().videoFrameChanged.connect(rec.on_frame)
        qtbot.waitUntil(lambda: tab.loaded, timeout=5000)
        made.append(tab)
        return tab

    yield factory
    for tab in made:
        tab.shutdown()
    ui_ctx.runner.wait_idle(10)


def _open(tab, qtbot, content_id: int, *, autoplay: bool = True) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.playlist.entry(content_id) is not None, timeout=5000)
    tab.session.player.setPlaybackRate(RATE)
    tab.open_item(content_id, autoplay=autoplay)


def _play_to_end(tab, qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.session.player.mediaStatus() == END, timeout=15000)
    ctx.runner.wait_idle(10)


def test_tab_is_registered(main_window) -> None:  # type: ignore[no-untyped-def]
    assert "Player" in main_window.tab_titles()
    from careerdesk.ui.player.tab import PlayerTab

    assert isinstance(main_window.show_tab("player"), PlayerTab)


def test_positions_and_ten_percent_steps_recorded(
    ui_ctx, make_tab, lib, progress, rec, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "lesson.mp4", 6.0))
    tab = make_tab()
    saved_positions: list[float] = []
    tab.session.progress_saved.connect(lambda e: saved_positions.append(e.position_s))
    _open(tab, qtbot, entry.content_id)
    _play_to_end(tab, qtbot, ui_ctx)

    assert rec.frames >= 30, "frames should arrive through the QVideoSink"
    steps = [e.watched_fraction for e in rec.of(VideoProgressed)]
    assert steps == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert tab.session.saves_started >= 4, "progress is saved along the way, not only at the end"
    assert saved_positions == sorted(saved_positions) and saved_positions[-1] == pytest.approx(6.0)
    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert stored.watched == [(0.0, pytest.approx(6.0))]
    assert stored.state == DONE and stored.duration_s == pytest.approx(6.0, abs=0.1)
    # The seek bar shades what was watched, and the playlist row says so.
    assert tab.view.seek.watched() == [(0.0, pytest.approx(6.0))]
    assert "Watched" in tab.playlist.item(0).text()


def test_resume_position_restored_after_reopening(
    ui_ctx, make_tab, lib, progress, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "resume.mp4", 10.0))
    tab = make_tab()
    _open(tab, qtbot, entry.content_id)
    qtbot.waitUntil(lambda: tab.session.player.position() >= 4000, timeout=10000)
    tab.session.pause()
    stopped_at = tab.session.player.position() / 1000
    tab.close()  # the tab goes away: progress flushed
    ui_ctx.runner.wait_idle(10)
    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert stored.position_s == pytest.approx(stopped_at, abs=0.05)
    assert stored.state == IN_PROGRESS

    again = make_tab()
    _open(again, qtbot, entry.content_id, autoplay=False)
    qtbot.waitUntil(lambda: again.session.player.position() > 0, timeout=5000)
    assert again.session.player.position() / 1000 == pytest.approx(stopped_at, abs=0.3)
    assert again.view.seek.watched()[0][1] == pytest.approx(stopped_at, abs=0.05)


def test_skipping_ahead_leaves_the_span_unwatched(
    ui_ctx, make_tab, lib, progress, rec, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "skip.mp4", 10.0))
    tab = make_tab()
    _open(tab, qtbot, entry.content_id)
    qtbot.waitUntil(lambda: tab.session.player.position() >= 2000, timeout=10000)
    tab.session.seek(7.0)  # the seek bar, J/L or →: skip 2 s … 7 s
    _play_to_end(tab, qtbot, ui_ctx)

    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert len(stored.watched) == 2
    (a0, a1), (b0, b1) = stored.watched
    assert a0 == 0.0 and 2.0 <= a1 < 3.5
    assert 6.9 <= b0 <= 7.5 and b1 == pytest.approx(10.0)
    assert stored.watched_fraction < 0.9
    assert stored.state == IN_PROGRESS
    assert rec.of(ContentCompleted) == []


def test_watching_ninety_percent_completes_once_even_when_repeated(
    ui_ctx, make_tab, lib, progress, rec, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "done.mp4", 6.0))
    tab = make_tab()
    _open(tab, qtbot, entry.content_id)
    _play_to_end(tab, qtbot, ui_ctx)
    assert progress.get(ui_ctx.profile_id, entry.content_id).state == DONE
    assert len(rec.of(ContentCompleted)) == 1

    tab.session.play()  # watch it again from the start
    qtbot.waitUntil(lambda: tab.session.player.mediaStatus() != END, timeout=5000)
    _play_to_end(tab, qtbot, ui_ctx)
    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert stored.watched_fraction == 1.0 and stored.watched == [(0.0, pytest.approx(6.0))]
    assert len(rec.of(ContentCompleted)) == 1
    assert [e.content_id for e in rec.of(ContentCompleted)] == [entry.content_id]


def _bad_media_case(ui_ctx, make_tab, lib, qtbot, bad_id: int, good_id: int):  # type: ignore[no-untyped-def]
    tab = make_tab()
    _open(tab, qtbot, bad_id)
    qtbot.waitUntil(
        lambda: tab.view.showing_message() and tab.session.error is not None, timeout=5000
    )
    ui_ctx.runner.wait_idle(10)
    qtbot.waitUntil(lambda: tab.playlist.entry(bad_id).media_error is not None, timeout=5000)
    # Nothing moved on by itself and nothing else was touched.
    assert tab.session.entry.content_id == bad_id
    assert tab.playlist.entry(good_id).media_error is None
    assert tab.view.message.buttons["next"].isVisibleTo(tab)
    assert "⚠" in tab.playlist.item(tab.playlist.row(tab.playlist._item(bad_id))).toolTip()
    return tab


def test_missing_file_gives_message_and_flag(
    ui_ctx, make_tab, lib, progress, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    gone = make_clip(tmp_path / "gone.mp4", 2.0)
    bad = lib.add_file(ui_ctx.profile_id, gone)
    good = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "fine.mp4", 2.0))
    progress.save(ui_ctx.profile_id, bad.content_id, watched=[(0, 1)], position_s=1, duration_s=2)
    gone.unlink()
    tab = _bad_media_case(ui_ctx, make_tab, lib, qtbot, bad.content_id, good.content_id)
    assert "missing" in tab.view.message.text.text()
    assert tab.view.message.buttons["locate"].isVisibleTo(tab)
    stored = progress.get(ui_ctx.profile_id, bad.content_id)
    assert "missing" in (stored.media_error or "")
    assert stored.watched == [(0.0, 1.0)] and stored.position_s == 1.0  # nothing lost
    # Locating the file clears the flag and plays it.
    tab.library_actions.locate(tab.session.entry, make_clip(tmp_path / "moved" / "gone.mp4", 2.0))
    qtbot.waitUntil(lambda: tab.session.error is None and tab.session.playing, timeout=5000)
    ui_ctx.runner.wait_idle(10)
    assert progress.get(ui_ctx.profile_id, bad.content_id).media_error is None


def test_corrupt_file_gives_message_and_flag_and_moves_on_when_asked(
    ui_ctx, make_tab, lib, progress, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    bad = lib.add_file(ui_ctx.profile_id, make_corrupt(tmp_path / "broken.mp4"))
    good = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "next.mp4", 2.0))
    tab = _bad_media_case(ui_ctx, make_tab, lib, qtbot, bad.content_id, good.content_id)
    assert "cannot be played" in tab.view.message.text.text()
    assert "damaged" in (progress.get(ui_ctx.profile_id, bad.content_id).media_error or "")
    qtbot.mouseClick(tab.view.message.buttons["next"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.session.entry.content_id == good.content_id, timeout=5000)
    qtbot.waitUntil(lambda: not tab.view.showing_message(), timeout=5000)


def test_dead_url_gives_message_and_flag(ui_ctx, make_tab, lib, progress, qtbot) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as sock:  # a port nobody listens on, on this machine only
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    bad = lib.add_url(ui_ctx.profile_id, f"http://127.0.0.1:{port}/lesson.mp4")
    good = lib.add_url(ui_ctx.profile_id, "https://www.youtube.com/watch?v=x")
    tab = _bad_media_case(ui_ctx, make_tab, lib, qtbot, bad.content_id, good.content_id)
    assert "could not be reached" in tab.view.message.text.text()
    assert tab.view.message.buttons["open_browser"].isVisibleTo(tab)


def test_web_page_opens_in_browser_and_is_marked_by_hand(
    ui_ctx, make_tab, lib, progress, qtbot, launches
) -> None:  # type: ignore[no-untyped-def]
    opened = launches  # the desktop gate's test hook
    page = lib.add_url(ui_ctx.profile_id, "https://www.youtube.com/watch?v=abc", "SQL talk")
    tab = make_tab()
    _open(tab, qtbot, page.content_id)
    assert tab.view.showing_message() and "web page" in tab.view.message.text.text()
    qtbot.mouseClick(tab.view.message.buttons["open_browser"], Qt.MouseButton.LeftButton)
    assert opened == ["https://www.youtube.com/watch?v=abc"]
    qtbot.waitUntil(
        lambda: progress.get(ui_ctx.profile_id, page.content_id).state == IN_PROGRESS, timeout=5000
    )
    qtbot.mouseClick(tab.view.message.buttons["mark_watched"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.playlist.entry(page.content_id).state == DONE, timeout=5000)
    assert tab.view.message.buttons["mark_unwatched"].isVisibleTo(tab)
    tab.library_actions.set_state(tab.session.entry, NOT_STARTED, confirm=False)
    qtbot.waitUntil(lambda: tab.playlist.entry(page.content_id).state == NOT_STARTED, timeout=5000)


def test_play_api_plays_a_given_list(ui_ctx, make_tab, lib, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "a.mp4", 2.0))
    b = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "b.mp4", 2.0))
    c = lib.add_url(ui_ctx.profile_id, "https://vimeo.com/1")
    tab = make_tab()
    tab.play([b.content_id, a.content_id, c.content_id], start=1)
    qtbot.waitUntil(lambda: tab.session.entry is not None, timeout=5000)
    assert tab.session.entry.content_id == a.content_id
    assert [e.content_id for e in tab.playlist.entries()] == [
        b.content_id,
        a.content_id,
        c.content_id,
    ]
    assert tab.source_combo.currentText().startswith("Learning path (3 items)")
    # With "Play next automatically" on, at the end of a the list goes on to the web page
    # and waits there.
    tab.view.auto_advance.setChecked(True)
    tab.session.player.setPlaybackRate(RATE)
    qtbot.waitUntil(lambda: tab.session.entry.content_id == c.content_id, timeout=10000)
    assert tab.view.showing_message() and not tab.session.playing


def test_empty_state_then_adding_a_file_plays_it(ui_ctx, make_tab, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab()
    assert tab.pages.currentWidget() is tab.empty
    assert [b.text() for b in tab.empty_buttons] == [
        "Add video file…",
        "Import folder as course…",
        "Add video URL…",
    ]
    tab.library_actions.add_video_files([make_clip(tmp_path / "first.mp4", 2.0)])
    qtbot.waitUntil(lambda: tab.session.entry is not None, timeout=5000)
    assert tab.pages.currentWidget() is tab.splitter
    assert tab.session.entry.title == "first"


def test_import_folder_shows_the_course_in_order(ui_ctx, make_tab, lib, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Course"
    for name in ("10 outro.mp4", "2 intro.mp4"):
        make_clip(folder / name, 1.0)
    tab = make_tab()
    tab.library_actions.import_folder(folder)
    qtbot.waitUntil(lambda: len(tab.playlist.entries()) == 2, timeout=5000)
    assert [e.title for e in tab.playlist.entries()] == ["2 intro", "10 outro"]
    assert tab.source_combo.currentText().startswith("Course: Course (0/2 watched)")


def test_controls_shortcuts_and_settings(ui_ctx, make_tab, lib, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "keys.mp4", 20.0))
    tab = make_tab()
    _open(tab, qtbot, entry.content_id, autoplay=False)
    qtbot.waitUntil(lambda: tab.session.player.duration() > 0, timeout=5000)
    settings = ui_ctx.app.settings.player
    tab.playlist.setFocus()
    qtbot.keyClick(tab.playlist, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: tab.session.player.position() >= 9900, timeout=3000)
    qtbot.keyClick(tab.playlist, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: 4900 <= tab.session.player.position() <= 5100, timeout=3000)
    qtbot.keyClick(tab.playlist, Qt.Key.Key_M)
    assert tab.session.audio.isMuted() and settings.muted
    qtbot.keyClick(tab.playlist, Qt.Key.Key_M)
    assert not settings.muted
    assert not tab.view.auto_advance.isChecked()
    qtbot.keyClick(tab.playlist, Qt.Key.Key_A)  # A: play the next item automatically
    assert tab.view.auto_advance.isChecked()
    qtbot.keyClick(tab.playlist, Qt.Key.Key_A)
    assert not tab.view.auto_advance.isChecked()
    tab.view.volume.setValue(35)
    assert settings.volume == pytest.approx(0.35)
    tab.view.speed.setCurrentIndex(tab.view.speed.findData(1.5))
    assert settings.rate == 1.5 and tab.session.player.playbackRate() == 1.5
    qtbot.keyClick(tab.playlist, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.session.playing, timeout=3000)
    qtbot.keyClick(tab.playlist, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not tab.session.playing, timeout=3000)
    qtbot.keyClick(tab.playlist, Qt.Key.Key_F)
    assert tab.view.full_screen and tab.view.isWindow()
    qtbot.waitUntil(tab.view.isActiveWindow, timeout=3000)
    qtbot.keyClick(tab.view, Qt.Key.Key_Escape)
    assert not tab.view.full_screen and tab.view.parentWidget() is tab.splitter


def test_progress_flushed_on_quit(ui_ctx, make_tab, lib, progress, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    entry = lib.add_file(ui_ctx.profile_id, make_clip(tmp_path / "quit.mp4", 20.0))
    tab = make_tab()
    _open(tab, qtbot, entry.content_id)
    tab.session.player.setPlaybackRate(2.0)
    qtbot.waitUntil(lambda: tab.session.player.position() >= 2600, timeout=10000)
    assert progress.get(ui_ctx.profile_id, entry.content_id).position_s < 2.5  # step save at 10%
    QApplication.instance().aboutToQuit.emit()  # what closing the main window leads to
    ui_ctx.runner.wait_idle(10)
    stored = progress.get(ui_ctx.profile_id, entry.content_id)
    assert stored.position_s >= 2.6 and stored.watched[0][1] >= 2.6


def test_seek_bar_paints_watched_segments(qtbot) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.ui.player.seek_bar import WATCHED_COLOUR, WatchedSeekBar

    bar = WatchedSeekBar()
    qtbot.addWidget(bar)
    bar.resize(400, 24)
    bar.set_duration(100)
    bar.set_watched([(0, 25), (60, 80)])
    image = bar.grab().toImage()
    y = image.height() // 2 + 2  # below the playhead line, inside the groove

    def green(x: int) -> bool:
        c = image.pixelColor(x, y)
        return abs(c.green() - WATCHED_COLOUR.green()) < 30 and c.red() < 120

    width = 400 - 14
    at = lambda share: int(7 + width * share)  # noqa: E731
    assert green(at(0.15)) and green(at(0.7))
    assert not green(at(0.4)) and not green(at(0.9))
