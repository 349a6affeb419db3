"""How much batch requests save when a bulk push goes to Google Calendar.

Pushes N new events (a fresh install connecting with a full pipeline) through the real
google-api-python-client to the loopback fake Calendar, once with batches (what CareerDesk
does) and once with one HTTP request per operation. Prints the HTTP round trips and wall
time of each, and writes benchmarks/results/calendar_batch.json.

    python benchmarks/calendar_batch.py [N]

The fake answers instantly, so the wall-time ratio understates the real gain: against Google
every round trip costs ~100-300 ms of latency, which is what batching removes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _run(n: int, *, batched: bool) -> dict[str, float]:
    import keyring

    from careerdesk.app import build_app
    from careerdesk.core.calendar import CalendarSyncService
    from careerdesk.core.kernel.clock import FixedClock
    from careerdesk.integrations.google.calendar import GoogleCalendarProvider
    from tests.calendar_support import T0, FakeSource, followup, store_credentials
    from tests.fakes.calendar_server import FakeCalendar
    from tests.fakes.keyring_backend import MemoryKeyring

    class OneByOne(GoogleCalendarProvider):
        def execute(self, ops):  # type: ignore[no-untyped-def]
            results = []
            for op in ops:  # (a comprehension has no zero-argument super())
                results.extend(super().execute([op]))
            return results

    keyring.set_keyring(MemoryKeyring())
    os.environ["CAREERDESK_HOME"] = tempfile.mkdtemp(prefix="careerdesk-bench-")
    with FakeCalendar() as fake:
        os.environ["CAREERDESK_GOOGLE_API_ENDPOINT"] = fake.api_endpoint
        os.environ["CAREERDESK_GOOGLE_TOKEN_URI"] = fake.token_uri
        app = build_app(clock=FixedClock(T0))
        profile = app.profiles.create("Bench")
        source = FakeSource()
        service = app.service(CalendarSyncService)
        service.register_source(source)
        for i in range(1, n + 1):
            source.put(followup(profile.id, i, T0 + timedelta(days=1, minutes=i)))
        store_credentials(app, fake)
        service.refresh_from_sources(profile.id)
        from careerdesk.integrations.google.auth import load_credentials
        from careerdesk.integrations.google.calendar import GoogleCalendarProvider

        provider = GoogleCalendarProvider(load_credentials(app.secrets))
        if not batched:
            provider.__class__ = OneByOne
        started = time.perf_counter()
        report = service.push(profile.id, provider)
        seconds = time.perf_counter() - started
        provider.close()
        assert report.created == n, report
        http_requests = fake.batch_posts + sum(1 for r in fake.ops() if not r.in_batch)
        app.close(backup=False)
    return {"seconds": round(seconds, 3), "http_requests": http_requests}


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    batched = _run(n, batched=True)
    single = _run(n, batched=False)
    result = {
        "events": n,
        "batched": batched,
        "one_by_one": single,
        "round_trip_ratio": round(single["http_requests"] / batched["http_requests"], 1),
        "wall_time_ratio": round(single["seconds"] / max(batched["seconds"], 1e-9), 2),
    }
    print(
        f"{n} new events: batched {batched['http_requests']} HTTP requests in "
        f"{batched['seconds']:.2f} s; one by one {single['http_requests']} in "
        f"{single['seconds']:.2f} s → {result['round_trip_ratio']}× fewer round trips, "
        f"{result['wall_time_ratio']}× faster against a zero-latency fake"
    )
    out = ROOT / "benchmarks" / "results" / "calendar_batch.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
