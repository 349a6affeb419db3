"""Helpers of the content library: files and folders on disk, titles, positions."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.player.media import (
    VIDEO_EXTENSIONS,
    is_video_file_name,
    path_natural_key,
    title_from_file_name,
)
from careerdesk.core.storage.tables.content import ContentItem

MAX_TITLE = 300
MAX_FOLDER_FILES = 2000


def apply_media_info(item: ContentItem, duration_s: float | None) -> None:
    """A file's duration, when known, is also its study time (docs/skills.md)."""
    if duration_s and duration_s > 0:
        item.duration_s = duration_s
        item.est_hours = round(duration_s / 3600, 4)


def existing_video_file(path: Path) -> Path:
    path = path.expanduser()
    if not path.exists():
        raise NotFoundError(f"The file {path} does not exist (moved, renamed or deleted?).")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder: use Import folder as course… for it.")
    if not is_video_file_name(path.name):
        kinds = ", ".join(sorted(VIDEO_EXTENSIONS))
        raise ValidationError(
            f"{path.name} is not a video file CareerDesk knows (it plays {kinds})."
        )
    return path.resolve()


def video_files(root: Path) -> list[Path]:
    """Video files under ``root`` (hidden files and folders skipped), in natural order."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and is_video_file_name(name):
                found.append(Path(dirpath) / name)
                if len(found) > MAX_FOLDER_FILES:
                    raise ValidationError(
                        f"{root} holds more than {MAX_FOLDER_FILES} videos; import a smaller "
                        "folder (one course at a time)."
                    )
    return sorted(found, key=lambda p: path_natural_key(p.relative_to(root)))


def next_loose_position(s: Session, profile_id: int) -> int:
    last = s.scalar(
        select(func.max(ContentItem.position)).where(
            ContentItem.profile_id == profile_id, ContentItem.course_id.is_(None)
        )
    )
    return 0 if last is None else last + 1


def clean_title(given: str | None, fallback: str) -> str:
    text = " ".join((given or "").split()) or fallback
    return text[:MAX_TITLE]


def url_host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def title_from_url(url: str) -> str:
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    if last and is_video_file_name(last):
        return title_from_file_name(last)
    return f"{url_host(url)}{parts.path if parts.path not in ('', '/') else ''}"[:MAX_TITLE]
