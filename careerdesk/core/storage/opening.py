"""Opening the database at start-up: checks, schema lock, a backup, then migrations.

Kept apart from :mod:`careerdesk.core.storage.engine` because it needs the backups, which in
turn need the engine.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from careerdesk.core.kernel.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.kernel.files import create_private_file
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.backup import backup_database, remove_stale_files
from careerdesk.core.storage.engine import (
    PG_MIGRATE_LOCK,
    Database,
    check_sqlite_file,
    driver_error_text,
    is_busy_error,
)
from careerdesk.core.storage.tables import load_all

log = logging.getLogger(__name__)


@contextmanager
def _schema_lock(db: Database) -> Iterator[None]:
    """Let one process at a time check and migrate a shared PostgreSQL database.

    Two kiosks started together on a new (or older) database would otherwise both run the
    same migrations and one would fail half-way (tests/core/storage/test_concurrency.py caught both
    backends doing so). On PostgreSQL a session-level advisory lock makes the second wait and
    then find the schema current; on SQLite a lock file plays that part.
    """
    if db.sqlite_path is not None:
        with _sqlite_schema_lock(db.sqlite_path):
            yield
        return
    if db.backend != "postgresql":
        yield
        return
    try:
        conn = db.engine.connect()
    except Exception as exc:
        db.dispose()
        raise UserError(
            f"Cannot connect to the database {make_url(db.url).render_as_string()}: {exc}"
        ) from exc
    try:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({PG_MIGRATE_LOCK})")
        conn.commit()
        yield
    finally:
        try:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({PG_MIGRATE_LOCK})")
            conn.commit()
        finally:
            conn.close()


@contextmanager
def _sqlite_schema_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<db>.schema-lock`` (a tiny SQLite file, so the operating
    system's locking works the same on Windows, macOS and Linux and waits like a writer)."""
    lock_path = path.with_name(path.name + ".schema-lock")
    try:
        create_private_file(lock_path, exist_ok=True)
        conn = sqlite3.connect(lock_path, timeout=60, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise UserError(f"Cannot create the lock file {lock_path}: {exc}") from exc
    try:
        conn.execute("BEGIN EXCLUSIVE")
        yield
    finally:
        conn.close()


def open_database(
    url: str,
    *,
    backup_dir: Path | None = None,
    migrate: bool = True,
    write_lock: bool = True,
) -> Database:
    """Open (and by default migrate) the database at ``url``.

    Refuses a damaged SQLite file (DatabaseCorruptError) and a database written by a newer
    CareerDesk (DatabaseTooNewError). Before applying migrations to a database that already
    holds data, takes an online backup into ``backup_dir``. ``write_lock``: writers take the
    installation-wide write lock beside a SQLite file (see locking.py).
    """
    db = Database(url, write_lock=write_lock)
    if backup_dir is not None:
        # Leftovers of a backup or restore killed mid-way (an 18 MB .partial, its journal).
        folders = [backup_dir] if db.sqlite_path is None else [db.sqlite_path.parent, backup_dir]
        remove_stale_files(*folders)
    if db.sqlite_path is not None:
        check_sqlite_file(db.sqlite_path)
        try:
            db.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            create_private_file(db.sqlite_path, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"Cannot create the database folder {db.sqlite_path.parent}: {exc}"
            ) from exc
    load_all()
    with _schema_lock(db):
        try:
            with db.engine.connect() as conn:
                current = mig.current_revisions(conn)
        except Exception as exc:
            db.dispose()
            if db.sqlite_path is not None:
                cause = getattr(exc, "orig", None) or exc
                if is_busy_error(cause):
                    raise UserError(
                        f"The database {db.sqlite_path} is busy (another CareerDesk is writing "
                        "to it); try again in a moment."
                    ) from exc
                raise DatabaseCorruptError(
                    f"The database file {db.sqlite_path} cannot be opened "
                    f"({driver_error_text(cause)}). Restore the newest backup (File → Restore, "
                    "or `careerdesk restore --latest`); the damaged file is kept aside.",
                    path=str(db.sqlite_path),
                ) from exc
            raise UserError(
                f"Cannot connect to the database {make_url(url).render_as_string()}: {exc}"
            ) from exc
        unknown = current - mig.known_revisions()
        if unknown:
            db.dispose()
            raise DatabaseTooNewError(
                "This database was written by a newer version of CareerDesk "
                f"(schema {', '.join(sorted(unknown))}). Install the newer version to open it; "
                "nothing was changed."
            )
        if migrate and current != mig.head_revisions():
            if current and backup_dir is not None and db.sqlite_path is not None:
                target = backup_database(db, backup_dir, kind="premigrate")
                log.info("backup before migration: %s", target)
            mig.upgrade(db.engine)
    return db
