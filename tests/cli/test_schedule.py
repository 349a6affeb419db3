"""``careerdesk schedule install|remove|status`` in a temporary HOME and XDG_CONFIG_HOME,
with the scheduler programs replaced by stand-ins (no systemctl/launchctl runs for real)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import careerdesk
from careerdesk.cli import main
from careerdesk.cli.commands import schedule as schedule_cmd
from tests.core.scheduling.fakes import FakeLaunchd, FakeSystemd

SOURCE_ROOT = str(Path(careerdesk.__file__).resolve().parent.parent)


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    user_home = tmp_path / "user-home"
    user_home.mkdir()
    monkeypatch.setenv("HOME", str(user_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(sys, "platform", "linux")
    return user_home


@pytest.fixture
def systemd(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSystemd:
    fake = FakeSystemd(tmp_path / "xdg" / "systemd" / "user")
    monkeypatch.setattr(schedule_cmd, "make_tools", lambda: fake)
    return fake


def test_install_status_remove_on_linux_from_source(
    systemd: FakeSystemd,
    careerdesk_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    unit_dir = tmp_path / "xdg" / "systemd" / "user"
    data = str(careerdesk_home.resolve())
    command = f"{sys.executable} -m careerdesk refresh-recommendations --all --home {data}"

    assert run("schedule", "status") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Scheduled refresh: not installed (systemd user timer careerdesk-refresh.timer). "
        "`careerdesk schedule install` sets it up.",
        "  systemd: not-found, inactive",
        "Last refresh: none recorded yet.",
    ]

    assert run("schedule", "install") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Installed the systemd user timer careerdesk-refresh.timer. Every 6 hours it runs:",
        f"  {command}",
        f"  (in {SOURCE_ROOT})",
        f"Wrote {unit_dir / 'careerdesk-refresh.service'}",
        f"Wrote {unit_dir / 'careerdesk-refresh.timer'}",
        "Check it with `careerdesk schedule status`; undo with `careerdesk schedule remove`.",
    ]
    assert (unit_dir / "careerdesk-refresh.service").read_text() == (
        "# Written by `careerdesk schedule install`; `careerdesk schedule remove` deletes it.\n"
        "[Unit]\n"
        "Description=CareerDesk: refresh stale career recommendations\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={SOURCE_ROOT}\n"
        f"ExecStart={command}\n"
        "Nice=10\n"
    )
    assert run("schedule", "install") == 0  # again: the same two files, one enabled timer
    capsys.readouterr()
    assert sorted(p.name for p in unit_dir.iterdir()) == [
        "careerdesk-refresh.service",
        "careerdesk-refresh.timer",
    ]
    assert systemd.enabled == {"careerdesk-refresh.timer"}
    assert not (Path.home() / ".config").exists()  # XDG_CONFIG_HOME was honoured

    # The scheduled command itself, run here: it records its result for `status`.
    careerdesk_home.mkdir(exist_ok=True)  # the app made it on its first start
    assert run("refresh-recommendations", "--all", "--home", data) == 0
    capsys.readouterr()
    assert run("schedule", "status") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "Scheduled refresh: installed (systemd user timer careerdesk-refresh.timer), active.",
        f"  file: {unit_dir / 'careerdesk-refresh.service'}",
        f"  file: {unit_dir / 'careerdesk-refresh.timer'}",
        "  next run: Thu 2026-12-03 18:04:12 UTC",
        "  systemd: loaded, active",
    ]
    assert lines[5].startswith("Last refresh: ") and lines[5].endswith(
        " UTC, ok: 0 of 0 regenerated"
    )
    assert len(lines) == 6

    assert run("schedule", "remove") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Removed the systemd user timer careerdesk-refresh.timer:",
        f"  {unit_dir / 'careerdesk-refresh.service'}",
        f"  {unit_dir / 'careerdesk-refresh.timer'}",
    ]
    assert list(unit_dir.iterdir()) == [] and systemd.enabled == set()
    assert run("schedule", "remove") == 0
    assert capsys.readouterr().out == (
        "Nothing to remove: the systemd user timer careerdesk-refresh.timer is not installed.\n"
    )


def test_the_frozen_bundle_runs_itself(
    systemd: FakeSystemd,
    careerdesk_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/CareerDesk/careerdesk")
    monkeypatch.delenv("CAREERDESK_HOME")  # the platform's own data folder: no --home
    assert run("schedule", "install", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "  | ExecStart=/opt/CareerDesk/careerdesk refresh-recommendations --all\n" in out
    assert "WorkingDirectory" not in out
    assert out.endswith(
        "Would run: systemctl --user daemon-reload\n"
        "Would run: systemctl --user enable --now careerdesk-refresh.timer\n"
    )
    assert systemd.calls == [] and not (Path.home().parent / "xdg").exists()  # dry run


def test_missing_scheduler_is_exit_2(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeSystemd(tmp_path / "xdg" / "systemd" / "user", present=False)
    monkeypatch.setattr(schedule_cmd, "make_tools", lambda: fake)
    assert run("schedule", "install") == 2
    err = capsys.readouterr().err
    assert err.startswith("careerdesk: systemctl was not found: this system does not run systemd")
    assert "(cron: `0 */6 * * * cd " in err
    assert not (tmp_path / "xdg").exists()
    assert run("schedule", "remove") == 2


def test_user_bus_unreachable_is_exit_2_and_nothing_stays(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeSystemd(tmp_path / "xdg" / "systemd" / "user", bus=False)
    monkeypatch.setattr(schedule_cmd, "make_tools", lambda: fake)
    assert run("schedule", "install") == 2
    assert "Failed to connect to bus" in capsys.readouterr().err
    assert not (tmp_path / "xdg").exists()


def test_macos_agent_from_the_cli(
    home: Path,
    careerdesk_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeLaunchd(uid=501)
    monkeypatch.setattr(schedule_cmd, "make_tools", lambda: fake)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr("os.getuid", lambda: 501)
    assert run("schedule", "install") == 0
    plist = home / "Library" / "LaunchAgents" / "org.careerdesk.CareerDesk.refresh.plist"
    assert capsys.readouterr().out.splitlines()[0] == (
        "Installed the launchd agent org.careerdesk.CareerDesk.refresh. Every 6 hours it runs:"
    )
    assert plist.is_file()
    agent = fake.loaded["org.careerdesk.CareerDesk.refresh"]
    assert agent["ProgramArguments"] == [
        sys.executable,
        "-m",
        "careerdesk",
        "refresh-recommendations",
        "--all",
        "--home",
        str(careerdesk_home.resolve()),
    ]
    assert agent["WorkingDirectory"] == SOURCE_ROOT
    assert agent["StandardOutPath"] == str(
        careerdesk_home.resolve() / "logs" / "scheduled-refresh.log"
    )
    assert run("schedule", "remove") == 0
    assert not plist.exists() and fake.loaded == {}
