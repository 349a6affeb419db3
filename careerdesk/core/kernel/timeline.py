"""A start-up timeline: named marks with their time since the process started (docs/performance.md).

Off unless ``CAREERDESK_TRACE_STARTUP`` names a file (``careerdesk --trace-startup FILE`` sets
it). Marks come from any thread; the file is written once, when the first screen is ready or
when the app exits, as JSON: ``{"marks": [{"name", "t_ms", "thread"}], "stalls": {...}}``.

Why a module of its own: the marks are set in the core (database open, migrations) and in the
GUI (first paint, Home with data), and neither may import the other.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

TRACE_ENV = "CAREERDESK_TRACE_STARTUP"

# perf_counter has no defined zero: marks are relative to this module's import, which
# ``careerdesk.cli.main`` does first (the interpreter's own start-up comes before it; the
# start-up benchmark measures from process spawn for that reason).
_T0 = time.perf_counter()
_lock = threading.Lock()
_marks: list[dict[str, Any]] = []
_extra: dict[str, Any] = {}
_written = False


def enabled() -> bool:
    return bool(os.environ.get(TRACE_ENV))


def elapsed_ms() -> float:
    """Milliseconds since CareerDesk's entry point started."""
    return (time.perf_counter() - _T0) * 1000.0


def mark(name: str) -> None:
    """Record that ``name`` happened now (no-op unless tracing)."""
    if not enabled():
        return
    entry = {
        "name": name,
        "t_ms": round(elapsed_ms(), 1),
        "thread": threading.current_thread().name,
    }
    with _lock:
        _marks.append(entry)


def note(key: str, value: Any) -> None:
    """Attach a figure to the trace (e.g. the longest GUI stall)."""
    if not enabled():
        return
    with _lock:
        _extra[key] = value


def marks() -> list[dict[str, Any]]:
    with _lock:
        return list(_marks)


def write(path: str | None = None) -> Path | None:
    """Write the trace once (later calls do nothing). Returns the file written."""
    global _written
    target = path or os.environ.get(TRACE_ENV)
    if not target:
        return None
    with _lock:
        if _written:
            return None
        _written = True
        payload = {"marks": list(_marks), **_extra}
    out = Path(target)
    out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return out
