"""A CareerDesk worker process for tests/core/test_concurrency.py (not a test module).

``python -m tests.core.storage.concurrency_worker URL TAG N GO_FILE`` builds a real App on URL (as a
kiosk would, from CAREERDESK_DB_URL), waits until GO_FILE exists so both workers start
together, then makes N rounds of writes: a new profile, an increment of a shared counter row
(read-modify-write, the classic lost update), and a learning event on a shared profile.
Prints one JSON line with what it did.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from sqlalchemy import select

from careerdesk.app import build_app
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.learning import tracking
from careerdesk.core.storage.tables.profiles import AppMeta, Profile

COUNTER_KEY = "test.counter"
SHARED_PROFILE = "Shared learner"


def main(url: str, tag: str, rounds: int, go_file: str) -> int:
    app = build_app(AppPaths.resolve(), db_url=url)
    try:
        deadline = time.monotonic() + 30
        while not Path(go_file).exists():
            if time.monotonic() > deadline:
                raise SystemExit("never told to start")
            time.sleep(0.005)
        shared = app.profiles.by_name(SHARED_PROFILE).id
        created = 0
        for i in range(rounds):
            app.profiles.create(f"{tag} learner {i:03d}")
            created += 1
            with app.db.session() as s:
                row = s.get(AppMeta, COUNTER_KEY)
                value = int(row.value) + 1
                # Widen the read-modify-write window so an unsafe storage layer shows it.
                time.sleep(0.001)
                row.value = str(value)
            with app.db.session() as s:
                tracking.record(s, shared, "test_event", detail={"tag": tag, "i": i})
                # Touch the shared profile too (a hot row both workers update).
                profile = s.scalar(select(Profile).where(Profile.id == shared))
                assert profile is not None
                profile.last_active_at = app.clock.now()
        print(json.dumps({"tag": tag, "pid": os.getpid(), "created": created}))
        return 0
    finally:
        app.close(backup=False)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
