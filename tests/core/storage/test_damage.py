"""Every kind of damaged database is recoverable: refused with a clear message, kept aside,
``restore --latest`` works (issue 19).

The damage is made the way a failing disk or a stray write makes it: one byte flipped inside
the schema text (sqlite3 then raises UnicodeDecodeError, not DatabaseError), schema text that
no longer parses, a truncated file, scribbled pages, a wrong header.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from careerdesk.cli import main as cli_main
from careerdesk.core.kernel.errors import DatabaseCorruptError
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.storage.engine import check_sqlite_file


def _flip_in_references(data: bytearray) -> None:
    """Put 0xFF in the middle of the first REFERENCES clause of the schema text."""
    at = data.find(b"REFERENCES")
    assert at > 0
    data[at + 3] = 0xFF


def _misspell_references(data: bytearray) -> None:
    at = data.find(b"REFERENCES")
    data[at : at + 10] = b"REFERENCEX"


def _truncate(data: bytearray) -> None:
    del data[len(data) // 2 + 100 :]


def _scribble_pages(data: bytearray) -> None:
    for i in range(4096 + 200, min(len(data), 4096 * 4)):
        data[i] = 0xA5


def _bad_header(data: bytearray) -> None:
    data[0:16] = b"not sqlite at al"


DAMAGE: dict[str, Callable[[bytearray], None]] = {
    "schema byte flipped (UnicodeDecodeError)": _flip_in_references,
    "schema text misspelled": _misspell_references,
    "file truncated": _truncate,
    "pages scribbled": _scribble_pages,
    "header overwritten": _bad_header,
}


def _installation_with_backup(capsys: pytest.CaptureFixture[str]) -> AppPaths:
    assert cli_main(["profile", "create", "Ann"]) == 0
    assert cli_main(["backup"]) == 0
    assert cli_main(["profile", "create", "Bo"]) == 0
    capsys.readouterr()
    paths = AppPaths.resolve()
    # Fold the WAL into the file so the damage lands in the bytes SQLite will read.
    conn = sqlite3.connect(paths.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return paths


def _damage(paths: AppPaths, how: Callable[[bytearray], None]) -> bytes:
    data = bytearray(paths.db_path.read_bytes())
    how(data)
    paths.db_path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{paths.db_path}{suffix}").unlink(missing_ok=True)
    return bytes(data)


def test_flipped_schema_byte_makes_the_driver_raise_unicode_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The premise of the issue: this damage is not a sqlite3.DatabaseError."""
    paths = _installation_with_backup(capsys)
    _damage(paths, _flip_in_references)
    conn = sqlite3.connect(paths.db_path)
    with pytest.raises(UnicodeDecodeError):
        conn.execute("PRAGMA quick_check").fetchall()
    conn.close()


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damage_is_refused_clearly_and_restore_latest_recovers(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _installation_with_backup(capsys)
    damaged = _damage(paths, DAMAGE[kind])

    with pytest.raises(DatabaseCorruptError) as info:
        check_sqlite_file(paths.db_path)
    assert info.value.path == str(paths.db_path)

    assert cli_main(["profile", "list"]) == 2  # refused with a message, not a crash (1)
    err = capsys.readouterr().err
    assert str(paths.db_path) in err
    assert "restore --latest" in err
    assert "Traceback" not in err and "UnicodeDecodeError" not in err
    assert paths.db_path.read_bytes() == damaged  # untouched by the refusal

    assert cli_main(["restore", "--latest"]) == 0
    out = capsys.readouterr().out
    assert "damaged database was kept as" in out
    kept = sorted(paths.data_dir.glob("careerdesk.sqlite3.corrupt-*[0-9]"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged

    assert cli_main(["profile", "list"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["Ann"]
