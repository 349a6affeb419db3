"""``kill -9`` during ``careerdesk import applications FILE.csv`` at 20 random offsets.

Each run imports a 600-row tracker export (dated stages, contacts, documents, imported
fields: several tables and ~10 rows per application) into a fresh copy of one data folder
and is killed at a seeded random moment between start-up and the end of a full run. After
each kill: ``PRAGMA integrity_check`` is ok, the import is all or nothing (0 or 600
applications, every one with its complete log and children), nothing is duplicated, and a
second import opens the app and finishes the job without adding anything twice.

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
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.timeout(2400)]

ROWS = 600
SEEDS = range(20)
REPO = Path(__file__).resolve().parents[2]


def careerdesk(
    home: Path, *args: str, kill_after: float | None = None
) -> subprocess.CompletedProcess[str] | None:
    """Run ``python -m careerdesk ARGS`` with its own data folder; with ``kill_after``,
    send SIGKILL after that many seconds (None when it was killed, else the result)."""
    env = {**os.environ, "CAREERDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    cmd: Sequence[str] = [sys.executable, "-m", "careerdesk", *args]
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if kill_after is not None:
        try:
            out, err = proc.communicate(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            return None
    else:
        out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _export(path: Path) -> None:
    lines = [
        "id,company_name,job_title,status,source,is_remote,job_url,salary_range_min,"
        "salary_range_max,contact_person,cv_file,sector,applied_at,interview_at,rejected_at,"
        "created_at,updated_at"
    ]
    for i in range(ROWS):
        day = 1 + i % 27
        lines.append(
            f"{i},Company {i:05d},Analyst {i % 7},rejected,LinkedIn,{'true' if i % 2 else 'false'},"
            f"https://jobs.example/{i},40000,50000,Person {i},cv/{i}.pdf,Sector {i % 5},"
            f"2026-01-{day:02d}T09:00:00Z,2026-02-{day:02d}T10:00:00Z,2026-02-{day:02d}T18:00:00Z,"
            f"2025-12-{day:02d}T08:00:00Z,2026-02-{day:02d}T18:00:00Z"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _state(db: Path) -> dict[str, object]:
    con = sqlite3.connect(db)
    try:
        q = con.execute
        return {
            "integrity": q("PRAGMA integrity_check").fetchone()[0],
            "apps": q("SELECT COUNT(*) FROM applications").fetchone()[0],
            "duplicates": q(
                "SELECT COUNT(*) FROM (SELECT dedupe_key FROM applications "
                "GROUP BY profile_id, dedupe_key HAVING COUNT(*) > 1)"
            ).fetchone()[0],
            "events": q("SELECT COUNT(*) FROM application_events").fetchone()[0],
            "children": sum(
                q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("interviews", "application_contacts", "application_documents")
            ),
            "orphans": sum(
                q(
                    f"SELECT COUNT(*) FROM {t} WHERE application_id NOT IN "
                    "(SELECT id FROM applications)"
                ).fetchone()[0]
                for t in (
                    "application_events",
                    "interviews",
                    "application_contacts",
                    "application_documents",
                )
            ),
        }
    finally:
        con.close()


# Per application of the export: created, note (imported fields), contact, document,
# Applied, Phone interview, interview added, Rejected = 8 events; 3 child rows.
FULL = {"apps": ROWS, "events": 8 * ROWS, "children": 3 * ROWS}


def test_kill_9_during_a_csv_import_is_all_or_nothing(tmp_path: Path) -> None:
    export = tmp_path / "tracker.csv"
    _export(export)
    template = tmp_path / "template"
    created = careerdesk(template, "profile", "create", "Ann")
    assert created is not None and created.returncode == 0, created and created.stderr
    db = Path("data") / "careerdesk.sqlite3"

    calibration = tmp_path / "calibration"
    shutil.copytree(template, calibration)
    started = time.monotonic()
    opened = careerdesk(calibration, "applications", "list", "--profile", "Ann")
    start_up = time.monotonic() - started  # the app opening, before the import starts
    assert opened is not None and opened.returncode == 0
    started = time.monotonic()
    full = careerdesk(calibration, "import", "applications", str(export), "--profile", "Ann")
    whole_run = time.monotonic() - started  # only to spread the kill offsets, never asserted
    assert full is not None and full.returncode == 0, full.stderr
    assert {k: _state(calibration / db)[k] for k in FULL} == FULL

    outcomes: list[tuple[int, float, str]] = []
    for seed in SEEDS:
        home = tmp_path / f"run-{seed}"
        shutil.copytree(template, home)
        # From just before the import starts reading to the end of a whole run.
        offset = random.Random(seed).uniform(0.8 * start_up, whole_run)
        result = careerdesk(
            home, "import", "applications", str(export), "--profile", "Ann", kill_after=offset
        )
        after = _state(home / db)
        assert after["integrity"] == "ok", (seed, after)
        assert after["duplicates"] == 0 and after["orphans"] == 0, (seed, after)
        counts = {k: after[k] for k in FULL}
        assert counts in ({"apps": 0, "events": 0, "children": 0}, FULL), (seed, offset, after)
        if result is not None:  # finished before the kill
            assert result.returncode == 0 and counts == FULL, (seed, result.stderr)
        outcomes.append((seed, offset, "nothing" if after["apps"] == 0 else "everything"))
        again = careerdesk(home, "import", "applications", str(export), "--profile", "Ann")
        assert again is not None and again.returncode == 0, (seed, again and again.stderr)
        final = _state(home / db)
        assert {k: final[k] for k in FULL} == FULL and final["duplicates"] == 0, (seed, final)
        shutil.rmtree(home)
    print("\nseed  kill after (s)  left behind")
    for seed, offset, what in outcomes:
        print(f"{seed:>4}  {offset:>14.2f}  {what}")
    assert len(outcomes) == len(SEEDS)
