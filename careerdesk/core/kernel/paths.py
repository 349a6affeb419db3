"""Where CareerDesk keeps its files, resolved once at start-up.

Everything (database, settings, backups, logs, cache, exports the app keeps for itself) lives
under one root. ``CAREERDESK_HOME`` overrides the platform defaults, which is how tests, kiosks
and portable installs put the data somewhere else. Nothing is ever written to the current
working directory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from careerdesk import APP_AUTHOR, APP_NAME
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.files import make_files_private, make_private_dir

HOME_ENV = "CAREERDESK_HOME"
DB_URL_ENV = "CAREERDESK_DB_URL"
MATPLOTLIB_DIR_ENV = "MPLCONFIGDIR"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one CareerDesk installation."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / "careerdesk.sqlite3"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_path(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    def learner_dir(self, profile_id: int) -> Path:
        """A learner's own folder on a kiosk: where the kiosk's file chooser is rooted and
        exports go (docs/kiosk.md). Named by profile id, so a rename keeps it."""
        return self.data_dir / "learners" / str(profile_id)

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None) -> AppPaths:
        """Paths from ``CAREERDESK_HOME`` when set, else the platform's user folders."""
        env = os.environ if env is None else env
        home = env.get(HOME_ENV, "").strip()
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "data", root / "config", root / "cache", root / "logs")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )

    def all_dirs(self) -> tuple[Path, ...]:
        return (
            self.data_dir,
            self.config_dir,
            self.cache_dir,
            self.log_dir,
            self.backup_dir,
            self.exports_dir,
            self.media_dir,
        )

    def ensure(self) -> None:
        """Create every folder and prove it is writable, or raise a UserError naming it.

        On POSIX every folder is made 0700 and the files of the data, backup, settings and
        log folders 0600 (see ``files.make_private_dir``): other local users must not read
        the database (PIN hashes, notes), its backups or the logs.
        """
        for folder in self.all_dirs():
            try:
                make_private_dir(folder)
                probe = folder / ".write-test"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                raise UserError(
                    f"CareerDesk cannot write to its data folder {folder}: {exc.strerror or exc}. "
                    f"Check its permissions, or set {HOME_ENV} to a folder you can write to."
                ) from exc
        for folder in (self.data_dir, self.backup_dir, self.config_dir, self.log_dir):
            try:
                make_files_private(folder)
            except OSError:  # a file we cannot chmod is reported where it is used
                pass


_kept_matplotlib_dir: Path | None = None


def keep_matplotlib_cache(
    env: MutableMapping[str, str] | None = None, *, frozen: bool | None = None
) -> Path | None:
    """In the installed app, point matplotlib at ``<cache>/matplotlib``, a folder that
    outlives the process; returns it (None from source, or when it cannot be made).

    Why: PyInstaller's run-time hook for matplotlib gives every start a new temporary folder,
    so matplotlib rebuilt its list of the system's fonts at the first chart of every session:
    0.4 s with the 22 fonts of a bare Linux machine, many seconds with the hundreds of a
    Windows or macOS desktop (docs/performance.md). The entry point calls this before any
    module imports matplotlib, which reads the setting once. From source, matplotlib keeps
    the list in the user's own cache and is left alone (tests, with a home each, would
    rebuild it for every test).
    """
    global _kept_matplotlib_dir
    env = os.environ if env is None else env
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if not frozen:
        return None
    folder = AppPaths.resolve(env).cache_dir / "matplotlib"
    try:
        make_private_dir(folder)
    except OSError:  # the hook's temporary folder still works, only slower
        return None
    env[MATPLOTLIB_DIR_ENV] = str(folder)
    _kept_matplotlib_dir = folder
    return folder


def kept_matplotlib_dir() -> Path | None:
    """The folder ``keep_matplotlib_cache`` gave matplotlib in this process, if any."""
    return _kept_matplotlib_dir
