"""Composition root: paths + settings -> database -> services + adapters.

The CLI and the GUI are two faces over the same :class:`App`. Feature services are built on
first use through :meth:`App.service`, each by its factory in :mod:`careerdesk.wiring` (its
explicit dependencies); services that listen to events are built when the app starts.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.paths import DB_URL_ENV, AppPaths
from careerdesk.core.kernel.ports import AIProvider, SecretStore
from careerdesk.core.kernel.settings import Settings, load_settings, save_settings
from careerdesk.core.profiles.service import ProfileService
from careerdesk.core.storage.ai_cache import DbAICache
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.core.storage.opening import open_database

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class App:
    """Everything a face (GUI, CLI, self-test) needs, wired once."""

    paths: AppPaths
    settings: Settings
    db: Database
    bus: EventBus
    clock: Clock
    profiles: ProfileService
    ai_cache: DbAICache
    _secrets: SecretStore | None = None
    _services: dict[type, object] = field(default_factory=dict)
    _ai: AIProvider | None = None
    # Separate locks: building the AI provider touches the keyring (slow) and must not hold
    # up service lookups on the GUI thread.
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _ai_lock: threading.RLock = field(default_factory=threading.RLock)

    def service(self, cls: type[T]) -> T:
        """The app's single instance of a feature service (built by its factory on first use)."""
        with self._lock:
            svc = self._services.get(cls)
            if svc is None:
                from careerdesk.wiring import factory_for

                svc = factory_for(cls)(self)
                self._services[cls] = svc
            return cast(T, svc)

    @property
    def secrets(self) -> SecretStore:
        """The OS keyring (resolved on first use, which may be slow: not on the GUI thread)."""
        with self._ai_lock:
            if self._secrets is None:
                from careerdesk.integrations.secrets import KeyringSecretStore

                self._secrets = KeyringSecretStore()
            return self._secrets

    @secrets.setter
    def secrets(self, store: SecretStore) -> None:
        """Swap the secret store (tests, a session-only kiosk); the AI provider follows it."""
        with self._ai_lock:
            self._secrets = store
            self._ai = None

    @property
    def ai(self) -> AIProvider:
        """The AI provider: Gemini when a key is set and AI is enabled, else the offline one."""
        with self._ai_lock:
            if self._ai is None:
                from careerdesk.integrations.ai.factory import build_ai_provider

                self._ai = build_ai_provider(
                    self.secrets,
                    model=self.settings.ai.model,
                    timeout_s=self.settings.ai.timeout_s,
                    enabled=self.settings.ai.enabled,
                    cache=self.ai_cache,
                )
            return self._ai

    def test_ai_connection(self) -> str:
        """One tiny call to the AI provider, described in a sentence (blocks: not on the GUI
        thread). Raises AIError with a user-facing message when it fails."""
        from careerdesk.integrations.ai.factory import test_connection

        return test_connection(self.ai)

    def reset_ai(self) -> None:
        """Forget the provider so the next use picks up a new key or settings."""
        with self._ai_lock:
            self._ai = None

    def save_settings(self) -> None:
        save_settings(self.paths.settings_path, self.settings)

    def backup(self, kind: str = "manual", target: Path | None = None) -> Path:
        from careerdesk.core.storage import backup as backups

        path = backups.backup_database(self.db, self.paths.backup_dir, kind=kind, target=target)
        if kind in backups.AUTOMATIC_KINDS:
            b = self.settings.backup
            backups.rotate_backups(
                self.paths.backup_dir,
                daily=b.keep_daily,
                weekly=b.keep_weekly,
                monthly=b.keep_monthly,
            )
        return path

    def daily_backup_if_due(self) -> Path | None:
        from careerdesk.core.storage import backup as backups

        if backups.daily_backup_due(self.paths.backup_dir, self.clock.now()):
            return self.backup("daily")
        return None

    def close(self, *, backup: bool = True) -> None:
        """Save settings, take the on-close backup, release the database."""
        try:
            self.save_settings()
        except OSError:
            log.exception("could not save settings on close")
        if backup:
            try:
                self.backup("close")
            except Exception:
                log.exception("backup on close failed")
        self.db.dispose()


def database_url(paths: AppPaths) -> str:
    return os.environ.get(DB_URL_ENV, "").strip() or sqlite_url(paths.db_path)


def build_app(
    paths: AppPaths | None = None,
    *,
    settings: Settings | None = None,
    db_url: str | None = None,
    clock: Clock | None = None,
    secrets: SecretStore | None = None,
    migrate: bool = True,
) -> App:
    """Resolve paths, load settings, open and migrate the database, wire the services.

    Raises UserError subclasses for the expected start-up faults (unwritable folder, damaged
    database, database from a newer version); nothing is changed in those cases.
    """
    paths = paths or AppPaths.resolve()
    paths.ensure()
    settings = settings or load_settings(paths.settings_path)
    clock = clock or SystemClock()
    db = open_database(db_url or database_url(paths), backup_dir=paths.backup_dir, migrate=migrate)
    bus = EventBus()
    app = App(
        paths=paths,
        settings=settings,
        db=db,
        bus=bus,
        clock=clock,
        _secrets=secrets,
        profiles=ProfileService(db, bus, clock),
        ai_cache=DbAICache(db, clock),
    )
    from careerdesk.wiring import start_services

    start_services(app)
    return app
