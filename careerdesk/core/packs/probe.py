"""Reading a video file's length and proving it is a video, without Qt (docs/packs.md).

With PyAV installed (it is in the test and developer environments) the file is opened with
FFmpeg and its first video frame decoded, so a damaged or mislabelled file is caught for
every container. Without it, MP4/MOV/M4V files — what CareerDesk's own clips and most
exported lectures are — are read by a small ISO-BMFF box reader (the movie header's
timescale and duration); for other containers the manifest must give ``duration_s``, and the
player reports a damaged file when it is played.
"""

from __future__ import annotations

import importlib
import struct
from pathlib import Path
from typing import Any, BinaryIO

MP4_SUFFIXES = frozenset({".mp4", ".m4v", ".mov", ".3gp"})


class UnreadableVideo(Exception):
    """The file is not a video CareerDesk can play; ``str()`` says why, in plain words."""


class LengthUnknown(Exception):
    """The file may be fine, but its length cannot be read here (no PyAV, not MP4)."""


def video_duration(path: Path) -> float:
    """Seconds of video in ``path``; UnreadableVideo or LengthUnknown otherwise."""
    av = _pyav()
    if av is not None:
        return _duration_pyav(av, path)
    if path.suffix.lower() in MP4_SUFFIXES:
        return mp4_duration(path)
    raise LengthUnknown(
        f"CareerDesk cannot read the length of {path.name} on this computer; "
        'add "duration_s" (seconds) to its item in the manifest.'
    )


def _pyav() -> Any:
    try:
        return importlib.import_module("av")
    except ImportError:
        return None


def _duration_pyav(av: Any, path: Path) -> float:
    try:
        with av.open(str(path)) as container:
            streams = container.streams.video
            if not streams:
                raise UnreadableVideo(f"{path.name} holds no video picture (sound only?).")
            stream = streams[0]
            # Decoding one frame proves the codec is readable, not only the container.
            next(iter(container.decode(stream)))
            if container.duration:
                return float(container.duration) / 1_000_000
            if stream.duration and stream.time_base:
                return float(stream.duration * stream.time_base)
    except UnreadableVideo:
        raise
    except StopIteration:
        raise UnreadableVideo(f"{path.name} holds no picture that can be shown.") from None
    except Exception as exc:  # FFmpeg's errors are many classes; any means "cannot play"
        raise UnreadableVideo(
            f"{path.name} cannot be played: it is damaged or not really a video "
            f"({type(exc).__name__})."
        ) from None
    raise UnreadableVideo(f"{path.name} does not say how long it is; re-export it.")


def mp4_duration(path: Path) -> float:
    """The movie header's duration of an ISO-BMFF file (MP4, MOV, M4V)."""
    try:
        with path.open("rb") as f:
            size = path.stat().st_size
            mvhd = _find_mvhd(f, 0, size, depth=0)
    except OSError as exc:
        raise UnreadableVideo(f"{path.name} cannot be read: {exc.strerror or exc}.") from None
    if mvhd is None:
        raise UnreadableVideo(
            f"{path.name} cannot be played: it is damaged or not really an MP4 video."
        )
    version = mvhd[0]
    if version == 1 and len(mvhd) >= 32:
        timescale, duration = struct.unpack(">IQ", mvhd[20:32])
    elif len(mvhd) >= 20:
        timescale, duration = struct.unpack(">II", mvhd[12:20])
    else:
        raise UnreadableVideo(f"{path.name} cannot be played: its header is cut short.")
    if timescale == 0 or duration == 0:
        raise UnreadableVideo(f"{path.name} does not say how long it is; re-export it.")
    return float(duration) / float(timescale)


def _find_mvhd(f: BinaryIO, start: int, end: int, depth: int) -> bytes | None:
    pos = start
    while pos + 8 <= end:
        f.seek(pos)
        header = f.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        offset = 8
        if size == 1:
            large = f.read(8)
            if len(large) < 8:
                return None
            size = struct.unpack(">Q", large)[0]
            offset = 16
        elif size == 0:
            size = end - pos
        if size < offset or pos + size > end:
            return None  # a box running past its parent: the file is damaged
        if depth == 0 and pos == 0 and kind not in (b"ftyp", b"moov", b"mdat", b"free", b"wide"):
            return None  # not an ISO-BMFF file at all
        if kind == b"mvhd":
            return f.read(min(size - offset, 128))
        if kind == b"moov" and depth < 4:
            found = _find_mvhd(f, pos + offset, pos + size, depth + 1)
            if found is not None:
                return found
        pos += size
    return None
