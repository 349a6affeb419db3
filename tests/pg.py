"""Throwaway PostgreSQL databases for tests (CAREERDESK_TEST_PG=1, server from .ci/run)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:55432/postgres"


def check_server() -> str:
    """ "" when the admin URL answers, else a message naming the URL and the error."""
    admin_url = os.environ.get("CAREERDESK_TEST_PG_URL", DEFAULT_URL)
    try:
        engine = create_engine(admin_url, connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any driver or network error means "unreachable"
        shown = make_url(admin_url).render_as_string(hide_password=True)
        return (
            f"CAREERDESK_TEST_PG=1 but the PostgreSQL server at {shown} is unreachable "
            f"({type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}). "
            "Start one with `tools/pg_test_server.sh start DIR` and set CAREERDESK_TEST_PG_URL."
        )
    return ""


def _user_tables(conn: Connection) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename <> 'alembic_version' ORDER BY tablename"
        )
    )
    return [r[0] for r in rows]


_EMPTY_ALL = """DO $$ DECLARE r record; BEGIN
  SET LOCAL session_replication_role = replica;
  FOR r IN SELECT tablename FROM pg_tables
           WHERE schemaname = current_schema() AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM %I', r.tablename);
  END LOOP;
  FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
    EXECUTE format('ALTER SEQUENCE %I RESTART', r.sequencename);
  END LOOP;
END $$"""


class ReusedDatabase:
    """One migrated database per test process (xdist worker), emptied after each test.

    Creating a PostgreSQL database costs one to three seconds on a busy 2-core machine and
    migrating it as much again; TRUNCATE … RESTART IDENTITY of every table costs a fraction
    of that and leaves what a fresh migrated database has: no rows, sequences at 1. If the
    migrations ever write rows, emptying would lose them, so then every test gets a copy of
    the migrated database instead (``copy_each_time``).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)
        with self._engine.connect() as conn:
            tables = _user_tables(conn)
            self.copy_each_time = any(
                conn.execute(text(f'SELECT EXISTS (SELECT 1 FROM "{t}")')).scalar() for t in tables
            )

    def reset(self) -> None:
        """Empty every table and restart every sequence, in one round trip (DELETE with
        foreign-key triggers off is several times faster than TRUNCATE of ~60 tables, which
        creates new files for each); connections a test left open are ended first."""
        with self._engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
            conn.execute(text(_EMPTY_ALL))

    def dispose(self) -> None:
        self._engine.dispose()


@contextmanager
def reused_database() -> Iterator[ReusedDatabase]:
    """A migrated database for this test process (see ``ReusedDatabase``)."""
    from careerdesk.core.storage.opening import open_database

    with fresh_pg_database(prefix="cd_worker") as url:
        open_database(url).dispose()
        db = ReusedDatabase(url)
        try:
            yield db
        finally:
            db.dispose()


@contextmanager
def migrated_template() -> Iterator[str]:
    """A database migrated to the head revisions, to copy with ``fresh_pg_database(template=)``;
    yields its name and drops it afterwards. One per test process: PostgreSQL refuses to copy
    a template while anyone else is connected to it."""
    from careerdesk.core.storage.opening import open_database

    with fresh_pg_database(prefix="cd_tmpl") as url:
        open_database(url).dispose()
        name = make_url(url).database
        assert name
        yield name


@contextmanager
def fresh_pg_database(*, template: str | None = None, prefix: str = "cd_test") -> Iterator[str]:
    """Create an empty database (or a copy of ``template``), yield its URL, drop it afterwards.

    Names are random, so parallel test processes (xdist workers) never share a database."""
    admin_url = os.environ.get("CAREERDESK_TEST_PG_URL", DEFAULT_URL)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
