"""The Home kept for the next start is shown only while it is certainly still true."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from careerdesk.core.kernel import home_snapshot
from careerdesk.core.kernel.home_snapshot import DatabaseStamp

DAY = date(2026, 12, 3)
HOME = {"root": {"label": "Hello, Alex", "rich": False}}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "careerdesk.sqlite3"
    path.write_bytes(b"SQLite format 3\0" + b"\0" * 4080)
    return path


def _keep(cache: Path, db: Path, profile_id: int = 7) -> None:
    stamp = DatabaseStamp.of(db)
    assert stamp is not None
    home_snapshot.write(cache, profile_id=profile_id, payload=HOME, stamp=stamp, today=DAY)


def test_the_home_kept_against_an_unchanged_database_is_read_back(tmp_path: Path, db: Path) -> None:
    _keep(tmp_path / "cache", db)
    assert home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=7, today=DAY) == HOME


def test_any_write_to_the_database_after_closing_makes_it_stale(tmp_path: Path, db: Path) -> None:
    _keep(tmp_path / "cache", db)
    with db.open("ab") as fh:  # a `careerdesk` command added a row while the app was closed
        fh.write(b"\1" * 4096)
    assert home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=7, today=DAY) is None


def test_a_same_size_rewrite_is_caught_by_the_modification_time(tmp_path: Path, db: Path) -> None:
    _keep(tmp_path / "cache", db)
    before = db.stat()
    db.write_bytes(db.read_bytes())  # same size, new content time
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=7, today=DAY) is None


def test_a_pending_write_ahead_log_makes_it_stale(tmp_path: Path, db: Path) -> None:
    _keep(tmp_path / "cache", db)
    Path(f"{db}-wal").write_bytes(b"\0" * 32)  # another process is writing
    assert home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=7, today=DAY) is None


@pytest.mark.parametrize(
    ("profile_id", "today"),
    [(8, DAY), (None, DAY), (7, date(2026, 12, 4)), (7, date(2026, 12, 2))],
    ids=["other-profile", "no-profile", "next-day", "clock-moved-back"],
)
def test_another_profile_or_another_day_gets_no_preview(
    tmp_path: Path, db: Path, profile_id: int | None, today: date
) -> None:
    _keep(tmp_path / "cache", db)
    assert (
        home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=profile_id, today=today)
        is None
    )


def test_a_missing_database_gets_no_preview(tmp_path: Path, db: Path) -> None:
    _keep(tmp_path / "cache", db)
    db.unlink()
    assert home_snapshot.read(tmp_path / "cache", db_path=db, profile_id=7, today=DAY) is None
    assert DatabaseStamp.of(db) is None


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", json.dumps({"format": 99}), json.dumps({"format": 1, "profile_id": 7})],
    ids=["garbage", "not-an-object", "newer-format", "incomplete"],
)
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, db: Path, content: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / home_snapshot.FILE_NAME).write_text(content, encoding="utf-8")
    assert home_snapshot.read(cache, db_path=db, profile_id=7, today=DAY) is None


def test_discard_forgets_it_and_tolerates_nothing_to_forget(tmp_path: Path, db: Path) -> None:
    cache = tmp_path / "cache"
    _keep(cache, db)
    home_snapshot.discard(cache)
    home_snapshot.discard(cache)
    assert home_snapshot.read(cache, db_path=db, profile_id=7, today=DAY) is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_kept_home_is_private_and_written_whole(tmp_path: Path, db: Path) -> None:
    cache = tmp_path / "cache"
    _keep(cache, db)
    path = cache / home_snapshot.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in cache.iterdir()] == [home_snapshot.FILE_NAME]  # no temp left


@pytest.mark.parametrize(
    ("settings", "profile_id", "tab"),
    [
        ({"last_profile_id": 3, "window": {"last_tab": "home"}}, 3, "home"),
        ({"last_profile_id": True, "window": {"last_tab": 5}}, None, None),
        ({"window": "broken"}, None, None),
        ({}, None, None),
    ],
)
def test_the_profile_and_tab_to_open_are_read_from_the_settings_file(
    tmp_path: Path, settings: dict[str, object], profile_id: int | None, tab: str | None
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(settings), encoding="utf-8")
    assert home_snapshot.last_profile_id(path) == profile_id
    assert home_snapshot.last_tab(path) == tab
    assert home_snapshot.last_profile_id(tmp_path / "missing.json") is None
