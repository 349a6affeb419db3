"""Storage: migrations from empty, schema equals the models, pragmas, sessions (both backends)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables import load_all
from careerdesk.core.storage.tables.profiles import Profile


def test_migrations_run_from_empty(db_url: str) -> None:
    db = open_database(db_url)
    with db.engine.connect() as conn:
        assert mig.current_revisions(conn) == mig.head_revisions()
    assert {"profiles", "content_items", "content_progress", "ai_cache"} <= set(db.table_names())
    db.dispose()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    db = open_database(db_url)
    metadata = load_all().metadata
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(ctx, metadata)
    db.dispose()
    assert diff == [], f"models and migrations disagree; add a revision: {diff}"


def test_opening_twice_is_idempotent(db_url: str) -> None:
    open_database(db_url).dispose()
    db = open_database(db_url)
    with db.engine.connect() as conn:
        assert mig.current_revisions(conn) == mig.head_revisions()
    db.dispose()


def test_sqlite_pragmas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 15000
    db.dispose()


def test_session_rolls_back_on_error(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.session() as s:
            s.add(Profile(name="Temp", target_role_ids=[]))
            s.flush()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.read() as s:
        assert s.scalars(select(Profile)).all() == []
    db.dispose()


def test_database_reports_backend(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert db.is_sqlite and db.sqlite_path == tmp_path / "x.sqlite3"
    db.dispose()


def test_fast_revision_scan_agrees_with_alembic() -> None:
    script = mig.script_directory()
    assert mig.known_revisions() == {r.revision for r in script.walk_revisions()}
    assert mig.head_revisions() == set(script.get_heads())
