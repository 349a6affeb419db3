"""A CareerDesk process importing one JSON export or CSV file (not a test module).

``python -m tests.core.pipeline.import_worker URL PROFILE FILE GO_FILE`` builds a real App on
URL (its own engine and connections, as a second kiosk would), waits until GO_FILE exists so
all workers start together, imports FILE into PROFILE and prints one JSON line with the
report. Used by tests/core/pipeline/test_import_concurrency.py.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from careerdesk.app import build_app
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.pipeline.io.service import PipelineTransfer


def main(url: str, profile: str, file: str, go_file: str) -> int:
    app = build_app(AppPaths.resolve(), db_url=url)
    try:
        transfer = app.service(PipelineTransfer)
        pid = app.profiles.by_name(profile).id
        print("ready", flush=True)
        deadline = time.monotonic() + 60
        while not Path(go_file).exists():
            if time.monotonic() > deadline:
                raise SystemExit("never told to start")
            time.sleep(0.001)
        report = transfer.import_file(pid, Path(file))  # .json or .csv
        print(json.dumps({"imported": report.imported, "present": report.already_present}))
        return 0
    finally:
        app.close(backup=False)


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:5]))
