"""Stand-ins for systemctl --user, launchctl and schtasks: they keep the state the real
programs keep (what is loaded, enabled, registered) and answer as their manuals describe,
so a test can see that installing twice leaves one entry. No real program ever runs."""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path

from careerdesk.core.scheduling.models import CommandResult


class _Fake:
    tool = ""

    def __init__(self, *, present: bool = True) -> None:
        self.present = present
        self.calls: list[list[str]] = []

    def which(self, name: str) -> str | None:
        return f"/usr/bin/{name}" if self.present and name == self.tool else None

    def run(self, argv: Sequence[str]) -> CommandResult:
        self.calls.append(list(argv))
        if not self.present or argv[0] != self.tool:
            raise FileNotFoundError(2, "No such file or directory", argv[0])
        return self.answer(list(argv))

    def answer(self, argv: list[str]) -> CommandResult:
        raise NotImplementedError


class FakeSystemd(_Fake):
    """``systemctl --user``: reads the unit folder at daemon-reload, like systemd."""

    tool = "systemctl"

    def __init__(self, unit_dir: Path, *, bus: bool = True, present: bool = True) -> None:
        super().__init__(present=present)
        self.unit_dir = unit_dir
        self.bus = bus
        self.loaded: dict[str, str] = {}
        self.enabled: set[str] = set()
        self.active: set[str] = set()

    def answer(self, argv: list[str]) -> CommandResult:
        assert argv[1] == "--user", argv
        if not self.bus:
            return CommandResult(1, "", "Failed to connect to bus: No medium found")
        verb, rest = argv[2], argv[3:]
        if verb == "daemon-reload":
            folder = self.unit_dir
            self.loaded = (
                {p.name: p.read_text() for p in folder.iterdir()} if folder.is_dir() else {}
            )
            return CommandResult(0)
        if verb in ("enable", "disable"):
            unit = rest[-1]
            if unit not in self.loaded:
                return CommandResult(
                    1, "", f"Failed to {verb} unit: Unit file {unit} does not exist."
                )
            for target in (self.enabled, self.active) if "--now" in rest else (self.enabled,):
                if verb == "enable":
                    target.add(unit)
                else:
                    target.discard(unit)
            return CommandResult(0)
        if verb == "show":
            unit = rest[0]
            active = unit in self.active
            return CommandResult(
                0,
                f"LoadState={'loaded' if unit in self.loaded else 'not-found'}\n"
                f"ActiveState={'active' if active else 'inactive'}\n"
                f"NextElapseUSecRealtime={'Thu 2026-12-03 18:04:12 UTC' if active else ''}\n"
                "LastTriggerUSec=n/a\n",
            )
        return CommandResult(1, "", f"Unknown command verb {verb}.")


class FakeLaunchd(_Fake):
    """``launchctl bootstrap/bootout/print`` for one gui domain."""

    tool = "launchctl"

    def __init__(self, uid: int = 501, *, present: bool = True) -> None:
        super().__init__(present=present)
        self.domain = f"gui/{uid}"
        self.loaded: dict[str, dict[str, object]] = {}
        self.runs = 0

    def answer(self, argv: list[str]) -> CommandResult:
        verb = argv[1]
        if verb == "bootstrap":
            assert argv[2] == self.domain
            agent = plistlib.loads(Path(argv[3]).read_bytes())
            label = str(agent["Label"])
            if label in self.loaded:
                return CommandResult(5, "", "Bootstrap failed: 5: Input/output error")
            self.loaded[label] = agent
            return CommandResult(0)
        domain, _, label = argv[2].rpartition("/")
        assert domain == self.domain
        if label not in self.loaded:
            if verb == "bootout":
                return CommandResult(3, "", "Boot-out failed: 3: No such process")
            return CommandResult(113, "", f'Could not find service "{label}" in domain')
        if verb == "bootout":
            del self.loaded[label]
            return CommandResult(0)
        if verb == "print":
            return CommandResult(
                0,
                f"{argv[2]} = {{\n\tactive count = 0\n\tstate = not running\n"
                f"\truns = {self.runs}\n\tlast exit code = 0\n}}\n",
            )
        return CommandResult(64, "", f"Unrecognized subcommand: {verb}")


class FakeSchtasks(_Fake):
    """``schtasks /Create /Query /Delete`` with a task list."""

    tool = "schtasks"

    def __init__(self, *, present: bool = True) -> None:
        super().__init__(present=present)
        self.tasks: dict[str, dict[str, str]] = {}

    @staticmethod
    def _opt(argv: list[str], name: str) -> str:
        return argv[argv.index(name) + 1]

    def answer(self, argv: list[str]) -> CommandResult:
        verb, name = argv[1], self._opt(argv, "/TN")
        if verb == "/Create":
            if name in self.tasks and "/F" not in argv:
                return CommandResult(
                    1, "", "ERROR: Cannot create a file when that file already exists."
                )
            self.tasks[name] = {k: self._opt(argv, k) for k in ("/SC", "/MO", "/TR")}
            return CommandResult(
                0, f'SUCCESS: The scheduled task "{name}" has successfully been created.'
            )
        if name not in self.tasks:
            return CommandResult(1, "", "ERROR: The system cannot find the file specified.")
        if verb == "/Delete":
            del self.tasks[name]
            return CommandResult(
                0, f'SUCCESS: The scheduled task "{name}" was successfully deleted.'
            )
        if verb == "/Query":
            return CommandResult(
                0,
                "Folder: \\\n"
                f"TaskName:                             \\{name}\n"
                "Next Run Time:                        12/3/2026 6:00:00 PM\n"
                "Status:                               Ready\n"
                "Last Run Time:                        N/A\n"
                "Last Result:                          1\n",
            )
        return CommandResult(1, "", f"ERROR: Invalid argument/option - '{verb}'.")
