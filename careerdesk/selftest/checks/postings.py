"""Postings checks: an HTML posting is sanitised and read; saving it makes a company card."""

from __future__ import annotations

from careerdesk.app import App
from careerdesk.core.companies.service import CompanyService
from careerdesk.core.postings.service import PostingService
from careerdesk.selftest import Check, SelfTestContext

SAMPLE_HTML = (
    "<html><head><script>document.write('x')</script></head><body>"
    "<h1>Data Analyst</h1><p>Company: Self-test Analytics</p><p>Location: Leeds</p>"
    "<p>Salary: £30,000 - £36,000</p><h2>Requirements</h2><ul><li>SQL</li><li>Python</li>"
    "</ul><h2>Nice to have</h2><ul><li>Tableau</li></ul></body></html>"
)


def _posting(ctx: SelfTestContext) -> str:
    app: App = ctx.state["app"]
    pid = app.profiles.create("Self-test postings").id
    path = ctx.home / "posting.html"
    path.write_text(SAMPLE_HTML, encoding="utf-8")
    svc = app.service(PostingService)
    proposal = svc.propose_file(path, use_ai=False)
    if "document.write" in proposal.description:
        raise AssertionError("a script survived HTML sanitising")
    if (proposal.company, proposal.title, proposal.salary_min) != (
        "Self-test Analytics",
        "Data Analyst",
        30000,
    ):
        raise AssertionError(
            f"read {proposal.company!r}, {proposal.title!r}, {proposal.salary_min}"
        )
    if "sql" not in {s.skill_id for s in proposal.required}:
        raise AssertionError("SQL was not read as a required skill")
    detail = svc.save(pid, proposal)
    card = app.service(CompanyService).card(pid, "self-test analytics")
    if [h.application_id for h in card.history] != [detail.id]:
        raise AssertionError("the company card does not list the saved application")
    return f"read {len(proposal.found())} fields, card {card.completeness}% complete"


CHECKS = [Check("postings read and company card", _posting, order=80)]
