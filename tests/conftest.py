"""Test-wide set-up: offscreen Qt, a private CAREERDESK_HOME per test, an in-memory keyring."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
# Tests never reach Gemini or Google: no key leaks in from the developer's shell.
os.environ.pop("GEMINI_API_KEY", None)
os.environ.pop("CAREERDESK_DB_URL", None)

from hypothesis import settings as hypothesis_settings

from tests.fakes.keyring_backend import MemoryKeyring

# Hypothesis's default 200 ms deadline per example is a wall-clock assertion: on a loaded
# 2-core machine it failed property tests that were right (issue 23). Examples are still
# bounded by pytest-timeout; pytest-randomly seeds Hypothesis from the printed seed.
hypothesis_settings.register_profile("careerdesk", deadline=None, print_blob=True)
hypothesis_settings.load_profile("careerdesk")

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


@pytest.fixture(autouse=True)
def _no_windows_left_over() -> Iterator[None]:
    """Delete the windows a test left behind (pytest-qt only closes the ones it was given).

    A closed dialog still exists: left alone, some 4,000 widgets piled up per worker, and every
    later theme switch or application-wide style change re-polished all of them (the theme
    tests took 72 s in the full suite and 4 s alone). Closing is the test's business; this
    only frees what is already closed or hidden, without running any close handler.
    """
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return  # this test never used Qt widgets
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if widget.parent() is None:
            widget.hide()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# --- databases -------------------------------------------------------------------------------
PG_ENABLED = os.environ.get("CAREERDESK_TEST_PG") == "1"
# The status PostgreSQL variants get when CAREERDESK_TEST_PG is not set: not hidden among the
# skips, but counted on their own in the final line and explained in the summary.
PG_NOT_RUN = "postgresql not run"
_PG_REASON = "PostgreSQL variant: CAREERDESK_TEST_PG=1 is not set (no server to test against)"


def _backends() -> list[object]:
    if PG_ENABLED:
        return ["sqlite", "postgresql"]
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.skip(reason=_PG_REASON))]


def pytest_configure(config: pytest.Config) -> None:
    """With CAREERDESK_TEST_PG=1 an unreachable server fails the run at once, with the URL."""
    if not PG_ENABLED or hasattr(config, "workerinput"):
        return  # xdist workers: the controller has checked already
    from tests.pg import check_server

    problem = check_server()
    if problem:
        raise pytest.UsageError(problem)


def _is_pg_not_run(report: pytest.TestReport) -> bool:
    longrepr = report.longrepr
    return report.skipped and isinstance(longrepr, tuple) and str(longrepr[2]).endswith(_PG_REASON)


def pytest_report_teststatus(
    report: pytest.TestReport, config: pytest.Config
) -> tuple[str, str, str] | None:
    if report.when == "setup" and _is_pg_not_run(report):
        return PG_NOT_RUN, "p", "POSTGRESQL NOT RUN"
    return None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    not_run = len(terminalreporter.stats.get(PG_NOT_RUN, []))
    if not_run:
        terminalreporter.write_sep("=", "PostgreSQL", yellow=True)
        terminalreporter.write_line(
            f"{not_run} PostgreSQL variant(s) not run: CAREERDESK_TEST_PG=1 is not set. "
            "Start a server with `tools/pg_test_server.sh start DIR` and set "
            "CAREERDESK_TEST_PG=1 CAREERDESK_TEST_PG_URL=<url> to run them (CI does)."
        )


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: SQLite always; PostgreSQL too when CAREERDESK_TEST_PG=1
    (otherwise its variant is reported as not run, never silently left out)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    from tests.pg import fresh_pg_database

    with fresh_pg_database() as url:
        yield url


# Migrating a new database costs about 0.5 s on SQLite and several seconds on PostgreSQL;
# most tests only need a migrated one. Each test process (each xdist worker) migrates once:
# on SQLite every `app` gets a copy of a migrated file; on PostgreSQL the worker's migrated
# database is emptied after each test (tests/pg.py, ReusedDatabase). Tests of the migrations
# themselves keep using `db_url` (a new, empty database) and run every migration.
@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from careerdesk.core.storage.opening import open_database

    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the template is in WAL mode)."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


@pytest.fixture(scope="session")
def _pg_reused() -> Iterator[object]:
    from tests.pg import reused_database

    with reused_database() as db:
        yield db


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    from tests.pg import migrated_template

    with migrated_template() as name:
        yield name


@pytest.fixture(params=_backends())
def migrated_db_url(
    request: pytest.FixtureRequest, tmp_path: Path, _sqlite_template: Path
) -> Iterator[str]:
    """Like ``db_url``, but already migrated to the head revisions (a copy of a template)."""
    if request.param == "sqlite":
        target = tmp_path / "test.sqlite3"
        _copy_sqlite(_sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    from tests.pg import ReusedDatabase, fresh_pg_database

    reused = request.getfixturevalue("_pg_reused")
    assert isinstance(reused, ReusedDatabase)
    if reused.copy_each_time:
        with fresh_pg_database(template=request.getfixturevalue("_pg_template")) as url:
            yield url
        return
    try:
        yield reused.url
    finally:
        reused.reset()


@pytest.fixture
def app(migrated_db_url: str, careerdesk_home: Path) -> Iterator[object]:
    """A fully wired App on a fresh migrated database (both backends), closed after the test."""
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths

    application = build_app(AppPaths.resolve(), db_url=migrated_db_url)
    yield application
    application.close(backup=False)


@pytest.fixture
def sqlite_app(careerdesk_home: Path, _sqlite_template: Path) -> Iterator[object]:
    """An App on the default SQLite file under the test's CAREERDESK_HOME."""
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths

    _copy_sqlite(_sqlite_template, AppPaths.resolve().db_path)
    application = build_app()
    yield application
    application.close(backup=False)


_QT_APP: list[object] = []


@pytest.fixture(autouse=True, scope="session")
def qt_application() -> None:
    """One QApplication for the whole run, made before any test asks for Qt: outside the GUI
    the media prober (integrations/media_qt.py) creates a bare QCoreApplication, on which a
    later widget test (pytest-qt's ``qapp`` reuses the instance) could build no widgets."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        _QT_APP.append(QApplication(["pytest-qt-qapp"]))


# --- the demo profile --------------------------------------------------------------------------
# Building the demo takes about 6 s (every seeder, every fit and verdict). Tests of the demo
# itself build it (``careerdesk demo``, ``build_demo``); tests that only need a realistic
# profile to look at (the screen walks) share one per test process: built once into its own
# data folder, then copied, folder and all, into each test's CAREERDESK_HOME.
@pytest.fixture(scope="session")
def _demo_home(tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path) -> Path:
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths
    from careerdesk.demo import build_demo

    home = tmp_path_factory.mktemp("demo") / "careerdesk-home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CAREERDESK_HOME", str(home))
        _copy_sqlite(_sqlite_template, AppPaths.resolve().db_path)
        application = build_app()
        try:
            build_demo(application)
        finally:
            application.close(backup=False)
    return home


@pytest.fixture
def demo_installed(careerdesk_home: Path, _demo_home: Path) -> Path:
    """This test's CAREERDESK_HOME holds a copy of the demo installation (profile "Demo"),
    for tests of what the CLI or the screens do with a realistic profile."""
    import shutil

    shutil.copytree(_demo_home, careerdesk_home, dirs_exist_ok=True)
    return careerdesk_home


@pytest.fixture
def demo_app(demo_installed: Path) -> Iterator[object]:
    """An App on a copy of the demo installation (the profile named "Demo"), SQLite."""
    from careerdesk.app import build_app

    application = build_app()
    yield application
    application.close(backup=False)
