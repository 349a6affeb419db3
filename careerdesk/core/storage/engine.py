"""Engine, sessions and start-up checks for the CareerDesk database.

SQLite (the default, one file under the data folder) runs in WAL mode with foreign keys on
and a busy timeout, so the GUI, the background writer and a second process can share it.
``CAREERDESK_DB_URL`` points at any other SQLAlchemy URL (PostgreSQL for shared kiosks).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from careerdesk.core.kernel.errors import DatabaseCorruptError, UserError
from careerdesk.core.storage.locking import lock_path_for, writing

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
SQLITE_MAGIC = b"SQLite format 3\x00"
# PostgreSQL advisory-lock keys (any 64-bit integers unique to CareerDesk): one serialises
# write units of work across processes, one serialises schema migrations.
PG_WRITE_LOCK = 0x43445F5752495445  # "CD_WRITE"
PG_MIGRATE_LOCK = 0x43445F4D49475241  # "CD_MIGRA"


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit BEGIN is
        # deferred and cannot wait on the busy timeout when a reader upgrades to a writer).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _install_pg_write_lock(engine: Engine) -> None:
    """Give PostgreSQL write sessions the semantics SQLite's BEGIN IMMEDIATE gives.

    Services do read-modify-write inside ``db.session()`` (e.g. a counter, a JSON list of
    watched intervals, a rate-limit record). Under PostgreSQL's default READ COMMITTED two
    kiosks doing that at once silently lose one update (tests/core/storage/test_concurrency.py saw
    63 of 80 increments survive). Every write unit of work therefore first takes one
    transaction-scoped advisory lock: writers queue (as on SQLite), each sees everything
    committed before it, and with a single lock there is no lock-order deadlock. Reads take
    no lock. ``lock_timeout`` mirrors SQLite's busy timeout, so a stuck writer gives an
    error instead of a hang. Writes in a careers centre are small and rare, so queueing
    them costs nothing noticeable.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("careerdesk_write"):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


class Database:
    """One database: an engine plus unit-of-work sessions.

    ``session()`` is for writes: on SQLite it takes the write lock at BEGIN (IMMEDIATE), so
    concurrent writers queue on the busy timeout instead of failing half-way; on PostgreSQL
    it takes an advisory lock with the same effect (see ``_install_pg_write_lock``).
    ``read()`` is a deferred transaction that is always rolled back.
    """

    def __init__(self, url: str, *, write_lock: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.backend = parsed.get_backend_name()  # "sqlite", "postgresql", ...
        self.is_sqlite = self.backend == "sqlite"
        self.sqlite_path: Path | None = (
            Path(parsed.database)
            if self.is_sqlite and parsed.database not in (None, "", ":memory:")
            else None
        )
        # The installation's database takes the installation-wide write lock around every
        # write unit of work (see locking.py); scratch copies and backups do not.
        self.write_lock_path: Path | None = (
            lock_path_for(self.sqlite_path) if write_lock and self.sqlite_path is not None else None
        )
        kwargs: dict[str, Any] = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine = create_engine(url, **kwargs)
        self._write_engine: Engine
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
            self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        elif self.backend == "postgresql":
            _install_pg_write_lock(self.engine)
            self._write_engine = self.engine.execution_options(careerdesk_write=True)
        else:
            self._write_engine = self.engine
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write unit of work: commits on success, rolls back on any exception."""
        with writing(self), self._write_sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end, whatever happened)."""
        with self._read_sessions() as s:
            try:
                yield s
            finally:
                s.rollback()

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def driver_error_text(exc: BaseException) -> str:
    """A readable description of whatever the driver raised.

    sqlite3 decodes its own error message as UTF-8; when a damaged schema puts a stray byte
    into that message, what surfaces is a UnicodeDecodeError whose ``object`` holds the
    original text, so show that (with the bad byte replaced) instead of codec jargon.
    """
    if isinstance(exc, UnicodeDecodeError) and isinstance(exc.object, bytes | bytearray):
        return bytes(exc.object).decode("utf-8", "replace")
    return str(exc) or type(exc).__name__


def is_busy_error(exc: BaseException) -> bool:
    """True for "database is locked/busy": another process is writing, the file is fine."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def check_sqlite_file(path: Path) -> None:
    """Raise DatabaseCorruptError unless ``path`` is absent, empty or a healthy SQLite file.

    Anything the driver raises while opening or checking the file counts as damage (not only
    sqlite3.DatabaseError: a flipped byte in the schema text surfaces as UnicodeDecodeError),
    except a busy database, which is another process at work, and an unreadable file, which
    is a permissions problem; both are reported as such.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    hint = (
        "Restore the newest backup (File → Restore, or `careerdesk restore --latest`); "
        "the damaged file is kept aside, never overwritten."
    )
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(
            f"CareerDesk cannot read its database {path}: {exc.strerror or exc}. "
            "Check the file's permissions."
        ) from exc
    if header != SQLITE_MAGIC:
        raise DatabaseCorruptError(
            f"The database file {path} is not a CareerDesk database (it may be damaged). {hint}",
            path=str(path),
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except Exception as exc:
        if is_busy_error(exc):
            raise UserError(
                f"The database {path} is busy (another CareerDesk is writing to it); "
                "try again in a moment."
            ) from exc
        raise DatabaseCorruptError(
            f"The database file {path} is damaged ({driver_error_text(exc)}). {hint}",
            path=str(path),
        ) from exc
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise DatabaseCorruptError(
            f"The database file {path} is damaged ({detail}). {hint}", path=str(path)
        )
