"""``careerdesk import/export applications``: exit codes 0/2, line numbers on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerdesk.cli import main
from tests.core.pipeline.test_transfer import BAD_LINES, MESSY


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    return path


def test_import_all_or_nothing_then_skip_invalid_then_again(messy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("profile", "create", "Ann") == 0
    capsys.readouterr()
    assert run("import", "applications", str(messy), "--profile", "Ann") == 2
    err = capsys.readouterr().err
    for line in BAD_LINES:
        assert f"line {line}:" in err
    assert "Nothing was imported" in err
    assert run("applications", "list", "--profile", "Ann") == 0
    assert "No applications match" in capsys.readouterr().out

    assert run("import", "applications", str(messy), "--profile", "ann", "--skip-invalid") == 0
    captured = capsys.readouterr()
    assert "Imported 6 of 11 application(s) from messy.csv" in captured.out
    assert "status 'Pending review' (line(s) 7)" in captured.out
    assert run("import", "applications", str(messy), "--profile", "Ann", "--skip-invalid") == 0
    assert "Imported 0 of 11" in capsys.readouterr().out

    assert run("applications", "list", "--profile", "Ann", "--state", "phone screen") == 0
    assert "Zürich Versicherung" in capsys.readouterr().out


def test_export_json_and_csv_and_reimport(tmp_path: Path, messy: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run("profile", "create", "Ann")
    run("import", "applications", str(messy), "--profile", "Ann", "--skip-invalid")
    out_json, out_csv = tmp_path / "a.json", tmp_path / "a.csv"
    assert (
        run(
            "export",
            "applications",
            "--profile",
            "Ann",
            "--format",
            "json",
            "--output",
            str(out_json),
        )
        == 0
    )
    assert run("export", "applications", "--profile", "Ann", "--output", str(out_csv)) == 0
    assert "Exported 6 application(s)" in capsys.readouterr().out
    assert len(json.loads(out_json.read_text(encoding="utf-8"))["applications"]) == 6
    assert run("export", "applications", "--profile", "Ann", "--output", str(out_csv)) == 2
    assert "already exists" in capsys.readouterr().err
    run("profile", "create", "Copy")
    assert run("import", "applications", str(out_json), "--profile", "Copy") == 0
    assert "Imported 6 of 6" in capsys.readouterr().out


def test_refusals_exit_2(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("import", "applications", str(tmp_path / "x.csv"), "--profile", "Nobody") == 2
    run("profile", "create", "Ann")
    assert run("import", "applications", str(tmp_path / "missing.csv"), "--profile", "Ann") == 2
    assert "There is no file" in capsys.readouterr().err
    bad = tmp_path / "x.txt"
    assert run("export", "applications", "--profile", "Ann", "--output", str(bad)) == 2


def test_import_and_export_list_their_kinds(capsys) -> None:  # type: ignore[no-untyped-def]
    for verb in ("import", "export"):
        with pytest.raises(SystemExit):
            run(verb, "--help")
        assert "applications" in capsys.readouterr().out
