"""``kill -9`` during ``careerdesk import applications FILE.json`` at random moments (issue 19).

A real CLI process imports a 1,500-application export (2,000+ events) into an empty profile
and is killed with SIGKILL after a random delay, 24 seeds spread over the run (start-up,
reading, validating, the write transaction, the commit). After each kill:

- ``PRAGMA integrity_check`` is ``ok`` and the foreign keys hold;
- the import is all or nothing: the profile has 0 applications and 0 events, or all of them;
- nothing is duplicated (one row per dedupe key);
- the app opens, and running the same import again completes with every application
  exactly once (the rerun skips what a completed run already added).

Run alone: ``pytest -m faults tests/faults``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from careerdesk.app import build_app
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.service import ApplicationService
from tests.core.pipeline.conftest import START

pytestmark = [pytest.mark.faults, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
COUNT = 1500
MOVED = 300  # applications with a move and a note besides their 'created' event
EVENTS = COUNT + 2 * MOVED
SEEDS = range(24)
TARGET = "Bob"


# --- a small local kill helper --------------------------------------------------------------
@dataclass
class Killed:
    delay: float
    finished: bool  # the process had already exited when the kill came
    returncode: int | None


def run_and_kill(cmd: list[str], env: dict[str, str], delay: float) -> Killed:
    """Start ``cmd``, SIGKILL it after ``delay`` seconds (unless it already ended)."""
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        proc.wait(timeout=delay)
        return Killed(delay, True, proc.returncode)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return Killed(delay, False, proc.returncode)


# --- the scenario ---------------------------------------------------------------------------
@dataclass
class Prepared:
    home: Path  # a CAREERDESK_HOME with Ann's pipeline and an empty profile Bob
    export: Path
    full_run_s: float  # how long an import takes from process start to exit


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, CAREERDESK_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("CAREERDESK_DB_URL", None)
    return env


def _cmd(export: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "careerdesk",
        "import",
        "applications",
        str(export),
        "--profile",
        TARGET,
    ]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    base = tmp_path_factory.mktemp("kill-json")
    home = base / "home"
    export = base / "export.json"
    old = os.environ.get("CAREERDESK_HOME")
    os.environ["CAREERDESK_HOME"] = str(home)
    try:
        app = build_app(AppPaths.resolve())
        try:
            app.clock = FixedClock(START)
            svc = app.service(ApplicationService)
            ann = app.profiles.create("Ann").id
            items = [
                ApplicationInput(company=f"Company {i}", title=f"Analyst {i % 11}")
                for i in range(COUNT)
            ]
            ids = svc.bulk_create(ann, items).created_ids
            for app_id in ids[:MOVED]:
                svc.move(app_id, "APPLIED", at=START + timedelta(hours=1))
                svc.add_note(app_id, "Called the recruiter")
            app.service(PipelineTransfer).export_json(ann, export)
            app.profiles.create(TARGET)
        finally:
            app.close(backup=False)
    finally:
        if old is None:
            os.environ.pop("CAREERDESK_HOME", None)
        else:
            os.environ["CAREERDESK_HOME"] = old
    # One uninterrupted run on a copy: how long the kill window is.
    probe = base / "probe"
    shutil.copytree(home, probe)
    started = time.perf_counter()
    done = subprocess.run(_cmd(export), cwd=ROOT, env=_env(probe), capture_output=True, text=True)
    full = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    assert f"Imported {COUNT} of {COUNT}" in done.stdout
    yield Prepared(home, export, full)


def _database(home: Path) -> Path:
    found = sorted(home.rglob("careerdesk.sqlite3"))
    assert len(found) == 1, found
    return found[0]


def _state(db: Path) -> tuple[int, int, int]:
    """(applications, events, distinct dedupe keys) of the target profile; checks integrity."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        (pid,) = conn.execute("SELECT id FROM profiles WHERE name = ?", (TARGET,)).fetchone()
        apps, keys = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT dedupe_key) FROM applications WHERE profile_id = ?",
            (pid,),
        ).fetchone()
        (events,) = conn.execute(
            "SELECT COUNT(*) FROM application_events WHERE profile_id = ?", (pid,)
        ).fetchone()
        return int(apps), int(events), int(keys)
    finally:
        conn.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_9_during_a_json_import_leaves_all_or_nothing(
    prepared: Prepared, tmp_path: Path, seed: int
) -> None:
    home = tmp_path / "home"
    shutil.copytree(prepared.home, home)
    # Spread over the whole run, start-up included, and a little past it.
    delay = random.Random(seed).uniform(0.05, prepared.full_run_s * 1.1)
    killed = run_and_kill(_cmd(prepared.export), _env(home), delay)
    db = _database(home)

    apps, events, keys = _state(db)
    assert (apps, events) in ((0, 0), (COUNT, EVENTS)), (
        f"half an import after a kill at {delay:.2f} s: {apps} applications, {events} events"
    )
    assert keys == apps, "an application is there twice"
    if killed.finished:
        assert killed.returncode == 0 and apps == COUNT

    # The app opens, and the same import run again leaves each application exactly once.
    rerun = subprocess.run(
        _cmd(prepared.export), cwd=ROOT, env=_env(home), capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    expected = "Imported 0 of" if apps else f"Imported {COUNT} of {COUNT}"
    assert expected in rerun.stdout, rerun.stdout
    assert _state(db) == (COUNT, EVENTS, COUNT)
    print(
        f"seed {seed}: kill at {delay:.2f} s of {prepared.full_run_s:.2f} s -> "
        f"{'finished first' if killed.finished else 'killed'}, {apps} applications after"
    )
