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


# -- issue 25: reset only from the administrator's account; the set-up check ------------------
def test_reset_advisor_pin_refuses_inside_a_kiosk_session(
    careerdesk_home, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    import getpass
    import json
    import os

    from careerdesk.core.kernel.paths import AppPaths

    monkeypatch.setenv("CAREERDESK_KIOSK_SESSION", "1")
    assert run("kiosk", "reset-advisor-pin", "--yes") == 2
    assert "administrator account" in capsys.readouterr().err
    monkeypatch.delenv("CAREERDESK_KIOSK_SESSION")
    # A kiosk running under this very account (this process stands in for it).
    marker = AppPaths.resolve().config_dir / "kiosk-session.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"user": getpass.getuser(), "pid": os.getpid()}))
    assert run("kiosk", "reset-advisor-pin", "--yes") == 2
    # The kiosk ran under another account (the administrator resets it from theirs).
    marker.write_text(json.dumps({"user": "kiosk-account", "pid": os.getpid()}))
    assert run("kiosk", "reset-advisor-pin", "--yes") == 0


def test_kiosk_session_reason_rules() -> None:
    from careerdesk.core.kiosk.setup_check import kiosk_session_reason

    assert kiosk_session_reason({"CAREERDESK_KIOSK_SESSION": "1"}, "ana", None, False)
    assert kiosk_session_reason({"CAREERDESK_KIOSK_SESSION": "0"}, "ana", None, False) is None
    assert kiosk_session_reason({}, "kiosk", '{"user": "kiosk", "pid": 7}', True)
    assert kiosk_session_reason({}, "kiosk", '{"user": "kiosk", "pid": 7}', False) is None
    assert kiosk_session_reason({}, "admin", '{"user": "kiosk", "pid": 7}', True) is None
    assert kiosk_session_reason({}, "kiosk", "{broken", True) is None


def test_kiosk_check_reports_what_is_missing(careerdesk_home, capsys) -> None:  # type: ignore[no-untyped-def]
    code = run("kiosk", "check")
    out = capsys.readouterr().out
    for what in (
        "a dedicated standard account",
        "no desktop shell",
        "automatic sign-in",
        "CareerDesk as the session",
        "private data folder",
        "starts in kiosk mode",
        "advisor PIN",
    ):
        assert what in out
    assert "[missing] starts in kiosk mode" in out  # not enabled in a fresh home
    assert code == 1


def test_kiosk_check_findings_on_a_ready_machine(tmp_path: Path) -> None:
    from careerdesk.core.kiosk.setup_check import (
        OsFacts,
        findings,
        linux_app_session,
        linux_autologin,
    )

    root = tmp_path / "root"
    (root / "etc/gdm3").mkdir(parents=True)
    (root / "etc/gdm3/custom.conf").write_text(
        "[daemon]\nAutomaticLoginEnable=true\nAutomaticLogin=kiosk\n"
    )
    (root / "usr/share/xsessions").mkdir(parents=True)
    session = root / "usr/share/xsessions/careerdesk.desktop"
    session.write_text("[Desktop Entry]\nExec=env CAREERDESK_KIOSK_SESSION=1 careerdesk --kiosk\n")
    assert linux_autologin(root) == "kiosk"
    assert linux_app_session(root) == str(session)
    facts = OsFacts(
        platform="linux",
        user="kiosk",
        is_admin=False,
        desktop_session="careerdesk",
        autologin_user=linux_autologin(root),
        app_session=linux_app_session(root),
        data_dir=tmp_path,
        data_mode=0o700,
        data_owned=True,
        kiosk_enabled=True,
        advisor_pin_set=True,
    )
    assert [f.status for f in findings(facts)] == ["ok"] * 7
    shared = findings(
        OsFacts(**{**facts.__dict__, "desktop_session": "ubuntu:GNOME", "data_mode": 0o755})
    )
    assert {f.what for f in shared if f.status == "missing"} == {
        "no desktop shell",
        "private data folder",
    }
