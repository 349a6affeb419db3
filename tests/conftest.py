"""Test-wide set-up: offscreen Qt, a private CAREERDESK_HOME per test, an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
# Tests never reach Gemini or Google: no key leaks in from the developer's shell.
os.environ.pop("GEMINI_API_KEY", None)
os.environ.pop("CAREERDESK_DB_URL", None)

from tests.fakes.keyring_backend import MemoryKeyring

# Fixtures shared by the skills, assessments, learning and CLI tests (``kit``, ``answer_all``).
pytest_plugins = ["tests.learning_fixtures"]


@pytest.fixture(autouse=True)
def careerdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so nothing touches the real user's data."""
    home = tmp_path / "careerdesk-home"
    monkeypatch.setenv("CAREERDESK_HOME", str(home))
    monkeypatch.delenv("CAREERDESK_GEMINI_BASE_URL", raising=False)
    yield home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring per test; the real OS keyring is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# --- databases -------------------------------------------------------------------------------
def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("CAREERDESK_TEST_PG") == "1" else ["sqlite"]


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: SQLite always; PostgreSQL too when CAREERDESK_TEST_PG=1."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    from tests.pg import fresh_pg_database

    with fresh_pg_database() as url:
        yield url


@pytest.fixture
def app(db_url: str, careerdesk_home: Path) -> Iterator[object]:
    """A fully wired App on a fresh database (both backends), closed after the test."""
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths

    application = build_app(AppPaths.resolve(), db_url=db_url)
    yield application
    application.close(backup=False)


@pytest.fixture
def sqlite_app(careerdesk_home: Path) -> Iterator[object]:
    """An App on the default SQLite file under the test's CAREERDESK_HOME."""
    from careerdesk.app import build_app

    application = build_app()
    yield application
    application.close(backup=False)
