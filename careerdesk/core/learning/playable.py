"""Where a learning item plays: in CareerDesk's own player, in the browser, or in the
system's document viewer (docs/learning.md, "Playable first").

Pure: judged from the stored kind, address and file, with the player's own rules
(``core/player/media.py``), so the path and the Player always agree on what plays here.
"""

from __future__ import annotations

from typing import Literal

from careerdesk.core.player.media import PLAYABLE_SOURCES, is_video_file_name, source_of

PlaysIn = Literal["player", "browser", "document"]

PLAYS_IN_TEXT: dict[str, str] = {
    "player": "Plays here",
    "browser": "Opens in your browser",
    "document": "Opens as a document",
}


def plays_in(kind: str, url: str | None, local_path: str | None) -> PlaysIn:
    """``player`` for a video file or a direct stream, ``document`` for another local file,
    ``browser`` for a web page (YouTube and course sites are pages, never streams)."""
    if local_path:
        return "player" if is_video_file_name(local_path) else "document"
    return "player" if source_of(kind, url, None) in PLAYABLE_SOURCES else "browser"


def study_time_text(hours: float) -> str:
    """ "< 1 min", "12 min" or "4.5 h": short clips are not "0.002 h"."""
    minutes = hours * 60
    if minutes < 1:
        return "< 1 min"
    if minutes < 60:
        return f"{round(minutes)} min"
    return f"{hours:g} h"
