"""``careerdesk import applications FILE.json`` on malformed exports: exit 2, the JSON path.

Every shape a hand-edited or hostile file can take ends in exit 2 with a message naming
where the problem is (``applications[0].events[0].changes``), nothing imported, never a
traceback (issue 19). Document paths that are not plain local files are imported as text
only.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from careerdesk.cli import main
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.storage.tables.pipeline import Application, Document
from tests.core.pipeline.conftest import START
from tests.core.pipeline.test_transfer import _rich_pipeline

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def _rich_export(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """A rich export of profile Ann (two applications, every kind of record), built once for
    the module in its own installation: each test only reads it (and mutates a copy)."""
    from careerdesk.app import build_app
    from careerdesk.core.kernel.paths import AppPaths

    home = tmp_path_factory.mktemp("export") / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CAREERDESK_HOME", str(home))
        source = build_app(AppPaths.resolve())
        try:
            source.clock = FixedClock(START)
            pid = source.profiles.create("Ann").id
            _rich_pipeline(source.service(ApplicationService), pid, source.clock)
            doc: Doc = source.service(PipelineTransfer).json_document(pid)
        finally:
            source.close(backup=False)
    return doc


@pytest.fixture
def export(sqlite_app: Any, _rich_export: Doc) -> Doc:
    """The rich export, and an empty profile Bob on this test's installation to import into."""
    sqlite_app.profiles.create("Bob")
    return copy.deepcopy(_rich_export)


def _import(tmp_path: Path, data: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "in.json"
    path.write_bytes(data)
    code = main(["import", "applications", str(path), "--profile", "Bob"])
    out = capsys.readouterr()
    return code, out.out + out.err


def _bob_rows(app: Any) -> int:
    bob = app.profiles.by_name("Bob").id
    with app.db.read() as s:
        return int(s.scalar(select(func.count()).where(Application.profile_id == bob)) or 0)


def _nest(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation setting a dotted path (numbers index lists) to ``value``."""

    def apply(doc: Doc) -> None:
        parts: list[Any] = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = doc
        for p in parts[:-1]:
            target = target[p]
        target[parts[-1]] = value

    return apply


CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    (
        "changes nested 50 deep",
        _set("applications.0.events.0.changes.company.new", _nest(50)),
        "applications[0].events[0].changes.company.new",
    ),
    ("changes as a list", _set("applications.0.events.0.changes", ["company"]), "changes"),
    (
        "a change that is not old/new",
        _set("applications.0.events.0.changes.company", "Acme"),
        "applications[0].events[0].changes.company",
    ),
    (
        "a change with another key",
        _set("applications.0.events.0.changes.company", {"before": 1}),
        "applications[0].events[0].changes.company.before",
    ),
    ("version as a string", _set("version", "1"), "no valid format version"),
    ("version as true", _set("version", True), "no valid format version"),
    ("version 0", _set("version", 0), "no valid format version"),
    (
        "created_at as a number",
        _set("applications.0.created_at", 12345),
        "applications[0].created_at",
    ),
    (
        "created_at as digits",
        _set("applications.1.created_at", "12345"),
        "applications[1].created_at",
    ),
    (
        "an interview time as a number",
        _set("applications.0.interviews.0.starts_at", 1_700_000_000),
        "applications[0].interviews[0].starts_at",
    ),
    (
        "event time as null",
        _set("applications.0.events.2.at", None),
        "applications[0].events[2].at",
    ),
    (
        "NUL in a company name",
        _set("applications.0.fields.company", "Acme\x00Corp"),
        "applications[0].fields.company: contains the control character NUL",
    ),
    (
        "ESC in a note",
        _set("applications.0.events.1.note", "\x1b[31mred"),
        "applications[0].events[1].note: contains the control character ESC",
    ),
    ("a huge salary", _set("applications.0.fields.salary_min", 10**30), "too large"),
    ("applications as an object", _set("applications", {}), "no list of applications"),
    ("an application as a number", _set("applications.0", 5), "applications[0]"),
    ("events as text", _set("applications.0.events", "x"), "applications[0].events"),
    ("subject_ref as text", _set("applications.0.events.3.subject_ref", "x"), "subject_ref"),
    ("fields missing", _set("applications.1.fields", None), "applications[1].fields"),
    (
        "a ref as a float",
        _set("applications.0.interviews.0.ref", 1.5),
        "applications[0].interviews[0].ref",
    ),
]


@pytest.mark.parametrize(("mutate", "where"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_malformed_export_is_refused_with_its_json_path(
    export: Doc,
    sqlite_app: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mutate: Callable[[Doc], None],
    where: str,
) -> None:
    doc = copy.deepcopy(export)
    mutate(doc)
    code, text = _import(tmp_path, json.dumps(doc).encode("utf-8"), capsys)
    assert code == 2, text
    assert where in text
    assert "Traceback" not in text and "unexpected error" not in text
    assert "newer CareerDesk" not in text
    assert _bob_rows(sqlite_app) == 0


RAW_CASES: list[tuple[str, bytes, str]] = [
    (
        "100,000 nested lists",
        b'{"format": "careerdesk.applications", "version": 1, "applications": ['
        + b"[" * 100_000
        + b"]" * 100_000
        + b"]}",
        "nested",
    ),
    ("NaN", b'{"format": "careerdesk.applications", "version": 1, "x": NaN}', "NaN"),
    (
        "a 5,000-digit number",
        b'{"format": "careerdesk.applications", "version": ' + b"9" * 5000 + b"}",
        "cannot be read",
    ),
    ("not JSON", b"Company,Title\nAcme,Analyst\n", "is not a JSON file"),
    ("UTF-16", json.dumps({"format": "x"}).encode("utf-16"), "is not a JSON file"),
    ("a list", b"[1, 2]", "not a CareerDesk applications export"),
    ("a newer version", b'{"format": "careerdesk.applications", "version": 2}', "newer CareerDesk"),
]


@pytest.mark.parametrize(
    ("data", "said"), [c[1:] for c in RAW_CASES], ids=[c[0] for c in RAW_CASES]
)
def test_a_file_that_cannot_be_an_export_is_refused(
    export: Doc,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    said: str,
) -> None:
    code, text = _import(tmp_path, data, capsys)
    assert code == 2, text
    assert said in text
    assert "Traceback" not in text


def test_document_paths_that_are_not_local_files_are_kept_as_text_only(
    export: Doc, sqlite_app: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = copy.deepcopy(export)
    docs = doc["applications"][0]["documents"]
    assert docs, "the rich pipeline has a document"
    template = docs[0]
    paths = [
        r"\\host\share\x.pdf",
        "/usr/bin/xterm",
        "https://evil.example/cv.pdf",
        "/home/ann/cv.pdf",
    ]
    doc["applications"][0]["documents"] = [
        {**template, "ref": 100 + i, "path": p} for i, p in enumerate(paths)
    ]
    # The log names documents by ref; these have no events, which an export allows.
    code, text = _import(tmp_path, json.dumps(doc).encode("utf-8"), capsys)
    assert code == 0, text
    assert "applications[0].documents[0].path" in text and "kept as text only" in text
    assert "applications[0].documents[3].path" not in text
    with sqlite_app.db.read() as s:
        marks = dict(s.execute(select(Document.path, Document.text_only)).all())
    assert marks[r"\\host\share\x.pdf"] is True
    assert marks["/usr/bin/xterm"] is True
    assert marks["https://evil.example/cv.pdf"] is True
    assert marks["/home/ann/cv.pdf"] is False
