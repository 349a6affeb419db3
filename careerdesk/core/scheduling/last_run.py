"""The result of the latest ``refresh-recommendations`` run, kept next to the log file.

The refresh command writes it (scheduled or run by hand); ``schedule status`` and the
Settings page read it. One small JSON file rather than a search through the rotating log:
the log may have rotated, and its wording is for people.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import ValidationError

from careerdesk.core.kernel.files import atomic_write_text
from careerdesk.core.scheduling.models import LastRun

log = logging.getLogger(__name__)

LAST_RUN_FILE = "last-refresh.json"


def last_run_path(log_dir: Path) -> Path:
    return log_dir / LAST_RUN_FILE


def write_last_run(log_dir: Path, run: LastRun) -> None:
    """Replace the record (atomically: a reader never sees half a file)."""
    atomic_write_text(last_run_path(log_dir), run.model_dump_json(indent=2))


def read_last_run(log_dir: Path) -> LastRun | None:
    """The record, or None when there has been no run (or the file is unreadable)."""
    path = last_run_path(log_dir)
    try:
        return LastRun.model_validate_json(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError) as exc:
        log.warning("Could not read %s: %s", path, exc)
        return None
