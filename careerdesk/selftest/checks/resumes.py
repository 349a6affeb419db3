"""Résumé checks: a DOCX and a PDF résumé are imported and matched against a posting."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.resumes.service import ResumeService
from careerdesk.render.resume_export import write_docx, write_pdf
from careerdesk.selftest import Check, SelfTestContext

RESUME = """Ann Selftest
ann@example.com | +44 7700 900000

Experience
Analyst, Example Ltd, Mar 2021 - Present
- Wrote reports in SQL against Postgres and built dashboards in Power BI.

Education
BSc Mathematics, 2017 - 2020

Skills
SQL, Excel, JS
"""

POSTING = """Data Analyst at Self-test Analytics
Requirements
- SQL (PostgreSQL)
- Python
Nice to have
- JavaScript
"""


def _resumes(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    pid = app.profiles.create("Self-test résumés").id
    svc = app.service(ResumeService)
    posting_file = ctx.home / "posting.txt"
    posting_file.write_text(POSTING, encoding="utf-8")
    posting = svc.posting_from_file(posting_file)
    scores = []
    for name, writer in (("cv.docx", write_docx), ("cv.pdf", write_pdf)):
        version = svc.import_file(pid, writer(RESUME, ctx.home / name), name)
        report = svc.match(pid, posting, version.id)
        found = {h.skill_id for h in report.found}
        if found != {"sql", "javascript"}:  # Postgres = SQL and JS = JavaScript
            raise AssertionError(f"{name}: found {sorted(map(str, found))}")
        if not all(c.passed for c in report.checks):
            failed = [c.id for c in report.checks if not c.passed]
            raise AssertionError(f"{name}: structure checks failed: {failed}")
        scores.append(report.score)
    # Required SQL found, Python missing; preferred JavaScript found:
    # round(100 × (2 × 1 + 1) / (2 × 2 + 1)) = 60 (docs/resumes.md).
    if scores != [60, 60]:
        raise AssertionError(f"match scores {scores}, expected [60, 60]")
    return f"DOCX and PDF imported; match scores {scores}"


CHECKS = [Check("résumé import and match", _resumes, order=85)]
