"""Two real CareerDesk processes writing to one database at once lose nothing.

Kiosks in a careers centre share one PostgreSQL database (CAREERDESK_DB_URL); a laptop may
run the GUI and a CLI command on one SQLite file. Each test starts two worker processes
(tests/core/storage/concurrency_worker.py) that build a real App on the same URL and write at the
same moment: new profiles, a shared counter row (read-modify-write), events on a shared
profile. Runs on SQLite always and on PostgreSQL when CAREERDESK_TEST_PG=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from careerdesk.core.profiles.service import ProfileService
from careerdesk.core.storage.opening import open_database
from careerdesk.core.storage.tables.profiles import AppMeta, LearningEvent, Profile
from tests.core.storage.concurrency_worker import COUNTER_KEY, SHARED_PROFILE

ROOT = Path(__file__).resolve().parents[3]
ROUNDS = 40


def _start_worker(url: str, tag: str, go: Path, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, CAREERDESK_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("CAREERDESK_DB_URL", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.storage.concurrency_worker",
            url,
            tag,
            str(ROUNDS),
            str(go),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run_two(url: str, tmp_path: Path) -> list[dict[str, object]]:
    go = tmp_path / "go"
    workers = [_start_worker(url, tag, go, tmp_path / f"home-{tag}") for tag in ("A", "B")]
    go.touch()
    results = []
    for w in workers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, f"worker failed:\n{err}"
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _prepare(url: str) -> None:
    """A migrated database with the shared profile and the counter row (as after install)."""
    from careerdesk.core.kernel.events import EventBus

    db = open_database(url)
    ProfileService(db, EventBus()).create(SHARED_PROFILE)
    with db.session() as s:
        s.add(AppMeta(key=COUNTER_KEY, value="0"))
    db.dispose()


def _check(url: str) -> None:
    db = open_database(url, migrate=False)
    try:
        with db.read() as s:
            names = set(s.scalars(select(Profile.name)))
            row = s.get(AppMeta, COUNTER_KEY)
            counter = None if row is None else int(row.value)
            events = s.scalar(select(func.count()).select_from(LearningEvent))
    finally:
        db.dispose()
    expected = {f"{tag} learner {i:03d}" for tag in ("A", "B") for i in range(ROUNDS)}
    assert expected <= names, f"lost profiles: {sorted(expected - names)[:5]}"
    assert counter == 2 * ROUNDS, "lost counter updates"
    assert events == 2 * ROUNDS, "lost learning events"


@pytest.mark.slow
@pytest.mark.races
def test_two_processes_write_at_once_and_lose_nothing(db_url: str, tmp_path: Path) -> None:
    _prepare(db_url)
    results = _run_two(db_url, tmp_path)
    assert sorted(r["tag"] for r in results) == ["A", "B"]
    assert all(r["created"] == ROUNDS for r in results)
    assert results[0]["pid"] != results[1]["pid"]
    _check(db_url)


@pytest.mark.slow
@pytest.mark.races
def test_two_processes_open_a_new_database_at_once(db_url: str, tmp_path: Path) -> None:
    """Two kiosks started together on an empty database: one migrates, the other waits."""
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CAREERDESK_DB_URL", None)
    # Import first, say "ready", then open the database the moment the parent says go.
    script = (
        "import os, sys, time\n"
        "from careerdesk.core.storage.opening import open_database\n"
        "print('ready', flush=True)\n"
        "while not os.path.exists(sys.argv[2]): time.sleep(0.001)\n"
        "open_database(sys.argv[1]).dispose()\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, str(go)],
            cwd=ROOT,
            env=dict(env, CAREERDESK_HOME=str(tmp_path / f"h{i}")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    go.touch()
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, f"opening failed:\n{err}"
    from careerdesk.core.storage import migrations as mig

    db = open_database(db_url, migrate=False)
    with db.engine.connect() as conn:
        assert mig.current_revisions(conn) == mig.head_revisions()
    db.dispose()
