"""The Player tab's widget: an embedded video player whose watch progress is saved and counts.

The playlist shows the learner's videos (all of them, one course, or a list handed over by
another tab through :meth:`PlayerTab.play`, e.g. a learning path). Playback and progress
saving live in :class:`PlaybackSession`; this module wires it to the view, the playlist, the
library actions (add a file, import a folder, add a link) and the keyboard (:mod:`.keys`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QHideEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.kernel.events import DataRestored, DomainEvent
from careerdesk.core.learning.events import ContentProgressChanged
from careerdesk.core.player.events import ContentLibraryChanged, MediaErrorChanged
from careerdesk.core.player.library import ContentLibraryService
from careerdesk.core.player.queries import CourseInfo, PlaylistEntry
from careerdesk.core.player.rules import DONE, IN_PROGRESS
from careerdesk.core.player.service import VideoProgressService
from careerdesk.ui.player.actions import PlayerActions
from careerdesk.ui.player.advance import AutoAdvance
from careerdesk.ui.player.keys import PlayerKeys, local_paths
from careerdesk.ui.player.panels import EmptyPage, Mode, PlaylistPanel
from careerdesk.ui.player.playlist_view import skill_names
from careerdesk.ui.player.session import PlaybackSession
from careerdesk.ui.player.view import PlayerView
from careerdesk.ui.shell.context import UiContext
from careerdesk.ui.shell.qt_workarounds import install_none_refcount_guard

REFRESH_ON = (ContentProgressChanged, ContentLibraryChanged, MediaErrorChanged, DataRestored)


class PlayerTab(QWidget):
    """The Player tab. Other tabs call :meth:`play` to play a list of content items."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        # Playback makes hundreds of binding calls per second: guard against PySide6 6.12.0's
        # None reference leak (see careerdesk.ui.shell.qt_workarounds) before it can bite.
        install_none_refcount_guard()
        self.ctx = ctx
        self.library = ctx.service(ContentLibraryService)
        self.progress = ctx.service(VideoProgressService)
        self._mode: Mode = ("all", None)
        self._list_title = "Queued items"
        self._pending: tuple[int, bool] | None = None
        self._generation = 0
        self.loaded = False  # a first playlist load has arrived (tests wait on it)
        self.setAcceptDrops(True)
        self._closed = False
        self._shown_headers = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.empty = EmptyPage()
        self.empty_label, self.empty_buttons = self.empty.label, self.empty.buttons
        self.pages.addWidget(self.empty)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.view = PlayerView()
        self.splitter.addWidget(self.view)
        self.panel = PlaylistPanel()
        self.source_combo, self.playlist = self.panel.source_combo, self.panel.playlist
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([780, 320])
        self.pages.addWidget(self.splitter)

        self.session = PlaybackSession(ctx, self.view.video, self)
        self.library_actions = PlayerActions(self)
        self._wire()
        self.keys = PlayerKeys(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh)
        ctx.profile_changed.connect(self._on_profile_changed)
        ctx.events.domain_event.connect(self._on_event)
        self.refresh()

    # -- wiring ----------------------------------------------------------------------------
    def _wire(self) -> None:
        v, s, player = self.view, self.session, self.session.player
        settings = self.ctx.app.settings.player
        v.volume.setValue(round(settings.volume * 100))
        v.mute_button.setChecked(settings.muted)
        v.set_rate(settings.rate)
        v.play_button.clicked.connect(s.toggle)
        v.prev_button.clicked.connect(lambda: self.play_neighbour(-1))
        v.next_button.clicked.connect(lambda: self.play_neighbour(+1))
        v.seek.seek_requested.connect(lambda ms: s.seek(ms / 1000))
        v.speed.currentIndexChanged.connect(lambda _i: s.set_rate(v.speed.currentData()))
        v.mute_button.toggled.connect(s.set_muted)
        v.volume.valueChanged.connect(lambda value: s.set_volume(value / 100))
        v.message.action.connect(self.library_actions.on_message_action)
        for page in (self.empty, self.panel):
            page.add_files.connect(lambda: self.library_actions.add_video_files())
            page.import_folder.connect(lambda: self.library_actions.import_folder())
            page.add_url.connect(lambda: self.library_actions.add_video_url())
        self.panel.mode_chosen.connect(self._on_mode_chosen)
        player.positionChanged.connect(lambda ms: v.set_time(ms, player.duration()))
        player.durationChanged.connect(self._on_duration)
        player.playbackStateChanged.connect(lambda _st: v.set_playing(s.playing))
        s.watched_changed.connect(self._on_watched)
        s.progress_saved.connect(self._on_saved)
        s.media_failed.connect(self.library_actions.show_media_error)
        s.media_ready.connect(v.show_video)
        self.advance = AutoAdvance(self)
        s.ended.connect(self.advance.on_ended)
        self.playlist.entry_activated.connect(self.open_item)
        self.playlist.customContextMenuRequested.connect(self.library_actions.playlist_menu)

    # -- public API ------------------------------------------------------------------------
    def play(self, content_ids: list[int], start: int = 0, *, title: str = "Learning path") -> None:
        """Play these content items as a playlist, starting with ``content_ids[start]``.

        Used by other tabs (a learning path). Items the learner cannot see are skipped; web
        pages in the list are shown with their "open in browser" note when reached.
        """
        ids = [int(c) for c in content_ids]
        if not ids:
            return
        self._mode = ("list", tuple(ids))
        self._list_title = title
        self._pending = (ids[max(0, min(start, len(ids) - 1))], True)
        self.refresh()

    def show_course(self, course_id: int | None) -> None:
        """Show one course's items (None: everything the learner added)."""
        self._mode = ("course", course_id) if course_id is not None else ("all", None)
        self.refresh()

    def current_entry(self) -> PlaylistEntry | None:
        return self.session.entry

    def open_item(self, content_id: int, autoplay: bool = True) -> None:
        """Load an item of the playlist (saving the one playing first)."""
        entry = self.playlist.entry(content_id)
        pid = self.ctx.profile_id
        if entry is None or pid is None:
            return
        self.session.load(pid, entry, autoplay=autoplay)
        self.playlist.set_current(content_id)
        title = f"{entry.course_title} — {entry.title}" if entry.course_title else entry.title
        self.view.title.setText(title)
        self.view.title.setToolTip(
            "Teaches: " + ", ".join(skill_names(entry.skills)) if entry.skills else ""
        )
        self.view.seek.set_duration(entry.duration_s)
        self.view.set_time(0, int((entry.duration_s or 0) * 1000))
        self.view.set_enabled_controls(entry.playable and not self.session.error)
        if not entry.playable:
            self.library_actions.show_page(entry)
        elif self.session.error is None:
            self.view.show_hint("Loading…")
            self.library_actions.log_opened(entry)

    def play_neighbour(self, step: int) -> None:
        current = self.session.entry.content_id if self.session.entry else None
        target = self.playlist.neighbour(current, step)
        if target is not None:
            self.open_item(target.content_id, autoplay=target.playable)

    def flush(self) -> None:
        """Save the current item's progress now (on the write lane)."""
        self.session.flush("flush")

    def stop(self) -> None:
        """Leave full screen and stop playing, saving progress first."""
        if self.view.full_screen:
            self.view.set_full_screen(False)
        self.session.unload()

    def shutdown(self) -> None:
        """Final stop (window close, quit, tab closed): save progress, stop reacting."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        self._refresh_timer.stop()
        for signal, slot in (
            (self.ctx.events.domain_event, self._on_event),
            (self.ctx.profile_changed, self._on_profile_changed),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # already gone with the context

    def alive(self) -> bool:
        """False once shut down or deleted: late background results are then dropped."""
        return not self._closed and shiboken6.isValid(self)

    def when_alive(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """Wrap a task callback so it does nothing if this tab is gone by the time it runs."""

        def call(*args: Any) -> None:
            if self.alive():
                fn(*args)

        return call

    # -- loading the playlist --------------------------------------------------------------
    def refresh(self) -> None:
        pid = self.ctx.profile_id
        self._generation += 1
        if not self.alive():
            return
        if pid is None:
            self.empty.set_profile_chosen(False)
            self.pages.setCurrentWidget(self.empty)
            return
        gen, mode, library = self._generation, self._mode, self.library

        def load(_state: object) -> tuple[list[CourseInfo], list[PlaylistEntry], bool]:
            if mode[0] == "list":
                entries = library.entries(pid, list(mode[1]))
            else:
                entries = library.playlist(pid, mode[1] if mode[0] == "course" else None)
            anything = bool(entries) or bool(library.playlist(pid))
            return library.courses(pid), entries, anything

        self.ctx.runner.run(
            load,
            name="player-playlist",
            on_success=self.when_alive(lambda r: self._apply(gen, pid, *r)),
        )

    def _apply(
        self,
        gen: int,
        pid: int,
        courses: list[CourseInfo],
        entries: list[PlaylistEntry],
        anything: bool,
    ) -> None:
        if gen != self._generation or pid != self.ctx.profile_id:
            return
        self.loaded = True
        if self._mode[0] == "course" and self._mode[1] not in {c.id for c in courses}:
            self._mode = ("all", None)  # the course was removed
            self.refresh()
            return
        self.panel.fill_sources(courses, self._mode, self._list_title)
        headers = self._mode[0] == "all" and bool(courses)
        same = [e.content_id for e in entries] == [e.content_id for e in self.playlist.entries()]
        if same and headers == self._shown_headers:
            for entry in entries:  # in place: no flicker, selection and scroll kept
                self.playlist.update_entry(entry)
        else:
            self.playlist.set_entries(entries, headers=headers)
            self._shown_headers = headers
        for entry in entries:
            self.session.update_entry(entry)
        current = self.session.entry
        self.playlist.set_current(current.content_id if current else None)
        self.panel.show_summary(entries)
        self.empty.set_profile_chosen(True)
        self.pages.setCurrentWidget(
            self.splitter if anything or self._mode[0] == "list" else self.empty
        )
        if self._pending is not None:
            content_id, autoplay = self._pending
            self._pending = None
            if self.playlist.entry(content_id) is not None:
                self.open_item(content_id, autoplay=autoplay)

    def _on_mode_chosen(self, mode: Mode) -> None:
        if mode != self._mode:
            self._mode = mode
            self.refresh()

    def go_to(self, mode: Mode, pending: tuple[int, bool] | None) -> None:
        """Show ``mode`` and open ``pending`` (content id, autoplay) once loaded."""
        self._mode = mode
        self._pending = pending
        self.refresh()

    # -- reactions -------------------------------------------------------------------------
    def _on_duration(self, ms: int) -> None:
        self.view.seek.set_duration(ms / 1000)
        self.view.set_time(self.session.player.position(), ms)

    def _on_watched(self, intervals: list[tuple[float, float]]) -> None:
        self.view.seek.set_watched(intervals)
        s = self.session
        shown = s.entry is not None and s.entry.playable and s.error is None
        fraction = s.tracker.fraction() if shown else None
        self.view.set_watched_share(fraction)
        if fraction is not None and s.entry is not None:
            self._show_live_share(s.entry.content_id, fraction)

    def _show_live_share(self, content_id: int, fraction: float) -> None:
        """Keep the playing row's "N% watched" with the label under the video.

        Stored progress arrives at each 10% step; in between the row follows what is being
        watched, repainted only when the whole percentage changes.
        """
        row = self.playlist.entry(content_id)
        if row is None or row.state == DONE:
            return
        if round(row.watched_fraction * 100) == round(fraction * 100):
            return
        state = IN_PROGRESS if fraction > 0 else row.state
        self.playlist.update_entry(
            row.model_copy(update={"watched_fraction": fraction, "state": state})
        )

    def _on_saved(self, entry: PlaylistEntry) -> None:
        self.playlist.update_entry(entry)
        current = self.session.entry
        if current and entry.content_id == current.content_id and not entry.playable:
            self.library_actions.show_page(entry)

    def auto_advance(self) -> bool:
        return self.advance.enabled()

    def _on_event(self, event: DomainEvent) -> None:
        if isinstance(event, REFRESH_ON) and event.profile_id in (None, self.ctx.profile_id):
            self._refresh_timer.start()

    def _on_profile_changed(self, _pid: int) -> None:
        self.stop()
        self.advance.show()
        self.view.title.clear()
        self.view.show_hint("Choose an item in the playlist to play it.")
        self._mode, self._pending = ("all", None), None
        self.playlist.set_entries([])
        self.refresh()

    # -- Qt events -------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            self.playlist.setFocus()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Video files and folders from the file manager: a folder becomes a course.
        if self.ctx.profile_id is not None and local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths and self.library_actions.add_dropped(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def hideEvent(self, event: QHideEvent) -> None:
        # Switching tab or closing the window: keep what was watched.
        if self.view.full_screen and not self.window().isVisible():
            self.view.set_full_screen(False)  # the main window is closing
        self.session.flush("hide")
        super().hideEvent(event)

    def closeEvent(self, event: Any) -> None:
        self.shutdown()
        super().closeEvent(event)
