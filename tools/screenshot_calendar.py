"""Screenshot of Settings → Calendar with a realistic status line (offscreen, no network).

Runs CareerDesk in a throwaway data folder against the loopback fake Google Calendar used by
the tests: one successful sync, then two more changes that Google rate-limits, twelve minutes
later. Writes docs/screenshots/calendar-settings.png.

    QT_QPA_PLATFORM=offscreen python tools/screenshot_calendar.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="careerdesk-shot-"))
    os.environ["CAREERDESK_HOME"] = str(home)
    import keyring

    from tests.fakes.keyring_backend import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())

    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app
    from careerdesk.core.calendar import CalendarSyncService, RetryPolicy
    from careerdesk.core.calendar.sync import CalendarSync
    from careerdesk.core.kernel.clock import FixedClock
    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.shell.context import UiContext
    from tests.calendar_support import (
        T0,
        FakeSource,
        deadline,
        followup,
        interview,
        store_credentials,
    )
    from tests.fakes.calendar_server import FakeCalendar

    qt = QApplication.instance() or QApplication(["careerdesk-screenshot"])
    with FakeCalendar() as fake:
        os.environ["CAREERDESK_GOOGLE_API_ENDPOINT"] = fake.api_endpoint
        os.environ["CAREERDESK_GOOGLE_TOKEN_URI"] = fake.token_uri
        clock = FixedClock(T0)
        fake.clock = clock.now
        app = build_app(clock=clock)
        profile = app.profiles.create("Alex")
        source = FakeSource()
        service = app.service(CalendarSyncService)
        service.register_source(source)
        service.retry = RetryPolicy(attempts=1)
        store_credentials(app, fake)
        source.put(interview(profile.id, 1, T0 + timedelta(days=2, hours=1)))
        source.put(followup(profile.id, 2, T0 + timedelta(days=3)))
        source.put(deadline(profile.id, 3, date(2026, 1, 20)))
        sync = app.service(CalendarSync)
        sync.sync(profile.id)
        clock.advance(minutes=3)
        source.put(interview(profile.id, 4, T0 + timedelta(days=6, hours=5)))
        source.put(deadline(profile.id, 5, date(2026, 1, 30)))
        fake.fail(403, reason="rateLimitExceeded", times=100, op="insert")
        sync.sync(profile.id)
        clock.advance(minutes=12)

        ctx = UiContext(app, profile_id=profile.id)
        dialog = SettingsDialog(ctx)
        index = [dialog.pages.tabText(i) for i in range(dialog.pages.count())].index("Calendar")
        dialog.pages.setCurrentIndex(index)
        dialog.resize(760, 640)
        dialog.show()
        page = dialog.pages.currentWidget()
        deadline_s = time.monotonic() + 10
        while page.calendar_box.count() < 2 and time.monotonic() < deadline_s:
            qt.processEvents()
            time.sleep(0.02)
        ctx.runner.wait_idle(5)
        qt.processEvents()
        out = ROOT / "docs" / "screenshots" / "calendar-settings.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(out))
        print(out, "|", page.status_label.text())
        ctx.shutdown()
        dialog.close()
        app.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
