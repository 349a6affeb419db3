"""What a content item's location is: a local file, a playable stream, or a web page.

Pure rules shared by the content library (adding items) and the progress service (manual
marking is only for what the player cannot play). Sites such as YouTube serve an HTML page,
not a video stream a media player can open, so their links are opened in the system browser
and marked watched by hand.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

from careerdesk.core.kernel.errors import ValidationError

SOURCE_FILE = "file"  # a video file on this computer: plays in CareerDesk
SOURCE_STREAM = "stream"  # a direct http(s) link to a video file: plays in CareerDesk
SOURCE_PAGE = "page"  # a web page (YouTube, a course site): opens in the browser

PLAYABLE_SOURCES = frozenset({SOURCE_FILE, SOURCE_STREAM})

# ContentItem.kind values. Local files are "video"; a learner's links are "stream" (plays
# here) or "page" (opens in the browser), as they chose when adding them.
KIND_VIDEO = "video"
KIND_STREAM = "stream"
KIND_PAGE = "page"

VIDEO_EXTENSIONS = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".webm",
        ".mkv",
        ".avi",
        ".ogv",
        ".mpg",
        ".mpeg",
        ".wmv",
        ".flv",
        ".ts",
        ".m2ts",
        ".3gp",
    }
)
# Direct links to adaptive streams play too (FFmpeg opens HLS playlists).
STREAM_EXTENSIONS = VIDEO_EXTENSIONS | {".m3u8"}

# Hosts whose links are pages around a player, never the video file itself.
PAGE_HOSTS = (
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "vimeo.com",
    "dailymotion.com",
    "twitch.tv",
    "ted.com",
    "coursera.org",
    "udemy.com",
    "edx.org",
    "khanacademy.org",
    "linkedin.com",
    "loom.com",
    "bilibili.com",
    "facebook.com",
    "instagram.com",
    "tiktok.com",
    "x.com",
    "twitter.com",
)

_DIGITS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders embedded numbers by value: "2 intro" before "10 outro"."""
    parts: list[tuple[int, int | str]] = []
    for chunk in _DIGITS.split(name.casefold()):
        if not chunk:
            continue
        parts.append((0, int(chunk)) if chunk.isdigit() else (1, chunk))
    return tuple(parts)


def path_natural_key(path: PurePath) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """Natural order for relative paths, folder by folder ("Part 2/…" before "Part 10/…")."""
    return tuple(natural_key(part) for part in path.parts)


def is_video_file_name(name: str) -> bool:
    return PurePath(name).suffix.lower() in VIDEO_EXTENSIONS


def title_from_file_name(name: str) -> str:
    """A readable title from a file name: the stem, underscores as spaces."""
    stem = PurePath(name).stem.replace("_", " ").strip()
    return " ".join(stem.split()) or name


def validate_url(url: str) -> str:
    """Return the cleaned http(s) address or raise ValidationError saying what is wrong."""
    cleaned = url.strip()
    if not cleaned:
        raise ValidationError("Enter a web address starting with http:// or https://.")
    if any(ch.isspace() for ch in cleaned):
        raise ValidationError(f"{cleaned!r} is not a web address: it contains spaces.")
    parts = urlsplit(cleaned)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(
            f"{cleaned!r} is not a web address CareerDesk can use: it must start with "
            "http:// or https:// (to add a file on this computer, use Add video file…)."
        )
    host = parts.hostname or ""
    if not host or (("." not in host) and host != "localhost" and not host.startswith("[")):
        raise ValidationError(f"{cleaned!r} has no valid site name after {parts.scheme}://.")
    return cleaned


def is_page_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PAGE_HOSTS)


def classify_url(url: str) -> str:
    """SOURCE_STREAM when the link is a video file, else SOURCE_PAGE.

    Known video sites are always pages. Other links count as streams only when their path
    ends in a video extension; an unknown link is treated as a page, because opening a page
    in the browser always works while trying to play a page never does.
    """
    if is_page_host(url):
        return SOURCE_PAGE
    suffix = PurePath(urlsplit(url).path).suffix.lower()
    return SOURCE_STREAM if suffix in STREAM_EXTENSIONS else SOURCE_PAGE


def source_of(kind: str, url: str | None, local_path: str | None) -> str:
    """Where an item's media comes from, as stored on a ContentItem.

    Learner-added links carry their kind ("stream" or "page", the learner's choice); shipped
    catalogue items are judged by their address (a "video" on YouTube is still a page).
    """
    if local_path:
        return SOURCE_FILE
    if not url:
        return SOURCE_PAGE
    if kind == KIND_STREAM:
        return SOURCE_STREAM
    if kind == KIND_VIDEO:
        return classify_url(url)
    return SOURCE_PAGE
