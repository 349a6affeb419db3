"""Extraction precision and recall on the hand-labelled corpus, read back from real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from careerdesk.core.resumes.service import ResumeService
from tests.core.resumes.conftest import write_resume
from tests.core.resumes.corpus import POSTINGS, RESUMES
from tests.core.resumes.measure import measure

TARGET = 0.85


def test_corpus_has_every_format_and_enough_documents() -> None:
    assert len(RESUMES) >= 8 and len(POSTINGS) >= 8
    assert set(Counter(r.fmt for r in RESUMES)) == {"pdf", "docx", "txt"}


def test_precision_and_recall_on_files_read_back(
    resumes: ResumeService, pid: int, tmp_path: Path
) -> None:
    texts: dict[str, str] = {}
    for r in RESUMES:
        version = resumes.import_file(pid, write_resume(r, tmp_path), r.key)
        assert version.kind == r.fmt
        texts[r.key] = version.text
    rs, ps, lines = measure(texts)
    report = "\n".join(lines)
    assert rs.precision >= TARGET and rs.recall >= TARGET, report
    assert ps.precision >= TARGET and ps.recall >= TARGET, report
