"""What the scheduler feature accepts and returns (docs/scheduling.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field

Platform = Literal["linux", "macos", "windows"]


@dataclass(frozen=True)
class CommandResult:
    """What a program said and how it ended."""

    returncode: int
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class SystemTools(Protocol):
    """The operating system's programs (``systemctl``, ``launchctl``, ``schtasks``).

    Injected so tests check the commands without running them; the real one lives in
    ``careerdesk.integrations.os_scheduler``.
    """

    def which(self, name: str) -> str | None:
        """The program's full path, or None when it is not installed."""
        ...

    def run(self, argv: Sequence[str]) -> CommandResult:
        """Run ``argv`` (no shell) to completion; a program that cannot start raises OSError."""
        ...


class RefreshCommand(BaseModel):
    """The command line the scheduler runs, and the folder it runs in (source trees)."""

    argv: list[str]
    working_dir: str | None = None


class PlannedFile(BaseModel):
    """A file the entry consists of, with its exact text."""

    path: Path
    text: str


class SchedulePlan(BaseModel):
    """Everything ``install`` does: files to write, then commands to run (in order)."""

    platform: Platform
    entry: str  # the unit / label / task name people look for
    command: RefreshCommand
    files: list[PlannedFile] = Field(default_factory=list)
    commands: list[list[str]] = Field(default_factory=list)


class LastRun(BaseModel):
    """The result of the latest ``refresh-recommendations`` run (scheduled or by hand)."""

    started_at: datetime
    finished_at: datetime
    ok: bool
    profiles: int = 0
    regenerated: int = 0
    kept_previous: int = 0
    summary: str = ""


class ScheduleStatus(BaseModel):
    """What ``schedule status`` reports."""

    platform: Platform
    entry: str
    installed: bool
    active: bool | None = None  # None: the scheduler could not be asked
    files: list[str] = Field(default_factory=list)
    next_run: str | None = None
    last_trigger: str | None = None
    scheduler_detail: str | None = None
    last_run: LastRun | None = None
