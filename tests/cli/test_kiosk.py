"""CLI for advisors: --kiosk, kiosk set-up, cohort table/CSV, learner report, demo cohort."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from careerdesk.cli import main


def run(*args: str) -> int:
    return main(list(args))


def test_kiosk_flag_opens_the_gui_in_kiosk_mode(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def fake_run_gui(**kwargs: object) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr("careerdesk.ui.shell.app.run_gui", fake_run_gui)
    assert run("--kiosk") == 0
    assert seen == {"verbose": False, "kiosk": True}
    assert run() == 0
    assert seen["kiosk"] is False


def test_kiosk_setting_is_read_before_the_app_opens(tmp_path: Path) -> None:
    from careerdesk.ui.kiosk import kiosk_enabled_in_settings

    path = tmp_path / "settings.json"
    assert kiosk_enabled_in_settings(path) is False
    path.write_text('{"kiosk": {"enabled": true}}')
    assert kiosk_enabled_in_settings(path) is True
    path.write_text("{broken")
    assert kiosk_enabled_in_settings(path) is False


def test_kiosk_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run("kiosk", "enable", "--idle-minutes", "3") == 0
    assert run("kiosk", "status") == 0
    out = capsys.readouterr().out
    assert "start in kiosk mode: yes" in out and "idle timeout: 3 minutes" in out
    assert "advisor PIN: not set yet" in out
    assert run("kiosk", "enable", "--idle-minutes", "0.1") == 2
    assert run("kiosk", "disable") == 0
    assert run("kiosk", "reset-advisor-pin") == 2
    assert run("kiosk", "reset-advisor-pin", "--yes") == 0
    assert run("kiosk", "clear-learner-pin", "Nobody") == 2


@pytest.mark.slow
def test_demo_cohort_then_cohort_csv_and_report(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("cohort") == 0
    assert "No learners yet" in capsys.readouterr().out
    assert run("demo-cohort", "5", "--seed", "3") == 0
    capsys.readouterr()
    assert run("cohort") == 0
    table = capsys.readouterr().out
    assert "stalled" in table  # the demo has a stalled learner among five personas
    out = tmp_path / "cohort.csv"
    assert run("cohort", "--csv", str(out)) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 5
    assert all(r["assessments_taken"] != "" for r in rows)
    assert any(int(r["days_inactive"]) >= 14 for r in rows)
    name = rows[0]["name"]
    report = tmp_path / "r.pdf"
    assert run("learner-report", name, str(report)) == 0
    assert report.read_bytes()[:5] == b"%PDF-"
    assert run("learner-report", name, str(tmp_path / "r.txt")) == 2
    assert run("demo-cohort", "0") == 2
