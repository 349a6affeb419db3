"""The operating system's scheduler programs, run for real (``systemctl``, ``launchctl``,
``schtasks``): implements :class:`careerdesk.core.scheduling.models.SystemTools`.

Kept this thin so everything worth testing stays in ``core/scheduling`` with a stand-in.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence

from careerdesk.core.scheduling.models import CommandResult

# systemctl/launchctl answer in well under a second; a hung user bus must not hang the CLI.
TIMEOUT_S = 30.0


class SubprocessTools:
    """Runs programs with :mod:`subprocess` (no shell), capturing their output as text."""

    def which(self, name: str) -> str | None:
        return shutil.which(name)

    def run(self, argv: Sequence[str]) -> CommandResult:
        try:
            done = subprocess.run(
                list(argv),
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return CommandResult(124, "", f"{argv[0]} did not finish within {TIMEOUT_S:g} s")
        return CommandResult(done.returncode, done.stdout or "", done.stderr or "")
