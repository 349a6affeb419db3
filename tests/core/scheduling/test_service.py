"""Installing, removing and reporting the scheduler entry, in a temporary HOME / XDG folder,
with stand-ins for systemctl, launchctl and schtasks (tests/core/scheduling/fakes.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.scheduling.last_run import write_last_run
from careerdesk.core.scheduling.models import LastRun, Platform, RefreshCommand, SystemTools
from careerdesk.core.scheduling.service import ScheduleService
from tests.core.scheduling.fakes import FakeLaunchd, FakeSchtasks, FakeSystemd

SOURCE = RefreshCommand(
    argv=["/opt/venv/bin/python", "-m", "careerdesk", "refresh-recommendations", "--all"],
    working_dir="/home/sam/src",
)
BUNDLE = RefreshCommand(
    argv=[
        "/Applications/CareerDesk.app/Contents/MacOS/careerdesk",
        "refresh-recommendations",
        "--all",
    ]
)


def service(
    tools: SystemTools, platform: Platform, tmp_path: Path, command: RefreshCommand = SOURCE
) -> ScheduleService:
    return ScheduleService(
        tools,
        platform=platform,
        command=command,
        home=tmp_path / "home",
        env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")},
        log_dir=tmp_path / "logs",
        uid=501,
    )


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# --- Linux ---------------------------------------------------------------------------------
def test_linux_install_twice_leaves_one_timer_and_remove_cleans_everything(tmp_path: Path) -> None:
    unit_dir = tmp_path / "xdg" / "systemd" / "user"
    fake = FakeSystemd(unit_dir)
    svc = service(fake, "linux", tmp_path)

    plan = svc.install()
    assert plan.entry == "careerdesk-refresh.timer"
    assert files_under(tmp_path) == [
        "xdg/systemd/user/careerdesk-refresh.service",
        "xdg/systemd/user/careerdesk-refresh.timer",
    ]
    service_text = (unit_dir / "careerdesk-refresh.service").read_text()
    assert "WorkingDirectory=/home/sam/src\n" in service_text
    assert (
        "ExecStart=/opt/venv/bin/python -m careerdesk refresh-recommendations --all\n"
        in service_text
    )
    assert "OnCalendar=*-*-* 00/6:00:00\n" in (unit_dir / "careerdesk-refresh.timer").read_text()
    assert fake.calls == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "careerdesk-refresh.timer"],
    ]
    assert fake.enabled == fake.active == {"careerdesk-refresh.timer"}

    svc.install()
    assert len(fake.calls) == 4
    assert fake.enabled == {"careerdesk-refresh.timer"}
    assert files_under(tmp_path) == [
        "xdg/systemd/user/careerdesk-refresh.service",
        "xdg/systemd/user/careerdesk-refresh.timer",
    ]

    status = svc.status()
    assert status.installed and status.active
    assert status.next_run == "Thu 2026-12-03 18:04:12 UTC"
    assert status.last_trigger is None
    assert status.scheduler_detail == "systemd: loaded, active"

    fake.calls.clear()
    removed = svc.remove()
    assert fake.calls == [
        ["systemctl", "--user", "disable", "--now", "careerdesk-refresh.timer"],
        ["systemctl", "--user", "daemon-reload"],
    ]
    assert removed.removed == [
        str(unit_dir / "careerdesk-refresh.service"),
        str(unit_dir / "careerdesk-refresh.timer"),
    ]
    assert files_under(tmp_path) == []
    assert fake.enabled == fake.active == set() and fake.loaded == {}
    assert not svc.status().installed

    fake.calls.clear()
    assert svc.remove().removed == [] and fake.calls == []  # nothing installed: no error


def test_linux_without_systemctl_refuses_and_writes_nothing(tmp_path: Path) -> None:
    fake = FakeSystemd(tmp_path / "xdg" / "systemd" / "user", present=False)
    svc = service(fake, "linux", tmp_path)
    with pytest.raises(UserError) as info:
        svc.install()
    assert str(info.value) == (
        "systemctl was not found: this system does not run systemd, so CareerDesk cannot "
        "register a timer. Run `cd /home/sam/src && /opt/venv/bin/python -m careerdesk "
        "refresh-recommendations --all` every 6 hours with your own scheduler instead (cron: "
        "`0 */6 * * * cd /home/sam/src && /opt/venv/bin/python -m careerdesk "
        "refresh-recommendations --all`)."
    )
    with pytest.raises(UserError, match="systemctl was not found"):
        svc.remove()
    assert files_under(tmp_path) == [] and fake.calls == []
    status = svc.status()
    assert (
        not status.installed and status.scheduler_detail == "systemctl was not found on this system"
    )


def test_linux_failure_puts_back_what_was_there(tmp_path: Path) -> None:
    unit_dir = tmp_path / "xdg" / "systemd" / "user"
    svc = service(FakeSystemd(unit_dir, bus=False), "linux", tmp_path)
    with pytest.raises(UserError) as info:
        svc.install()
    assert str(info.value).startswith(
        "`systemctl --user daemon-reload` failed (exit code 1): Failed to connect to bus: "
        "No medium found. The systemd user manager is not reachable"
    )
    assert not (tmp_path / "xdg").exists()  # the folders made for the files went too

    # An older entry survives a failed re-install untouched.
    unit_dir.mkdir(parents=True)
    (unit_dir / "careerdesk-refresh.timer").write_text("old timer")
    with pytest.raises(UserError):
        svc.install()
    assert files_under(tmp_path) == ["xdg/systemd/user/careerdesk-refresh.timer"]
    assert (unit_dir / "careerdesk-refresh.timer").read_text() == "old timer"


# --- macOS ---------------------------------------------------------------------------------
def test_macos_agent_install_twice_status_and_remove(tmp_path: Path) -> None:
    fake = FakeLaunchd(uid=501)
    svc = service(fake, "macos", tmp_path, BUNDLE)
    plist = (
        tmp_path / "home" / "Library" / "LaunchAgents" / "org.careerdesk.CareerDesk.refresh.plist"
    )

    svc.install()
    assert files_under(tmp_path / "home") == [
        "Library/LaunchAgents/org.careerdesk.CareerDesk.refresh.plist"
    ]
    assert (tmp_path / "logs").is_dir()  # launchd needs the folder of its output file
    assert fake.calls == [
        ["launchctl", "print", "gui/501/org.careerdesk.CareerDesk.refresh"],
        ["launchctl", "bootstrap", "gui/501", str(plist)],
    ]
    agent = fake.loaded["org.careerdesk.CareerDesk.refresh"]
    assert agent["ProgramArguments"] == BUNDLE.argv
    assert agent["StartInterval"] == 21600
    assert "WorkingDirectory" not in agent  # the bundle needs no source folder

    fake.calls.clear()
    svc.install()  # loaded already: unloaded first, else bootstrap fails with error 5
    assert fake.calls == [
        ["launchctl", "print", "gui/501/org.careerdesk.CareerDesk.refresh"],
        ["launchctl", "bootout", "gui/501/org.careerdesk.CareerDesk.refresh"],
        ["launchctl", "bootstrap", "gui/501", str(plist)],
    ]
    assert list(fake.loaded) == ["org.careerdesk.CareerDesk.refresh"]

    fake.runs = 3
    status = svc.status()
    assert status.installed and status.active and status.next_run is None
    assert status.scheduler_detail == (
        "launchd: loaded, 3 run(s), last exit code 0; it runs every 6 hours and does not "
        "report the next time"
    )

    removed = svc.remove()
    assert removed.removed == ["launchd agent org.careerdesk.CareerDesk.refresh", str(plist)]
    assert fake.loaded == {} and not plist.exists()
    assert svc.remove().removed == []


# --- Windows -------------------------------------------------------------------------------
def test_windows_task_install_twice_status_and_remove(tmp_path: Path) -> None:
    fake = FakeSchtasks()
    bundle = RefreshCommand(
        argv=["C:\\Program Files\\CareerDesk\\careerdesk.exe", "refresh-recommendations", "--all"]
    )
    svc = service(fake, "windows", tmp_path, bundle)
    svc.install()
    svc.install()
    assert fake.tasks == {
        "CareerDesk refresh recommendations": {
            "/SC": "HOURLY",
            "/MO": "6",
            "/TR": '"C:\\Program Files\\CareerDesk\\careerdesk.exe" refresh-recommendations --all',
        }
    }
    assert files_under(tmp_path) == []  # the task lives in Task Scheduler, not in a file
    status = svc.status()
    assert status.installed and status.active
    assert status.next_run == "12/3/2026 6:00:00 PM" and status.last_trigger is None
    assert status.scheduler_detail == "Task Scheduler: Ready, last result 1"
    assert svc.remove().removed == ["Task Scheduler task 'CareerDesk refresh recommendations'"]
    assert fake.tasks == {}
    assert not svc.status().installed


def test_windows_without_schtasks(tmp_path: Path) -> None:
    svc = service(FakeSchtasks(present=False), "windows", tmp_path, BUNDLE)
    with pytest.raises(UserError, match="schtasks was not found"):
        svc.install()


def test_unsupported_platform(tmp_path: Path) -> None:
    svc = ScheduleService(
        FakeSystemd(tmp_path),
        platform=None,
        command=SOURCE,
        home=tmp_path,
        env={},
        log_dir=tmp_path,
    )
    with pytest.raises(UserError, match="Linux \\(systemd\\), macOS \\(launchd\\) and Windows"):
        svc.install()


# --- the last run ----------------------------------------------------------------------------
def test_status_reports_the_last_refresh(tmp_path: Path) -> None:
    svc = service(FakeSystemd(tmp_path / "xdg" / "systemd" / "user"), "linux", tmp_path)
    assert svc.status().last_run is None
    run = LastRun(
        started_at=datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
        finished_at=datetime(2026, 12, 3, 12, 0, 4, tzinfo=UTC),
        ok=True,
        profiles=3,
        regenerated=1,
        kept_previous=1,
        summary="1 of 3 regenerated, 1 kept the previous set because Gemini failed",
    )
    write_last_run(tmp_path / "logs", run)
    assert svc.status().last_run == run
    (tmp_path / "logs" / "last-refresh.json").write_text("{not json")
    assert svc.status().last_run is None  # unreadable: reported as unknown, not a crash
