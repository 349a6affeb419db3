"""Throwaway PostgreSQL databases for tests (CAREERDESK_TEST_PG=1, server from .ci/run)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
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


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Create an empty database, yield its URL, drop it afterwards."""
    admin_url = os.environ.get("CAREERDESK_TEST_PG_URL", DEFAULT_URL)
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
