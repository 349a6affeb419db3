"""kill -9 during ``careerdesk backup`` and ``careerdesk restore`` (issue 19), 20 seeds each.

The installation holds 10,000 applications (a few MB, so the copy takes a measurable time)
and a verified backup of them. Each seed copies that installation, runs the real CLI in a
subprocess and SIGKILLs it: even seeds after a delay from process start spread over one
unkilled run's duration; the others a short delay after the backup's ``.partial`` file (or,
for a restore, the safety backup's manifest) appears, which lands the kill inside the copy
itself. Afterwards:

- the database passes ``integrity_check`` and ``foreign_key_check``;
- all or nothing: the data is either exactly as before or exactly the backup's, and when it
  is the backup's, the pre-restore safety copy of the previous data exists and verifies;
- every backup under its final name verifies against its manifest;
- the app opens (``careerdesk profile list`` exits 0) and leaves no ``.partial`` behind.

Run alone with ``make faults`` (or ``pytest -m faults tests/faults``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from careerdesk.core.storage.backup_verify import validate_backup_file
from tests.faults.killing import (
    SEEDS,
    assert_app_opens,
    assert_integrity,
    backup_dir,
    count_rows,
    db_path,
    delay_for,
    kill_run,
    make_home,
    run_cli,
)

pytestmark = [pytest.mark.faults, pytest.mark.slow, pytest.mark.timeout(600)]

ROWS = 10_000
REPORT_ENV = "CAREERDESK_FAULTS_REPORT"  # append one JSON line per case (for the notes)


def _report(case: str, seed: int, **facts: object) -> None:
    target = os.environ.get(REPORT_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"case": case, "seed": seed, **facts}) + "\n")


def _ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _profiles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM profiles"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """An installation with 10,000 applications, a verified backup of them (profile Ann
    only) and, after it, one more profile (Extra); plus one unkilled run's durations."""
    root = tmp_path_factory.mktemp("fault-template")
    home = make_home(root)
    source = root / "applications.csv"
    lines = ["Company,Title,Status,Applied on"]
    lines += [f"Fault Co {i},Analyst {i},Applied,2026-01-15" for i in range(ROWS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _ok(run_cli(home, ["profile", "create", "Ann"]))
    _ok(run_cli(home, ["import", "applications", str(source), "--profile", "Ann"]))
    backup = Path(_ok(run_cli(home, ["backup"])).strip())
    _ok(run_cli(home, ["profile", "create", "Extra"]))
    timings = {}
    for name, args in (("backup", ["backup"]), ("restore", ["restore", str(backup)])):
        probe = make_home(root, f"probe-{name}")
        shutil.copytree(home, probe, dirs_exist_ok=True)
        args = [a.replace(str(home), str(probe)) for a in args]
        started = time.monotonic()
        _ok(run_cli(probe, args))
        timings[name] = time.monotonic() - started
    probe = make_home(root, "probe-damaged")
    shutil.copytree(home, probe, dirs_exist_ok=True)
    _damage_schema(db_path(probe))
    started = time.monotonic()
    _ok(run_cli(probe, ["restore", "--latest"]))
    timings["restore over damaged"] = time.monotonic() - started
    return {"home": home, "backup": backup, "timings": timings}


def _copy(template: dict[str, object], tmp_path: Path) -> tuple[Path, Path]:
    src = template["home"]
    assert isinstance(src, Path)
    home = make_home(tmp_path)
    shutil.copytree(src, home, dirs_exist_ok=True)
    backup = template["backup"]
    assert isinstance(backup, Path)
    return home, home / backup.relative_to(src)


def _partial_appears(folder: Path, pattern: str) -> bool:
    return any(folder.glob(pattern))


def _finals(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"careerdesk-{kind}-*.sqlite3"))


def _assert_opens_clean(home: Path) -> None:
    assert_app_opens(home)
    leftovers = [p.name for p in backup_dir(home).iterdir() if ".partial" in p.name]
    leftovers += [p.name for p in db_path(home).parent.iterdir() if ".partial" in p.name]
    assert leftovers == []


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_backup(seed: int, template: dict[str, object], tmp_path: Path) -> None:
    home, _backup = _copy(template, tmp_path)
    before = _finals(backup_dir(home), "manual")
    timings = template["timings"]
    assert isinstance(timings, dict)
    if seed % 2 == 0:
        delay = delay_for(seed, 0.0, timings["backup"])
        outcome = kill_run(home, ["backup"], delay)
    else:
        delay = delay_for(seed, 0.0, 0.25)
        outcome = kill_run(
            home,
            ["backup"],
            delay,
            start_when=lambda: _partial_appears(backup_dir(home), "*.partial"),
        )
    partial_left = _partial_appears(backup_dir(home), "*.partial")
    assert_integrity(db_path(home))
    assert count_rows(db_path(home), "SELECT count(*) FROM applications") == ROWS
    assert _profiles(db_path(home)) == ["Ann", "Extra"]
    new = [p for p in _finals(backup_dir(home), "manual") if p not in before]
    assert len(new) <= 1  # all or nothing
    for path in new:  # a backup under its final name is complete and verifies
        assert validate_backup_file(path) is True
        assert count_rows(path, "SELECT count(*) FROM applications") == ROWS
        assert _profiles(path) == ["Ann", "Extra"]
    _assert_opens_clean(home)
    _report(
        "backup",
        seed,
        delay=round(delay, 3),
        killed=outcome.killed,
        partial_left=partial_left,
        backup_written=bool(new),
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_restore(seed: int, template: dict[str, object], tmp_path: Path) -> None:
    home, backup = _copy(template, tmp_path)
    timings = template["timings"]
    assert isinstance(timings, dict)
    args = ["restore", str(backup)]
    if seed % 3 == 0:
        delay = delay_for(seed, 0.0, timings["restore"])
        outcome = kill_run(home, args, delay)
    elif seed % 3 == 1:  # while the safety backup is being written
        delay = delay_for(seed, 0.0, 0.4)
        outcome = kill_run(
            home,
            args,
            delay,
            start_when=lambda: _partial_appears(backup_dir(home), "*prerestore*"),
        )
    else:  # once the safety backup is sealed: during the copy over the live data
        delay = delay_for(seed, 0.0, 0.5)
        outcome = kill_run(
            home,
            args,
            delay,
            start_when=lambda: _partial_appears(backup_dir(home), "*prerestore*.manifest.json"),
        )
    assert_integrity(db_path(home))
    profiles = _profiles(db_path(home))
    assert count_rows(db_path(home), "SELECT count(*) FROM applications") == ROWS
    assert profiles in (["Ann", "Extra"], ["Ann"])  # as before, or exactly the backup
    safeties = _finals(backup_dir(home), "prerestore")
    assert len(safeties) <= 1
    if profiles == ["Ann"]:  # restored: the previous data was saved first, intact
        assert len(safeties) == 1
    for path in safeties:
        assert validate_backup_file(path) is True
        assert _profiles(path) == ["Ann", "Extra"]
    _assert_opens_clean(home)
    # The restored database is usable for writing (not stuck at an old schema or locked).
    assert run_cli(home, ["profile", "create", f"After {seed}"]).returncode == 0
    _report(
        "restore",
        seed,
        delay=round(delay, 3),
        killed=outcome.killed,
        restored=profiles == ["Ann"],
        safety_written=bool(safeties),
    )


def _damage_schema(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    data[data.find(b"REFERENCES") + 3] = 0xFF  # sqlite3 now raises UnicodeDecodeError
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_restore_over_a_damaged_database(
    seed: int, template: dict[str, object], tmp_path: Path
) -> None:
    home, _backup = _copy(template, tmp_path)
    damaged = _damage_schema(db_path(home))
    timings = template["timings"]
    assert isinstance(timings, dict)
    if seed % 2 == 0:
        delay = delay_for(seed, 0.0, timings["restore over damaged"])
        outcome = kill_run(home, ["restore", "--latest"], delay)
    else:
        delay = delay_for(seed, 0.0, 0.3)
        outcome = kill_run(
            home,
            ["restore", "--latest"],
            delay,
            start_when=lambda: _partial_appears(db_path(home).parent, "*.restoring.partial"),
        )
    live = db_path(home)
    assert live.is_file()  # never left without a database file (an empty app)
    kept = sorted(live.parent.glob("careerdesk.sqlite3.corrupt-*[0-9]"))
    restored = live.read_bytes() != damaged
    if restored:  # swapped in whole: the backup's data, the damaged file kept aside
        assert_integrity(live)
        assert _profiles(live) == ["Ann"]
        assert [p.read_bytes() == damaged for p in kept] == [True]
        _assert_opens_clean(home)
    else:  # still the damaged file: refused clearly, and a second try recovers
        refused = run_cli(home, ["profile", "list"])
        assert refused.returncode == 2 and "restore --latest" in refused.stderr
        assert run_cli(home, ["restore", "--latest"]).returncode == 0
        assert _profiles(live) == ["Ann"]
        _assert_opens_clean(home)
    _report(
        "restore over damaged",
        seed,
        delay=round(delay, 3),
        killed=outcome.killed,
        restored_by_killed_run=restored,
    )
