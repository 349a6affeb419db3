"""Company cards: shared by applications, history, tech stack, completeness, research cache.

Gemini runs through the real google-genai SDK against FakeGemini and GitHub through urllib
against FakeGitHub, both on 127.0.0.1; the 30-day cache is checked with an injected clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from careerdesk.core.companies.events import CompanyChanged
from careerdesk.core.companies.service import CompanyService, guess_github_org
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.errors import NotFoundError, UserError, ValidationError
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from careerdesk.integrations.github import GitHubClient
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.github_server import FakeGitHub

MONZO_POSTING = (
    "Backend Engineer\nWe use Go, Kubernetes and Cassandra. Experience with PostgreSQL helps."
)


@pytest.fixture
def gemini() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply={"summary": "Monzo is a UK digital bank."}) as fake:
        yield fake


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    with FakeGitHub() as fake:
        fake.add_org("monzo", [("Go", False), ("Go", False), ("Swift", False), ("Go", True)])
        yield fake


@pytest.fixture
def research(app, clock: FixedClock, gemini: FakeGemini, github: FakeGitHub) -> CompanyService:  # type: ignore[no-untyped-def]
    provider = GeminiProvider(
        "test-key", base_url=gemini.base_url, timeout_s=5, attempts=1, retry_initial_delay_s=0
    )
    client = GitHubClient(github.base_url)
    return CompanyService(app.db, app.bus, clock, ai=lambda: provider, code_host=lambda: client)


@pytest.fixture
def monzo(app, pid: int, clock: FixedClock) -> list[int]:  # type: ignore[no-untyped-def]
    svc = app.service(ApplicationService)
    a = svc.create(
        pid,
        {
            "company": "Monzo",
            "title": "Backend Engineer",
            "location": "London",
            "description": MONZO_POSTING,
        },
    )
    b = svc.create(
        pid,
        {
            "company": "Monzo Ltd",
            "title": "Data Analyst",
            "state": State.APPLIED,
            "description": "Data Analyst. SQL and Looker; Python is a plus.",
        },
    )
    svc.move(b.id, State.SCREENING)
    svc.add_interview(
        b.id,
        {"kind": "phone", "starts_at": datetime(2026, 3, 1, 10, tzinfo=UTC), "outcome": "passed"},
    )
    svc.move(b.id, State.REJECTED)
    svc.create(pid, {"company": "Other Co", "title": "Analyst"})
    return [a.id, b.id]


def test_card_is_shared_and_shows_history_and_stack(
    companies: CompanyService, pid: int, monzo: list[int]
) -> None:
    card = companies.card(pid, "monzo ltd")
    assert card.name == "Monzo" and not card.saved
    assert [h.application_id for h in card.history] == [monzo[1], monzo[0]]
    assert card.history[0].interviews == 1 and card.history[0].interview_outcomes == ["passed"]
    assert card.history_line() == "2 applications · 1 interview · 1 rejected"
    names = {t.name.casefold() for t in card.tech_stack}
    assert {"kubernetes", "apache cassandra"} <= names
    assert card.fields.location == "London"  # from its applications until the card says
    assert card.suggested_org == "monzo"
    assert "website" in card.unknown and "AI summary" in card.unknown
    with pytest.raises(NotFoundError):
        companies.card(pid, "Nobody Ltd")


def test_a_targeted_company_gets_an_empty_card_that_saving_creates(
    companies: CompanyService, pid: int
) -> None:
    empty = companies.card(pid, "Nobody Ltd", allow_new=True)
    assert empty.name == "Nobody Ltd" and not empty.saved and not empty.history
    assert [c.name for c in companies.companies(pid)] == []  # opening it created nothing
    companies.update(pid, "Nobody Ltd", {"website": "nobody.example"})
    saved = companies.card(pid, "nobody ltd")
    assert saved.saved and saved.fields.website == "https://nobody.example"


def test_update_validates_and_publishes(
    app,
    companies: CompanyService,
    pid: int,
    monzo: list[int],  # type: ignore[no-untyped-def]
) -> None:
    seen: list[CompanyChanged] = []
    app.bus.subscribe(CompanyChanged, seen.append)
    before = companies.card(pid, "Monzo").completeness
    card = companies.update(
        pid,
        "MONZO",
        {
            "website": "monzo.com",
            "industry": "Banking",
            "size": "1,001–5,000",
            "links": "https://monzo.com/careers\n\nhttps://monzo.com/blog",
            "notes": "Ask Sam",
        },
    )
    assert card.saved and card.fields.website == "https://monzo.com"
    assert card.fields.links == ["https://monzo.com/careers", "https://monzo.com/blog"]
    assert card.completeness > before
    assert "industry" not in card.unknown
    assert [e.key for e in seen] == ["monzo"]
    with pytest.raises(ValidationError):
        companies.update(pid, "Monzo", {"website": "ftp://x"})
    with pytest.raises(ValidationError):
        companies.update(pid, "Monzo", {"github_org": "not an org!"})
    with pytest.raises(ValidationError, match="Unknown company fields"):
        companies.update(pid, "Monzo", {"ceo": "x"})
    assert companies.card(pid, "Monzo").fields.industry == "Banking"
    assert [c.name for c in companies.companies(pid)] == ["Monzo", "Other Co"]


def test_summary_cached_for_30_days_then_refetched(
    research: CompanyService, gemini: FakeGemini, clock: FixedClock, pid: int, monzo: list[int]
) -> None:
    card = research.summarise(pid, "Monzo")
    assert card.summary is not None and card.summary.fresh
    assert card.summary.text == "Monzo is a UK digital bank."
    assert card.summary.by.startswith("Gemini")
    assert card.summary.at == clock.now()
    body = gemini.requests[0].body
    assert body["generationConfig"]["responseMimeType"] == "application/json"
    assert "Monzo" in str(body["contents"])
    clock.advance(days=29)
    research.summarise(pid, "Monzo")
    assert gemini.request_count == 1  # still fresh: no call
    gemini.reply({"summary": "Refreshed."})
    assert research.summarise(pid, "Monzo", refresh=True).summary.text == "Refreshed."  # type: ignore[union-attr]
    assert gemini.request_count == 2
    clock.advance(days=30, seconds=1)
    card = research.card(pid, "Monzo")
    assert card.summary is not None and not card.summary.fresh  # shown, marked as old
    research.summarise(pid, "Monzo")
    assert gemini.request_count == 3


def test_summary_failures_keep_the_cache(
    research: CompanyService, gemini: FakeGemini, clock: FixedClock, pid: int, monzo: list[int]
) -> None:
    gemini.fail(429)
    with pytest.raises(UserError, match="too many requests"):
        research.summarise(pid, "Monzo")
    research.summarise(pid, "Monzo")
    gemini.malformed("schema")
    with pytest.raises(UserError, match=r"expected format.*earlier summary is still shown"):
        research.summarise(pid, "Monzo", refresh=True)
    assert research.card(pid, "Monzo").summary.text == "Monzo is a UK digital bank."  # type: ignore[union-attr]


def test_summary_offline_says_how_to_enable(
    app,
    clock: FixedClock,
    pid: int,
    monzo: list[int],  # type: ignore[no-untyped-def]
) -> None:
    svc = CompanyService(app.db, app.bus, clock, ai=OfflineAI)
    with pytest.raises(UserError, match="Settings → AI"):
        svc.summarise(pid, "Monzo")


def test_github_languages_cached_and_rate_limits_reported(
    research: CompanyService, github: FakeGitHub, clock: FixedClock, pid: int, monzo: list[int]
) -> None:
    card = research.fetch_languages(pid, "Monzo")
    assert card.github is not None and card.github.org == "monzo"
    assert [(t.name, t.postings) for t in card.github.languages] == [("Go", 2), ("Swift", 1)]
    assert card.github.repos == 3
    assert "GitHub languages" not in card.unknown
    clock.advance(days=10)
    research.fetch_languages(pid, "Monzo")
    assert len(github.requests) == 1  # cached
    clock.advance(days=25)
    github.respond(429, {"message": "rate limited"}, {"Retry-After": "120"})
    with pytest.raises(UserError, match="rate limit"):
        research.fetch_languages(pid, "Monzo")
    card = research.card(pid, "Monzo")
    assert card.github is not None and not card.github.fresh  # old result still shown
    # A different organisation set on the card is fetched even while the cache is fresh.
    research.update(pid, "Monzo", {"github_org": "nosuch"})
    with pytest.raises(UserError):
        research.fetch_languages(pid, "Monzo")  # still blocked by Retry-After


def test_unknown_org_message(research: CompanyService, pid: int, monzo: list[int]) -> None:
    with pytest.raises(UserError, match="no public organisation called 'other'"):
        research.fetch_languages(pid, "Other Co")


def test_guess_github_org() -> None:
    assert guess_github_org("Monzo Bank Ltd") == "monzobank"
    assert guess_github_org("Auto Trader UK") == "autotraderuk"
    assert guess_github_org("BBC") == "bbc"
