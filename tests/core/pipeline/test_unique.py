"""``pipeline.unique``: which database errors rerun a unit of work, and free keys for copies."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.unique import ATTEMPTS, retry_on_duplicate


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"pg {sqlstate}")
        self.sqlstate = sqlstate


def _failing(errors: list[Exception]) -> tuple[Any, list[int]]:
    calls: list[int] = []

    def work() -> str:
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return "done"

    return work, calls


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed: x")),
        IntegrityError("INSERT", {}, _PgError("23505")),
        OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked")),
        OperationalError("SELECT", {}, _PgError("55P03")),
    ],
    ids=["sqlite-unique", "pg-unique", "sqlite-locked", "pg-lock-timeout"],
)
def test_a_lost_race_or_a_lock_timeout_reruns_the_unit(error: Exception) -> None:
    work, calls = _failing([error, error])
    assert retry_on_duplicate(work) == "done"
    assert len(calls) == 3


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, sqlite3.IntegrityError("FOREIGN KEY constraint failed")),
        IntegrityError("INSERT", {}, _PgError("23503")),
        OperationalError("SELECT", {}, sqlite3.OperationalError("disk I/O error")),
    ],
    ids=["sqlite-fk", "pg-fk", "sqlite-io"],
)
def test_other_database_errors_are_not_retried(error: Exception) -> None:
    work, calls = _failing([error])
    with pytest.raises(type(error)):
        retry_on_duplicate(work)
    assert len(calls) == 1


def test_a_race_lost_every_time_ends_in_a_clear_message() -> None:
    error = IntegrityError("INSERT", {}, _PgError("23505"))
    work, calls = _failing([error] * (ATTEMPTS + 1))
    with pytest.raises(UserError, match="nothing was changed"):
        retry_on_duplicate(work, "the JSON import")
    assert len(calls) == ATTEMPTS


def test_keep_both_gives_the_copy_a_key_of_its_own(svc: Any, pid: int, app: Any) -> None:
    from sqlalchemy import select

    from careerdesk.core.storage.tables.pipeline import Application

    first = svc.create(pid, {"company": "Acme", "title": "Analyst"})
    second = svc.create(pid, {"company": "Acme", "title": "Analyst"}, allow_duplicate=True)
    third = svc.create(pid, {"company": "ACME", "title": "analyst"}, allow_duplicate=True)
    with app.db.read() as s:
        keys = dict(s.execute(select(Application.id, Application.dedupe_key)).all())
    assert keys[second.id] == f"{keys[first.id]}~2"
    assert keys[third.id] == f"{keys[first.id]}~3"
