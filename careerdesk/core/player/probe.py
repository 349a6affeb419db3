"""What a video file says about itself: its title metadata and duration, read with PyAV.

Used when a learner adds videos (skill suggestions from the title, ``est_hours`` from the
duration). Reading never fails the import: a file PyAV cannot open gives an empty result,
and playing it later says what is wrong (docs/player.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import BaseModel, ConfigDict

log = logging.getLogger(__name__)

MAX_TITLE = 300


class MediaInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str | None = None
    duration_s: float | None = None


def probe(path: Path) -> MediaInfo:
    """The file's title tag and duration (None for what it does not say or cannot be read)."""
    try:
        import av  # imported here: only adding videos needs it

        with av.open(str(path), metadata_errors="ignore") as container:
            meta = {str(k).lower(): str(v) for k, v in (container.metadata or {}).items()}
            title = " ".join(meta.get("title", "").split())[:MAX_TITLE] or None
            duration = container.duration / 1_000_000 if container.duration else None
            if not duration:
                stream = next(iter(container.streams.video), None)
                if stream is not None and stream.duration and stream.time_base:
                    duration = float(stream.duration * stream.time_base)
    except Exception as exc:  # any unreadable file is just "nothing known"
        log.debug("cannot read %s: %s", path, exc)
        return MediaInfo()
    return MediaInfo(title=title, duration_s=round(duration, 3) if duration else None)
