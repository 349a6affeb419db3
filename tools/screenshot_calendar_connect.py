"""Screenshots of Settings → Calendar before connecting, with and without a shipped client.

Issue 26: one "Connect Google Calendar" button when the build shipped an OAuth client; the
bring-your-own steps otherwise. Throwaway data folder, in-memory keyring, no network. Writes
docs/screenshots/calendar-connect-{shipped,own-client}-{1440x900,1024x700}.png and
calendar-connect-kiosk-1024x700.png (a kiosk whose advisor allowed connections).

    xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshot_calendar_connect.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SIZES = ((1440, 900), (1024, 700))


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="careerdesk-shot-"))
    os.environ["CAREERDESK_HOME"] = str(home)
    import keyring

    from tests.fakes.keyring_backend import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())

    from PySide6.QtWidgets import QApplication

    from careerdesk.app import build_app
    from careerdesk.integrations.google import auth as google_auth
    from careerdesk.ui.settings.dialog import SettingsDialog
    from careerdesk.ui.shell.context import UiContext

    qt = QApplication.instance() or QApplication(["careerdesk-screenshot"])
    client = home / google_auth.SHIPPED_CLIENT
    client.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": "000-screenshot.apps.googleusercontent.com",
                    "client_secret": "not-a-real-secret",
                    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                    "token_uri": "https://oauth2.googleapis.com/token",
                }
            }
        ),
        encoding="utf-8",
    )
    app = build_app()
    profile = app.profiles.create("Alex")
    out_dir = ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    for variant, shipped in (("shipped", client), ("own-client", home / "absent.json")):
        google_auth._shipped_resource = lambda path=shipped: path  # type: ignore[misc]
        for width, height in SIZES:
            ctx = UiContext(app, profile_id=profile.id)
            dialog = SettingsDialog(ctx)
            titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
            dialog.pages.setCurrentIndex(titles.index("Calendar"))
            dialog.resize(width, height)
            dialog.show()
            for _ in range(20):
                qt.processEvents()
            ctx.runner.wait_idle(5)
            qt.processEvents()
            out = out_dir / f"calendar-connect-{variant}-{width}x{height}.png"
            dialog.grab().save(str(out))
            print(out)
            dialog.close()
            ctx.shutdown()
    # A kiosk whose advisor allowed learners' own connections, the learner Alex selected.
    google_auth._shipped_resource = lambda: client  # type: ignore[misc]
    app.settings.kiosk.enabled = True
    app.settings.calendar.kiosk_google = True
    ctx = UiContext(app, profile_id=profile.id)
    dialog = SettingsDialog(ctx)
    titles = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    dialog.pages.setCurrentIndex(titles.index("Calendar"))
    dialog.resize(1024, 700)
    dialog.show()
    for _ in range(20):
        qt.processEvents()
    out = out_dir / "calendar-connect-kiosk-1024x700.png"
    dialog.grab().save(str(out))
    print(out)
    dialog.close()
    ctx.shutdown()
    app.close(backup=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
