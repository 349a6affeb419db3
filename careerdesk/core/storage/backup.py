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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, delete, insert, select

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.kernel.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database, check_sqlite_file, sqlite_url
from careerdesk.core.storage.tables import load_all

log = logging.getLogger(__name__)

AUTOMATIC_KINDS = ("daily", "close")
KINDS = (*AUTOMATIC_KINDS, "manual", "premigrate", "prerestore")
_NAME = re.compile(r"^careerdesk-(?P<kind>[a-z]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
KEEP_PREMIGRATE = 5


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime
    size: int


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
        found.append(BackupInfo(path, m["kind"], taken, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _unique_target(backup_dir: Path, kind: str, when: datetime) -> Path:
    target = backup_dir / backup_name(kind, when)
    n = 1
    while target.exists():
        target = backup_dir / backup_name(kind, when).replace(".sqlite3", f"-{n}.sqlite3")
        n += 1
    return target


def _sqlite_copy(src_path: Path, dst_path: Path) -> None:
    """Copy a SQLite database page by page with the online backup API."""
    src = sqlite3.connect(str(src_path), timeout=15)
    dst = sqlite3.connect(str(dst_path), timeout=15)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup_database(
    db: Database, backup_dir: Path, *, kind: str = "manual", target: Path | None = None
) -> Path:
    """Write a consistent copy of ``db`` and return its path. Safe while the app is running."""
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = target or _unique_target(backup_dir, kind, utcnow())
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        if db.sqlite_path is not None:
            _sqlite_copy(db.sqlite_path, tmp)
        else:
            copy = Database(sqlite_url(tmp))
            try:
                _logical_copy(db, copy)
            finally:
                copy.dispose()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"The backup to {target} failed: {exc}") from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"The backup to {target} failed: {exc.strerror or exc}") from exc
    log.info("backup written: %s", target)
    return target


def _logical_copy(source: Database, dest: Database) -> None:
    """Copy every row of every table from ``source`` into ``dest``; both end at the same schema.

    ``source`` must already be at this version's schema (callers migrate a copy first).
    """
    metadata = load_all().metadata
    mig.upgrade(dest.engine)
    with dest.session() as out, source.read() as src:
        for table in reversed(metadata.sorted_tables):
            out.execute(delete(table))
        for table in metadata.sorted_tables:
            rows = [dict(r._mapping) for r in src.execute(select(table))]
            if rows:
                out.execute(insert(table), rows)
    if dest.engine.dialect.name == "postgresql":
        # Rows came with their ids; move each id sequence past them.
        with dest.engine.begin() as conn:
            for table in metadata.sorted_tables:
                if "id" in table.c and table.c.id.autoincrement is not False:
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )


def validate_backup_file(path: Path) -> None:
    """Raise a UserError unless ``path`` is a readable CareerDesk backup this version can use."""
    if not path.is_file():
        raise UserError(f"No backup file at {path}.")
    try:
        check_sqlite_file(path)
    except DatabaseCorruptError as exc:
        raise UserError(f"{path} is not a usable CareerDesk backup: it is damaged.") from exc
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            revs = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{path} is not a CareerDesk backup (no schema version).") from exc
    finally:
        conn.close()
    unknown = revs - mig.known_revisions()
    if unknown:
        raise DatabaseTooNewError(
            f"{path} was written by a newer CareerDesk; install that version to restore it."
        )


def restore_database(db: Database, backup_file: Path, backup_dir: Path) -> Path:
    """Replace the contents of ``db`` with ``backup_file``; returns the safety backup taken first.

    The backup file is validated before anything changes; the current data is saved as a
    ``prerestore`` backup; the restored data is migrated to this version's schema.
    """
    validate_backup_file(backup_file)
    safety = backup_database(db, backup_dir, kind="prerestore")
    if db.sqlite_path is not None:
        db.dispose()
        _sqlite_copy(backup_file, db.sqlite_path)
        db.dispose()
    else:
        # Migrate a scratch copy of the backup (never the user's file), then copy its rows.
        scratch = backup_dir / f".restore-{utcnow().strftime('%Y%m%d%H%M%S%f')}.sqlite3"
        try:
            _sqlite_copy(backup_file, scratch)
            source = Database(sqlite_url(scratch))
            mig.upgrade(source.engine)
            _logical_copy(source, db)
            source.dispose()
        finally:
            scratch.unlink(missing_ok=True)
    mig.upgrade(db.engine)
    log.info("restored %s (previous data saved as %s)", backup_file, safety)
    return safety


def restore_over_corrupt(db_path: Path, backup_file: Path) -> Path:
    """Put ``backup_file`` in place of a damaged database file; return where the damaged one went.

    The damaged file (and its -wal/-shm companions) is renamed, never overwritten or deleted.
    """
    validate_backup_file(backup_file)
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    if db_path.exists():
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    _sqlite_copy(backup_file, db_path)
    # Migrate with a throwaway engine so the caller opens a current-schema database.
    engine = create_engine(sqlite_url(db_path))
    try:
        mig.upgrade(engine)
    finally:
        engine.dispose()
    return aside


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
        except OSError:
            log.warning("could not delete old backup %s", path)
    return doomed


def daily_backup_due(backup_dir: Path, now: datetime | None = None) -> bool:
    """True when no automatic backup was taken today (UTC)."""
    today = (now or utcnow()).date()
    return not any(
        b.kind in AUTOMATIC_KINDS and b.taken_at.date() == today for b in list_backups(backup_dir)
    )
