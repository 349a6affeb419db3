"""Kiosk mode for a shared machine in a careers centre (``careerdesk --kiosk``).

``controller.KioskController`` turns the main window into a kiosk: full screen, a learner
picker, one learner's data per session, no way out without the advisor PIN, and an idle
timeout that saves work and returns to the picker. The rules (PIN hashing, lockout, idle)
live in ``careerdesk.core.kiosk.service``; this package is only the screens.
"""

from __future__ import annotations

import json
from pathlib import Path


def kiosk_enabled_in_settings(settings_path: Path) -> bool:
    """Whether the settings file asks for kiosk mode, read with plain ``json`` before the
    app is built (like the window geometry), so the window starts full screen at once."""
    try:
        data = json.loads(settings_path.read_text(encoding="utf-8"))
        return bool(data.get("kiosk", {}).get("enabled", False))
    except (OSError, ValueError, AttributeError):
        return False
