"""Which documents may be handed to the desktop's "open" (issue 19, "safe documents").

A document path comes from the learner (Attach…) or from an imported file, so it can be
anything: a network share (``\\\\host\\share\\x``, ``//host/x``, ``smb://``), a folder (the
desktop would open a file manager), a program (``/usr/bin/xterm``, ``setup.exe``, a ``.lnk``
or ``.desktop`` launcher). Only a **regular local file that is not a program** goes to the
desktop handler; anything else is shown to the user as text.

:func:`document_verdict` is pure (it judges :class:`DocumentFacts`); :func:`inspect_document`
gathers those facts from the file system without following the path onto the network.
See docs/kiosk.md ("Leaving the app").
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Verdict = Literal["open", "text"]

# Extensions that run something when "opened" on at least one desktop (Windows, macOS,
# GNOME/KDE). Lower case, with the dot.
PROGRAM_SUFFIXES = frozenset(
    {
        ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl", ".hta",
        ".lnk", ".url", ".inf", ".reg", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse",
        ".wsf", ".wsh", ".jar", ".appref-ms", ".application", ".gadget", ".msc",
        ".app", ".command", ".tool", ".pkg", ".dmg", ".scpt", ".workflow", ".terminal",
        ".sh", ".bash", ".zsh", ".csh", ".ksh", ".fish", ".py", ".pyw", ".pl", ".rb",
        ".desktop", ".run", ".bin", ".appimage", ".deb", ".rpm", ".flatpakref", ".snap",
    }
)  # fmt: skip

# Documents that FAT-formatted USB sticks often mark executable (every file gets the x bit
# there): the bit alone does not make these programs.
DOCUMENT_SUFFIXES = frozenset(
    {
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".md", ".csv", ".xls", ".xlsx",
        ".ods", ".ppt", ".pptx", ".odp", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg",
        ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".mp3", ".m4a", ".wav", ".ics", ".json",
    }
)  # fmt: skip

_NETWORK_PREFIXES = ("\\\\", "//", "smb:", "nfs:", "afp:", "ftp:", "sftp:", "dav:", "webdav:")


@dataclass(frozen=True)
class DocumentFacts:
    """What is known about a path (gathered by :func:`inspect_document`)."""

    path: str
    exists: bool = False
    regular_file: bool = False
    executable_bit: bool = False  # POSIX: any x bit set on the file


def is_network_path(path: str) -> bool:
    """A UNC path, a ``//host`` path or a URL to a file server."""
    text = path.strip().lower()
    return text.startswith(_NETWORK_PREFIXES)


def document_verdict(facts: DocumentFacts) -> tuple[Verdict, str]:
    """``("open", "")`` for a regular local non-program file, else ``("text", why)``."""
    if is_network_path(facts.path):
        return "text", "It is on another computer (a network path)."
    if not facts.exists:
        return "text", "The file is no longer there."
    if not facts.regular_file:
        return "text", "It is not a document (a folder or a special file)."
    suffix = os.path.splitext(facts.path.rstrip("/\\"))[1].lower()
    if suffix in PROGRAM_SUFFIXES or (facts.executable_bit and suffix not in DOCUMENT_SUFFIXES):
        return "text", "It is a program or a launcher, which CareerDesk never starts."
    return "open", ""


def inspect_document(path: str) -> DocumentFacts:
    """Facts about ``path``. Network paths are never touched (stat on a UNC path would
    contact the server)."""
    if is_network_path(path):
        return DocumentFacts(path=path)
    try:
        st = Path(path).expanduser().stat()  # follows symlinks: judge what would be opened
    except (OSError, ValueError):
        return DocumentFacts(path=path)
    regular = stat.S_ISREG(st.st_mode)
    exec_bit = os.name != "nt" and bool(st.st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH))
    return DocumentFacts(path=path, exists=True, regular_file=regular, executable_bit=exec_bit)
