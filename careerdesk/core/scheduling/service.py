"""Install, remove and report the scheduler entry (docs/scheduling.md).

Every program runs through the injected :class:`SystemTools`; the files are written
atomically, and a failed install puts back what was there before, so nothing is left
half-registered. A missing scheduler program is a :class:`UserError` (exit 2 on the CLI).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, Field

import careerdesk
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.files import atomic_write_text
from careerdesk.core.kernel.paths import HOME_ENV
from careerdesk.core.scheduling import rules
from careerdesk.core.scheduling.last_run import read_last_run
from careerdesk.core.scheduling.models import (
    Platform,
    RefreshCommand,
    SchedulePlan,
    ScheduleStatus,
    SystemTools,
)

log = logging.getLogger(__name__)

_MISSING_TOOL: dict[Platform, str] = {
    "linux": (
        "systemctl was not found: this system does not run systemd, so CareerDesk cannot "
        "register a timer. Run `{command}` every {hours} hours with your own scheduler "
        "instead (cron: `0 */{hours} * * * {command}`)."
    ),
    "macos": (
        "launchctl was not found, so CareerDesk cannot register a launchd agent. Run "
        "`{command}` every {hours} hours with your own scheduler instead."
    ),
    "windows": (
        "schtasks was not found. It is part of Windows (C:\\Windows\\System32); check that "
        "this folder is on PATH, or create a task that runs `{command}` every {hours} hours."
    ),
}


class RemoveResult(BaseModel):
    """What ``remove`` took away (empty: nothing was installed)."""

    entry: str
    removed: list[str] = Field(default_factory=list)
    commands: list[list[str]] = Field(default_factory=list)


def display(argv: list[str]) -> str:
    """A command line for messages (quoted where a shell would need it)."""
    return " ".join(f'"{a}"' if (" " in a or not a) else a for a in argv)


class ScheduleService:
    """The scheduler entry that runs ``careerdesk refresh-recommendations --all``."""

    def __init__(
        self,
        tools: SystemTools,
        *,
        platform: Platform | None,
        command: RefreshCommand,
        home: Path,
        env: Mapping[str, str],
        log_dir: Path,
        uid: int = 0,
    ) -> None:
        self.tools = tools
        self._platform = platform
        self.command = command
        self.home = home
        self.env = env
        self.log_dir = log_dir
        self.uid = uid

    # -- helpers -----------------------------------------------------------------------------
    @property
    def supported(self) -> bool:
        """False on a platform without a supported scheduler (every call then refuses)."""
        return self._platform is not None

    @property
    def platform(self) -> Platform:
        if self._platform is None:
            raise UserError(
                "Scheduling is available on Linux (systemd), macOS (launchd) and Windows "
                f"(Task Scheduler); run `{display(self.command.argv)}` with this system's "
                "own scheduler instead."
            )
        return self._platform

    @property
    def entry(self) -> str:
        return rules.entry_name(self.platform)

    def _require_tool(self) -> None:
        platform = self.platform
        if self.tools.which(rules.TOOLS[platform]) is None:
            command = display(self.command.argv)
            if self.command.working_dir:
                command = f"cd {display([self.command.working_dir])} && {command}"
            raise UserError(
                _MISSING_TOOL[platform].format(command=command, hours=rules.INTERVAL_HOURS)
            )

    def _run(self, argv: list[str], *, check: bool = True) -> tuple[int, str, str]:
        try:
            result = self.tools.run(argv)
        except OSError as exc:
            raise UserError(f"Could not run `{display(argv)}`: {exc}") from exc
        if check and not result.ok:
            said = (result.stderr or result.stdout).strip() or "no message"
            hint = ""
            if "bus" in said.lower() and self.platform == "linux":
                hint = (
                    " The systemd user manager is not reachable from this session (for "
                    "example over SSH); log in on the desktop, or run "
                    "`loginctl enable-linger` once, and try again."
                )
            raise UserError(
                f"`{display(argv)}` failed (exit code {result.returncode}): {said}.{hint}"
            )
        return result.returncode, result.stdout, result.stderr

    def _launchd_loaded(self) -> bool:
        target = f"{rules.launchd_domain(self.uid)}/{rules.LAUNCHD_LABEL}"
        return self._run(["launchctl", "print", target], check=False)[0] == 0

    def _task_exists(self) -> bool:
        return self._run(["schtasks", "/Query", "/TN", rules.WINDOWS_TASK], check=False)[0] == 0

    # -- install -----------------------------------------------------------------------------
    def plan(self) -> SchedulePlan:
        """What :meth:`install` would write and run (nothing is changed)."""
        self._require_tool()
        loaded = self.platform == "macos" and self._launchd_loaded()
        return rules.plan_install(
            self.platform,
            self.command,
            home=self.home,
            env=self.env,
            log_dir=self.log_dir,
            uid=self.uid,
            loaded=loaded,
        )

    def install(self) -> SchedulePlan:
        """Write the entry and register it; running it again replaces it (one entry)."""
        plan = self.plan()
        before = {
            f.path: f.path.read_text("utf-8") if f.path.exists() else None for f in plan.files
        }
        new_dirs = _missing_dirs([f.path.parent for f in plan.files])
        if self.platform == "macos":
            self.log_dir.mkdir(parents=True, exist_ok=True)  # launchd writes its output there
        try:
            for planned in plan.files:
                atomic_write_text(planned.path, planned.text)
            for argv in plan.commands:
                self._run(argv)
        except (UserError, OSError) as exc:
            self._restore(before, new_dirs)
            if isinstance(exc, OSError):
                raise UserError(f"Could not write the scheduler entry: {exc}") from exc
            raise
        log.info("schedule: installed %s running %s", plan.entry, display(plan.command.argv))
        return plan

    def _restore(self, before: dict[Path, str | None], new_dirs: list[Path]) -> None:
        """Put the files back as they were (and remove the folders made for them); tell
        systemd to forget what it may have read."""
        for path, text in before.items():
            try:
                if text is None:
                    path.unlink(missing_ok=True)
                else:
                    atomic_write_text(path, text)
            except OSError:
                log.warning("schedule: could not restore %s", path, exc_info=True)
        for folder in new_dirs:  # deepest first; only if still empty
            try:
                folder.rmdir()
            except OSError:
                pass
        if self.platform == "linux" and before:
            self._run(rules.systemctl("daemon-reload"), check=False)

    # -- remove ------------------------------------------------------------------------------
    def remove(self) -> RemoveResult:
        """Unregister the entry and delete its files; nothing installed is not an error."""
        self._require_tool()
        result = RemoveResult(entry=self.entry)
        files = [p for p in rules.entry_files(self.platform, self.home, self.env) if p.exists()]

        def run(argv: list[str]) -> None:
            self._run(argv)
            result.commands.append(argv)

        if self.platform == "linux" and files:
            run(rules.systemctl("disable", "--now", rules.SYSTEMD_TIMER))
        elif self.platform == "macos" and self._launchd_loaded():
            run(["launchctl", "bootout", f"{rules.launchd_domain(self.uid)}/{rules.LAUNCHD_LABEL}"])
            result.removed.append(f"launchd agent {rules.LAUNCHD_LABEL}")
        elif self.platform == "windows" and self._task_exists():
            run(["schtasks", "/Delete", "/TN", rules.WINDOWS_TASK, "/F"])
            result.removed.append(f"Task Scheduler task {rules.WINDOWS_TASK!r}")
        for path in files:
            try:
                path.unlink()
            except OSError as exc:
                raise UserError(f"Could not delete {path}: {exc}") from exc
            result.removed.append(str(path))
        if self.platform == "linux" and files:
            run(rules.systemctl("daemon-reload"))
        if result.removed:
            log.info("schedule: removed %s", ", ".join(result.removed))
        return result

    # -- status ------------------------------------------------------------------------------
    def status(self) -> ScheduleStatus:
        """Installed?, active?, next run, and the latest refresh's result (never raises for a
        missing tool: it says so instead)."""
        platform = self.platform
        files = [p for p in rules.entry_files(platform, self.home, self.env) if p.exists()]
        status = ScheduleStatus(
            platform=platform,
            entry=self.entry,
            installed=bool(files),
            files=[str(p) for p in files],
            last_run=read_last_run(self.log_dir),
        )
        tool = rules.TOOLS[platform]
        if self.tools.which(tool) is None:
            status.scheduler_detail = f"{tool} was not found on this system"
            return status
        if platform == "linux":
            self._linux_status(status)
        elif platform == "macos":
            self._macos_status(status)
        else:
            self._windows_status(status)
        return status

    def _linux_status(self, status: ScheduleStatus) -> None:
        props = "LoadState,ActiveState,NextElapseUSecRealtime,LastTriggerUSec"
        code, out, err = self._run(
            rules.systemctl("show", rules.SYSTEMD_TIMER, f"--property={props}"), check=False
        )
        if code != 0:
            status.scheduler_detail = f"systemctl could not be asked: {(err or out).strip()}"
            return
        values = rules.parse_key_values(out, "=")
        status.active = values.get("ActiveState") == "active"
        status.next_run = rules.unset(values.get("NextElapseUSecRealtime"))
        status.last_trigger = rules.unset(values.get("LastTriggerUSec"))
        status.scheduler_detail = (
            f"systemd: {values.get('LoadState', '?')}, {values.get('ActiveState', '?')}"
        )

    def _macos_status(self, status: ScheduleStatus) -> None:
        target = f"{rules.launchd_domain(self.uid)}/{rules.LAUNCHD_LABEL}"
        code, out, _err = self._run(["launchctl", "print", target], check=False)
        status.active = code == 0
        if code != 0:
            status.scheduler_detail = "launchd: not loaded"
            return
        values = rules.parse_key_values(out, "=")
        runs = values.get("runs", "?")
        exit_code = values.get("last exit code", "?")
        status.scheduler_detail = (
            f"launchd: loaded, {runs} run(s), last exit code {exit_code}; it runs every "
            f"{rules.INTERVAL_HOURS} hours and does not report the next time"
        )

    def _windows_status(self, status: ScheduleStatus) -> None:
        code, out, _err = self._run(
            ["schtasks", "/Query", "/TN", rules.WINDOWS_TASK, "/FO", "LIST", "/V"], check=False
        )
        status.installed = code == 0
        status.active = code == 0
        if code != 0:
            status.scheduler_detail = "Task Scheduler: no such task"
            return
        values = rules.parse_key_values(out, ":")
        state = values.get("Status") or values.get("Scheduled Task State") or "?"
        status.active = state.lower() not in {"disabled"}
        status.next_run = rules.unset(values.get("Next Run Time"))
        status.last_trigger = rules.unset(values.get("Last Run Time"))
        status.scheduler_detail = (
            f"Task Scheduler: {state}, last result {values.get('Last Result', '?')}"
        )


def _missing_dirs(folders: list[Path]) -> list[Path]:
    """The folders (and their parents) that do not exist yet, deepest first."""
    missing: set[Path] = set()
    for folder in folders:
        while not folder.exists() and folder != folder.parent:
            missing.add(folder)
            folder = folder.parent
    return sorted(missing, key=lambda p: len(p.parts), reverse=True)


def this_machine(tools: SystemTools, log_dir: Path) -> ScheduleService:
    """The service for the running program: its platform, interpreter or bundle, home."""
    platform = rules.platform_of(sys.platform)
    env = dict(os.environ)
    home_env = env.get(HOME_ENV, "").strip()
    command = rules.refresh_command(
        platform=platform or "linux",
        frozen=bool(getattr(sys, "frozen", False)),
        executable=sys.executable,
        package_root=str(Path(careerdesk.__file__).resolve().parent.parent),
        home=str(Path(home_env).expanduser().resolve()) if home_env else None,
        exists=os.path.exists,
    )
    getuid = getattr(os, "getuid", None)
    return ScheduleService(
        tools,
        platform=platform,
        command=command,
        home=Path.home(),
        env=env,
        log_dir=log_dir,
        uid=getuid() if getuid is not None else 0,
    )
