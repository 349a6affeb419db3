"""Cover-letter drafts: the offline template, and Gemini through the real google-genai SDK
against the loopback fake, with its failures (timeout, 429, malformed) falling back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.postings.service import PostingService
from careerdesk.core.resumes.cover_letter import AICoverLetter
from careerdesk.core.resumes.service import ResumeService
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from tests.core.resumes.corpus import POSTINGS, RESUMES
from tests.fakes.gemini_server import FakeGemini

PRIYA = next(r for r in RESUMES if r.key == "priya_data_analyst")
MONZO = next(p for p in POSTINGS if p.key == "monzo_analyst")

GOOD = AICoverLetter(
    greeting="Dear Hiring Team at Monzo,",
    paragraphs=[
        "I am applying for the Data Analyst role at Monzo. For four years I have turned "
        "messy operational data into decisions that managers act on every week.",
        "At Yorkshire Water I built Power BI dashboards used by forty operations managers "
        "and wrote SQL against Postgres and SQL Server to automate weekly reporting; my "
        "measured SQL level is 80 out of 100.",
        "I would welcome the chance to bring that experience to Monzo's analytics team and "
        "to keep learning dbt and Airflow, which your team uses.",
    ],
    closing="Kind regards,",
).model_dump()


@pytest.fixture
def application_id(app, resumes: ResumeService, pid: int, tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    cv = tmp_path / "priya.txt"
    cv.write_text(PRIYA.text, encoding="utf-8")
    resumes.import_file(pid, cv, "Data CV")
    app.service(SkillProfileService).record_measured(pid, {"sql": 80}, kind="assessment_score")
    postings = app.service(PostingService)
    detail = postings.save(pid, postings.propose(MONZO.text, use_ai=False))
    app.service(CompanyService).update(pid, "Monzo", {"industry": "Banking", "location": "London"})
    return detail.id


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply=GOOD) as server:
        yield server


def _with_gemini(resumes: ResumeService, fake: FakeGemini, timeout_s: float = 5) -> None:
    provider = GeminiProvider(
        "test-key",
        base_url=fake.base_url,
        timeout_s=timeout_s,
        attempts=1,
        retry_initial_delay_s=0,
    )
    resumes._ai = lambda: provider


def test_offline_template(resumes: ResumeService, pid: int, application_id: int) -> None:
    resumes._ai = OfflineAI
    letter = resumes.cover_letter(pid, application_id)
    assert letter.by == "template" and letter.notice == ""
    text = letter.text
    assert text.startswith("Dear Hiring Team at Monzo,")
    assert "apply for the Data Analyst role at Monzo" in text
    assert "Your work in banking" in text and "in London" in text
    # Best-matched evidence: required skills first, the measured one (SQL, 80) first of all.
    assert "The role asks for SQL, Python and Data Analysis & Visualisation" in text
    assert "SQL: Wrote SQL against Postgres and SQL Server" in text
    assert "My measured SQL level is 80/100 (advanced)." in text
    assert "building my experience in BigQuery" in text  # the required skill not in the CV
    assert text.rstrip().endswith("Kind regards,\nAnn")


def test_gemini_draft_is_used_when_sound(
    resumes: ResumeService, pid: int, application_id: int, fake: FakeGemini
) -> None:
    _with_gemini(resumes, fake)
    letter = resumes.cover_letter(pid, application_id)
    assert letter.by == "gemini" and "Check every sentence" in letter.notice
    assert letter.text.startswith("Dear Hiring Team at Monzo,")
    assert letter.text.rstrip().endswith("Kind regards,\nAnn")
    body = fake.requests[0].body
    assert body["generationConfig"]["responseMimeType"] == "application/json"
    prompt = body["contents"][0]["parts"][0]["text"]
    assert "Company: Monzo" in prompt and "measured level 80/100" in prompt


@pytest.mark.parametrize(
    ("program", "message"),
    [
        (lambda f: f.hang(4), "did not answer within 1 second"),
        (lambda f: f.fail(429), "too many requests"),
        (lambda f: f.malformed("text"), "expected format"),
        (lambda f: f.malformed("schema"), ""),
        (
            lambda f: f.reply({**GOOD, "paragraphs": ["Dear [Company], hire me."]}),
            "could not be used",
        ),
    ],
    ids=["timeout", "rate-limited", "not-json", "wrong-shape", "placeholder"],
)
def test_gemini_failures_fall_back_to_the_template(  # type: ignore[no-untyped-def]
    resumes: ResumeService, pid: int, application_id: int, fake: FakeGemini, program, message: str
) -> None:
    offline = resumes.cover_letter(pid, application_id, use_ai=False)
    program(fake)
    _with_gemini(resumes, fake, timeout_s=1)
    letter = resumes.cover_letter(pid, application_id)
    assert letter.by == "template" and letter.text == offline.text
    assert message in letter.notice and "template draft instead" in letter.notice
