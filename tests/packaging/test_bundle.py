"""The built bundle, run from the outside (skipped unless a bundle exists).

``CAREERDESK_BUNDLE`` (a bundle folder or its executable) selects the bundle, and then it must
exist: ``make dist-test`` and ``.ci/run`` set it right after building, so these tests never
skip in CI. Without it, ``dist/CareerDesk`` is used when present (build it with ``make dist``;
a stale one fails the resource comparison below, which is the point).
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database, sqlite_url
from careerdesk.selftest.checks.packaging import PREVIOUS_RELEASE_REVISION

ROOT = Path(__file__).resolve().parents[2]
EXE = "careerdesk.exe" if sys.platform == "win32" else "careerdesk"


def _find_bundle() -> tuple[Path | None, str | None]:
    explicit = os.environ.get("CAREERDESK_BUNDLE", "").strip()
    path = (Path(explicit) if explicit else ROOT / "dist" / "CareerDesk").resolve()
    if path.is_file():
        path = path.parent
    if (path / EXE).is_file():
        return path, None
    return None, (f"CAREERDESK_BUNDLE={explicit} holds no {EXE}" if explicit else None)


BUNDLE, BUNDLE_ERROR = _find_bundle()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        BUNDLE is None and BUNDLE_ERROR is None,
        reason="no bundle: build one with `make dist` or set CAREERDESK_BUNDLE",
    ),
]


@pytest.fixture
def bundle() -> Path:
    if BUNDLE is None:
        pytest.fail(BUNDLE_ERROR or "no bundle")
    return BUNDLE


def run_bundle(bundle: Path, *args: str, home: Path, timeout: float = 180) -> str:
    """Run the bundle's executable with a private CAREERDESK_HOME; its stdout (must exit 0)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CAREERDESK_DB_URL", "PYTHONPATH")}
    env.update(
        CAREERDESK_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        QT_LOGGING_RULES="qt.multimedia.*=false",
    )
    done = subprocess.run(
        [str(bundle / EXE), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home.parent,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def internal(bundle: Path) -> Path:
    return bundle / "_internal"


def test_self_test_passes_inside_the_bundle(bundle: Path, tmp_path: Path) -> None:
    out = run_bundle(bundle, "self-test", home=tmp_path / "home")
    results = {name: mark for mark, name in re.findall(r"^\[(PASS|FAIL)\] (.+?) \(", out, re.M)}
    expected = {
        "database and migrations",
        "main window",
        "keyring backend",
        "resources load",
        "bundled libraries import",
        "previous release schema migrates",
        "calendar discovery loads",
        "Qt locale services",
        "charts render and export",
        "multimedia backend",
        "video probe",  # issue 17: pack videos' length, title and damage without PyAV
        "résumé import and match",  # issue 22: the bundle imports and matches a résumé
    }
    assert expected <= results.keys(), out
    assert all(mark == "PASS" for mark in results.values()), out
    # Resources came through importlib.resources in the frozen interpreter, not the source.
    assert re.search(r"\[PASS\] resources load .*frozen bundle at", out), out
    # matplotlib's font list goes to the app's cache, not the run-time hook's throwaway folder.
    assert re.search(
        r"\[PASS\] charts render and export .*font list kept in the app's cache", out
    ), out


def test_the_font_list_outlives_the_process(bundle: Path, tmp_path: Path) -> None:
    """PyInstaller's matplotlib hook gives each start a new temporary folder: without
    AppPaths.keep_matplotlib_cache the font list was rebuilt at the first chart of every
    session. A chart drawn by one process must leave it where the next process looks."""
    home = tmp_path / "home"
    run_bundle(bundle, "profile", "create", "Font learner", home=home)
    run_bundle(
        bundle, "charts", "--profile", "Font learner", "--output", str(tmp_path / "c"), home=home
    )
    kept = list((home / "cache" / "matplotlib").glob("fontlist-*.json"))
    assert len(kept) == 1 and '"ttflist"' in kept[0].read_text(encoding="utf-8")


def test_bundle_carries_every_resource_and_migration(bundle: Path) -> None:
    def files(folder: Path, *, python: bool) -> set[str]:
        return {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and (python or p.suffix != ".py")
            and p.suffix != ".pyc"
        }

    for rel, python in (
        ("careerdesk/resources", False),
        ("careerdesk/core/storage/migrations", True),
    ):
        source, frozen = (
            files(ROOT / rel, python=python),
            files(internal(bundle) / rel, python=python),
        )
        assert source == frozen, (
            f"{rel}: missing from the bundle {sorted(source - frozen)}, "
            f"only in the bundle {sorted(frozen - source)} (rebuild with `make dist`)"
        )
    docs = internal(bundle) / "googleapiclient" / "discovery_cache" / "documents"
    assert sorted(p.name for p in docs.iterdir()) == ["calendar.v3.json"]


def _previous_release_database(home: Path) -> AppPaths:
    """A data folder as the first release left it: its schema, one learner."""
    paths = AppPaths.resolve({"CAREERDESK_HOME": str(home)})
    paths.data_dir.mkdir(parents=True)
    db = Database(sqlite_url(paths.db_path))
    try:
        mig.upgrade(db.engine, PREVIOUS_RELEASE_REVISION)
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO profiles (name, full_name, location, field_of_study, interests,"
                    " target_role_ids, created_at, updated_at) VALUES ('Kept', 'Kept Learner',"
                    " '', '', '', '[]', '2026-01-05 09:00:00.000000',"
                    " '2026-01-05 09:00:00.000000')"
                )
            )
    finally:
        db.dispose()
    return paths


def test_upgrade_from_previous_release_keeps_data_in_the_bundle(
    bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    paths = _previous_release_database(home)

    out = run_bundle(bundle, "profile", "list", "--json", home=home)
    assert '"Kept"' in out and '"Kept Learner"' in out, out

    conn = sqlite3.connect(paths.db_path)
    try:
        revisions = {r for (r,) in conn.execute("SELECT version_num FROM alembic_version")}
    finally:
        conn.close()
    assert revisions == mig.head_revisions()
    backups = sorted(paths.backup_dir.glob("careerdesk-premigrate-*.sqlite3"))
    if mig.head_revisions() == {PREVIOUS_RELEASE_REVISION}:
        assert backups == []  # nothing to migrate yet, so nothing to back up
    else:
        assert len(backups) == 1
        conn = sqlite3.connect(backups[0])
        try:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
                (PREVIOUS_RELEASE_REVISION,)
            ]
        finally:
            conn.close()

    run_bundle(bundle, "profile", "list", home=home)  # a second start migrates nothing more
    assert sorted(paths.backup_dir.glob("careerdesk-premigrate-*.sqlite3")) == backups


def test_bundle_never_writes_into_itself(bundle: Path, tmp_path: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(bundle)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in bundle.rglob("*")
            if p.is_file()
        }

    before = snapshot()
    home = tmp_path / "home"
    run_bundle(bundle, "profile", "create", "Ann", home=home)
    run_bundle(bundle, "profile", "list", home=home)
    assert snapshot() == before  # no data, settings, logs or bytecode caches in the bundle
    assert (home / "data" / "careerdesk.sqlite3").is_file()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None,
    reason="needs Linux with ldd on PATH",
)
def test_every_bundled_library_loads(bundle: Path) -> None:
    """Stripping and trimming leave every ELF file loadable: no segment the loader rejects,
    every dependency that is in the bundle found there, and the libraries deliberately left
    to the system (PulseAudio, D-Bus clients) found on it. (Libraries that were missing on
    the build machine too, e.g. Wayland's on a headless box, are PyInstaller build warnings.)"""
    left_to_system = {"libpulse.so.0", "libdbus-1.so.3"}
    files = [p for p in internal(bundle).rglob("*.so*") if p.is_file() and not p.is_symlink()]
    bundled = {p.name for p in internal(bundle).rglob("*")}
    lib_path = os.pathsep.join([str(internal(bundle)), str(internal(bundle) / "PySide6/Qt/lib")])
    problems = []
    for path in sorted(files):
        done = subprocess.run(
            ["ldd", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "LD_LIBRARY_PATH": lib_path},
            check=False,
        )
        if done.returncode != 0:  # e.g. a file the loader rejects outright
            problems.append(f"{path.relative_to(bundle)}: ldd exit {done.returncode}")
        for line in (done.stdout + done.stderr).splitlines():
            missing = re.match(r"\s*(\S+) => not found", line)
            if missing and (missing[1] in bundled or missing[1] in left_to_system):
                problems.append(f"{path.relative_to(bundle)}: {missing[1]} not found")
            elif "not page-aligned" in line or line.startswith(("ldd:", "\tldd:")):
                problems.append(f"{path.relative_to(bundle)}: {line.strip()}")
    assert not problems, "\n".join(sorted(set(problems)))
