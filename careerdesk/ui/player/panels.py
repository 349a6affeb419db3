"""The two panels around the video: the empty page (no videos yet) and the playlist panel.

The playlist panel owns the "Show" chooser (all videos, one course, a list handed over by
another tab) and reports the learner's choice with :attr:`PlaylistPanel.mode_chosen`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core.player.queries import CourseInfo, PlaylistEntry
from careerdesk.ui.player.playlist_view import PlaylistView

EMPTY_TEXT = (
    "<h2>Your videos</h2>"
    "<p>Play lessons you have on this computer or on the web. CareerDesk remembers what you "
    "have <i>really</i> watched (skipping ahead does not count), resumes where you stopped, "
    "and counts finished videos towards your readiness.</p>"
    "<ul>"
    "<li><b>Add video file…</b> — one lesson on this computer (MP4, WebM, MKV and more).</li>"
    "<li><b>Import folder as course…</b> — a folder of lessons, played in the order of their "
    "names (“2 intro” before “10 outro”).</li>"
    "<li><b>Add video URL…</b> — a link to a video file, or a YouTube (or similar) page, "
    "which opens in your browser and is marked watched by hand.</li>"
    "</ul>"
)
NO_PROFILE_TEXT = (
    "<p><b>Choose a profile first</b> (File → Switch profile…): each learner has their own "
    "videos.</p>"
)
# (label, signal name) of the three ways to add videos, on the empty page and in the menu.
ADD_ACTIONS = (
    ("Add video file…", "add_files"),
    ("Import folder as course…", "import_folder"),
    ("Add video URL…", "add_url"),
)

# What the playlist shows: ("all", None), ("course", course_id) or ("list", content ids).
Mode = tuple[str, Any]


class _AddSignals(QWidget):
    add_files = Signal()
    import_folder = Signal()
    add_url = Signal()


class EmptyPage(_AddSignals):
    """Shown while the learner has no videos: what the Player does and how to add some."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        self.label = QLabel(EMPTY_TEXT)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for text, signal in ADD_ACTIONS:
            button = QPushButton(text)
            button.clicked.connect(getattr(self, signal).emit)
            row.addWidget(button)
            self.buttons.append(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_profile_chosen(self, chosen: bool) -> None:
        """Without a profile there is nowhere to add videos to: say so, disable the buttons."""
        self.label.setText(EMPTY_TEXT if chosen else EMPTY_TEXT + NO_PROFILE_TEXT)
        for button in self.buttons:
            button.setEnabled(chosen)


class PlaylistPanel(_AddSignals):
    """The "Show" chooser, the playlist, the add menu and the watched summary."""

    mode_chosen = Signal(object)  # a Mode

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.source_combo = QComboBox()
        self.source_combo.setAccessibleName("Show")
        self.source_combo.activated.connect(self._on_source_chosen)
        layout.addWidget(self.source_combo)
        self.playlist = PlaylistView()
        layout.addWidget(self.playlist, 1)
        row = QHBoxLayout()
        self.add_button = QToolButton()
        self.add_button.setText("Add videos")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.add_button)
        for text, signal in ADD_ACTIONS:
            menu.addAction(text, getattr(self, signal).emit)
        self.add_button.setMenu(menu)
        row.addWidget(self.add_button)
        row.addStretch(1)
        self.summary = QLabel()
        row.addWidget(self.summary)
        layout.addLayout(row)
        self._modes: dict[str, Mode] = {"all": ("all", None)}

    @staticmethod
    def mode_key(mode: Mode) -> str:
        return mode[0] if mode[0] != "course" else f"course:{mode[1]}"

    def fill_sources(self, courses: list[CourseInfo], current: Mode, list_title: str) -> None:
        """Offer every course (and the handed-over list, if showing one); select ``current``."""
        combo = self.source_combo
        combo.blockSignals(True)
        combo.clear()
        self._modes = {"all": ("all", None)}
        combo.addItem("All my videos", "all")
        for course in courses:
            mode: Mode = ("course", course.id)
            self._modes[self.mode_key(mode)] = mode
            label = f"Course: {course.title} ({course.done}/{course.items} watched)"
            combo.addItem(label, self.mode_key(mode))
        if current[0] == "list":
            self._modes["list"] = current
            combo.addItem(f"{list_title} ({len(current[1])} items)", "list")
        combo.setCurrentIndex(max(0, combo.findData(self.mode_key(current))))
        combo.blockSignals(False)

    def show_summary(self, entries: list[PlaylistEntry]) -> None:
        done = sum(1 for e in entries if e.state == "DONE")
        self.summary.setText(f"{done} of {len(entries)} watched" if entries else "")

    def _on_source_chosen(self, index: int) -> None:
        mode = self._modes.get(self.source_combo.itemData(index))
        if mode is not None:
            self.mode_chosen.emit(mode)
