"""Kiosk rules for what may leave the app and where files may come from (pure).

* :func:`classify_target` — what kind of thing a link points at (a web page, an e-mail, a
  local file, something else). The desktop gate (``ui/common/desktop.py``) asks it, then
  :func:`kiosk_refusal` words why a kiosk does not hand it to the desktop.
* :func:`is_inside` — the kiosk's file chooser keeps every path inside the learner's
  folder (or an allowed USB stick), judged on resolved paths so ``..`` and symbolic links
  cannot lead out.
* :func:`clean_file_name` — a name typed into the kiosk's save box is a name, never a path.
* :func:`is_removable_mount` — which mounted volumes count as removable media.

See docs/kiosk.md ("Leaving the app", "Files in a kiosk").
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from careerdesk.core.kernel.errors import ValidationError

TargetKind = Literal["web", "mail", "file", "other"]


def classify_target(url: str) -> TargetKind:
    """``web`` for http(s), ``mail`` for mailto, ``file`` for file: URLs and plain paths."""
    text = url.strip()
    if not text:
        return "other"
    if text.startswith(("/", "\\", "~")) or (len(text) > 1 and text[1] == ":"):
        return "file"  # a POSIX, UNC or drive-letter path
    scheme = urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        return "web"
    if scheme == "mailto":
        return "mail"
    if scheme == "file":
        return "file"
    return "other"


_WHY = {
    "web": (
        "This kiosk does not open web pages: a browser would lead out of CareerDesk to the "
        "rest of the computer. Take the link with you — scan the code with your phone or "
        "note the address."
    ),
    "mail": (
        "This kiosk has no e-mail program. Take the address and the message with you — scan "
        "the code with your phone or note it — and send it from your own device."
    ),
    "file": (
        "This kiosk does not open files with other programs. Your documents stay in "
        "CareerDesk; ask the advisor if you need a copy."
    ),
    "other": "This kiosk does not open links of this kind.",
}


def kiosk_refusal(kind: TargetKind) -> str:
    """A friendly explanation of why a kiosk keeps this target inside."""
    return _WHY[kind]


def takeaway_text(url: str) -> str:
    """What to show the learner to take away: the address of a web page, the plain
    recipient, subject and body of an e-mail (a ``mailto:`` link is unreadable)."""
    if classify_target(url) != "mail":
        return url.strip()
    parts = urlsplit(url.strip())
    lines = [f"To: {unquote(parts.path)}"]
    query = parse_qs(parts.query)
    for key, label in (("subject", "Subject"), ("body", "")):
        for value in query.get(key, []):
            lines.append(f"{label}: {value}" if label else f"\n{value}")
    return "\n".join(lines)


def is_inside(path: Path, root: Path) -> bool:
    """True if ``path`` (after resolving ``..`` and links) is ``root`` or below it."""
    try:
        resolved = path.expanduser().resolve()
        base = root.expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved == base or base in resolved.parents


_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{dev}{i}" for dev in ("com", "lpt") for i in range(1, 10)}
)
_BAD_CHARS = set('/\\:*?"<>|') | {chr(c) for c in range(32)}


def clean_file_name(name: str, *, suffix: str = "") -> str:
    """A file name typed in the kiosk's save box: no folders, no ``..``, no characters
    that a file system refuses; ``suffix`` (e.g. ``.png``) added when missing."""
    text = name.strip()
    if not text:
        raise ValidationError("Type a name for the file.")
    if any(ch in _BAD_CHARS for ch in text):
        raise ValidationError(
            'A file name cannot contain / \\ : * ? " < > | (it stays in your folder).'
        )
    if text in (".", "..") or text.startswith("."):
        raise ValidationError("A file name cannot start with a dot.")
    if len(text) > 120:
        raise ValidationError("A file name can have at most 120 characters.")
    if PurePath(text).stem.lower() in _RESERVED:
        raise ValidationError("That name is reserved by Windows; pick another one.")
    if suffix and not text.lower().endswith(suffix.lower()):
        text += suffix
    return text


def is_removable_mount(root_path: str, platform: str, *, drive_removable: bool = False) -> bool:
    """Whether a mounted volume is removable media (a USB stick): on Linux under
    ``/media`` or ``/run/media`` (where udisks mounts them), on macOS under ``/Volumes``
    (except the start-up disk's own entry), on Windows as reported by the drive type."""
    if platform.startswith("win"):
        return drive_removable
    text = root_path.rstrip("/")
    if platform == "darwin":
        return text.startswith("/Volumes/") and text != "/Volumes/Macintosh HD"
    return text.startswith(("/media/", "/run/media/"))
