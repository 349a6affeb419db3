"""``kill -9`` during a calendar push: nothing is duplicated, the database stays sound.

``careerdesk sync-calendar`` runs in a child process against the loopback Google stand-in
(in this process). Each seed kills it at a different point: after the server applied request
number K (chosen by the seed among all requests of an uninterrupted run, so inside batches
too: Google has the change, CareerDesk never hears of it), or after a random delay (so also
while the outbox and links are being written). Then a normal sync runs, and:

- every CareerDesk entry has exactly one event in Google, under its stable id, with the
  entry's date, and no event of an entry that no longer exists is left;
- ``PRAGMA integrity_check`` is ``ok`` and the app opens;
- the outbox is empty.

Run alone: ``pytest -m faults tests/faults``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from careerdesk.app import build_app
from careerdesk.core.calendar.models import stable_event_id
from careerdesk.core.calendar.service import CalendarSyncService
from careerdesk.core.calendar.sync import CalendarSync
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.pipeline.service import ApplicationService
from tests.calendar_support import credentials_info
from tests.fakes.calendar_server import FakeCalendar, Recorded

pytestmark = [pytest.mark.faults, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(20)
TODAY = date.today()


@dataclass
class Template:
    """A data folder after one sync plus a round of edits, and Google's events at that time."""

    home: Path
    events: dict[str, Any]
    credentials: Path
    expected: dict[str, date]  # uid -> deadline: what Google must hold after the next sync
    requests: int  # API requests (batch parts counted one by one) of an uninterrupted sync
    seconds: float  # from its first request to its end, for the random-delay kills


def _env(home: Path, fake: FakeCalendar) -> dict[str, str]:
    env = dict(os.environ, CAREERDESK_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("CAREERDESK_DB_URL", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    env["CAREERDESK_GOOGLE_API_ENDPOINT"] = fake.api_endpoint
    env["CAREERDESK_GOOGLE_TOKEN_URI"] = fake.token_uri
    env["CAREERDESK_GOOGLE_REVOKE_URL"] = fake.revoke_uri
    return env


def _sync_command(credentials: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "careerdesk",
        "sync-calendar",
        "--profile",
        "Ann",
        "--credentials",
        str(credentials),
    ]


def _in_process_sync(home: Path, fake: FakeCalendar, credentials: Path) -> None:
    os.environ["CAREERDESK_HOME"] = str(home)
    app = build_app(AppPaths.resolve())
    try:
        pid = app.profiles.by_name("Ann").id
        app.service(CalendarSync).sync(pid, credentials_file=credentials)
    finally:
        app.close(backup=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    base = tmp_path_factory.mktemp("kill-calendar")
    home = base / "home"
    saved_home = os.environ.get("CAREERDESK_HOME")
    with FakeCalendar() as fake:
        ours = {k: v for k, v in _env(home, fake).items() if k.startswith("CAREERDESK_")}
        saved = {k: os.environ.get(k) for k in ours}
        os.environ.update(ours)
        try:
            credentials = base / "user.json"
            credentials.write_text(json.dumps(credentials_info(fake)), encoding="utf-8")
            app = build_app(AppPaths.resolve())
            apps = app.service(ApplicationService)
            profile = app.profiles.create("Ann")
            expected: dict[str, date] = {}
            ids = []
            for n in range(30):
                day = TODAY + timedelta(days=10 + n)
                row = apps.create(
                    profile.id, {"company": f"Firm {n}", "title": "Analyst", "deadline": day}
                )
                ids.append(row.id)
                expected[f"deadline-{row.id}@careerdesk"] = day
            app.close(backup=False)
            _in_process_sync(home, fake, credentials)
            assert len(fake.events()) == 30
            # Edits the killed sync will send: 25 new, 6 moved, 4 deleted.
            app = build_app(AppPaths.resolve())
            apps = app.service(ApplicationService)
            for n in range(30, 55):
                day = TODAY + timedelta(days=10 + n)
                row = apps.create(
                    profile.id, {"company": f"Firm {n}", "title": "Analyst", "deadline": day}
                )
                expected[f"deadline-{row.id}@careerdesk"] = day
            for app_id in ids[:6]:
                apps.update(app_id, {"deadline": TODAY + timedelta(days=90)})
                expected[f"deadline-{app_id}@careerdesk"] = TODAY + timedelta(days=90)
            for app_id in ids[-4:]:
                apps.delete(app_id)
                del expected[f"deadline-{app_id}@careerdesk"]
            app.close(backup=False)
            events = fake.snapshot()
            # One uninterrupted run: how many requests and how long (the kill points' range).
            reference = base / "reference"
            shutil.copytree(home, reference)
            before = len(fake.ops())
            first: list[float] = []
            fake.on_applied = lambda record: first.append(time.monotonic())
            done = subprocess.run(
                _sync_command(credentials),
                env=_env(reference, fake),
                capture_output=True,
                text=True,
                timeout=300,
            )
            seconds = time.monotonic() - first[0]
            fake.on_applied = None
            assert done.returncode == 0, done.stderr
            requests = len(fake.ops()) - before
            assert len(fake.events()) == 51
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    yield Template(home, events, credentials, expected, requests, seconds)
    if saved_home is not None:
        os.environ["CAREERDESK_HOME"] = saved_home


@pytest.mark.parametrize("seed", SEEDS)
def test_kill_during_calendar_push(
    seed: int, template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    home = tmp_path / "home"
    shutil.copytree(template.home, home)
    with FakeCalendar() as fake:
        fake.restore(template.events)
        for key, value in _env(home, fake).items():
            if key.startswith("CAREERDESK_"):
                monkeypatch.setenv(key, value)
        child: dict[str, subprocess.Popen[str]] = {}
        killed = threading.Event()

        def kill() -> None:
            if not killed.is_set() and "p" in child:
                killed.set()
                os.kill(child["p"].pid, signal.SIGKILL)

        # Even seeds: kill once the server applied request number ``target``. Odd seeds: kill
        # a random time after the first request (also catches the database writes).
        by_request = seed % 2 == 0
        target = rng.randint(1, template.requests)
        timer = threading.Timer(rng.uniform(0.0, template.seconds), kill)
        seen = {"n": 0}

        def on_applied(record: Recorded) -> None:
            seen["n"] += 1
            if by_request and seen["n"] >= target:
                kill()
            elif not by_request and seen["n"] == 1:
                timer.start()

        fake.on_applied = on_applied
        child["p"] = subprocess.Popen(
            _sync_command(template.credentials),
            env=_env(home, fake),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _out, err = child["p"].communicate(timeout=300)
        timer.cancel()
        fake.on_applied = None
        if by_request:
            assert child["p"].returncode == -signal.SIGKILL, err
        else:
            assert child["p"].returncode in (0, -signal.SIGKILL), err

        # After the crash: the database is sound, then a normal sync puts things right.
        con = sqlite3.connect(home / "data" / "careerdesk.sqlite3")
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            con.close()

        ours_before = [e for e in fake.events() if e["id"]]
        print(  # the fault table in the closing note comes from these lines (pytest -s)
            f"seed={seed} mode={'request' if by_request else 'timer'} target={target} "
            f"applied={seen['n']}/{template.requests} rc={child['p'].returncode} "
            f"events_after_kill={len(ours_before)}"
        )
        _in_process_sync(home, fake, template.credentials)
        expected = template.expected
        assert len(expected) == 51
        app = build_app(AppPaths.resolve())  # the app opens
        try:
            install = app.service(CalendarSyncService).install_id()
            pid = app.profiles.by_name("Ann").id
            assert app.service(CalendarSyncService).pending_count(pid) == 0
        finally:
            app.close(backup=False)
        ours = [e for e in fake.events() if "careerdeskId" in e["extendedProperties"]["private"]]
        uids = [e["extendedProperties"]["private"]["careerdeskId"] for e in ours]
        assert sorted(uids) == sorted(expected), f"seed {seed}: duplicates or leftovers"
        for event in ours:
            uid = event["extendedProperties"]["private"]["careerdeskId"]
            assert event["start"] == {"date": expected[uid].isoformat()}
            assert event["id"] == stable_event_id(install, uid)
