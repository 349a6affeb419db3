"""The player's engine: QMediaPlayer + QAudioOutput, watch tracking and progress saving.

One :class:`PlaybackSession` plays one :class:`PlaylistEntry` at a time into a video output.
Positions feed a :class:`WatchTracker` (only continuous play counts). Progress is saved on
the task runner's write lane, never on the GUI thread: at each newly covered 10%, on pause,
on seek, at the end, when switching item and on :meth:`flush` (close). Media that cannot be
played gives a message, a flag on the item, and nothing else lost.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.player.media import SOURCE_FILE, SOURCE_STREAM
from careerdesk.core.player.queries import PlaylistEntry
from careerdesk.core.player.rules import WatchTracker, resume_position, step_index
from careerdesk.core.player.service import ProgressSnapshot, VideoProgressService
from careerdesk.ui.shell.context import UiContext

log = logging.getLogger(__name__)

Status = QMediaPlayer.MediaStatus
State = QMediaPlayer.PlaybackState


def media_error_message(entry: PlaylistEntry, error: QMediaPlayer.Error, detail: str) -> str:
    """A message the learner can act on, for a QMediaPlayer error on ``entry``."""
    name = f"“{entry.title}”"
    if entry.source == SOURCE_STREAM and error in (
        QMediaPlayer.Error.ResourceError,
        QMediaPlayer.Error.NetworkError,
    ):
        text = (
            f"{name} could not be reached at {entry.location}. The link may be dead or this "
            "computer may be offline; if it is a web page rather than a video file, open it "
            "in your browser."
        )
    elif error == QMediaPlayer.Error.AccessDeniedError:
        text = f"{name} cannot be opened: permission denied ({entry.location})."
    elif error == QMediaPlayer.Error.FormatError and entry.source == SOURCE_STREAM:
        text = (
            f"{name} cannot be played: {entry.location} is not a video this computer can "
            "decode. If it is a web page rather than a video file, open it in your browser."
        )
    elif error == QMediaPlayer.Error.FormatError:
        text = (
            f"{name} cannot be played: the file is damaged or in a format this computer "
            "cannot decode."
        )
    else:
        text = f"{name} cannot be played: it could not be read (it may be damaged)."
    return f"{text} ({detail})" if detail else text


class PlaybackSession(QObject):
    """Plays one entry at a time and keeps its watch progress saved."""

    entry_changed = Signal(object)  # PlaylistEntry | None
    watched_changed = Signal(object)  # list of (start, end) seconds, local view
    progress_saved = Signal(object)  # PlaylistEntry with the stored progress
    media_failed = Signal(str)  # message for the learner
    media_ready = Signal()
    ended = Signal()

    def __init__(
        self, ctx: UiContext, video_output: QObject, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.progress = ctx.service(VideoProgressService)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(video_output)
        settings = ctx.app.settings.player
        self.audio.setVolume(settings.volume)
        self.audio.setMuted(settings.muted)
        self.player.setPlaybackRate(settings.rate)
        self.entry: PlaylistEntry | None = None
        self.profile_id: int | None = None
        self.tracker = WatchTracker()
        self.error: str | None = None
        self.saving_enabled = True  # the benchmark compares playback with saving off
        self.saves_started = 0
        self._autoplay = False
        self._pending_resume_ms: int | None = None
        self._saved_step = 0
        self._last_saved: tuple[Any, ...] | None = None
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.errorOccurred.connect(self._on_error)

    # -- loading ---------------------------------------------------------------------------
    def load(self, profile_id: int, entry: PlaylistEntry, *, autoplay: bool = True) -> None:
        """Switch to ``entry`` (saving the previous one) and resume where it was left."""
        self.unload()
        self.profile_id = profile_id
        self.entry = entry
        self.error = None
        self.tracker = WatchTracker(duration_s=entry.duration_s, base=list(entry.watched))
        self._saved_step = step_index(entry.watched_fraction)
        self._last_saved = self._signature()
        self.entry_changed.emit(entry)
        self.watched_changed.emit(self.tracker.intervals())
        if not entry.playable:
            return
        if entry.source == SOURCE_FILE and not Path(entry.location).is_file():
            self._fail(
                f"The file for “{entry.title}” is missing: {entry.location}. It may have been "
                "moved, renamed or deleted; use Locate file… to point CareerDesk at it."
            )
            return
        resume = resume_position(entry.position_s, entry.duration_s)
        self._pending_resume_ms = int(resume * 1000) if resume > 0 else None
        self._autoplay = autoplay
        url = (
            QUrl.fromLocalFile(entry.location)
            if entry.source == SOURCE_FILE
            else QUrl(entry.location)
        )
        self.player.setSource(url)

    def unload(self) -> None:
        """Stop playing the current entry, saving its progress first."""
        if self.entry is None:
            return
        self.tracker.stop()
        self.flush("switch")
        self._autoplay = False
        self._pending_resume_ms = None
        self.player.stop()
        self.player.setSource(QUrl())
        self.entry = None
        self.error = None
        self.entry_changed.emit(None)

    def retry(self) -> None:
        if self.entry is not None and self.profile_id is not None:
            self.load(self.profile_id, self.entry, autoplay=True)

    def update_entry(self, entry: PlaylistEntry, *, replace: bool = False) -> None:
        """Fresher data for the current entry (a playlist refresh, a manual mark).

        Watched intervals are merged into what is tracked locally, or with ``replace`` (after
        "mark as not watched") taken as they are.
        """
        if self.entry is None or entry.content_id != self.entry.content_id:
            return
        self.entry = entry.model_copy(update={"media_error": self.error or entry.media_error})
        if replace:
            self.tracker.base = []
            self.tracker.add_known(entry.watched)
            self._saved_step = step_index(entry.watched_fraction)
            self._last_saved = self._signature()
        else:
            self.tracker.add_known(entry.watched)
        self.watched_changed.emit(self.tracker.intervals())

    def forget_watched(self) -> None:
        """Drop what was tracked locally (the learner reset this item's progress)."""
        playing = self.playing
        self.tracker.stop()
        self.tracker.base = []
        if playing:
            self.tracker.start(self.player.position() / 1000, time.monotonic())
        self._saved_step = 0
        self._last_saved = self._signature()
        self.watched_changed.emit(self.tracker.intervals())

    # -- controls --------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.player.playbackState() == State.PlayingState

    def play(self) -> None:
        if self.entry is None or not self.entry.playable or self.error:
            return
        if self.player.mediaStatus() == Status.EndOfMedia:
            self.player.setPosition(0)
        self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, seconds: float) -> None:
        """Jump to ``seconds``: the span skipped is not counted as watched."""
        if self.entry is None or self.error:
            return
        duration = self.player.duration() / 1000 or (self.entry.duration_s or 0)
        target = max(0.0, min(seconds, duration)) if duration else max(0.0, seconds)
        self.tracker.forget_position()
        self.player.setPosition(int(target * 1000))
        if self.playing:
            self.tracker.start(target, time.monotonic())
        self.flush("seek")

    def skip(self, delta_s: float) -> None:
        self.seek(self.player.position() / 1000 + delta_s)

    def set_rate(self, rate: float) -> None:
        rate = max(0.5, min(2.0, rate))
        self.player.setPlaybackRate(rate)
        self.ctx.app.settings.player.rate = rate

    def set_volume(self, volume: float) -> None:
        volume = max(0.0, min(1.0, volume))
        self.audio.setVolume(volume)
        self.ctx.app.settings.player.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.audio.setMuted(muted)
        self.ctx.app.settings.player.muted = muted

    # -- saving ----------------------------------------------------------------------------
    def _signature(self) -> tuple[Any, ...]:
        return (tuple(self.tracker.intervals()), round(self.player.position() / 1000, 1))

    def flush(self, reason: str = "close") -> None:
        """Save now if anything changed since the last save (on the write lane)."""
        entry, profile_id = self.entry, self.profile_id
        if entry is None or profile_id is None or not entry.playable or not self.saving_enabled:
            return
        if self.error and not self.tracker.intervals():
            return
        signature = self._signature()
        if signature == self._last_saved:
            return
        self._last_saved = signature
        watched = list(signature[0])
        position = self.player.position() / 1000 if not self.error else entry.position_s
        duration = self.player.duration() / 1000 or None
        content_id = entry.content_id
        service = self.progress
        self.saves_started += 1
        log.debug("saving progress of %s (%s)", content_id, reason)
        self.ctx.runner.run(
            lambda _s: service.save(
                profile_id, content_id, watched=watched, position_s=position, duration_s=duration
            ),
            name=f"save-progress-{reason}",
            write=True,
            on_success=lambda snap: self._on_saved(entry, snap),
            on_error=self._on_save_failed,
        )

    def _on_saved(self, entry: PlaylistEntry, snapshot: ProgressSnapshot) -> None:
        if not shiboken6.isValid(self):
            return  # the player went away while the save ran; the data is stored anyway
        shown = self.entry
        current = shown is not None and shown.content_id == snapshot.content_id
        updated = (shown if shown is not None and current else entry).with_progress(snapshot)
        if current:
            self.entry = updated
            self.tracker.add_known(snapshot.watched)
        self.progress_saved.emit(updated)

    def _on_save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.ctx.status(f"Watch progress not saved: {exc}", 8000)
        else:
            self.ctx.report(exc)

    def _flag(self, message: str | None) -> None:
        if self.entry is None or self.profile_id is None:
            return
        service, pid, entry = self.progress, self.profile_id, self.entry
        self.ctx.runner.run(
            lambda _s: service.flag_media_error(pid, entry.content_id, message),
            name="flag-media",
            write=True,
            on_success=lambda snap: self._on_saved(entry, snap),
            on_error=self._on_save_failed,
        )

    # -- player signals --------------------------------------------------------------------
    def _on_position(self, ms: int) -> None:
        if self.entry is None or not self.playing:
            return
        self.tracker.observe(ms / 1000, time.monotonic(), self.player.playbackRate())
        self.watched_changed.emit(self.tracker.intervals())
        step = step_index(self.tracker.fraction())
        if step > self._saved_step:
            self._saved_step = step
            self.flush("step")

    def _on_duration(self, ms: int) -> None:
        if ms > 0:
            self.tracker.set_duration(ms / 1000)
            self._saved_step = max(self._saved_step, step_index(self.tracker.fraction()))
            self.watched_changed.emit(self.tracker.intervals())

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == State.PlayingState:
            self.tracker.start(self.player.position() / 1000, time.monotonic())
        elif state == State.PausedState:
            self.tracker.stop()
            self.flush("pause")
        else:
            # Stopped: by unload (already saved; the position now reads 0, which must not
            # overwrite the resume point), by the end of the media or by an error (both
            # handled where they are reported).
            self.tracker.stop()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if self.entry is None:
            return
        if status == Status.LoadedMedia:
            if self.entry.media_error:
                self._flag(None)
                self.entry = self.entry.model_copy(update={"media_error": None})
            if self._pending_resume_ms:
                self.player.setPosition(self._pending_resume_ms)
            self._pending_resume_ms = None
            self.media_ready.emit()
            if self._autoplay:
                self._autoplay = False
                self.player.play()
        elif status == Status.EndOfMedia:
            # The end of the media closes the last interval at the duration (the last report
            # may lie up to a second before it); the player's own duration is the truth here.
            if self.player.duration() > 0:
                self.tracker.set_duration(self.player.duration() / 1000)
            self.tracker.reach_end(time.monotonic(), self.player.playbackRate())
            self.watched_changed.emit(self.tracker.intervals())
            self.flush("end")
            self.ended.emit()

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if self.entry is None or error == QMediaPlayer.Error.NoError:
            return
        self._fail(media_error_message(self.entry, error, detail))

    def _fail(self, message: str) -> None:
        self.tracker.stop()
        self.flush("error")  # whatever was watched before the failure is kept
        self.error = message
        self._autoplay = False
        if self.entry is not None:
            self.entry = self.entry.model_copy(update={"media_error": message})
        self._flag(message)
        self.media_failed.emit(message)
