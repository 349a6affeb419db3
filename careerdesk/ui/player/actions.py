"""What the learner does around playback: add videos, open pages, mark, locate, remove.

Every change goes through the services on the task runner's write lane; the playlist
refreshes from the resulting events. Methods that ask something (a file, a folder, an
address) take it as an argument too, so tests and other tabs can call them directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from careerdesk.core.player.media import (
    SOURCE_FILE,
    SOURCE_STREAM,
    VIDEO_EXTENSIONS,
    is_video_file_name,
)
from careerdesk.core.player.queries import PlaylistEntry
from careerdesk.core.player.rules import DONE, IN_PROGRESS, NOT_STARTED
from careerdesk.ui.common import desktop, file_dialogs, formatting
from careerdesk.ui.player.playlist_view import ID_ROLE

if TYPE_CHECKING:
    from careerdesk.core.player.library import FolderImport
    from careerdesk.ui.player.player_widget import PlayerTab

PAGE_NOTE = (
    "This is a web page, not a video file: sites such as YouTube play their videos inside "
    "their own page, which CareerDesk cannot play or measure. Open it in your browser, and "
    "when you have finished, mark it watched here so it counts."
)
VIDEO_FILTER = "Videos ({})".format(" ".join(f"*{ext}" for ext in sorted(VIDEO_EXTENSIONS)))


class PlayerActions:
    """Library and marking actions of one :class:`PlayerTab`."""

    def __init__(self, tab: PlayerTab) -> None:
        self.tag_dialog: QDialog | None = None  # the last skills dialog (tests look at it)
        self.tab = tab
        self.ctx = tab.ctx
        self.library = tab.library
        self.progress = tab.progress

    # -- adding ----------------------------------------------------------------------------
    def add_video_files(self, paths: Sequence[str | Path] | None = None) -> None:
        """Add local video files (asks for them when ``paths`` is None) and play the first."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        if paths is None:
            paths = file_dialogs.open_files(
                self.tab,
                "Add video files",
                purpose="videos",
                filter=f"{VIDEO_FILTER};;All files (*)",
            )
        if not paths:
            return
        library, items = self.library, list(paths)

        def added(entries: list[PlaylistEntry]) -> None:
            self._added(entries[0], f"Added {len(entries)} video(s).")
            self.confirm_skills([(e.content_id, e.title, e.skills) for e in entries])

        self.ctx.runner.run(
            lambda _s: [library.add_file(pid, p) for p in items],
            name="add-video-files",
            write=True,
            on_success=self.tab.when_alive(added),
        )

    def add_dropped(self, paths: Sequence[str | Path]) -> bool:
        """Files and folders dropped on the Player: folders become courses, videos are added.

        Returns False when nothing dropped was a video or a folder (the drop is refused).
        """
        folders = [Path(p) for p in paths if Path(p).is_dir()]
        videos = [Path(p) for p in paths if Path(p).is_file() and is_video_file_name(Path(p).name)]
        for folder in folders:
            self.import_folder(folder)
        if videos:
            self.add_video_files(videos)
        if not folders and not videos:
            self.ctx.status("Only video files and folders can be dropped on the Player.", 6000)
            return False
        return True

    # -- skills of the learner's videos ----------------------------------------------------
    def confirm_skills(
        self, videos: Sequence[tuple[int, str, Sequence[str]]], *, heading: str | None = None
    ) -> None:
        """Let the learner confirm or edit the suggested skills of ``videos`` (non-blocking)."""
        if not videos:
            return
        from careerdesk.ui.player.tag_dialog import SkillTagsDialog

        names = {k: skill.name for k, skill in self.library.catalog.skills.items()}
        dialog = SkillTagsDialog(videos, names, self.tab, heading=heading)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_skills(dialog.changes()))
        self.tag_dialog = dialog
        dialog.open()

    def edit_skills(self, entry: PlaylistEntry) -> None:
        self.confirm_skills(
            [(entry.content_id, entry.title, entry.skills)],
            heading=f"Which skills does “{entry.title}” teach? Watching it counts toward them.",
        )

    def save_skills(self, changes: dict[int, list[str]]) -> None:
        """Store edited skills (on the write lane); the playlist refreshes from the events."""
        pid, library = self.ctx.profile_id, self.library
        if pid is None or not changes:
            return
        todo = dict(changes)
        self.ctx.runner.run(
            lambda _s: [library.set_skills(pid, cid, skills) for cid, skills in todo.items()],
            name="set-video-skills",
            write=True,
            on_success=self.tab.when_alive(
                lambda entries: self.ctx.status(
                    f"Saved the skills of {len(entries)} video(s).", 6000
                )
            ),
        )

    def import_folder(self, folder: str | Path | None = None) -> None:
        """Import a folder of videos as a course (asks for it when None) and show it."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        if folder is None:
            folder = file_dialogs.choose_folder(
                self.tab, "Import folder as course", purpose="video-folder"
            )
        if not folder:
            return
        library, root = self.library, folder
        self.ctx.status("Importing folder…", 0)

        def done(result: FolderImport) -> None:
            course = result.course
            self.ctx.status(
                f"Course “{course.title}”: {result.added} new video(s), "
                f"{result.already_there} already there.",
                8000,
            )
            entries = library.playlist(pid, course.id)
            first = next((e for e in entries if e.state != DONE), entries[0] if entries else None)
            self.tab.go_to(("course", course.id), (first.content_id, False) if first else None)
            self.confirm_skills([(i.content_id, i.title, i.skills) for i in result.items if i.new])

        def failed(exc: BaseException) -> None:
            self.ctx.status("", 1)
            self.ctx.report(exc)

        self.ctx.runner.run(
            lambda _s: library.import_folder(pid, root),
            name="import-folder",
            write=True,
            on_success=self.tab.when_alive(done),
            on_error=failed,
        )

    def add_video_url(
        self, url: str | None = None, title: str | None = None, as_page: bool | None = None
    ) -> None:
        """Add a link (asks with a dialog when ``url`` is None) and show it."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        if url is None:
            from careerdesk.ui.player.add_video_url import AddVideoUrlDialog

            dialog = AddVideoUrlDialog(self.tab)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            url, title, as_page = dialog.values()
        library, link, name, page = self.library, url, title, as_page
        self.ctx.runner.run(
            lambda _s: library.add_url(pid, link, name, as_page=page),
            name="add-video-url",
            write=True,
            on_success=self.tab.when_alive(
                lambda entry: self._added(entry, f"Added “{entry.title}”.")
            ),
        )

    def _added(self, entry: PlaylistEntry, message: str) -> None:
        self.ctx.status(message, 6000)
        self.tab.go_to(("all", None), (entry.content_id, entry.playable))

    # -- what the view shows ---------------------------------------------------------------
    def show_page(self, entry: PlaylistEntry) -> None:
        done = entry.state == DONE
        state = {DONE: "Marked watched.", IN_PROGRESS: "Opened in your browser."}.get(
            entry.state, ""
        )
        actions = ("open_browser", "mark_unwatched" if done else "mark_watched")
        self.tab.view.show_message(
            f"Web page: {entry.title}", f"{PAGE_NOTE}\n\n{entry.location}\n{state}".strip(), actions
        )
        self.tab.view.set_watched_share(None)

    def show_media_error(self, message: str) -> None:
        entry = self.tab.session.entry
        actions: list[str] = ["retry"]
        if entry is not None and entry.source == SOURCE_FILE:
            actions.append("locate")
        if entry is not None and entry.source == SOURCE_STREAM:
            actions.append("open_browser")
        actions.append("mark_watched")
        if self.tab.playlist.neighbour(entry.content_id if entry else None, 1) is not None:
            actions.append("next")
        self.tab.view.show_message("⚠ This video cannot be played", message, tuple(actions))
        self.tab.view.set_enabled_controls(False)
        self.tab.view.set_watched_share(None)

    def on_message_action(self, key: str) -> None:
        entry = self.tab.session.entry
        if key == "next":
            self.tab.play_neighbour(+1)
        elif entry is None:
            return
        elif key == "retry":
            self.tab.open_item(entry.content_id, autoplay=True)
        elif key == "open_browser":
            self.open_in_browser(entry)
        elif key == "mark_watched":
            self.set_state(entry, DONE)
        elif key == "mark_unwatched":
            self.set_state(entry, NOT_STARTED)
        elif key == "locate":
            self.locate(entry)

    # -- item actions ----------------------------------------------------------------------
    def log_opened(self, entry: PlaylistEntry) -> None:
        pid, progress = self.ctx.profile_id, self.progress
        if pid is None:
            return
        self.ctx.runner.run(
            lambda _s: progress.mark_opened(pid, entry.content_id),
            name="content-opened",
            write=True,
            on_success=lambda snap: None,
        )

    def open_in_browser(self, entry: PlaylistEntry) -> None:
        if not desktop.open_url(entry.location, self.tab):
            return  # kept inside (kiosk) or shown as text: nothing was opened
        self.log_opened(entry)
        self.ctx.status(f"Opened {entry.location} in your browser.", 6000)

    def set_state(self, entry: PlaylistEntry, state: str, *, confirm: bool = True) -> None:
        """Mark watched (DONE) or not watched (NOT_STARTED, forgetting what was watched)."""
        pid, library, session = self.ctx.profile_id, self.library, self.tab.session
        if pid is None:
            return
        if state == NOT_STARTED and entry.watched and confirm:
            answer = QMessageBox.question(
                self.tab,
                "Mark as not watched",
                f"Forget what you have watched of “{entry.title}” "
                f"({formatting.share(entry.watched_fraction)})? This cannot be undone.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        current = session.entry is not None and session.entry.content_id == entry.content_id
        if current and state == NOT_STARTED:
            session.forget_watched()
        self.ctx.runner.run(
            lambda _s: library.set_state(pid, entry.content_id, state),
            name="mark-content",
            write=True,
            on_success=self.tab.when_alive(self._marked),
        )

    def _marked(self, entry: PlaylistEntry) -> None:
        self.tab.playlist.update_entry(entry)
        session = self.tab.session
        if session.entry is not None and session.entry.content_id == entry.content_id:
            session.update_entry(entry, replace=True)
            if not entry.playable:
                self.show_page(entry)
            elif session.error is not None:
                self.show_media_error(session.error)

    def locate(self, entry: PlaylistEntry, path: str | Path | None = None) -> None:
        """Point a missing file's item at where the file is now, then play it."""
        pid = self.ctx.profile_id
        if pid is None:
            return
        if path is None:
            path = file_dialogs.open_file(
                self.tab, f"Locate “{entry.title}”", purpose="videos", filter=VIDEO_FILTER
            )
        if not path:
            return
        library, new_path = self.library, path
        self.ctx.runner.run(
            lambda _s: library.relocate(pid, entry.content_id, new_path),
            name="locate-file",
            write=True,
            on_success=self.tab.when_alive(
                lambda e: self.tab.go_to(self.tab._mode, (e.content_id, True))
            ),
        )

    def remove(self, entry: PlaylistEntry, *, confirm: bool = True) -> None:
        pid, library = self.ctx.profile_id, self.library
        if pid is None or not entry.owned:
            return
        if confirm:
            answer = QMessageBox.question(
                self.tab,
                "Remove from library",
                f"Remove “{entry.title}” and what you watched of it from CareerDesk? "
                "The video file itself is not deleted.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        session = self.tab.session
        if session.entry is not None and session.entry.content_id == entry.content_id:
            self.tab.stop()
            self.tab.view.show_hint("Choose an item in the playlist to play it.")
        self.ctx.runner.run(
            lambda _s: library.remove(pid, entry.content_id),
            name="remove-content",
            write=True,
            on_success=lambda title: self.ctx.status(f"Removed “{title}”.", 6000),
        )

    def remove_course(self, course_id: int, *, confirm: bool = True) -> None:
        pid, library = self.ctx.profile_id, self.library
        if pid is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self.tab,
                "Remove course",
                "Remove this course, its items and what you watched of them from CareerDesk? "
                "The video files themselves are not deleted.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        session = self.tab.session
        if session.entry is not None and session.entry.course_id == course_id:
            self.tab.stop()
            self.tab.view.show_hint("Choose an item in the playlist to play it.")
        self.ctx.runner.run(
            lambda _s: library.remove_course(pid, course_id),
            name="remove-course",
            write=True,
            on_success=lambda title: self.ctx.status(f"Removed course “{title}”.", 6000),
        )

    # -- context menu ----------------------------------------------------------------------
    def playlist_menu(self, pos: QPoint) -> None:
        view = self.tab.playlist
        item = view.itemAt(pos)
        entry = view.entry(item.data(ID_ROLE)) if item is not None else None
        menu = QMenu(view)
        if entry is not None:
            menu.addAction(
                "Play" if entry.playable else "Show", lambda: self.tab.open_item(entry.content_id)
            )
            if entry.source != SOURCE_FILE:
                menu.addAction("Open in browser", lambda: self.open_in_browser(entry))
            if entry.source == SOURCE_FILE:
                menu.addAction("Locate file…", lambda: self.locate(entry))
            menu.addSeparator()
            if entry.state != DONE and (not entry.playable or entry.media_error):
                menu.addAction("Mark as watched", lambda: self.set_state(entry, DONE))
            if entry.state != NOT_STARTED or entry.watched:
                menu.addAction("Mark as not watched…", lambda: self.set_state(entry, NOT_STARTED))
            if entry.owned:
                menu.addSeparator()
                menu.addAction("Skills it teaches…", lambda: self.edit_skills(entry))
                menu.addAction("Remove from library…", lambda: self.remove(entry))
        mode = self.tab._mode
        if mode[0] == "course":
            menu.addSeparator()
            menu.addAction("Remove this course…", lambda: self.remove_course(mode[1]))
        if not menu.isEmpty():
            menu.exec(view.viewport().mapToGlobal(pos))
