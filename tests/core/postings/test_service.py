"""Reading postings into proposals (fields + skills + O*NET) and saving reviewed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.service import ApplicationService, DuplicateApplicationError
from careerdesk.core.postings.service import NothingUsefulError, PostingService
from tests.core.postings.corpus import NOTHING_USEFUL, POSTINGS
from tests.core.postings.pdf import write_text_pdf


@pytest.mark.parametrize(
    ("name", "text", "expected", "required", "preferred"), POSTINGS, ids=[p[0] for p in POSTINGS]
)
def test_proposal_of_realistic_postings(
    postings: PostingService,
    name: str,
    text: str,
    expected: dict,
    required: set[str],
    preferred: set[str],
) -> None:
    proposal = postings.propose(text, use_ai=False)
    for field, value in expected.items():
        assert getattr(proposal, field) == value, f"{name}: {field}"
    got_required = {s.skill_id for s in proposal.required}
    got_preferred = {s.skill_id for s in proposal.preferred}
    assert required <= got_required, f"{name}: required {got_required}"
    assert preferred <= got_preferred | got_required, f"{name}: preferred {got_preferred}"
    # Something named only as nice-to-have is not reported as required.
    assert not (preferred - required) & (got_required - got_preferred - required), name
    assert proposal.description == text.strip()
    assert proposal.extracted_by == "rules"
    assert proposal.useful()


def test_occupation_is_mapped_from_the_title(postings: PostingService) -> None:
    text = POSTINGS[0][1]  # Data Analyst
    proposal = postings.propose(text, use_ai=False)
    assert proposal.onet_code.startswith(
        "15-2051"
    )  # Data Scientists or Business Intelligence Analysts
    assert proposal.onet_title
    sec = postings.propose(POSTINGS[6][1], use_ai=False)
    assert sec.onet_code == "15-1212.00"  # Information Security Analysts


def test_technologies_are_listed(postings: PostingService) -> None:
    proposal = postings.propose(POSTINGS[1][1], use_ai=False)  # Monzo backend
    names = {t.casefold() for t in proposal.technologies}
    assert {"kubernetes", "docker"} <= names


@pytest.mark.parametrize("text", NOTHING_USEFUL)
def test_nothing_useful_saves_nothing(
    postings: PostingService, app: object, pid: int, text: str
) -> None:
    with pytest.raises(NothingUsefulError):
        postings.propose(text, use_ai=False)
    assert app.service(ApplicationService).list(pid) == []  # type: ignore[attr-defined]


def test_save_creates_application_posting_and_company(
    postings: PostingService, app: object, pid: int
) -> None:
    proposal = postings.propose(POSTINGS[0][1], use_ai=False)
    edited = proposal.model_copy(update={"title": "Data Analyst (Operations)"})
    detail = postings.save(pid, edited)
    assert detail.company == "Acme Analytics Ltd"
    assert detail.title == "Data Analyst (Operations)"
    assert detail.salary_min == 32000 and detail.currency == "GBP"
    assert detail.description.startswith("Data Analyst")
    assert detail.state.value == "SAVED"
    assert "Added from a job posting" in detail.events[0].note
    info = postings.posting(detail.id)
    assert info is not None
    assert {s.skill_id for s in info.required} >= {"sql", "python"}
    assert info.onet_code == proposal.onet_code
    card = postings.companies.card(pid, "acme analytics")
    assert card.saved and card.history[0].application_id == detail.id
    assert card.fields.location == "Leeds, UK"


def test_save_refuses_missing_company_or_title_and_duplicates(
    postings: PostingService, pid: int
) -> None:
    proposal = postings.propose(POSTINGS[0][1], use_ai=False)
    with pytest.raises(ValidationError, match="company"):
        postings.save(pid, proposal.model_copy(update={"company": " "}))
    postings.save(pid, proposal)
    with pytest.raises(DuplicateApplicationError):
        postings.save(pid, proposal)
    assert len(postings.applications.list(pid)) == 1
    postings.save(pid, proposal, allow_duplicate=True)
    assert len(postings.applications.list(pid)) == 2


def test_save_is_all_or_nothing(
    postings: PostingService, pid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposal = postings.propose(POSTINGS[0][1], use_ai=False)

    def broken(*_a: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(postings.companies, "ensure", broken)
    with pytest.raises(RuntimeError):
        postings.save(pid, proposal)
    assert postings.applications.list(pid) == []


def test_files_pdf_and_html(postings: PostingService, tmp_path: Path) -> None:
    pdf = write_text_pdf(tmp_path / "posting.pdf", POSTINGS[0][1].split("About the role"))
    proposal = postings.propose_file(pdf, use_ai=False)
    assert proposal.source == "posting.pdf"
    assert (proposal.company, proposal.title) == ("Acme Analytics Ltd", "Data Analyst")
    page = tmp_path / "job.html"
    page.write_text(
        "<html><head><script>steal()</script></head><body><h1>DevOps Engineer</h1>"
        "<p>Company: Globex</p><ul><li>Kubernetes</li><li>Terraform</li></ul></body></html>",
        encoding="utf-8",
    )
    proposal = postings.propose_file(page, use_ai=False)
    assert (proposal.company, proposal.title) == ("Globex", "DevOps Engineer")
    assert "steal" not in proposal.description
    assert "devops" in {s.skill_id for s in proposal.required + proposal.preferred}
