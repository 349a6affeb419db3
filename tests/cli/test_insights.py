"""``careerdesk insights``, ``refresh-recommendations``, ``export-recommendations``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from careerdesk.cli import main
from careerdesk.core.insights.models import InsightsDocument


def run(*args: str) -> int:
    return main(list(args))


def test_insights_json_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("profile", "create", "Ann") == 0
    capsys.readouterr()
    assert run("insights", "--profile", "ann", "--json") == 0
    doc = InsightsDocument.model_validate_json(capsys.readouterr().out)
    assert doc.readiness.weights.assessment == 0.7
    assert [c.name for c in doc.companies][:2] == ["Google", "Microsoft"]
    assert len(doc.roles) == 20 and doc.target_role is None
    assert run("insights", "--profile", "Ann") == 0
    out = capsys.readouterr().out
    assert "Readiness 0/100 = 70% × assessments 0 + 30% × learning 0" in out
    assert "hint: Choose a target role" in out


def test_insights_unknown_profile_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("insights", "--profile", "Nobody") == 2
    assert "No profile named" in capsys.readouterr().err


def test_refresh_recommendations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run("refresh-recommendations")  # neither --profile nor --all
    assert info.value.code == 2
    assert run("refresh-recommendations", "--all") == 0
    assert "No profiles yet" in capsys.readouterr().out
    run("profile", "create", "Ann")
    run("profile", "create", "Bo")
    capsys.readouterr()
    assert run("refresh-recommendations", "--profile", "Ann") == 0
    out = capsys.readouterr().out
    # Without interests, skills or course there is nothing to go on: an empty, honest set.
    assert "Ann: 0 offline recommendation(s) because it is a new profile" in out
    assert run("refresh-recommendations", "--all") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Ann: up to date (last updated")
    assert lines[1].startswith("Bo: 0 offline recommendation(s) because it is a new profile")
    assert run("refresh-recommendations", "--all", "--force") == 0
    assert capsys.readouterr().out.count("because a refresh was requested") == 2
    assert run("refresh-recommendations", "--profile", "Nobody") == 2
    missing = tmp_path / "nowhere"
    assert run("refresh-recommendations", "--all", "--home", str(missing)) == 2
    assert f"The data folder {missing} does not exist." in capsys.readouterr().err
    assert not missing.exists()


def test_export_recommendations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run("profile", "create", "Ann")
    run("refresh-recommendations", "--all")
    target = tmp_path / "recs.csv"
    assert run("export-recommendations", "--output", str(target)) == 0
    assert "Wrote 1 row(s)" in capsys.readouterr().out
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["username"] == "Ann" and rows[0]["career_recommendations"] == "[]"
    assert run("export-recommendations", "--output", str(target)) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert run("export-recommendations", "--output", str(target), "--overwrite") == 0
    missing = tmp_path / "no" / "such" / "x.csv"
    assert run("export-recommendations", "--output", str(missing)) == 2
