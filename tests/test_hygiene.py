"""The test suite's own rules (issue 23): no hidden skips, no wall-clock assertions.

* CareerDesk's modules are imported plainly: ``importorskip`` on them would turn a broken
  import into a skip instead of a failure.
* A skip names the external condition it waits for (a platform, a tool, a server).
* No test measures elapsed wall-clock time: timings depend on machine load and belong in
  ``benchmarks/``; tests use an injected clock, counted event-loop ticks or signals.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SELF = Path(__file__).resolve()


def _sources() -> dict[str, str]:
    return {
        str(p.relative_to(TESTS.parent)): p.read_text(encoding="utf-8")
        for p in sorted(TESTS.rglob("*.py"))
        if p.resolve() != SELF
    }


def test_no_importorskip_of_careerdesk() -> None:
    pattern = re.compile(r"importorskip\(\s*['\"]careerdesk")
    assert [name for name, text in _sources().items() if pattern.search(text)] == []


def _skip_calls_without_reason(text: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        if name not in ("skip", "skipif", "importorskip"):
            continue
        owner = node.func.value  # pytest.skip / pytest.mark.skip(if), not e.g. followups.skip
        if not (
            (isinstance(owner, ast.Name) and owner.id == "pytest")
            or (isinstance(owner, ast.Attribute) and owner.attr == "mark")
        ):
            continue
        reason = next((k.value for k in node.keywords if k.arg == "reason"), None)
        if reason is None and name == "skip" and node.args:
            reason = node.args[0]  # pytest.skip("why")
        if not (
            isinstance(reason, ast.Constant | ast.JoinedStr | ast.Name)
            and (not isinstance(reason, ast.Constant) or str(reason.value).strip())
        ):
            lines.append(node.lineno)
    return lines


def test_every_skip_names_its_reason() -> None:
    offenders = [
        f"{name}:{line}"
        for name, text in _sources().items()
        for line in _skip_calls_without_reason(text)
    ]
    assert offenders == []


def test_no_test_compares_elapsed_wall_clock_time() -> None:
    # A subtraction of two readings of a wall or monotonic clock is a duration; tests may
    # poll until a deadline (``while time.monotonic() < deadline``) but not time things.
    duration = re.compile(
        r"(monotonic|perf_counter|process_time|time\.time)(_ns)?\(\)\s*-\s*\w"
        r"|\belapsed\s*=\s*time\."
    )
    # The kill -9 suite (tests/faults/) times one unkilled run to spread its kill moments over
    # it; those durations choose *when* to kill and are never asserted.
    offenders = [
        f"{name}:{text[: m.start()].count(chr(10)) + 1}"
        for name, text in _sources().items()
        if not name.startswith("tests/faults/")
        for m in duration.finditer(text)
    ]
    assert offenders == []
