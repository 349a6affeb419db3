"""Résumé fixtures: the shared ``app`` with a fixed clock, a profile, files written at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.resumes.service import ResumeService
from careerdesk.render.resume_export import write_docx, write_pdf
from tests.core.pipeline import conftest as pipeline_fixtures
from tests.core.resumes.corpus import LabelledResume

# The pipeline's fixed clock (Monday 2 March 2026) and profile, shared rather than copied.
START = pipeline_fixtures.START
clock = pipeline_fixtures.clock
pid = pipeline_fixtures.pid


@pytest.fixture
def resumes(app, clock) -> ResumeService:  # type: ignore[no-untyped-def]
    return app.service(ResumeService)


def write_resume(r: LabelledResume, folder: Path) -> Path:
    """The résumé as a file in its format: PDF with fpdf2, DOCX as WordprocessingML, or TXT."""
    path = folder / f"{r.key}.{r.fmt}"
    if r.fmt == "pdf":
        return write_pdf(r.text, path)
    if r.fmt == "docx":
        return write_docx(r.text, path)
    path.write_text(r.text, encoding="utf-8")
    return path
