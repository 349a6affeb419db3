"""The media prober of the installed app: QtMultimedia's FFmpeg backend (docs/packs.md).

Implements :class:`careerdesk.core.player.probe.MediaProber` with the same QMediaPlayer the
Player plays with, so "it probes" means "it plays here" — also in the frozen bundle, where
PyAV is not shipped. A probe loads the file into a private QMediaPlayer with a QVideoSink
and no audio output, starts it and waits (a local event loop, bounded by ``timeout_s``) for
the first decoded picture, an error, or the end; then it reads the duration and the
container's title (``QMediaMetaData.Title``) and drops the player.

Threads: a probe runs in the calling thread. The GUI calls it from the task runner's
workers (a QThread each: the local event loop delivers the player's signals there), the CLI
from its main thread. Without any Qt application (the CLI) a QCoreApplication is created
once, on the main thread, with Qt's and FFmpeg's console chatter turned off; the CLI needs
no display for it. Elsewhere with no application it answers "not checked" (readable None).

This is the one module of ``integrations/`` allowed to import Qt, and only QtCore and
QtMultimedia (``tests/test_layers.py``).
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from careerdesk.core.player.probe import MediaInfo, clean_title

if TYPE_CHECKING:
    # Qt is imported when the first probe runs: commands that build the pack or library
    # services without probing (``content list``, ``videos list``) do not load it, and
    # QtMultimedia logs while loading, before a CLI's logging rules could be in place.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 20.0
AV_LOG_QUIET = -8

_app_lock = threading.Lock()
_own_app: QCoreApplication | None = None
_quiet_pending = False


class QtMediaProber:
    """Probes local video files with QMediaPlayer; see the module docstring."""

    def __init__(self, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.timeout_s = timeout_s

    def probe(self, path: Path) -> MediaInfo:
        if not path.is_file():
            return MediaInfo(readable=False, error=f"{path.name} cannot be found at {path}.")
        if not _ensure_application():
            return MediaInfo(error="No media backend runs in this thread: not checked.")
        if _on_gui_thread():
            # Works (a nested event loop), but a long probe would freeze the window.
            log.warning("probing %s on the GUI thread: run it through the task runner", path)
        return _Probe(path, self.timeout_s).run()


def _on_gui_thread() -> bool:
    from PySide6.QtCore import QCoreApplication, QThread

    app = QCoreApplication.instance()
    return (
        app is not None
        and app.inherits("QGuiApplication")
        and (QThread.currentThread() is app.thread())
    )


def _ensure_application() -> bool:
    """A Qt application exists (made here, on the main thread, when the CLI has none)."""
    global _own_app, _quiet_pending
    from PySide6.QtCore import QCoreApplication, QLoggingCategory

    if QCoreApplication.instance() is not None:
        return True
    if threading.current_thread() is not threading.main_thread():
        return False  # a QCoreApplication belongs on the main thread
    with _app_lock:
        if QCoreApplication.instance() is None:
            # The CLI prints its own messages: Qt's multimedia warnings (missing PipeWire,
            # VA-API, ...) would bury them. Read when the first message is logged.
            os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
            _own_app = QCoreApplication(["careerdesk"])
            QLoggingCategory.setFilterRules(os.environ["QT_LOGGING_RULES"])
            _quiet_pending = True
    return True


def _quiet_ffmpeg() -> None:
    """Silences FFmpeg's own stderr log (stream dumps, decoder complaints about a damaged
    file) in a CLI process, once the multimedia plugin is loaded (it sets the level itself);
    the probe's answer already says what is wrong. Best effort: the library Qt ships is
    looked up in Qt's library folder."""
    global _quiet_pending
    if not _quiet_pending:
        return
    _quiet_pending = False
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath))
    for pattern in ("libavutil.so.*", "libavutil.*.dylib", "avutil-*.dll"):
        for candidate in sorted(folder.glob(pattern)):
            try:
                ctypes.CDLL(str(candidate)).av_log_set_level(AV_LOG_QUIET)
                return
            except (OSError, AttributeError) as exc:
                log.debug("cannot quiet FFmpeg through %s: %s", candidate, exc)


class _Probe:
    """One file, one private player, one bounded local event loop."""

    def __init__(self, path: Path, timeout_s: float) -> None:
        self.path = path
        self.timeout_s = timeout_s
        from PySide6.QtCore import QEventLoop
        from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

        self.status = QMediaPlayer.MediaStatus
        self.loop = QEventLoop()
        self.player = QMediaPlayer()
        _quiet_ffmpeg()
        self.sink = QVideoSink()
        self.player.setVideoSink(self.sink)
        self.pictured = False
        self.ended = False
        self.timed_out = False
        self.error = ""

    def run(self) -> MediaInfo:
        from PySide6.QtCore import QTimer, QUrl

        player = self.player
        player.mediaStatusChanged.connect(self._status)
        player.errorOccurred.connect(self._error)
        self.sink.videoFrameChanged.connect(self._frame)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(self._timeout)
        timer.start(int(self.timeout_s * 1000))
        player.setSource(QUrl.fromLocalFile(str(self.path)))
        if not self._finished():
            player.play()  # no audio output is set: nothing is heard
            if not self._finished():
                self.loop.exec()
        timer.stop()
        try:
            return self._answer()
        finally:
            player.stop()
            player.setSource(QUrl())

    def _finished(self) -> bool:
        if self._sound_only():
            return True  # no picture will come
        status = self.player.mediaStatus()
        return self.pictured or bool(self.error) or self.ended or status == self.status.InvalidMedia

    def _sound_only(self) -> bool:
        loaded = (self.status.LoadedMedia, self.status.BufferingMedia, self.status.BufferedMedia)
        return self.player.mediaStatus() in loaded and not self.player.hasVideo()

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        self.ended = self.ended or status == self.status.EndOfMedia
        if self._finished():
            self.loop.quit()

    def _error(self, _error: QMediaPlayer.Error, message: str) -> None:
        self.error = message or "unknown error"
        self.loop.quit()

    def _frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.pictured = True
            self.loop.quit()

    def _timeout(self) -> None:
        self.timed_out = True
        self.loop.quit()

    def _answer(self) -> MediaInfo:
        name = self.path.name
        player = self.player
        millis = player.duration()
        duration = round(millis / 1000, 3) if millis > 0 else None
        from PySide6.QtMultimedia import QMediaMetaData

        title = clean_title(player.metaData().stringValue(QMediaMetaData.Key.Title))
        if self.pictured:
            return MediaInfo(readable=True, duration_s=duration, title=title)
        if self.error or player.mediaStatus() == self.status.InvalidMedia:
            why = self.error or player.errorString() or "unknown error"
            error = f"{name} cannot be played: it is damaged or not really a video ({why})."
        elif self._sound_only():
            error = f"{name} holds no video picture (sound only?)."
        elif self.timed_out:
            error = (
                f"{name} showed no picture within {self.timeout_s:g} s: "
                "it is probably damaged (cut short while copying?)."
            )
        else:
            error = f"{name} holds no picture that can be shown."
        return MediaInfo(readable=False, duration_s=duration, title=title, error=error)
