"""The start-up timeline: off by default, marks in order, written once (docs/performance.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerdesk.core.kernel import timeline


@pytest.fixture
def fresh_timeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "_marks", [])
    monkeypatch.setattr(timeline, "_extra", {})
    monkeypatch.setattr(timeline, "_written", False)


def test_marks_nothing_and_writes_nothing_unless_asked(
    fresh_timeline: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(timeline.TRACE_ENV, raising=False)
    timeline.mark("first-paint")
    timeline.note("max_stall_ms", {"warm-up": 3.0})
    assert timeline.marks() == []
    assert timeline.write() is None


def test_writes_the_marks_in_order_with_their_thread_once(
    fresh_timeline: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "trace.json"
    monkeypatch.setenv(timeline.TRACE_ENV, str(out))
    timeline.mark("first-paint")
    timeline.mark("profile-ready")
    timeline.note("max_stall_ms", {"before-ready": 12.0, "warm-up": 4.0})
    assert timeline.write() == out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [m["name"] for m in data["marks"]] == ["first-paint", "profile-ready"]
    assert data["marks"][0]["t_ms"] <= data["marks"][1]["t_ms"]
    assert data["marks"][0]["thread"] == "MainThread"
    assert data["max_stall_ms"] == {"before-ready": 12.0, "warm-up": 4.0}
    timeline.mark("late")
    assert timeline.write() is None  # once: the first screen's trace is not overwritten
    assert "late" not in out.read_text(encoding="utf-8")
