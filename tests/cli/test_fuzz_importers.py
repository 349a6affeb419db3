"""Hypothesis fuzzing of the JSON importer and the posting reader through the CLI (issue 19).

Whatever the file holds, ``careerdesk import applications FILE.json`` and ``careerdesk
posting read FILE --no-ai`` end with exit 0 or 2 and a message, never a traceback or the
"unexpected error" of exit 1. The CLI's ``main`` runs in-process (one App per call, as the
command builds it) so hundreds of inputs take a minute rather than an hour.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk.cli import main
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from tests.core.pipeline.conftest import START
from tests.core.pipeline.test_transfer import _rich_pipeline

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["2026-03-02T12:00:00+00:00", "2026-03-02", "SAVED", "APPLIED", "note"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture
def export(sqlite_app: Any) -> dict[str, Any]:
    sqlite_app.clock = FixedClock(START)
    svc = sqlite_app.service(ApplicationService)
    pid = sqlite_app.profiles.create("Ann").id
    _rich_pipeline(svc, pid, sqlite_app.clock)
    sqlite_app.profiles.create("Bob")
    doc: dict[str, Any] = sqlite_app.service(PipelineTransfer).json_document(pid)
    return doc


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node of a JSON document."""
    out = [here]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*here, i))
    return out


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def _assert_clean(code: int, text: str) -> None:
    assert code in (0, 2), text
    assert "unexpected error" not in text and "Traceback" not in text, text


@FUZZ
@given(data=st.data())
def test_a_mutated_export_is_imported_or_refused_never_crashes(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any
) -> None:
    doc = copy.deepcopy(export)
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        where = data.draw(st.sampled_from(paths[1:]), label="path")
        target: Any = doc
        try:
            for key in where[:-1]:
                target = target[key]
            target[where[-1]] = data.draw(JSON, label="value")
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced this path's parent
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc, ensure_ascii=data.draw(st.booleans())), encoding="utf-8")
    _assert_clean(*_run(["import", "applications", str(path), "--profile", "Bob"], capsys))


@FUZZ
@given(raw=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode("utf-8")))
def test_any_json_file_is_imported_or_refused_never_crashes(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    path = tmp_path / "any.json"
    header = b'{"format": "careerdesk.applications", "version": 1, "applications": ['
    for data in (raw, header + raw + b"]}"):
        path.write_bytes(data)
        _assert_clean(*_run(["import", "applications", str(path), "--profile", "Bob"], capsys))


POSTING_WORDS = st.sampled_from(
    [
        "Senior Data Analyst at Acme\n",
        "Required:",
        "Nice to have:",
        "Python,",
        "SQL",
        "Go",
        "R",
        "C++",
        "5+ years",
        "£45,000 - £55,000",
        "$120k",
        "per hour",
        "Closing date:",
        "27 March 2026",
        "Join",
        "Acme",
        "is hiring",
        "About us",
        "Benefits",
        "\n",
        "\n- ",
        "<b>",
        "</b>",
        "<script>",
        "&amp;",
        "1" * 40,
        "100,",
        "Remote",
        "Hybrid",
        "\x00",
        "\x1b",
        "https://jobs.example/1",
        "\u202e",
        "é",
        "株式会社",
    ]
)


@FUZZ
@given(
    text=st.lists(POSTING_WORDS, max_size=60).map(" ".join) | st.text(max_size=400),
    suffix=st.sampled_from([".txt", ".html", ".md"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_any_posting_is_read_or_refused_never_crashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, suffix: str, encoding: str
) -> None:
    path = tmp_path / f"posting{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _assert_clean(*_run(["posting", "read", str(path), "--no-ai"], capsys))


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_a_posting_are_read_or_refused_never_crashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    path = tmp_path / "posting.txt"
    path.write_bytes(raw)
    _assert_clean(*_run(["posting", "read", str(path), "--no-ai"], capsys))
