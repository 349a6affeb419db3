"""Migration history: one head (the 0013 merge), old branch heads upgrade with data intact.

Until 0013 the features were developed on separate branches, so a user's database can be
stamped at any of the six old heads, or at several of them. Each such database must reach the
single head without losing a row. The revision ids and columns below are copied from the
revision files in careerdesk/core/storage/migrations/versions/.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.profiles import Profile

MERGE = "0013_merge_heads"
FORMER_HEADS = (
    "0003_learning",
    "0005_insights",
    "0006_interviews",
    "0008_intel",
    "0009_calendar",
    "0012_postings",
)
# Every revision up to and including the merge; anything else must come after it.
UP_TO_MERGE = {"0001_baseline", "0007_pipeline", *FORMER_HEADS, MERGE}

AT = "2026-01-05 09:00:00"  # DateTime columns are stored as naive UTC

# A learner (0001_baseline's profiles) and an application (0007_pipeline's applications):
# the rows the branch tables point at.
PROFILE: dict[str, Any] = {
    "id": 1,
    "name": "Branch learner",
    "full_name": "Ada Example",
    "location": "Leeds",
    "field_of_study": "Statistics",
    "interests": "data, charts",
    "target_role_ids": json.dumps(["data_analyst"]),
    "pin_hash": None,
    "last_active_at": AT,
    "created_at": AT,
    "updated_at": AT,
}
APPLICATION: dict[str, Any] = {
    "id": 1,
    "company": "Globex",
    "company_key": "globex",
    "title": "Data Analyst",
    "title_key": "data analyst",
    "location": "Remote",
    "remote": "remote",
    "posting_url": "https://example.com/jobs/1",
    "source": "manual",
    "salary_min": 40000,
    "salary_max": 50000,
    "currency": "GBP",
    "description": "SQL and Python.",
    "deadline": "2026-02-01",
    "priority": 2,
    "tags": json.dumps(["sql"]),
    "notes": "",
    "state": "applied",
    "state_changed_at": AT,
    "applied_on": "2026-01-04",
    "dedupe_key": "a" * 64,
    "profile_id": 1,
    "created_at": AT,
    "updated_at": AT,
}

# For each former head: a row in one of the tables that revision created.
BRANCH_ROWS: dict[str, tuple[str, dict[str, Any]]] = {
    "0003_learning": (
        "skill_levels",
        {
            "id": 1,
            "skill_id": "sql",
            "level": 0.625,
            "source": "assessment",
            "measured_at": AT,
            "session_id": None,
            "profile_id": 1,
        },
    ),
    "0005_insights": (
        "target_companies",
        {
            "id": 1,
            "name": "Initech",
            "name_key": "initech",
            "difficulty": 0.4,
            "position": 0,
            "hidden": 0,
            "is_default": 1,
            "profile_id": 1,
        },
    ),
    "0006_interviews": (
        "interview_practices",
        {
            "id": 1,
            "held_at": AT,
            "kind": "mock",
            "title": "SQL mock interview",
            "application_id": None,
            "focus_skill_id": "sql",
            "communication": 4,
            "technical": 3,
            "problem_solving": 4,
            "code_quality": None,
            "notes": "Explain joins more slowly.",
            "transcript": "",
            "profile_id": 1,
            "created_at": AT,
            "updated_at": AT,
        },
    ),
    "0008_intel": (
        "job_fits",
        {
            "id": 1,
            "application_id": 1,
            "verdict": "apply",
            "score": 0.8,
            "required_match": 0.75,
            "hours_to_close": 12.5,
            "components": json.dumps({"skills": 0.8}),
            "detail": json.dumps({"missing": ["tableau"]}),
            "text_hash": "b" * 64,
            "computed_at": AT,
            "profile_id": 1,
        },
    ),
    "0009_calendar": (
        "calendar_outbox",
        {
            "id": 1,
            "uid": "careerdesk-interview-1",
            "operation": "upsert",
            "payload": json.dumps({"summary": "Interview at Globex"}),
            "revision": 3,
            "attempts": 1,
            "last_error": "offline",
            "next_attempt_at": AT,
            "created_at": AT,
            "updated_at": AT,
            "profile_id": 1,
        },
    ),
    "0012_postings": (
        "application_postings",
        {
            "id": 1,
            "application_id": 1,
            "source": "https://example.com/jobs/1",
            "required": json.dumps(["sql"]),
            "preferred": json.dumps(["python"]),
            "technologies": json.dumps(["PostgreSQL"]),
            "onet_code": "15-2051.01",
            "onet_title": "Business Intelligence Analysts",
            "extracted_by": "rules",
            "created_at": AT,
            "note": "",
            "profile_id": 1,
        },
    ),
}
NEEDS_APPLICATION = {"0008_intel", "0012_postings"}  # both branch from 0007_pipeline


def _config(db: Database | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(mig.__file__).resolve().parent))
    if db is not None:
        cfg.attributes["engine"] = db.engine
    return cfg


def _parents(down: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if down is None:
        return ()
    return (down,) if isinstance(down, str) else tuple(down)


def _seed(db: Database, targets: Iterable[str]) -> list[tuple[str, dict[str, Any]]]:
    """Insert the rows the ``targets`` revisions' tables can hold; return them."""
    targets = set(targets)
    rows = [("profiles", PROFILE)]
    if targets & NEEDS_APPLICATION:
        rows.append(("applications", APPLICATION))
    rows += [BRANCH_ROWS[t] for t in FORMER_HEADS if t in targets]
    with db.engine.begin() as conn:
        for table, row in rows:
            columns = ", ".join(row)
            params = ", ".join(f":{c}" for c in row)
            conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), row)
    return rows


def _assert_rows_intact(db: Database, rows: list[tuple[str, dict[str, Any]]]) -> None:
    with db.engine.connect() as conn:
        for table, row in rows:
            found = conn.execute(
                text(f"SELECT {', '.join(row)} FROM {table} WHERE id = :id"), {"id": row["id"]}
            ).all()
            assert [tuple(r) for r in found] == [tuple(row.values())], table
    with db.read() as s:  # today's model reads the old learner
        (learner,) = s.scalars(select(Profile)).all()
        assert (learner.name, learner.target_role_ids) == ("Branch learner", ["data_analyst"])


def _assert_healthy_at_merge(db: Database) -> None:
    with db.engine.connect() as conn:
        # The single head: the merge, or a revision chained after it (as the history grows).
        assert mig.current_revisions(conn) == mig.head_revisions()
        assert conn.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []


def _fresh_tables(tmp_path: Path) -> set[str]:
    fresh = Database(sqlite_url(tmp_path / "fresh.sqlite3"))
    try:
        mig.upgrade(fresh.engine)
        return set(fresh.table_names())
    finally:
        fresh.dispose()


# --- (a) one head ----------------------------------------------------------------------------
def test_there_is_exactly_one_head_and_it_is_the_merge() -> None:
    script = ScriptDirectory.from_config(_config())
    (head,) = script.get_heads()
    assert mig.head_revisions() == {head}  # the fast scan start-up uses agrees
    # The head is the merge or comes after it: the history is linear from the merge on.
    assert MERGE in {r.revision for r in script.iterate_revisions(head, "base")}
    merge = script.get_revision(MERGE)
    assert merge is not None
    assert sorted(_parents(merge.down_revision)) == sorted(FORMER_HEADS)


# --- (b) every former head reaches the single head with its data -----------------------------
@pytest.mark.parametrize(
    "stamped",
    [pytest.param((head,), id=head) for head in FORMER_HEADS]
    + [pytest.param(FORMER_HEADS, id="all-six-heads")],
)
def test_a_database_at_former_heads_upgrades_to_the_merge_with_rows_intact(
    stamped: tuple[str, ...], tmp_path: Path
) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        cfg = _config(db)
        for revision in stamped:
            command.upgrade(cfg, revision)
        with db.engine.connect() as conn:
            assert mig.current_revisions(conn) == set(stamped)
        rows = _seed(db, stamped)

        mig.upgrade(db.engine)

        _assert_healthy_at_merge(db)
        _assert_rows_intact(db, rows)
        assert set(db.table_names()) == _fresh_tables(tmp_path)
    finally:
        db.dispose()


def test_opening_a_multi_head_database_migrates_it_once_after_a_backup(tmp_path: Path) -> None:
    """The start-up path: open_database sees the old heads, backs up, upgrades to the merge."""
    url = sqlite_url(tmp_path / "old.sqlite3")
    old = Database(url)
    try:
        cfg = _config(old)
        for revision in FORMER_HEADS:
            command.upgrade(cfg, revision)
        rows = _seed(old, FORMER_HEADS)
    finally:
        old.dispose()

    backup_dir = tmp_path / "backups"
    db = open_database(url, backup_dir=backup_dir)
    try:
        _assert_healthy_at_merge(db)
        _assert_rows_intact(db, rows)
    finally:
        db.dispose()
    assert len(list(backup_dir.glob("*premigrate*.sqlite3"))) == 1
    open_database(url, backup_dir=backup_dir).dispose()  # already current: nothing more to do
    assert len(list(backup_dir.glob("*premigrate*.sqlite3"))) == 1


# --- (c) linear from the merge on ------------------------------------------------------------
def test_every_revision_after_the_merge_has_exactly_one_parent() -> None:
    script = ScriptDirectory.from_config(_config())
    revisions = {r.revision: r for r in script.walk_revisions()}
    assert set(revisions) >= UP_TO_MERGE

    def ancestors(rev: str) -> set[str]:
        seen: set[str] = set()
        todo = [rev]
        while todo:
            for parent in _parents(revisions[todo.pop()].down_revision):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    after_merge = {r for r in revisions if MERGE in ancestors(r)}
    # Nothing new may branch off an old revision: everything is up to the merge or after it.
    assert set(revisions) == UP_TO_MERGE | after_merge
    children: dict[str, int] = {}
    for rev in after_merge:
        parents = _parents(revisions[rev].down_revision)
        assert len(parents) == 1, f"{rev} must have exactly one down_revision, has {parents}"
        children[parents[0]] = children.get(parents[0], 0) + 1
    # One parent each and no revision with two children after 0013: a single chain.
    assert all(n == 1 for n in children.values()), children
