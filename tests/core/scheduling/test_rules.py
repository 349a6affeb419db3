"""The scheduler entries as written text: every expectation below is written out by hand
from the formats' documentation (systemd.unit/systemd.timer/systemd.service, launchd.plist,
schtasks /Create), not read back from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import UserError
from careerdesk.core.scheduling import rules
from careerdesk.core.scheduling.models import RefreshCommand


def never(_path: str) -> bool:
    return False


def test_the_command_line_from_source_and_from_the_bundle() -> None:
    source = rules.refresh_command(
        platform="linux",
        frozen=False,
        executable="/opt/venv/bin/python",
        package_root="/home/sam/src/careerdesk",
        home=None,
        exists=never,
    )
    assert source.argv == [
        "/opt/venv/bin/python",
        "-m",
        "careerdesk",
        "refresh-recommendations",
        "--all",
    ]
    assert source.working_dir == "/home/sam/src/careerdesk"


def test_frozen_command_and_home() -> None:
    frozen = rules.refresh_command(
        platform="macos",
        frozen=True,
        executable="/Applications/CareerDesk.app/Contents/MacOS/careerdesk",
        package_root="/ignored",
        home="/Users/sam/CareerDesk kiosk",
        exists=never,
    )
    assert frozen.argv == [
        "/Applications/CareerDesk.app/Contents/MacOS/careerdesk",
        "refresh-recommendations",
        "--all",
        "--home",
        "/Users/sam/CareerDesk kiosk",
    ]
    assert frozen.working_dir is None


def test_a_translocated_mac_app_is_refused() -> None:
    with pytest.raises(UserError, match="Move CareerDesk to the Applications folder"):
        rules.refresh_command(
            platform="macos",
            frozen=True,
            executable="/private/var/folders/x/AppTranslocation/AB12/d/CareerDesk.app/"
            "Contents/MacOS/careerdesk",
            package_root="/ignored",
            home=None,
            exists=never,
        )


def test_windows_from_source_prefers_pythonw() -> None:
    def exists(path: str) -> bool:
        return path == "C:\\Python311\\pythonw.exe"

    cmd = rules.refresh_command(
        platform="windows",
        frozen=False,
        executable="C:\\Python311\\python.exe",
        package_root="C:\\src\\careerdesk",
        home=None,
        exists=exists,
    )
    assert cmd.argv[:3] == ["C:\\Python311\\pythonw.exe", "-m", "careerdesk"]
    without = rules.refresh_command(
        platform="windows",
        frozen=False,
        executable="C:\\Python311\\python.exe",
        package_root="C:\\src",
        home=None,
        exists=never,
    )
    assert without.argv[0] == "C:\\Python311\\python.exe"


def test_systemd_service_quotes_and_escapes() -> None:
    cmd = RefreshCommand(
        argv=[
            "/home/sam/My Apps/py%3/bin/python",
            "-m",
            "careerdesk",
            "refresh-recommendations",
            "--all",
            "--home",
            "/home/sam/Career Desk",
        ],
        working_dir="/home/sam/src/100%",
    )
    assert rules.systemd_service(cmd) == (
        "# Written by `careerdesk schedule install`; `careerdesk schedule remove` deletes it.\n"
        "[Unit]\n"
        "Description=CareerDesk: refresh stale career recommendations\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        "WorkingDirectory=/home/sam/src/100%%\n"
        'ExecStart="/home/sam/My Apps/py%%3/bin/python" -m careerdesk refresh-recommendations '
        '--all --home "/home/sam/Career Desk"\n'
        "Nice=10\n"
    )
    assert rules.systemd_quote('say "$HOME"') == '"say \\"$$HOME\\""'
    assert rules.systemd_quote("") == '""'


def test_systemd_timer_every_six_hours_and_catching_up() -> None:
    assert rules.systemd_timer() == (
        "# Written by `careerdesk schedule install`; `careerdesk schedule remove` deletes it.\n"
        "[Unit]\n"
        "Description=CareerDesk: refresh career recommendations every 6 hours\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=*-*-* 00/6:00:00\n"
        "Persistent=true\n"
        "RandomizedDelaySec=10min\n"
        "Unit=careerdesk-refresh.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def test_systemd_user_dir_follows_xdg() -> None:
    home = Path("/home/sam")
    assert rules.systemd_user_dir(home, {}) == Path("/home/sam/.config/systemd/user")
    assert rules.systemd_user_dir(home, {"XDG_CONFIG_HOME": "/srv/cfg"}) == Path(
        "/srv/cfg/systemd/user"
    )
    # The XDG spec says a relative value is invalid and must be ignored.
    assert rules.systemd_user_dir(home, {"XDG_CONFIG_HOME": "cfg"}) == Path(
        "/home/sam/.config/systemd/user"
    )


def test_launchd_plist() -> None:
    cmd = RefreshCommand(
        argv=[
            "/Applications/CareerDesk.app/Contents/MacOS/careerdesk",
            "refresh-recommendations",
            "--all",
        ]
    )
    log = Path("/Users/sam/Library/Logs/CareerDesk/scheduled-refresh.log")
    assert rules.launchd_plist(cmd, log) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
        '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n'
        "<dict>\n"
        "\t<key>Label</key>\n"
        "\t<string>org.careerdesk.CareerDesk.refresh</string>\n"
        "\t<key>ProgramArguments</key>\n"
        "\t<array>\n"
        "\t\t<string>/Applications/CareerDesk.app/Contents/MacOS/careerdesk</string>\n"
        "\t\t<string>refresh-recommendations</string>\n"
        "\t\t<string>--all</string>\n"
        "\t</array>\n"
        "\t<key>StartInterval</key>\n"
        "\t<integer>21600</integer>\n"
        "\t<key>RunAtLoad</key>\n"
        "\t<true/>\n"
        "\t<key>ProcessType</key>\n"
        "\t<string>Background</string>\n"
        "\t<key>LowPriorityIO</key>\n"
        "\t<true/>\n"
        "\t<key>StandardOutPath</key>\n"
        "\t<string>/Users/sam/Library/Logs/CareerDesk/scheduled-refresh.log</string>\n"
        "\t<key>StandardErrorPath</key>\n"
        "\t<string>/Users/sam/Library/Logs/CareerDesk/scheduled-refresh.log</string>\n"
        "</dict>\n"
        "</plist>\n"
    )


def test_windows_task_command() -> None:
    frozen = RefreshCommand(
        argv=["C:\\Program Files\\CareerDesk\\careerdesk.exe", "refresh-recommendations", "--all"]
    )
    assert rules.schtasks_create(frozen) == [
        "schtasks",
        "/Create",
        "/F",
        "/TN",
        "CareerDesk refresh recommendations",
        "/SC",
        "HOURLY",
        "/MO",
        "6",
        "/TR",
        '"C:\\Program Files\\CareerDesk\\careerdesk.exe" refresh-recommendations --all',
    ]
    source = RefreshCommand(
        argv=["C:\\Py\\pythonw.exe", "-m", "careerdesk", "refresh-recommendations", "--all"],
        working_dir="C:\\src\\careerdesk",
    )
    assert rules.windows_task_command(source) == (
        'cmd.exe /d /c "cd /d "C:\\src\\careerdesk" && '
        'C:\\Py\\pythonw.exe -m careerdesk refresh-recommendations --all"'
    )
    too_long = RefreshCommand(
        argv=["C:\\" + "x" * 250 + "\\careerdesk.exe", "refresh-recommendations"]
    )
    with pytest.raises(UserError, match="at most 261"):
        rules.windows_task_command(too_long)


def test_reading_the_schedulers_answers() -> None:
    show = (
        "LoadState=loaded\n"
        "ActiveState=active\n"
        "NextElapseUSecRealtime=Thu 2026-12-03 18:04:12 UTC\n"
        "LastTriggerUSec=n/a\n"
    )
    values = rules.parse_key_values(show, "=")
    assert values["NextElapseUSecRealtime"] == "Thu 2026-12-03 18:04:12 UTC"
    assert rules.unset(values["LastTriggerUSec"]) is None
    launchctl = (
        "gui/501/org.careerdesk.CareerDesk.refresh = {\n"
        "\tactive count = 0\n"
        "\tpath = /Users/sam/Library/LaunchAgents/org.careerdesk.CareerDesk.refresh.plist\n"
        "\tstate = not running\n"
        "\truns = 4\n"
        "\tlast exit code = 0\n"
        "}\n"
    )
    values = rules.parse_key_values(launchctl, "=")
    assert (values["runs"], values["last exit code"]) == ("4", "0")
    schtasks = (
        "Folder: \\\n"
        "HostName:                             DESK\n"
        "TaskName:                             \\CareerDesk refresh recommendations\n"
        "Next Run Time:                        12/3/2026 6:00:00 PM\n"
        "Status:                               Ready\n"
        "Last Run Time:                        12/3/2026 12:00:01 PM\n"
        "Last Result:                          0\n"
    )
    values = rules.parse_key_values(schtasks, ":")
    assert values["Next Run Time"] == "12/3/2026 6:00:00 PM"
    assert values["Last Run Time"] == "12/3/2026 12:00:01 PM"
    assert values["Status"] == "Ready"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("linux", "linux"), ("darwin", "macos"), ("win32", "windows"), ("freebsd14", None)],
)
def test_platform_of(given: str, expected: str | None) -> None:
    assert rules.platform_of(given) == expected
