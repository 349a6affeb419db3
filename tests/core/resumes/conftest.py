"""Résumé fixtures: the shared ``app`` with a fixed clock, a profile, files written at test time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.resumes.service import ResumeService
from careerdesk.render.resume_export import write_docx, write_pdf
from tests.core.resumes.corpus import LabelledResume

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(app) -> FixedClock:  # type: ignore[no-untyped-def]
    fixed = FixedClock(START)
    app.clock = fixed
    return fixed


@pytest.fixture
def resumes(app, clock) -> ResumeService:  # type: ignore[no-untyped-def]
    return app.service(ResumeService)


@pytest.fixture
def pid(app) -> int:  # type: ignore[no-untyped-def]
    return app.profiles.create("Ann").id


def write_resume(r: LabelledResume, folder: Path) -> Path:
    """The résumé as a file in its format: PDF with fpdf2, DOCX as WordprocessingML, or TXT."""
    path = folder / f"{r.key}.{r.fmt}"
    if r.fmt == "pdf":
        return write_pdf(r.text, path)
    if r.fmt == "docx":
        return write_docx(r.text, path)
    path.write_text(r.text, encoding="utf-8")
    return path
