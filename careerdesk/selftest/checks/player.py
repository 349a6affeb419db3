"""Player check: play a shipped clip to the end at 8× through QMediaPlayer + QVideoSink."""

from __future__ import annotations

import os
import time
from pathlib import Path

from careerdesk.core.player.samples import sample_clips, sample_media_dir
from careerdesk.selftest import Check, SelfTestContext

RATE = 8.0
TIMEOUT_S = 30.0


def multimedia_backend() -> str:
    """Which QtMultimedia backend plays video here (from the environment or the plugins)."""
    from PySide6.QtCore import QLibraryInfo

    chosen = os.environ.get("QT_MEDIA_BACKEND")
    if chosen:
        return chosen
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    plugins = sorted(
        p.name.removeprefix("lib").split("mediaplugin")[0]
        for p in (Path(folder) / "multimedia").glob("*mediaplugin*")
    )
    return ", ".join(plugins) or "none found"


def _play_clip(ctx: SelfTestContext) -> str:
    qt = ctx.qt_app()
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    clip = sample_clips()[0]
    path = sample_media_dir() / clip.file
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    frames: list[tuple[int, int]] = []
    errors: list[str] = []
    loop = QEventLoop()
    sink.videoFrameChanged.connect(
        lambda f: frames.append((f.width(), f.height())) if f.isValid() else None
    )

    def failed(_error: QMediaPlayer.Error, text: str) -> None:
        errors.append(text)
        loop.quit()

    player.errorOccurred.connect(failed)
    player.mediaStatusChanged.connect(
        lambda s: (
            loop.quit()
            if s in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia)
            else None
        )
    )
    QTimer.singleShot(int(TIMEOUT_S * 1000), loop.quit)
    start = time.perf_counter()
    player.setSource(QUrl.fromLocalFile(str(path)))
    player.setPlaybackRate(RATE)
    player.play()
    loop.exec()
    seconds = time.perf_counter() - start
    status = player.mediaStatus()
    player.stop()
    player.setSource(QUrl())
    qt.processEvents()
    backend = multimedia_backend()
    if errors:
        raise AssertionError(f"{clip.file} did not play: {errors[0]} (backend {backend})")
    if status != QMediaPlayer.MediaStatus.EndOfMedia:
        raise AssertionError(f"{clip.file} did not reach its end in {TIMEOUT_S:.0f} s")
    if not frames:
        raise AssertionError(f"no video frames arrived from {clip.file} (backend {backend})")
    width, height = frames[-1]
    return (
        f"played “{clip.title}” ({clip.duration_s:g} s) to the end at {RATE:g}× in "
        f"{seconds:.2f} s: {len(frames)} frames of {width}x{height}; backend: {backend}"
    )


def _bindings(ctx: SelfTestContext) -> str:
    ctx.qt_app()
    from PySide6 import __version__ as pyside_version

    from careerdesk.ui.shell.qt_workarounds import bindings_leak_none, install_none_refcount_guard

    if not bindings_leak_none():
        return f"PySide6 {pyside_version}: no known binding defect"
    install_none_refcount_guard()
    return (
        f"PySide6 {pyside_version} loses a reference to None on every void call (would "
        "crash after minutes of playback); guard active. Install PySide6 6.11.x to fix."
    )


def _probe(ctx: SelfTestContext) -> str:
    """The prober packs and the library use (integrations/media_qt.py), as wired: a shipped
    clip's length and title, and a damaged file refused — without PyAV, which the bundle
    leaves out."""
    from careerdesk.integrations.media_qt import QtMediaProber

    ctx.qt_app()
    clip = sample_clips()[0]
    prober = QtMediaProber()
    info = prober.probe(sample_media_dir() / clip.file)
    if info.readable is not True:
        raise AssertionError(f"{clip.file} was not read: {info.error}")
    if info.duration_s is None or abs(info.duration_s - clip.duration_s) > 0.1:
        raise AssertionError(f"{clip.file}: length {info.duration_s} s, made {clip.duration_s} s")
    if info.title != clip.title:
        raise AssertionError(f"{clip.file}: title {info.title!r}, made {clip.title!r}")
    damaged = ctx.home / "damaged.mp4"
    damaged.write_bytes(bytes(range(256)) * 16)
    refused = prober.probe(damaged)
    if refused.readable is not False:
        raise AssertionError("a damaged video was not recognised as one")
    return f"“{clip.title}”: {info.duration_s:g} s, title read; a damaged file is refused"


CHECKS = [
    Check("Qt bindings", _bindings, order=45),
    Check("video playback", _play_clip, order=50),
    Check("video probe", _probe, order=51),
]
