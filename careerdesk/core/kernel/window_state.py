"""The saved window geometry, read without pydantic so the window can paint at once.

The full settings model (careerdesk.core.kernel.settings) is loaded in the background with the
database; this reads only ``window.geometry`` / ``window.state`` from the same file and
ignores anything unexpected (the full loader deals with damaged files).
"""

from __future__ import annotations

import json
from pathlib import Path


def read_window_state(settings_path: Path) -> tuple[str | None, str | None]:
    """(geometry, state) as saved, or (None, None) when absent or unreadable."""
    try:
        window = json.loads(settings_path.read_text(encoding="utf-8")).get("window") or {}
    except (OSError, ValueError, AttributeError):
        return None, None
    geometry = window.get("geometry") if isinstance(window, dict) else None
    state = window.get("state") if isinstance(window, dict) else None
    return (
        geometry if isinstance(geometry, str) else None,
        state if isinstance(state, str) else None,
    )
