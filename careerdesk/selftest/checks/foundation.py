"""Foundation checks: database and migrations, backup round trip, main window, keyring."""

from __future__ import annotations

from sqlalchemy import func, select

from careerdesk.app import App, build_app
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.backup import backup_database
from careerdesk.core.storage.restore import restore_database
from careerdesk.core.storage.tables.profiles import Profile
from careerdesk.selftest import Check, SelfTestContext


def _database(ctx: SelfTestContext) -> str:
    app = build_app()
    ctx.state["app"] = app
    with app.db.engine.connect() as conn:
        current = mig.current_revisions(conn)
    if current != mig.head_revisions():
        raise AssertionError(f"schema at {current}, expected {mig.head_revisions()}")
    return f"migrated to {', '.join(sorted(current))}; {len(app.db.table_names())} tables"


def _backup_round_trip(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    app.profiles.create("Self-test learner")
    path = backup_database(app.db, app.paths.backup_dir, kind="manual")
    app.profiles.create("Added after backup")
    restore_database(app.db, path, app.paths.backup_dir)
    with app.db.read() as s:
        names = sorted(s.scalars(select(Profile.name)))
        count = s.scalar(select(func.count()).select_from(Profile))
    if names != ["Self-test learner"]:
        raise AssertionError(f"restored rows differ: {names}")
    return f"backup {path.stat().st_size} bytes restored; {count} profile(s) as expected"


def _keyring(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    store = app.secrets
    where = "persistent" if store.persistent else "session only (no secure backend)"
    return f"keyring backend: {store.backend_name} ({where})"


def _main_window(ctx: SelfTestContext) -> str:
    qt = ctx.qt_app()
    from careerdesk.ui.shell.context import UiContext
    from careerdesk.ui.shell.main_window import MainWindow

    app: App = ctx.state["app"]
    profile = app.profiles.by_name("Self-test learner")
    ui = UiContext(app, profile_id=profile.id)
    window = MainWindow(ui)
    window.show()
    qt.processEvents()
    if not ui.runner.wait_idle(10):
        raise AssertionError("background tasks of the main window did not finish")
    tabs = window.tab_titles()
    window.close()
    window.deleteLater()
    ui.shutdown()
    qt.processEvents()
    return f"main window opened with tabs: {', '.join(tabs)}"


CHECKS = [
    Check("database and migrations", _database, order=10),
    Check("backup and restore", _backup_round_trip, order=20),
    Check("keyring backend", _keyring, order=30),
    Check("main window", _main_window, order=40),
]
