"""The Home as the learner last saw it, kept to paint it before the database opens.

A returning learner's Home is on screen in the time a bare window takes, because the window
shows what the Home said when the app last closed while the database, the ORM and the
services start in the background (docs/performance.md). The snapshot is shown only when it
is certainly still true:

* the database file is byte-for-byte the one the snapshot was taken against: its size and
  modification time are recorded after the database was closed, so any later write — the
  app, ``careerdesk`` commands, a restore — makes the snapshot stale;
* it is the same local day (Home speaks of "today" and "in 3 days");
* it is the profile the app is about to open, and the format is this version's.

Only the local SQLite database qualifies (a shared PostgreSQL database changes under the
app) and never in kiosk mode (a learner's Home is never shown before someone signs in). The
file lives in the cache folder: deleting it only costs one slower start.

Standard library only: this runs before anything heavy is imported.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

FILE_NAME = "home-snapshot.json"
FORMAT = 1


@dataclass(frozen=True)
class DatabaseStamp:
    """What identifies one state of the SQLite file (and its write-ahead log)."""

    size: int
    mtime_ns: int
    wal_size: int

    @classmethod
    def of(cls, db_path: Path) -> DatabaseStamp | None:
        """The file's stamp, or None when there is no database file."""
        try:
            st = db_path.stat()
        except OSError:
            return None
        try:
            wal = Path(f"{db_path}-wal").stat().st_size
        except OSError:
            wal = 0
        return cls(size=st.st_size, mtime_ns=st.st_mtime_ns, wal_size=wal)


def snapshot_path(cache_dir: Path) -> Path:
    return cache_dir / FILE_NAME


def write(
    cache_dir: Path,
    *,
    profile_id: int,
    payload: dict[str, Any],
    stamp: DatabaseStamp,
    today: date,
) -> None:
    """Store ``payload`` (what the Home showed) for ``profile_id`` against ``stamp``.

    Written to a temporary file and renamed, so a crash never leaves half a snapshot; the
    file is private to the user, like the database it summarises.
    """
    document = {
        "format": FORMAT,
        "profile_id": profile_id,
        "day": today.isoformat(),
        "database": asdict(stamp),
        "home": payload,
    }
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = snapshot_path(cache_dir)
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False)
    os.replace(tmp, target)


def discard(cache_dir: Path) -> None:
    """Forget the snapshot (nothing to show next time)."""
    with contextlib.suppress(OSError):
        snapshot_path(cache_dir).unlink()


def read(
    cache_dir: Path, *, db_path: Path, profile_id: int | None, today: date
) -> dict[str, Any] | None:
    """The stored Home for ``profile_id`` when it is still true (see the module), else None."""
    if profile_id is None:
        return None
    try:
        document = json.loads(snapshot_path(cache_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    if document.get("profile_id") != profile_id or document.get("day") != today.isoformat():
        return None
    stamp = DatabaseStamp.of(db_path)
    recorded = document.get("database")
    if stamp is None or not isinstance(recorded, dict) or recorded != asdict(stamp):
        return None
    home = document.get("home")
    return home if isinstance(home, dict) else None


def last_profile_id(settings_path: Path) -> int | None:
    """The profile the app opens next (the settings' ``last_profile_id``), read without the
    settings model."""
    try:
        value = json.loads(settings_path.read_text(encoding="utf-8")).get("last_profile_id")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def last_tab(settings_path: Path) -> str | None:
    """The tab the window reopens on (``window.last_tab``), read without the settings model."""
    try:
        window = json.loads(settings_path.read_text(encoding="utf-8")).get("window") or {}
    except (OSError, ValueError, AttributeError):
        return None
    tab = window.get("last_tab") if isinstance(window, dict) else None
    return tab if isinstance(tab, str) else None
