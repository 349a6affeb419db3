"""The installation-wide write lock (issue 19): re-entrant in a thread, exclusive between
threads and processes, and a writer that cannot get it fails clearly with nothing written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from careerdesk.core.storage.locking import StorageBusyError, restoring, writing
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.profiles import Profile


def _db(tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_database(f"sqlite:///{tmp_path / 'careerdesk.sqlite3'}")


def test_the_lock_lives_beside_the_installations_database(tmp_path: Path) -> None:
    db = _db(tmp_path)
    assert db.write_lock_path == tmp_path / "careerdesk.sqlite3.write-lock"
    db.dispose()


def test_a_bulk_writer_may_open_write_sessions_inside_its_lock(tmp_path: Path) -> None:
    db = _db(tmp_path)
    with writing(db), writing(db):
        with db.session() as s:
            s.add(Profile(name="Ann", target_role_ids=[]))
        with db.session() as s:
            s.add(Profile(name="Bo", target_role_ids=[]))
    with db.read() as s:
        assert sorted(s.scalars(select(Profile.name))) == ["Ann", "Bo"]
    db.dispose()


def test_writers_wait_while_a_restore_holds_the_lock(tmp_path: Path) -> None:
    db = _db(tmp_path)
    held, release, wrote = threading.Event(), threading.Event(), threading.Event()
    during: list[bool] = []

    def restorer() -> None:
        with restoring(db):
            held.set()
            # Give the writer every chance to slip in; it must not.
            wrote.wait(0.5)
            during.append(wrote.is_set())
            release.set()

    def writer() -> None:
        held.wait(10)
        with db.session() as s:
            s.add(Profile(name="Late", target_role_ids=[]))
        wrote.set()

    threads = [threading.Thread(target=restorer), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert during == [False]  # nothing was written while the restore held the lock
    assert wrote.is_set()  # and the writer went ahead right after
    db.dispose()


def test_a_writer_that_cannot_get_the_lock_fails_clearly_and_writes_nothing(
    tmp_path: Path,
) -> None:
    db = _db(tmp_path)
    held, release = threading.Event(), threading.Event()

    def restorer() -> None:
        with restoring(db):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=restorer)
    thread.start()
    held.wait(10)
    try:
        with (
            pytest.raises(StorageBusyError, match="busy restoring a backup"),
            writing(db, timeout=0.2),
            db.session() as s,
        ):
            s.add(Profile(name="Never", target_role_ids=[]))
    finally:
        release.set()
        thread.join(30)
    with db.read() as s:
        assert list(s.scalars(select(Profile.name))) == []
    db.dispose()
