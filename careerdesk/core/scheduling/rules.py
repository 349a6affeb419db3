"""The scheduler entries as text and command lines: pure functions (docs/scheduling.md).

* **Linux**: a systemd *user* timer and the service it starts, in
  ``$XDG_CONFIG_HOME/systemd/user`` (default ``~/.config/systemd/user``), enabled with
  ``systemctl --user enable --now``. ``OnCalendar`` every 6 hours with ``Persistent=true``, so
  a run missed while the computer was off happens soon after it starts again.
* **macOS**: a launchd agent (``~/Library/LaunchAgents/<label>.plist``, ``StartInterval``
  21600 s, ``RunAtLoad``), loaded with ``launchctl bootstrap gui/<uid>``.
* **Windows**: a Task Scheduler task, ``schtasks /Create /SC HOURLY /MO 6 /F`` (``/F``
  replaces an existing task, so installing twice leaves one).

The command is ``<python> -m careerdesk refresh-recommendations --all`` from a source tree
(run in the folder that holds the package) and ``<bundle executable> refresh-recommendations
--all`` from the frozen bundle; ``--home DIR`` is added when ``CAREERDESK_HOME`` chose the
data folder, so the scheduled run refreshes the same data.
"""

from __future__ import annotations

import plistlib
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

from careerdesk import APP_ID
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.scheduling.models import (
    PlannedFile,
    Platform,
    RefreshCommand,
    SchedulePlan,
    ScheduleStatus,
)

INTERVAL_HOURS = 6
SYSTEMD_UNIT = "careerdesk-refresh"
SYSTEMD_TIMER = f"{SYSTEMD_UNIT}.timer"
SYSTEMD_SERVICE = f"{SYSTEMD_UNIT}.service"
LAUNCHD_LABEL = f"{APP_ID}.refresh"
WINDOWS_TASK = "CareerDesk refresh recommendations"
# schtasks refuses a /TR longer than this (Microsoft's schtasks documentation).
WINDOWS_TR_LIMIT = 261
SCHEDULED_LOG = "scheduled-refresh.log"

TOOLS: dict[Platform, str] = {"linux": "systemctl", "macos": "launchctl", "windows": "schtasks"}
KIND: dict[Platform, str] = {
    "linux": "systemd user timer",
    "macos": "launchd agent",
    "windows": "Task Scheduler task",
}
_HEADER = "Written by `careerdesk schedule install`; `careerdesk schedule remove` deletes it."


def platform_of(sys_platform: str) -> Platform | None:
    """``sys.platform`` as one of the three supported platforms, or None."""
    if sys_platform.startswith("linux"):
        return "linux"
    if sys_platform == "darwin":
        return "macos"
    if sys_platform in ("win32", "cygwin"):
        return "windows"
    return None


def refresh_command(
    *,
    platform: Platform,
    frozen: bool,
    executable: str,
    package_root: str,
    home: str | None,
    exists: Callable[[str], bool],
) -> RefreshCommand:
    """The command line that refreshes every profile's recommendations.

    Frozen: the bundle's own executable takes the CLI's arguments. From source: the same
    interpreter with ``-m careerdesk``, run in ``package_root`` so it imports this tree; on
    Windows ``pythonw.exe`` (when it sits next to ``python.exe``) so no console window opens
    every six hours.
    """
    if frozen:
        if platform == "macos" and "/AppTranslocation/" in executable:
            # macOS runs a downloaded app from a temporary copy until it is moved; an agent
            # pointing there would break at the next login.
            raise UserError(
                "CareerDesk is running from a temporary copy macOS made of the download. "
                "Move CareerDesk to the Applications folder, open it from there, and try again."
            )
        argv = [executable]
    else:
        if platform == "windows":
            exe = PureWindowsPath(executable)
            quiet = str(exe.with_name("pythonw.exe"))
            if exe.name.lower() == "python.exe" and exists(quiet):
                executable = quiet
        argv = [executable, "-m", "careerdesk"]
    argv += ["refresh-recommendations", "--all"]
    if home:
        argv += ["--home", home]
    return RefreshCommand(argv=argv, working_dir=None if frozen else package_root)


# --- Linux: systemd ------------------------------------------------------------------------
def systemd_user_dir(home: Path, env: Mapping[str, str]) -> Path:
    """``$XDG_CONFIG_HOME/systemd/user``; a relative or empty value is ignored (XDG spec)."""
    xdg = env.get("XDG_CONFIG_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".config"
    return base / "systemd" / "user"


def systemd_escape(text: str) -> str:
    """``%`` and ``$`` as systemd reads them literally (specifiers, variable expansion)."""
    return text.replace("%", "%%").replace("$", "$$")


def systemd_quote(arg: str) -> str:
    """One ``ExecStart=`` argument: double-quoted (C-style escapes) when it needs to be."""
    arg = systemd_escape(arg)
    if arg and not any(c in arg for c in " \t\"\\';"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_service(command: RefreshCommand) -> str:
    lines = [
        f"# {_HEADER}",
        "[Unit]",
        "Description=CareerDesk: refresh stale career recommendations",
        "",
        "[Service]",
        "Type=oneshot",
    ]
    if command.working_dir:
        lines.append(f"WorkingDirectory={systemd_escape(command.working_dir)}")
    lines += [
        "ExecStart=" + " ".join(systemd_quote(a) for a in command.argv),
        # Background work: the learner's own programs come first.
        "Nice=10",
        "",
    ]
    return "\n".join(lines)


def systemd_timer() -> str:
    return "\n".join(
        [
            f"# {_HEADER}",
            "[Unit]",
            f"Description=CareerDesk: refresh career recommendations every {INTERVAL_HOURS} hours",
            "",
            "[Timer]",
            f"OnCalendar=*-*-* 00/{INTERVAL_HOURS}:00:00",
            # A run missed while the computer was off or asleep happens after it starts.
            "Persistent=true",
            "RandomizedDelaySec=10min",
            f"Unit={SYSTEMD_SERVICE}",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def systemctl(*args: str) -> list[str]:
    return ["systemctl", "--user", *args]


# --- macOS: launchd ------------------------------------------------------------------------
def launch_agents_dir(home: Path) -> Path:
    return home / "Library" / "LaunchAgents"


def launchd_plist(command: RefreshCommand, log_file: Path) -> str:
    """The agent's property list (XML); key order fixed so the file is reproducible."""
    agent: dict[str, object] = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(command.argv),
    }
    if command.working_dir:
        agent["WorkingDirectory"] = command.working_dir
    agent.update(
        {
            "StartInterval": INTERVAL_HOURS * 3600,
            # At login too: a laptop that was off at the interval still gets its refresh.
            "RunAtLoad": True,
            "ProcessType": "Background",
            "LowPriorityIO": True,
            "StandardOutPath": str(log_file),
            "StandardErrorPath": str(log_file),
        }
    )
    return plistlib.dumps(agent, sort_keys=False).decode("utf-8")


def launchd_domain(uid: int) -> str:
    return f"gui/{uid}"


# --- Windows: Task Scheduler ---------------------------------------------------------------
def windows_task_command(command: RefreshCommand) -> str:
    """The ``/TR`` value. From source, ``cmd`` changes to the source folder first (a task has
    no working folder of its own on the schtasks command line)."""
    line = subprocess.list2cmdline(command.argv)
    if command.working_dir:
        line = f'cmd.exe /d /c "cd /d "{command.working_dir}" && {line}"'
    if len(line) > WINDOWS_TR_LIMIT:
        raise UserError(
            f"The command for Task Scheduler is {len(line)} characters long; schtasks accepts "
            f"at most {WINDOWS_TR_LIMIT}. Install CareerDesk in a folder with a shorter path "
            "(or set CAREERDESK_HOME to one) and try again."
        )
    return line


def schtasks_create(command: RefreshCommand) -> list[str]:
    return [
        "schtasks",
        "/Create",
        "/F",
        "/TN",
        WINDOWS_TASK,
        "/SC",
        "HOURLY",
        "/MO",
        str(INTERVAL_HOURS),
        "/TR",
        windows_task_command(command),
    ]


# --- the plan ------------------------------------------------------------------------------
def entry_name(platform: Platform) -> str:
    return {"linux": SYSTEMD_TIMER, "macos": LAUNCHD_LABEL, "windows": WINDOWS_TASK}[platform]


def entry_files(platform: Platform, home: Path, env: Mapping[str, str]) -> list[Path]:
    """The files an installed entry consists of (Windows keeps its task in the scheduler)."""
    if platform == "linux":
        folder = systemd_user_dir(home, env)
        return [folder / SYSTEMD_SERVICE, folder / SYSTEMD_TIMER]
    if platform == "macos":
        return [launch_agents_dir(home) / f"{LAUNCHD_LABEL}.plist"]
    return []


def plan_install(
    platform: Platform,
    command: RefreshCommand,
    *,
    home: Path,
    env: Mapping[str, str],
    log_dir: Path,
    uid: int,
    loaded: bool,
) -> SchedulePlan:
    """Files to write and commands to run; ``loaded``: the agent is already in launchd."""
    files = entry_files(platform, home, env)
    plan = SchedulePlan(platform=platform, entry=entry_name(platform), command=command)
    if platform == "linux":
        plan.files = [
            PlannedFile(path=files[0], text=systemd_service(command)),
            PlannedFile(path=files[1], text=systemd_timer()),
        ]
        plan.commands = [systemctl("daemon-reload"), systemctl("enable", "--now", SYSTEMD_TIMER)]
    elif platform == "macos":
        plan.files = [
            PlannedFile(path=files[0], text=launchd_plist(command, log_dir / SCHEDULED_LOG))
        ]
        domain = launchd_domain(uid)
        # bootstrap refuses an agent that is loaded: unload the old one to take the new file.
        unload = [["launchctl", "bootout", f"{domain}/{LAUNCHD_LABEL}"]] if loaded else []
        plan.commands = [*unload, ["launchctl", "bootstrap", domain, str(files[0])]]
    else:
        plan.commands = [schtasks_create(command)]
    return plan


# --- reading the schedulers' answers -------------------------------------------------------
def parse_key_values(text: str, separator: str) -> dict[str, str]:
    """``key<sep>value`` lines (first occurrence wins), keys and values stripped.

    Reads ``systemctl show`` (``=``), ``launchctl print`` (``=``, indented) and
    ``schtasks /Query /FO LIST /V`` (``:``; values may hold more colons, as times do).
    """
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(separator)
        key = key.strip()
        if sep and key and key not in out:
            out[key] = value.strip()
    return out


def unset(value: str | None) -> str | None:
    """None for the ways the schedulers say "not known"."""
    if value is None or value.strip().lower() in {"", "n/a", "0", "never", "n/d"}:
        return None
    return value.strip()


# --- in words ------------------------------------------------------------------------------
def describe_status(status: ScheduleStatus, *, hint: bool = True) -> list[str]:
    """The status in lines for people; ``hint`` adds the command that installs it (CLI)."""
    kind = KIND[status.platform]
    if status.installed:
        state = {True: "active", False: "NOT active", None: "state unknown"}[status.active]
        lines = [f"Scheduled refresh: installed ({kind} {status.entry}), {state}."]
    else:
        how = " `careerdesk schedule install` sets it up." if hint else ""
        lines = [f"Scheduled refresh: not installed ({kind} {status.entry}).{how}"]
    lines += [f"  file: {f}" for f in status.files]
    if status.installed:
        lines.append(f"  next run: {status.next_run or 'not known'}")
        if status.last_trigger:
            lines.append(f"  last started by the scheduler: {status.last_trigger}")
    if status.scheduler_detail:
        lines.append(f"  {status.scheduler_detail}")
    run = status.last_run
    if run is None:
        lines.append("Last refresh: none recorded yet.")
    else:
        result = "ok" if run.ok else "FAILED"
        lines.append(f"Last refresh: {run.finished_at:%Y-%m-%d %H:%M} UTC, {result}: {run.summary}")
    return lines
