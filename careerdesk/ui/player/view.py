"""The player's screen: video (or a message in its place), seek bar and controls.

Layout only: the tab wires the buttons to the :class:`PlaybackSession`. The whole view goes
full screen (video and controls together), so the seek bar and buttons stay usable there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.ui.common import formatting
from careerdesk.ui.player.playlist_view import format_time
from careerdesk.ui.player.seek_bar import WatchedSeekBar

RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)

# Buttons the message panel can show, by action name.
MESSAGE_ACTIONS = {
    "retry": "Try again",
    "locate": "Locate file…",
    "open_browser": "Open in browser",
    "mark_watched": "Mark as watched",
    "mark_unwatched": "Mark as not watched",
    "next": "Play next ▶",
}


class MessagePanel(QFrame):
    """Shown in place of the video: a web page's note, a media error, or a hint."""

    action = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for key, label in MESSAGE_ACTIONS.items():
            button = QPushButton(label)
            button.clicked.connect(lambda _c=False, k=key: self.action.emit(k))
            button.hide()
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_message(self, heading: str, text: str, actions: tuple[str, ...] = ()) -> None:
        self.heading.setText(f"<h3>{heading}</h3>")
        self.text.setText(text)
        for key, button in self.buttons.items():
            button.setVisible(key in actions)


class PlayerView(QWidget):
    """Video area, seek bar, time, transport, speed, volume and full-screen controls."""

    full_screen_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setContentsMargins(6, 4, 6, 0)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.stack = QStackedWidget()
        self.video = QVideoWidget()
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.video.setMinimumSize(320, 180)
        pal = self.video.palette()
        pal.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        self.video.setPalette(pal)
        self.video.setAutoFillBackground(True)
        self.video.installEventFilter(self)
        self.message = MessagePanel()
        self.stack.addWidget(self.video)
        self.stack.addWidget(self.message)
        layout.addWidget(self.stack, 1)

        self.seek = WatchedSeekBar()
        seek_row = QHBoxLayout()
        seek_row.setContentsMargins(6, 0, 6, 0)
        seek_row.addWidget(self.seek, 1)
        layout.addLayout(seek_row)

        controls = QHBoxLayout()
        controls.setContentsMargins(6, 0, 6, 6)
        self.prev_button = self._tool(
            QStyle.StandardPixmap.SP_MediaSkipBackward, "Previous item (Shift+P)"
        )
        self.play_button = self._tool(QStyle.StandardPixmap.SP_MediaPlay, "Play (Space)")
        self.next_button = self._tool(
            QStyle.StandardPixmap.SP_MediaSkipForward, "Next item (Shift+N)"
        )
        for button in (self.prev_button, self.play_button, self.next_button):
            controls.addWidget(button)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setMinimumWidth(100)
        self.time_label.setAccessibleName("Elapsed and total time")
        controls.addWidget(self.time_label)
        self.watched_label = QLabel()
        self.watched_label.setToolTip(
            "Share of this video you have really watched (skipped parts do not count). "
            "It counts as watched at 90%."
        )
        controls.addWidget(self.watched_label)
        controls.addStretch(1)
        self.auto_advance = QCheckBox("Play next automatically")
        self.auto_advance.setToolTip(
            "When a video ends, start the next item of the playlist by itself (A)."
        )
        # Out of the Tab order like the transport buttons: a focused check box would take
        # Space (play/pause) for itself. The key A toggles it.
        self.auto_advance.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        controls.addWidget(self.auto_advance)
        controls.addWidget(QLabel("Speed"))
        self.speed = QComboBox()
        self.speed.setAccessibleName("Playback speed")
        for rate in RATES:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        controls.addWidget(self.speed)
        self.mute_button = self._tool(QStyle.StandardPixmap.SP_MediaVolume, "Mute (M)")
        self.mute_button.setCheckable(True)
        controls.addWidget(self.mute_button)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setFixedWidth(90)
        self.volume.setAccessibleName("Volume")
        self.volume.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        controls.addWidget(self.volume)
        self.full_button = self._tool(
            QStyle.StandardPixmap.SP_TitleBarMaxButton, "Full screen (F, Esc to leave)"
        )
        controls.addWidget(self.full_button)
        layout.addLayout(controls)
        self.mute_button.toggled.connect(self._show_muted)
        self.full_button.clicked.connect(self.toggle_full_screen)
        self._home: tuple[QSplitter, int] | None = None
        self._sizes: list[int] = []
        # As a full-screen window of its own, the view must not keep the app running once
        # the main window is closed.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.show_hint("Choose an item in the playlist to play it.")
        self.set_enabled_controls(False)

    def _tool(self, pixmap: QStyle.StandardPixmap, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(self.style().standardIcon(pixmap))
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    # -- what is shown ---------------------------------------------------------------------
    def show_video(self) -> None:
        self.stack.setCurrentWidget(self.video)

    def show_hint(self, text: str) -> None:
        self.message.show_message("", text)
        self.stack.setCurrentWidget(self.message)

    def show_message(self, heading: str, text: str, actions: tuple[str, ...] = ()) -> None:
        self.message.show_message(heading, text, actions)
        self.stack.setCurrentWidget(self.message)

    def showing_message(self) -> bool:
        return self.stack.currentWidget() is self.message

    def set_enabled_controls(self, enabled: bool) -> None:
        for widget in (self.play_button, self.seek, self.speed):
            widget.setEnabled(enabled)

    def set_playing(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip("Pause (Space)" if playing else "Play (Space)")

    def set_time(self, position_ms: int, duration_ms: int) -> None:
        self.time_label.setText(
            f"{format_time(position_ms / 1000)} / "
            f"{format_time(duration_ms / 1000) if duration_ms > 0 else '–:––'}"
        )
        self.seek.set_position_ms(position_ms)

    def set_watched_share(self, fraction: float | None) -> None:
        self.watched_label.setText(
            "" if fraction is None else f"· watched {formatting.share(fraction)}"
        )

    def set_rate(self, rate: float) -> None:
        index = min(range(len(RATES)), key=lambda i: abs(RATES[i] - rate))
        self.speed.setCurrentIndex(index)

    def _show_muted(self, muted: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(self.style().standardIcon(icon))
        self.mute_button.setToolTip("Unmute (M)" if muted else "Mute (M)")

    # -- full screen -----------------------------------------------------------------------
    @property
    def full_screen(self) -> bool:
        return self._home is not None

    def toggle_full_screen(self) -> None:
        self.set_full_screen(not self.full_screen)

    def set_full_screen(self, on: bool) -> None:
        """Take the view (video and controls) out into a full-screen window, or back."""
        if on == self.full_screen:
            return
        if on:
            splitter = self.parentWidget()
            while splitter is not None and not isinstance(splitter, QSplitter):
                splitter = splitter.parentWidget()
            if splitter is None:
                return
            self._home = (splitter, splitter.indexOf(self))
            self._sizes = splitter.sizes()
            screen = splitter.window().screen()
            self.setParent(None)
            self.setWindowTitle(self.title.text() or "CareerDesk player")
            # Cover the main window's screen even where no window manager honours the
            # full-screen request (e.g. a bare X server).
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            self.full_button.setIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton)
            )
        elif self._home is not None:  # always, when leaving full screen
            splitter, index = self._home
            self._home = None
            self.showNormal()
            splitter.insertWidget(index, self)
            splitter.setSizes(self._sizes)
            self.show()
            self.full_button.setIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton)
            )
        self.activateWindow()
        self.setFocus()
        self.full_screen_changed.emit(on)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the full-screen window (Alt+F4) returns to the tab instead of losing it.
        if self.full_screen:
            event.ignore()
            self.set_full_screen(False)
        else:
            super().closeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.video and event.type() == QEvent.Type.MouseButtonDblClick:
            self.toggle_full_screen()
            return True
        return super().eventFilter(watched, event)
