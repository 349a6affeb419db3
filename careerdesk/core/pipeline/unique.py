"""One row per dedupe key: free keys for deliberate copies, retries on a lost insert race.

``applications`` has a unique index on ``(profile_id, dedupe_key)`` (migration 0014). Write
units of work are serialised (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so an
import that reads the existing keys inside its own write transaction never collides; the
index is the backstop for any writer that does not queue (an older CareerDesk on a shared
PostgreSQL database). When it fires, the whole unit of work is rolled back and run again: it
re-reads the keys, skips what the other writer added, and inserts only the rest, so a retry
is idempotent. See docs/pipeline.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.storage.tables.pipeline import Application

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 4


def is_duplicate_key(exc: IntegrityError) -> bool:
    """Whether ``exc`` is a unique-index violation (not a foreign key or NOT NULL one)."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "23505":  # psycopg: unique_violation
        return True
    return "UNIQUE constraint failed" in str(orig)  # sqlite3


def is_lock_timeout(exc: OperationalError) -> bool:
    """Whether ``exc`` is a wait for the write lock that ran out (another long import)."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "55P03":  # psycopg: lock_not_available
        return True
    return "database is locked" in str(orig)  # sqlite3 after the busy timeout


def retry_on_duplicate(work: Callable[[], T], what: str = "the import") -> T:
    """Run ``work`` (one whole write unit of work) again when a concurrent writer won a key.

    Also when the wait for the write lock ran out: another import of thousands of rows can
    hold it longer than the lock timeout, and the rerun simply queues again.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return work()
        except IntegrityError as exc:
            if not is_duplicate_key(exc):
                raise
            log.info("%s met a concurrent insert of the same key; retry %d", what, attempt)
        except OperationalError as exc:
            if not is_lock_timeout(exc):
                raise
            log.info("%s waited too long for the write lock; retry %d", what, attempt)
    raise UserError(
        f"Another program kept writing the same applications while {what} ran; nothing was "
        "changed by this run. Try again."
    )


def free_dedupe_key(s: Session, profile_id: int, key: str) -> str:
    """``key`` if unused in the profile, else ``key~2``, ``key~3``…: a copy the user asked for.

    A re-import of a file still matches the first row (it carries the plain key).
    """
    taken = set(
        s.scalars(
            select(Application.dedupe_key).where(
                Application.profile_id == profile_id, Application.dedupe_key.startswith(key)
            )
        )
    )
    if key not in taken:
        return key
    n = 2
    while f"{key}~{n}" in taken:
        n += 1
    return f"{key}~{n}"
