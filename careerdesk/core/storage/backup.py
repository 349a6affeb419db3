"""Online backups, rotation and restore.

A backup is always a SQLite file. From a SQLite database it is made with sqlite3's online
backup API (never a file copy of a live database, which can catch a half-written WAL); from
PostgreSQL it is a logical copy of every table into a SQLite file, so an advisor can carry a
shared kiosk database around and restore it anywhere.

Rotation keeps the newest automatic backup of each of the last 7 days, 4 ISO weeks and 6
months that have one (like Anki); manual and pre-migration backups are not rotated away
except the oldest pre-migration ones beyond 5.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.files import create_private_file, make_private_dir
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.backup_verify import MANIFEST_SUFFIX, manifest_path, write_manifest
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.core.storage.locking import hold_lock, is_held_elsewhere
from careerdesk.core.storage.tables import load_all

log = logging.getLogger(__name__)

AUTOMATIC_KINDS = ("daily", "close")
KINDS = (*AUTOMATIC_KINDS, "manual", "premigrate", "prerestore")
_NAME = re.compile(r"^careerdesk-(?P<kind>[a-z]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite3$")
KEEP_PREMIGRATE = 5


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime
    size: int
    sequence: int = 0  # the "-N" of a second backup within the same second


def backup_name(kind: str, when: datetime) -> str:
    return f"careerdesk-{kind}-{when.strftime('%Y%m%d-%H%M%S')}.sqlite3"


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in ``backup_dir``, newest first."""
    found: list[BackupInfo] = []
    if not backup_dir.exists():
        return found
    for path in backup_dir.iterdir():
        m = _NAME.match(path.name)
        if not m:
            continue
        taken = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=utcnow().tzinfo)
        found.append(BackupInfo(path, m["kind"], taken, path.stat().st_size, int(m["n"] or 0)))
    # Two backups in one second: the second gets "-1", which must count as newer.
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def unique_target(backup_dir: Path, kind: str, when: datetime) -> Path:
    target = backup_dir / backup_name(kind, when)
    n = 1
    while target.exists():
        target = backup_dir / backup_name(kind, when).replace(".sqlite3", f"-{n}.sqlite3")
        n += 1
    return target


def sqlite_copy(src_path: Path, dst_path: Path, *, standalone: bool = False) -> None:
    """Copy a SQLite database page by page with the online backup API.

    ``standalone``: the copy is a file of its own (a backup): switch it out of WAL mode so it
    is one self-contained file whose bytes stay as written (its checksum holds) and that
    opens read-only without creating companions.
    """
    src = sqlite3.connect(str(src_path), timeout=15)
    dst = sqlite3.connect(str(dst_path), timeout=15)
    try:
        src.backup(dst)
        if standalone:
            dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def in_progress(partial: Path) -> Iterator[None]:
    """Mark ``partial`` as being written (a lock beside it) so a start-up elsewhere does not
    take it for a leftover of a killed run; the lock goes with the process if it dies."""
    lock = partial.with_name(partial.name + ".lock")
    try:
        with hold_lock(lock, timeout=5, busy_message=f"{partial} is being written elsewhere."):
            yield
    finally:
        lock.unlink(missing_ok=True)


def seal_backup(tmp: Path, target: Path) -> None:
    """Seal a written ``tmp``: on disk, manifest beside it, then its final name (atomic)."""
    fsync_file(tmp)
    write_manifest(tmp, target.name)
    os.replace(tmp, target)


def backup_database(
    db: Database, backup_dir: Path, *, kind: str = "manual", target: Path | None = None
) -> Path:
    """Write a consistent copy of ``db`` and return its path. Safe while the app is running.

    The copy is written as ``NAME.partial`` (removed at the next start if this run is killed),
    its manifest (size, SHA-256) is written, then it is renamed to ``NAME``: a backup under
    its final name is always complete and verifiable.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    make_private_dir(backup_dir)
    target = target or unique_target(backup_dir, kind, utcnow())
    tmp = target.with_name(target.name + ".partial")
    try:
        with in_progress(tmp):
            remove_partial(tmp)
            create_private_file(tmp)
            try:
                if db.sqlite_path is not None:
                    sqlite_copy(db.sqlite_path, tmp, standalone=True)
                else:
                    with db.read() as src:
                        logical_backup(src, tmp)
                seal_backup(tmp, target)
            except BaseException:
                remove_partial(tmp)
                raise
    except sqlite3.Error as exc:
        raise UserError(f"The backup to {target} failed: {exc}") from exc
    except OSError as exc:
        raise UserError(f"The backup to {target} failed: {exc.strerror or exc}") from exc
    log.info("backup written: %s", target)
    return target


def logical_backup(src: Session, tmp: Path) -> None:
    """Copy every table visible in ``src`` into the new SQLite file ``tmp``."""
    copy = Database(sqlite_url(tmp))
    try:
        mig.upgrade(copy.engine)
        with copy.session() as out:
            copy_tables(src, out)
    finally:
        copy.dispose()
    conn = sqlite3.connect(str(tmp))
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def copy_tables(src: Session, out: Session) -> None:
    """Replace every row of every table in ``out`` with those of ``src`` (same schema).

    ``src`` must already be at this version's schema (callers migrate a copy first).
    """
    metadata = load_all().metadata
    for table in reversed(metadata.sorted_tables):
        out.execute(delete(table))
    for table in metadata.sorted_tables:
        rows = [dict(r._mapping) for r in src.execute(select(table))]
        if rows:
            out.execute(insert(table), rows)
    if out.get_bind().dialect.name == "postgresql":
        # Rows came with their ids; move each id sequence past them.
        for table in metadata.sorted_tables:
            if "id" in table.c and table.c.id.autoincrement is not False:
                out.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


_PARTIAL = ".partial"
_COMPANIONS = ("", "-journal", "-wal", "-shm", ".lock")


def remove_partial(partial: Path) -> None:
    """Delete ``partial`` and its journals, but not its ``.lock``: the caller holds that
    lock (``in_progress``), and a deleted lock file could be re-created and taken by a
    start-up elsewhere, which would then delete our file mid-write."""
    for suffix in _COMPANIONS:
        if suffix != ".lock":
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def remove_stale_files(*folders: Path) -> list[Path]:
    """Delete what killed backups and restores left behind in ``folders``: ``*.partial``
    files with their journals and locks, and manifests whose backup never got its name.
    A ``.partial`` still being written (its lock is held) is left alone."""
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        names = {p.name for p in folder.iterdir()}
        bases = set()
        for name in names:
            at = name.rfind(_PARTIAL)
            if at >= 0 and name[at + len(_PARTIAL) :] in _COMPANIONS:
                bases.add(name[: at + len(_PARTIAL)])
        for base in sorted(bases):
            partial = folder / base
            if is_held_elsewhere(partial.with_name(base + ".lock")):
                continue
            for suffix in _COMPANIONS:  # the lock file too (checking it may create it)
                leftover = folder / (base + suffix)
                if leftover.exists():
                    leftover.unlink(missing_ok=True)
                    removed.append(leftover)
        for name in names:
            if name.endswith(MANIFEST_SUFFIX):
                backup = name[: -len(MANIFEST_SUFFIX)]
                if backup not in names and backup + _PARTIAL not in names:
                    (folder / name).unlink(missing_ok=True)
                    removed.append(folder / name)
    if removed:
        log.info("removed leftovers of interrupted backups: %s", [p.name for p in removed])
    return removed


def select_to_keep(
    taken: list[datetime], *, daily: int = 7, weekly: int = 4, monthly: int = 6
) -> set[datetime]:
    """The automatic backups rotation keeps: newest per day, per ISO week and per month."""
    keep: set[datetime] = set()
    newest_first = sorted(taken, reverse=True)

    def pick(key_of: Callable[[datetime], object], limit: int) -> None:
        seen: list[object] = []
        for when in newest_first:
            key = key_of(when)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(when)

    pick(lambda d: d.date(), daily)
    pick(lambda d: d.isocalendar()[:2], weekly)
    pick(lambda d: (d.year, d.month), monthly)
    return keep


def rotate_backups(
    backup_dir: Path, *, daily: int = 7, weekly: int = 4, monthly: int = 6
) -> list[Path]:
    """Delete automatic backups rotation no longer keeps; return the deleted paths."""
    backups = list_backups(backup_dir)
    auto = [b for b in backups if b.kind in AUTOMATIC_KINDS]
    keep = select_to_keep([b.taken_at for b in auto], daily=daily, weekly=weekly, monthly=monthly)
    doomed = [b.path for b in auto if b.taken_at not in keep]
    premigrate = [b for b in backups if b.kind == "premigrate"]
    doomed += [b.path for b in premigrate[KEEP_PREMIGRATE:]]
    for path in doomed:
        try:
            path.unlink()
            manifest_path(path).unlink(missing_ok=True)
        except OSError:
            log.warning("could not delete old backup %s", path)
    return doomed


def daily_backup_due(backup_dir: Path, now: datetime | None = None) -> bool:
    """True when no automatic backup was taken today (UTC)."""
    today = (now or utcnow()).date()
    return not any(
        b.kind in AUTOMATIC_KINDS and b.taken_at.date() == today for b in list_backups(backup_dir)
    )
