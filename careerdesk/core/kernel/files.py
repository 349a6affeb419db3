"""Atomic file writes: a crash or a full disk mid-write leaves the old file as it was.

The data goes to a temporary file in the same folder (same file system), is flushed to disk,
then renamed over the target; a failure removes the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all or nothing (creates the folder if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` all or nothing."""
    atomic_write_bytes(path, text.encode("utf-8"))


# Private files (issue 19): the database holds PIN hashes and personal notes, so on POSIX
# CareerDesk's folders are 0700 and its files 0600, whatever the umask says. Windows keeps
# per-user ACLs on the profile folders already; chmod there would only toggle read-only.
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _posix() -> bool:
    return os.name == "posix"


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if needed and make it readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if _posix() and (path.stat().st_mode & 0o777) != PRIVATE_DIR_MODE:
        try:
            os.chmod(path, PRIVATE_DIR_MODE)
        except PermissionError:  # someone else's folder we may write to: leave its mode
            pass


def make_private_file(path: Path) -> None:
    """Make the existing file ``path`` readable and writable by its owner only."""
    if (
        _posix()
        and path.is_file()
        and not path.is_symlink()
        and (path.stat().st_mode & 0o777) != PRIVATE_FILE_MODE
    ):
        os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path, *, exist_ok: bool = False) -> None:
    """Create ``path`` empty with mode 0600 (SQLite then keeps that mode for the file and
    gives it to its -wal/-shm/-journal companions). FileExistsError unless ``exist_ok``."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        if exist_ok:
            return
        raise
    os.close(fd)


def make_files_private(folder: Path) -> None:
    """Tighten the regular files directly in ``folder`` to 0600 (files written by older
    versions were 0644). Not recursive: subfolders are 0700, which already keeps others out,
    and media folders can hold many files."""
    if not _posix() or not folder.is_dir():
        return
    for path in folder.iterdir():
        make_private_file(path)
