"""A pack video's length and playability, from the app's media prober (docs/packs.md).

The probing itself is the :class:`~careerdesk.core.player.probe.MediaProber` the
composition root hands to :class:`~careerdesk.core.packs.service.PackService` (in the app:
QtMultimedia's FFmpeg backend, the one the Player plays with, shipped in the bundle). This
module only turns its answer into the import's two outcomes: the file cannot be played
(the import stops, naming it) or its length is unknown (the manifest's ``duration_s`` must
say it).
"""

from __future__ import annotations

from pathlib import Path

from careerdesk.core.player.probe import MediaProber


class UnreadableVideo(Exception):
    """The file is not a video CareerDesk can play; ``str()`` says why, in plain words."""


class LengthUnknown(Exception):
    """The file may be fine, but its length cannot be read here."""


def video_duration(prober: MediaProber, path: Path) -> float:
    """Seconds of video in ``path``; UnreadableVideo or LengthUnknown otherwise."""
    info = prober.probe(path)
    if info.readable is False:
        raise UnreadableVideo(info.error or f"{path.name} cannot be played.")
    if info.duration_s is None or info.duration_s <= 0:
        raise LengthUnknown(
            f"CareerDesk cannot read the length of {path.name} on this computer; "
            'add "duration_s" (seconds) to its item in the manifest.'
        )
    return info.duration_s
