"""The installation-wide write lock: a restore excludes every other writer.

SQLite's own locking is per transaction, so it cannot stop this race (issue 19): an import
commits after a restore has taken its safety backup but before the restore copies the backup
over the database, and the import's rows end up nowhere. Every writer of a SQLite
installation therefore holds an operating-system file lock beside the database
(``careerdesk.sqlite3.write-lock``, via the ``filelock`` library) for its unit of work:

- ``Database.session()`` takes it around each write transaction (the GUI, the CLI, services);
- bulk writers take it around the whole run with :func:`writing` or the
  :func:`holds_write_lock` decorator (imports), so a restore never lands between their
  transactions;
- a restore holds it across its safety backup and the copy (:func:`restoring`).

The lock is re-entrant within a thread and exclusive between threads and processes (a file
lock per thread, as ``flock`` works on open files). A killed process loses its lock with its
file descriptors, so a ``kill -9`` never leaves the installation locked.

PostgreSQL kiosks share a database across machines, where no local file lock reaches. There
every write transaction already takes one advisory lock (``engine._install_pg_write_lock``),
and a restore does its safety backup and its copy inside one such transaction, which
excludes the other writers just as well (see ``backup.restore_database``).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from filelock import FileLock, Timeout

from careerdesk.core.kernel.errors import UserError

LOCK_SUFFIX = ".write-lock"
# A writer waits this long for a restore (or a long import) to finish before giving up.
WRITER_WAIT_S = 120.0
# A restore waits this long for running writers (an import of many thousand rows) to finish.
RESTORE_WAIT_S = 300.0


class StorageBusyError(UserError):
    """Another CareerDesk window or command holds the write lock for too long."""


class HasLockPath(Protocol):
    @property
    def write_lock_path(self) -> Path | None: ...


_locks: dict[Path, FileLock] = {}
_locks_guard = threading.Lock()


def lock_path_for(db_path: Path) -> Path:
    """Where the write lock of the SQLite database at ``db_path`` lives."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _lock(path: Path) -> FileLock:
    with _locks_guard:
        found = _locks.get(path)
        if found is None:
            # thread_local: each thread has its own re-entrancy count and its own descriptor,
            # so two threads of one process exclude each other like two processes do.
            found = FileLock(str(path), mode=0o600, thread_local=True)
            _locks[path] = found
        return found


@contextmanager
def hold_lock(
    path: Path,
    *,
    timeout: float,
    busy_message: str,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the file lock at ``path`` (re-entrant per thread); StorageBusyError after
    ``timeout`` seconds. ``on_wait`` is called once if the lock is not free at once."""
    lock = _lock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StorageBusyError(busy_message) from exc
    try:
        yield
    finally:
        lock.release()


def is_held_elsewhere(path: Path) -> bool:
    """True when another thread or process holds the lock at ``path`` right now."""
    lock = FileLock(str(path), mode=0o600, thread_local=False, is_singleton=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


_WRITER_BUSY = (
    "CareerDesk is busy restoring a backup or importing in another window; nothing was "
    "changed. Try again when it has finished."
)


@contextmanager
def writing(db: HasLockPath, *, timeout: float = WRITER_WAIT_S) -> Iterator[None]:
    """Hold the installation's write lock for a bulk write (no-op without one, e.g. on
    PostgreSQL or a scratch database)."""
    path = db.write_lock_path
    if path is None:
        yield
        return
    with hold_lock(path, timeout=timeout, busy_message=_WRITER_BUSY):
        yield


@contextmanager
def restoring(
    db: HasLockPath,
    *,
    timeout: float = RESTORE_WAIT_S,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold the write lock for a restore: waits for running writers (``on_wait`` tells the
    user), then keeps every other writer out until the restore is complete."""
    path = db.write_lock_path
    if path is None:
        yield
        return
    with hold_lock(
        path,
        timeout=timeout,
        on_wait=on_wait,
        busy_message=(
            "The restore did not start: another CareerDesk window or command kept writing "
            f"(an import?) for {timeout:.0f} s. Nothing was changed; try again when it has "
            "finished."
        ),
    ):
        yield


class _HasDb(Protocol):
    @property
    def db(self) -> HasLockPath: ...


S = TypeVar("S", bound=_HasDb)
R = TypeVar("R")
P = ParamSpec("P")


def holds_write_lock(
    method: Callable[Concatenate[S, P], R],
) -> Callable[Concatenate[S, P], R]:
    """Run a service method (an import) under ``writing(self.db)`` as one unit: a restore
    waits for it to finish or it waits for the restore, never the two interleaved."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with writing(self.db):
            return method(self, *args, **kwargs)

    return wrapper
