"""Backups verify themselves (issue 19): a SHA-256 manifest written with each backup and
checked on restore, backups without CareerDesk's tables refused, leftovers of killed backups
removed at start."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.storage import backup as backups
from careerdesk.core.storage import restore
from careerdesk.core.storage.backup_verify import UnverifiedBackupError, validate_backup_file
from careerdesk.core.storage.locking import hold_lock
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.profiles import Profile


def _names(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return sorted(s.scalars(select(Profile.name)))


def _db_with(tmp_path: Path, *names: str):  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{tmp_path / 'careerdesk.sqlite3'}")
    with db.session() as s:
        s.add_all([Profile(name=n, target_role_ids=[]) for n in names])
    return db


def test_each_backup_has_a_manifest_with_its_sha256(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    manifest = json.loads((tmp_path / "b" / f"{path.name}.manifest.json").read_text())
    data = path.read_bytes()
    assert manifest["format"] == "careerdesk-backup-manifest"
    assert manifest["file"] == path.name
    assert manifest["size"] == len(data)
    assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["schema"]  # the alembic revision(s) of the copy
    # A standalone file: not in WAL mode, so opening it read-only creates nothing beside it.
    assert data[18:20] == b"\x01\x01"
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        path.name,
        f"{path.name}.manifest.json",
    ]
    db.dispose()


def test_a_backup_with_edited_rows_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    with db.session() as s:
        s.add(Profile(name="Later", target_role_ids=[]))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE profiles SET name = 'Mallory'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="does not match its checksum"):
        restore.restore_database(db, path, tmp_path / "b")
    assert _names(db) == ["Ann", "Later"]
    assert not list((tmp_path / "b").glob("*prerestore*"))  # refused before any change
    db.dispose()


def test_a_backup_holding_only_alembic_version_is_refused(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    hollow = tmp_path / "hollow.sqlite3"
    conn = sqlite3.connect(hollow)
    revision = sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", revision)
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="does not hold CareerDesk's tables") as info:
        restore.restore_database(db, hollow, tmp_path / "b", allow_unverified=True)
    assert "profiles" in str(info.value)
    assert _names(db) == ["Ann"]
    db.dispose()


def test_a_backup_without_manifest_needs_an_explicit_yes(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    Path(f"{path}.manifest.json").unlink()
    with pytest.raises(UnverifiedBackupError, match="no checksum file"):
        validate_backup_file(path)
    assert validate_backup_file(path, allow_unverified=True) is False
    with db.session() as s:
        s.add(Profile(name="Later", target_role_ids=[]))
    restore.restore_database(db, path, tmp_path / "b", allow_unverified=True)
    assert _names(db) == ["Ann"]
    db.dispose()


def test_a_damaged_manifest_is_refused(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    Path(f"{path}.manifest.json").write_text('{"format": "careerdesk-backup-manifest"')
    with pytest.raises(UserError, match=r"checksum file .* is damaged"):
        validate_backup_file(path)
    db.dispose()


def test_newest_restorable_skips_an_edited_backup(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    older = backups.backup_database(
        db, tmp_path / "b", target=tmp_path / "b" / "careerdesk-daily-20260101-080000.sqlite3"
    )
    newer = backups.backup_database(
        db, tmp_path / "b", target=tmp_path / "b" / "careerdesk-daily-20260102-080000.sqlite3"
    )
    with newer.open("r+b") as fh:  # one flipped byte deep inside the file
        fh.seek(newer.stat().st_size - 100)
        byte = fh.read(1)
        fh.seek(-1, 1)
        fh.write(bytes([byte[0] ^ 0x01]))
    found, skipped = restore.newest_restorable(tmp_path / "b")
    assert found is not None and found.path == older
    assert [(info.path, "checksum" in why) for info, why in skipped] == [(newer, True)]
    db.dispose()


def test_leftovers_of_a_killed_backup_are_removed_at_start(tmp_path: Path) -> None:
    db = _db_with(tmp_path, "Ann")
    db.dispose()
    bdir = tmp_path / "b"
    bdir.mkdir()
    stale = bdir / "careerdesk-daily-20260101-080000.sqlite3.partial"
    stale.write_bytes(b"x" * 4096)
    Path(f"{stale}-journal").write_bytes(b"j" * 512)
    orphan = bdir / "careerdesk-daily-20260101-070000.sqlite3.manifest.json"
    orphan.write_text("{}")
    restoring = tmp_path / "careerdesk.sqlite3.restoring.partial"
    restoring.write_bytes(b"r")
    # One being written right now (its lock held by another thread) stays.
    busy = bdir / "careerdesk-manual-20260101-090000.sqlite3.partial"
    busy.write_bytes(b"b")
    held, release = threading.Event(), threading.Event()

    def writer() -> None:
        with hold_lock(Path(f"{busy}.lock"), timeout=1, busy_message="busy"):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait(10)
    try:
        open_database(f"sqlite:///{tmp_path / 'careerdesk.sqlite3'}", backup_dir=bdir).dispose()
    finally:
        release.set()
        thread.join()
    left = sorted(p.name for p in bdir.iterdir())
    assert left == [busy.name, f"{busy.name}.lock"]
    assert not restoring.exists()
