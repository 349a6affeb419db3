"""Alembic migrations, run programmatically (no alembic.ini needed at run time).

Revision files live in ``versions/``. The schema has one head: the features that were
developed side by side on separate branches are joined by ``0013_merge_heads``, and the history
is linear from 0013 on (each new revision has exactly one parent, the previous head).
CareerDesk upgrades to ``head``; a database stamped at several of the old branch heads is
carried through the merge like any other.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent


@cache
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(all revisions, heads) read from the revision files without importing Alembic.

    Alembic costs ~0.2 s to import; start-up only needs to know whether the database is
    current, so the revision ids are read from the files' assignments. Tests check that this
    agrees with Alembic's own view.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (HERE / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target: ast.expr
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                values[target.id] = ast.literal_eval(value)
        if "revision" not in values:
            continue
        revisions.add(str(values["revision"]))
        down = values.get("down_revision")
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
    return frozenset(revisions), frozenset(revisions - parents)


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> set[str]:
    return set(_revision_graph()[0])


def head_revisions() -> set[str]:
    return set(_revision_graph()[1])


def current_revisions(conn: Connection) -> set[str]:
    """The revisions recorded in the database (empty for a new database)."""
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def upgrade(engine: Engine, target: str = "head") -> None:
    """Apply migrations up to ``target`` (the single head by default)."""
    from alembic import command

    command.upgrade(alembic_config(engine), target)
