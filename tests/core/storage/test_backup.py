"""Backups: online copy, identical rows after restore, rotation, damaged and newer databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from careerdesk.core.kernel.errors import DatabaseCorruptError, DatabaseTooNewError, UserError
from careerdesk.core.storage import backup as backups
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage import restore
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables import load_all
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.core.storage.tables.profiles import Profile


def _dump(db) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    out = {}
    with db.read() as s:
        for table in load_all().metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted(tuple(r) for r in rows)
    return out


def _fill(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        ann = Profile(name="Ann", target_role_ids=["data_analyst"], interests="maps, data ✓")
        bo = Profile(name="Bø", target_role_ids=[])
        s.add_all([ann, bo])
        s.flush()
        item = ContentItem(kind="video", title="SQL basics", skills=["sql"], est_hours=2.5)
        s.add(item)
        s.flush()
        s.add(
            ContentProgress(
                profile_id=ann.id,
                content_id=item.id,
                state="IN_PROGRESS",
                watched=[[0.0, 12.5]],
                watched_fraction=0.25,
            )
        )


def test_backup_then_restore_gives_identical_rows(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    _fill(db)
    before = _dump(db)
    path = backups.backup_database(db, tmp_path / "b", kind="manual")
    with db.session() as s:  # change things after the backup
        s.add(Profile(name="Later", target_role_ids=[]))
        s.execute(text("DELETE FROM content_progress"))
    assert _dump(db) != before
    safety = restore.restore_database(db, path, tmp_path / "b")
    after = _dump(db)
    # The restore leaves one marker, a new restore generation (running windows poll it).
    assert [key for key, _value in after.pop("app_meta")] == ["restore_generation"]
    assert before.pop("app_meta") == []
    assert after == before
    assert safety.exists() and safety != path
    with db.session() as s:  # ids keep working after a restore (PostgreSQL sequences)
        s.add(Profile(name="After restore", target_role_ids=[]))
    db.dispose()


def test_backup_file_is_a_standalone_sqlite_db(db_url: str, tmp_path: Path) -> None:
    db = open_database(db_url)
    _fill(db)
    path = backups.backup_database(db, tmp_path, kind="daily")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM profiles").fetchone() == (2,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert backups.list_backups(tmp_path)[0].kind == "daily"
    db.dispose()


def test_restore_refuses_a_bad_file_and_changes_nothing(sqlite_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = sqlite_app
    app.profiles.create("Keep me")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(UserError):
        restore.restore_database(app.db, junk, app.paths.backup_dir)
    assert [p.name for p in app.profiles.list()] == ["Keep me"]


def test_rotation_keeps_daily_weekly_monthly() -> None:
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    taken = [start + timedelta(days=d) for d in range(200)]
    keep = backups.select_to_keep(taken, daily=7, weekly=4, monthly=6)
    newest = taken[-1]
    assert {newest - timedelta(days=d) for d in range(7)} <= keep
    months = {(k.year, k.month) for k in keep}
    assert len(months) == 6
    weeks = {k.isocalendar()[:2] for k in keep}
    assert len(weeks) >= 4
    assert len(keep) <= 7 + 4 + 6


def test_rotate_deletes_only_automatic_extras(tmp_path: Path) -> None:
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    for d in range(40):
        (tmp_path / backups.backup_name("daily", start + timedelta(days=d))).write_bytes(b"x")
    manual = tmp_path / backups.backup_name("manual", start)
    manual.write_bytes(b"x")
    deleted = backups.rotate_backups(tmp_path)
    assert deleted and manual.exists()
    remaining = [b for b in backups.list_backups(tmp_path) if b.kind == "daily"]
    assert 7 <= len(remaining) <= 17


def test_daily_backup_due(tmp_path: Path) -> None:
    now = datetime(2026, 5, 5, 10, tzinfo=UTC)
    assert backups.daily_backup_due(tmp_path, now)
    (tmp_path / backups.backup_name("close", now - timedelta(hours=1))).write_bytes(b"x")
    assert not backups.daily_backup_due(tmp_path, now)
    assert backups.daily_backup_due(tmp_path, now + timedelta(days=1))


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "careerdesk.sqlite3"
    path.write_bytes(b"garbage, not a database" * 100)
    original = path.read_bytes()
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(f"sqlite:///{path}")
    assert "restore" in str(info.value).lower()
    assert path.read_bytes() == original


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "careerdesk.sqlite3"
    db = open_database(f"sqlite:///{path}")
    _fill(db)
    db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    for i in range(4096 + 200, min(len(data), 4096 * 4)):  # scribble over page 2..4
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorruptError):
        open_database(f"sqlite:///{path}")


def test_restore_over_corrupt_keeps_the_damaged_file(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    db = open_database(f"sqlite:///{good}")
    _fill(db)
    backup = backups.backup_database(db, tmp_path / "b", kind="daily")
    db.dispose()
    live = tmp_path / "careerdesk.sqlite3"
    live.write_bytes(b"damaged" * 500)
    aside = restore.restore_over_corrupt(live, backup)
    assert aside.read_bytes() == b"damaged" * 500
    reopened = open_database(f"sqlite:///{live}")
    assert sorted(p.name for p in reopened.read().__enter__().scalars(select(Profile))) == [
        "Ann",
        "Bø",
    ]
    reopened.dispose()


def test_newer_database_is_refused_unchanged(db_url: str) -> None:
    db = open_database(db_url)
    db.dispose()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_future')"))
    engine.dispose()
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        open_database(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        revs = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    engine.dispose()
    assert "9999_future" in revs


def test_migration_from_an_older_schema_takes_a_backup_first(tmp_path: Path) -> None:
    heads = mig.head_revisions()
    # Later revisions exist (0003_learning, 0007_pipeline, …): the upgrade below has work to do.
    assert heads != {"0001_baseline"}
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    mig.upgrade(engine, "0001_baseline")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO profiles (name, full_name, location, field_of_study, interests, "
                "target_role_ids, created_at, updated_at) VALUES "
                "('Old', '', '', '', '', '[]', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
    engine.dispose()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "b")
    assert [b.kind for b in backups.list_backups(tmp_path / "b")] == ["premigrate"]
    with db.read() as s:
        assert s.scalars(select(Profile.name)).all() == ["Old"]
    db.dispose()
