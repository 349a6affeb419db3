"""``careerdesk restore``: checksums, --latest skipping a tampered backup, --unverified."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careerdesk.cli import main as cli_main


def _setup(capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    assert cli_main(["profile", "create", "Ann"]) == 0
    capsys.readouterr()
    assert cli_main(["backup"]) == 0
    first = Path(capsys.readouterr().out.strip())
    assert cli_main(["profile", "create", "Bo"]) == 0
    assert cli_main(["backup"]) == 0
    second = Path(capsys.readouterr().out.strip().splitlines()[-1])
    assert cli_main(["profile", "create", "Cy"]) == 0
    capsys.readouterr()
    return first, second


def _names(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert cli_main(["profile", "list"]) == 0
    return sorted(line.split("\t")[0] for line in capsys.readouterr().out.splitlines())


def _tamper(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE profiles SET name = 'Mallory' WHERE name = 'Bo'")
    conn.commit()
    conn.close()


def test_restoring_an_edited_backup_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    _first, second = _setup(capsys)
    _tamper(second)
    assert cli_main(["restore", str(second)]) == 2
    assert "does not match its checksum" in capsys.readouterr().err
    assert _names(capsys) == ["Ann", "Bo", "Cy"]


def test_restore_latest_skips_an_edited_backup(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _setup(capsys)
    _tamper(second)
    assert cli_main(["restore", "--latest"]) == 0
    captured = capsys.readouterr()
    assert f"Skipping {second.name}" in captured.err
    assert f"Restored {first}" in captured.out
    assert _names(capsys) == ["Ann"]


def test_a_backup_without_checksum_needs_unverified(capsys: pytest.CaptureFixture[str]) -> None:
    first, _second = _setup(capsys)
    Path(f"{first}.manifest.json").unlink()
    assert cli_main(["restore", str(first)]) == 2
    assert "--unverified" in capsys.readouterr().err
    assert _names(capsys) == ["Ann", "Bo", "Cy"]
    assert cli_main(["restore", "--unverified", str(first)]) == 0
    assert _names(capsys) == ["Ann"]
