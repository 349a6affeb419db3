"""Imports running at once never duplicate an application (issue 19).

Two or three processes, each a full App with its own engine, import the same JSON export
into one profile at the same moment: afterwards every application is there exactly once,
with its whole history, and the imports together report each one imported exactly once.
SQLite always; PostgreSQL too when CAREERDESK_TEST_PG=1. The unique index on
``(profile_id, dedupe_key)`` is the backstop: a writer that does not queue on the write lock
makes the import retry, and the retry skips what that writer added.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from careerdesk.app import build_app
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.pipeline.io import json_io as jsonio
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.pipeline import Application, ApplicationEvent
from careerdesk.core.storage.tables.profiles import Profile
from tests.core.pipeline.conftest import START

ROOT = Path(__file__).resolve().parents[3]
PROFILE = "Importer"


def make_export(url: str, path: Path, count: int) -> None:
    """``count`` applications with a move and a note each, exported to ``path``."""
    app = build_app(AppPaths.resolve(), db_url=url)
    try:
        app.clock = FixedClock(START)
        svc = app.service(ApplicationService)
        pid = app.profiles.create("Source").id
        for i in range(count):
            a = svc.create(pid, {"company": f"Company {i}", "title": f"Analyst {i % 7}"})
            svc.move(a.id, "APPLIED", at=START + timedelta(hours=1))
            svc.add_note(a.id, f"Spoke to recruiter {i}")
        app.service(PipelineTransfer).export_json(pid, path)
        app.profiles.create(PROFILE)
    finally:
        app.close(backup=False)


def _worker(url: str, file: Path, go: Path, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, CAREERDESK_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("CAREERDESK_DB_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.pipeline.import_worker",
            url,
            PROFILE,
            str(file),
            str(go),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _rows(url: str) -> tuple[Counter[str], int]:
    """Dedupe keys (with how often each occurs) and event count in the importing profile."""
    db = open_database(url, migrate=False)
    try:
        with db.read() as s:
            pid = s.scalar(select(Profile.id).where(Profile.name == PROFILE))
            keys = Counter(
                s.scalars(select(Application.dedupe_key).where(Application.profile_id == pid))
            )
            events = s.scalar(
                select(func.count())
                .select_from(ApplicationEvent)
                .where(ApplicationEvent.profile_id == pid)
            )
    finally:
        db.dispose()
    return keys, int(events or 0)


@pytest.mark.slow
@pytest.mark.races
@pytest.mark.parametrize("workers", [2, 3])
def test_simultaneous_json_imports_leave_one_row_per_application(
    db_url: str, tmp_path: Path, workers: int
) -> None:
    count = 120
    export = tmp_path / "export.json"
    make_export(db_url, export, count)
    go = tmp_path / "go"
    procs = [_worker(db_url, export, go, tmp_path / f"home{i}") for i in range(workers)]
    for p in procs:
        assert p.stdout is not None
        line = p.stdout.readline().strip()
        assert line == "ready", p.stderr.read() if p.stderr else line
    go.touch()
    reports: list[dict[str, Any]] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"import failed:\n{err}"
        reports.append(json.loads(out.strip().splitlines()[-1]))

    keys, events = _rows(db_url)
    assert len(keys) == count and set(keys.values()) == {1}, "an application was duplicated"
    assert events == 3 * count  # created, moved, note: each history arrived once
    assert sum(r["imported"] for r in reports) == count
    assert all(r["imported"] + r["present"] == count for r in reports)


@pytest.mark.slow
@pytest.mark.races
def test_simultaneous_csv_imports_leave_one_row_per_application(
    db_url: str, tmp_path: Path
) -> None:
    """The CSV importer shares the in-transaction dedupe (ApplicationService.bulk_create)."""
    count = 300
    make_export(db_url, tmp_path / "unused.json", 0)  # creates the importing profile
    csv = tmp_path / "apps.csv"
    rows = [f"Company {i},Analyst {i % 7},2026-02-{1 + i % 28:02d},Applied" for i in range(count)]
    csv.write_text("Company,Title,Date applied,Status\n" + "\n".join(rows) + "\n", "utf-8")
    go = tmp_path / "go"
    procs = [_worker(db_url, csv, go, tmp_path / f"home{i}") for i in range(2)]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    go.touch()
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"import failed:\n{err}"
        reports.append(json.loads(out.strip().splitlines()[-1]))
    keys, events = _rows(db_url)
    assert len(keys) == count and set(keys.values()) == {1}
    assert events == count  # one 'created' event each
    assert sorted(r["imported"] for r in reports) == [0, count]


def test_a_lost_insert_race_is_retried_and_skips_what_the_other_writer_added(
    app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that does not queue commits one of the file's applications mid-import."""
    export = tmp_path / "export.json"
    app.close(backup=False)  # make_export builds its own App on the same database
    make_export(app.db.url, export, 5)
    app = build_app(AppPaths.resolve(), db_url=app.db.url)
    try:
        transfer = app.service(PipelineTransfer)
        pid = app.profiles.by_name(PROFILE).id
        real = jsonio.insert_applications
        calls: list[int] = []

        def racing(s: Any, profile_id: int, apps: list[Any], progress: Any = None) -> list[int]:
            calls.append(len(apps))
            if len(calls) == 1:
                # The other writer's row (same key as the file's first application), as if it
                # had committed just before us; then our insert meets the unique index.
                first = apps[0]
                row = {
                    "profile_id": profile_id,
                    **first.fields.model_dump(),
                    "company_key": "company 0",
                    "title_key": "analyst 0",
                    "state": first.state.value,
                    "state_changed_at": first.state_changed_at,
                    "created_at": first.created_at,
                    "updated_at": first.updated_at,
                    "dedupe_key": first.dedupe_key,
                }
                s.execute(insert(Application), [row])
                try:
                    return real(s, profile_id, apps, progress)
                except IntegrityError:
                    # Our unit of work is lost; meanwhile the other writer commits that row.
                    s.rollback()
                    with app.db.session() as other:
                        other.execute(insert(Application), [row])
                    raise
            return real(s, profile_id, apps, progress)

        monkeypatch.setattr(jsonio, "insert_applications", racing)
        report = transfer.import_json(pid, export)
        assert calls == [5, 4]  # the first attempt failed on the index; the rerun skips one
        assert report.imported == 4 and report.already_present == 1
        with app.db.read() as s:
            keys = Counter(
                s.scalars(select(Application.dedupe_key).where(Application.profile_id == pid))
            )
        assert len(keys) == 5 and set(keys.values()) == {1}
        report = transfer.import_json(pid, export)  # idempotent: a rerun adds nothing
        assert (report.imported, report.already_present) == (0, 5)
    finally:
        app.close(backup=False)
