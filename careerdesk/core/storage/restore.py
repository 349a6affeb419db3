"""Restoring a backup over the live data, and over a damaged database file.

Kept apart from :mod:`careerdesk.core.storage.backup` (which writes backups) because a restore
also needs the installation's write lock and the restore-generation marker. Why the lock and
how the marker is used: ``locking.py`` and ``ui/shell/restore_watch.py``.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import utcnow
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.files import create_private_file, make_private_dir
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.backup import (
    BackupInfo,
    backup_database,
    copy_tables,
    fsync_file,
    in_progress,
    list_backups,
    logical_backup,
    remove_partial,
    seal_backup,
    sqlite_copy,
    unique_target,
)
from careerdesk.core.storage.backup_verify import validate_backup_file
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.core.storage.locking import hold_lock, lock_path_for, restoring
from careerdesk.core.storage.tables.profiles import AppMeta

log = logging.getLogger(__name__)

RESTORE_GENERATION_KEY = "restore_generation"


def restore_generation(db: Database) -> str | None:
    """The marker a restore leaves in the data; a running GUI polls it to notice a restore
    made by another window or command (see ui/shell/restore_watch.py)."""
    with db.read() as s:
        row = s.get(AppMeta, RESTORE_GENERATION_KEY)
        return None if row is None else row.value


def _new_generation(s: Session) -> None:
    s.merge(AppMeta(key=RESTORE_GENERATION_KEY, value=uuid.uuid4().hex))


def restore_database(
    db: Database,
    backup_file: Path,
    backup_dir: Path,
    *,
    allow_unverified: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> Path:
    """Replace the contents of ``db`` with ``backup_file``; returns the safety backup taken first.

    The backup file is verified (checksum, CareerDesk tables, schema) before anything
    changes. No other writer can slip in between the safety backup and the copy: on SQLite
    the installation's write lock is held across both (``on_wait`` is called if a writer,
    such as an import, must finish first); on PostgreSQL both happen inside one write
    transaction, which holds the advisory write lock every writer takes. The restored data is
    migrated to this version's schema and marked with a new restore generation.
    """
    validate_backup_file(backup_file, allow_unverified=allow_unverified)
    if db.sqlite_path is None:
        safety = _restore_logical(db, backup_file, backup_dir)
    else:
        with restoring(db, on_wait=on_wait):
            safety = backup_database(db, backup_dir, kind="prerestore")
            db.dispose()
            sqlite_copy(backup_file, db.sqlite_path)
            db.dispose()
            mig.upgrade(db.engine)
            with db.session() as s:  # re-entrant: this thread holds the lock
                _new_generation(s)
    log.info("restored %s (previous data saved as %s)", backup_file, safety)
    return safety


def _restore_logical(db: Database, backup_file: Path, backup_dir: Path) -> Path:
    """Restore into a non-SQLite database (PostgreSQL): migrate a scratch copy of the backup
    (never the user's file), then, in ONE write transaction, save the current rows as the
    safety backup and replace them with the backup's."""
    make_private_dir(backup_dir)
    scratch = backup_dir / f".restore-{utcnow().strftime('%Y%m%d%H%M%S%f')}.sqlite3.partial"
    safety = unique_target(backup_dir, "prerestore", utcnow())
    safety_tmp = safety.with_name(safety.name + ".partial")
    with in_progress(scratch), in_progress(safety_tmp):
        try:
            create_private_file(scratch)
            sqlite_copy(backup_file, scratch, standalone=True)
            source = Database(sqlite_url(scratch))
            try:
                mig.upgrade(source.engine)
                with db.session() as live, source.read() as src:
                    create_private_file(safety_tmp)
                    logical_backup(live, safety_tmp)
                    seal_backup(safety_tmp, safety)
                    copy_tables(src, live)
                    _new_generation(live)
            finally:
                source.dispose()
        finally:
            remove_partial(scratch)
            remove_partial(safety_tmp)
    return safety


def restore_over_corrupt(
    db_path: Path, backup_file: Path, *, allow_unverified: bool = False
) -> Path:
    """Put ``backup_file`` in place of a damaged database file; return where the damaged one went.

    The backup is copied and migrated under a temporary name first, then swapped in with one
    atomic rename, so a crash at any point leaves either the damaged file or the restored one
    in place (never an empty database). The damaged file (and its -wal/-shm companions) is
    kept aside, never overwritten or deleted.
    """
    validate_backup_file(backup_file, allow_unverified=allow_unverified)
    tmp = db_path.with_name(db_path.name + ".restoring.partial")
    busy = "Another CareerDesk is restoring this database right now."
    with hold_lock(lock_path_for(db_path), timeout=60, busy_message=busy), in_progress(tmp):
        remove_partial(tmp)
        create_private_file(tmp)
        try:
            sqlite_copy(backup_file, tmp, standalone=True)
            # Migrate with a throwaway engine so the caller opens a current-schema database.
            engine = create_engine(sqlite_url(tmp))
            try:
                mig.upgrade(engine)
                with Session(engine) as s, s.begin():
                    _new_generation(s)
            finally:
                engine.dispose()
            fsync_file(tmp)
            stamp = utcnow().strftime("%Y%m%d-%H%M%S")
            aside = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
            # Companions first: a stale WAL must never be replayed onto the restored file.
            for suffix in ("-wal", "-shm"):
                companion = db_path.with_name(db_path.name + suffix)
                if companion.exists():
                    os.replace(companion, aside.with_name(aside.name + suffix))
            if db_path.exists():
                try:
                    os.link(db_path, aside)
                except OSError:
                    shutil.copy2(db_path, aside)
            os.replace(tmp, db_path)
        finally:
            remove_partial(tmp)
    return aside


def newest_restorable(
    backup_dir: Path, *, allow_unverified: bool = False
) -> tuple[BackupInfo | None, list[tuple[BackupInfo, str]]]:
    """The newest backup (safety ``prerestore`` copies excepted) that passes its checks, and
    the newer ones skipped with the reason, so ``restore --latest`` never picks an edited or
    damaged file when an intact one exists."""
    skipped: list[tuple[BackupInfo, str]] = []
    for info in list_backups(backup_dir):
        if info.kind == "prerestore":
            continue
        try:
            validate_backup_file(info.path, allow_unverified=allow_unverified)
        except UserError as exc:
            skipped.append((info, exc.message))
            continue
        return info, skipped
    return None, skipped
