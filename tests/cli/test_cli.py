"""The command line: exit codes 0 / 2 / 1, profiles, backup and restore, self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerdesk import __version__
from careerdesk.cli import main


def run(*args: str) -> int:
    return main(list(args))


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        run("--version")
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_profile_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("profile", "list") == 0
    assert "No profiles yet" in capsys.readouterr().out
    assert run("profile", "create", "Ann") == 0
    assert run("profile", "create", "ann") == 2
    assert "already exists" in capsys.readouterr().err
    assert run("profile", "rename", "Ann", "Annie") == 0
    assert run("profile", "list") == 0
    assert "Annie" in capsys.readouterr().out


def test_delete_needs_yes_and_changes_nothing_without_it(capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    assert run("profile", "delete", "Ann") == 2
    assert "--yes" in capsys.readouterr().err
    run("profile", "list")
    assert "Ann" in capsys.readouterr().out
    assert run("profile", "delete", "Ann", "--yes") == 0
    assert run("profile", "delete", "Nobody", "--yes") == 2


def test_backup_and_restore_round_trip(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Before")
    target = tmp_path / "my-backup.sqlite3"
    assert run("backup", "--output", str(target)) == 0
    assert target.exists()
    assert run("backup", "--output", str(target)) == 2  # never overwrites
    run("profile", "create", "After")
    capsys.readouterr()
    assert run("restore", str(target)) == 0
    run("profile", "list")
    out = capsys.readouterr().out
    assert "Before" in out and "After" not in out


def test_restore_of_a_bad_file_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Keep")
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("nope")
    assert run("restore", str(bad)) == 2
    assert run("restore", str(tmp_path / "missing.sqlite3")) == 2
    capsys.readouterr()
    run("profile", "list")
    assert "Keep" in capsys.readouterr().out


def test_corrupt_database_exits_2_and_keeps_the_file(careerdesk_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    run("backup")
    db = careerdesk_home / "data" / "careerdesk.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"\x00garbage" * 1000)
    capsys.readouterr()
    assert run("profile", "list") == 2
    err = capsys.readouterr().err
    assert "damaged" in err or "not a CareerDesk database" in err
    assert db.read_bytes() == b"\x00garbage" * 1000
    assert run("restore", "--latest") == 0
    kept = list(db.parent.glob("careerdesk.sqlite3.corrupt-*"))
    assert kept and kept[0].read_bytes() == b"\x00garbage" * 1000
    capsys.readouterr()
    run("profile", "list")
    assert "Ann" in capsys.readouterr().out


def test_bad_arguments_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        run("profile", "frobnicate")
    assert info.value.code == 2


def test_self_test_passes_in_a_subprocess(careerdesk_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "careerdesk", "self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[PASS] database and migrations" in proc.stdout
    assert " 0 failed" in proc.stdout
    assert not careerdesk_home.exists() or not (careerdesk_home / "data").exists()  # temp home used
