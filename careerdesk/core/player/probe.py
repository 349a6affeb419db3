"""What a video file says about itself, behind a port the composition root fills (docs/player.md).

Core code never opens media itself: it asks a :class:`MediaProber` — in the app the
QtMultimedia adapter ``integrations/media_qt.py`` (the FFmpeg backend the Player already
ships with, so the installed app probes exactly what it can play), handed to the services by
``wiring.py``. A probe answers whether the file plays (a first picture was decoded), how
long it is and the title stored in it; it never raises for a bad file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict

MAX_TITLE = 300


class MediaInfo(BaseModel):
    """One probe's answer.

    ``readable`` is True when a picture was decoded, False when the file cannot be played
    (``error`` says why, in plain words, naming the file), None when it could not be
    checked here (no media backend in this process); ``duration_s`` and ``title`` are None
    when the file does not say.
    """

    model_config = ConfigDict(frozen=True)

    readable: bool | None = None
    duration_s: float | None = None
    title: str | None = None
    error: str | None = None


class MediaProber(Protocol):
    """Reads a local video file's playability, length and title metadata."""

    def probe(self, path: Path) -> MediaInfo:
        """Never raises for a bad or missing file: the answer says what is wrong."""
        ...


def clean_title(raw: str | None) -> str | None:
    """A title tag as text: whitespace collapsed, bounded, None when empty."""
    if not raw:
        return None
    return " ".join(raw.split())[:MAX_TITLE] or None
