"""Alembic environment: uses the engine handed over by careerdesk.core.storage.migrations."""

from __future__ import annotations

from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Engine, create_engine

from careerdesk.core.storage.base import UTCDateTime
from careerdesk.core.storage.tables import load_all

config = context.config
target_metadata = load_all().metadata


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    # Revisions must not import app code: UTCDateTime is stored as a plain DateTime.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        # Developer use from the command line: `alembic -x url=sqlite:///x.db revision ...`
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///dev.sqlite3")
        engine = create_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
            compare_type=True,
            render_item=render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
