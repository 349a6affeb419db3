"""Hypothesis fuzzing of the CSV importer: any bytes, any shape -> imported or refused with a
clear message (exit 0 or 2), never a traceback, and a refusal changes nothing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk.cli import main
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.pipeline.io.columns import FIELD_ALIASES
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService

HEADERS = [
    *sorted({a for aliases in FIELD_ALIASES.values() for a in aliases[:3]}),
    "sector",
    "fit_rating",
    "",
    "Company",
    "Title",
]
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "2026-03-03",
            "2026-03-03T14:00:00Z",
            "2026-02-30",
            "03/04/2026",
            "13/13/2026",
            "31/12/2025",
            "12/31/2025",
            "Mar 3, 2026",
            "12345",
            "Draft",
            "Interviewing",
            "Declined",
            "Closed",
            "No response",
            "$120k–140k",
            "£45,000 - £55,000",
            "€50k+",
            "competitive",
            "per hour 20",
            "true",
            "Hybrid",
            "https://example.com/j/1",
            "www.example.com",
            "javascript:alert(1)",
            "a@b.c",
            "not an email",
            "=SUM(1)",
            "'=SUM(1)",
            '"',
            '""',
            "\x00",
            "\x1b[31m",
            "line\nbreak",
            "x" * 200,
        ]
    ),
)
SEPARATORS = st.sampled_from([",", ";", "\t"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(1, 8))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    if draw(st.booleans()):
        header[:2] = ["Company", "Title"][: len(header)]
    sep = draw(SEPARATORS)
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 2), max_size=8))

    def quote(cell: str) -> str:
        if draw(st.booleans()) or any(ch in cell for ch in (sep, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"' if draw(st.integers(0, 9)) else cell
        return cell

    lines = [sep.join(quote(c) for c in header)]
    lines += [sep.join(quote(c) for c in row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(ENCODINGS)
    return text.encode(encoding, errors="replace")


FILES = st.one_of(csv_files(), st.binary(max_size=300))
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=FILES, skip=st.booleans())
def test_the_importer_imports_or_refuses_cleanly(
    app, svc: ApplicationService, pid: int, tmp_path: Path, data: bytes, skip: bool
) -> None:  # type: ignore[no-untyped-def]
    transfer = app.service(PipelineTransfer)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    before = len(svc.list(pid))
    try:
        report = transfer.import_csv(pid, path, skip_invalid=skip)
    except UserError as exc:
        assert str(exc).strip()
        assert len(svc.list(pid)) == before  # a refusal changes nothing
        return
    assert len(svc.list(pid)) == before + report.imported
    for app_id in report.imported_ids:
        detail = svc.get(app_id)
        assert [e.at for e in detail.events] == sorted(e.at for e in detail.events)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=FILES)
def test_the_cli_exits_0_or_2_without_a_traceback(tmp_path: Path, capsys, data: bytes) -> None:  # type: ignore[no-untyped-def]
    assert main(["profile", "create", "Fuzz"]) in (0, 2)  # 2: made by an earlier example
    capsys.readouterr()
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    code = main(["import", "applications", str(path), "--profile", "Fuzz", "--skip-invalid"])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err
