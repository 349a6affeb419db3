"""Private files (issue 19): on POSIX CareerDesk's folders are 0700 and its database,
backups, logs and settings 0600, whatever the umask, and files left 0644 by older versions
are tightened at start."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerdesk.core.kernel.paths import AppPaths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """The common default umask, under which plain creation gives 0644 / 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_logs_and_settings_are_private(careerdesk_home: Path) -> None:
    from careerdesk.app import build_app
    from careerdesk.logging_setup import setup_logging

    paths = AppPaths.resolve()
    paths.ensure()
    log_file = setup_logging(paths.log_dir)
    logging.getLogger("careerdesk.test").warning("a line so the log file has content")
    app = build_app(paths)
    app.profiles.create("Ann")
    backup = app.backup("manual")
    app.save_settings()
    app.close(backup=False)

    for folder in (paths.data_dir, paths.config_dir, paths.log_dir, paths.backup_dir):
        assert _mode(folder) == 0o700, folder
    files = [
        paths.db_path,
        backup,
        Path(f"{backup}.manifest.json"),
        log_file,
        paths.settings_path,
        Path(f"{paths.db_path}.write-lock"),
    ]
    files += [p for p in paths.data_dir.glob("careerdesk.sqlite3-*")]  # -wal / -shm
    for path in files:
        assert path.exists(), path
        assert _mode(path) == 0o600, f"{path}: {oct(_mode(path))}"


def test_files_left_readable_by_older_versions_are_tightened_at_start(
    careerdesk_home: Path,
) -> None:
    paths = AppPaths.resolve()
    for folder in (paths.data_dir, paths.backup_dir, paths.log_dir, paths.config_dir):
        folder.mkdir(parents=True)
        folder.chmod(0o755)
    old = [
        paths.db_path,
        paths.backup_dir / "careerdesk-daily-20260101-080000.sqlite3",
        paths.log_dir / "careerdesk.log.1",
        paths.settings_path,
    ]
    for path in old:
        path.write_bytes(b"")
        path.chmod(0o644)
    paths.ensure()
    assert [oct(_mode(p)) for p in old] == [oct(0o600)] * len(old)
    assert _mode(paths.data_dir) == _mode(paths.backup_dir) == 0o700
    assert _mode(paths.log_dir) == _mode(paths.config_dir) == 0o700
