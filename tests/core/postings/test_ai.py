"""Gemini improving a posting's reading: real google-genai SDK against FakeGemini."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.postings.models import AIPostingReply
from careerdesk.core.postings.service import NothingUsefulError, PostingService
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from tests.core.postings.corpus import POSTINGS
from tests.fakes.gemini_server import FakeGemini

# A posting the rules only half read: no labels, company in a sentence they do not know.
VAGUE = """We are a small team at Brightwave building tools for schools.
You'd be our second data person. We need someone comfortable with SQL and dashboards.
It's mostly remote but we meet in Bristol once a month. Pay is 40-48k GBP.
"""

GOOD_REPLY = {
    "company": "Brightwave",
    "title": "Data Analyst",
    "location": "Bristol",
    "remote": "hybrid",
    "salary_min": 40000,
    "salary_max": 48000,
    "currency": "GBP",
    "deadline": "2026-04-30",
    "required_skills": ["SQL", "Dashboards", "Working with teachers"],
    "preferred_skills": ["Python"],
    "technologies": ["Metabase"],
}


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply=GOOD_REPLY) as server:
        yield server


@pytest.fixture
def with_ai(app, clock: FixedClock, fake: FakeGemini) -> PostingService:  # type: ignore[no-untyped-def]
    provider = GeminiProvider(
        "test-key", base_url=fake.base_url, timeout_s=5, attempts=1, retry_initial_delay_s=0
    )
    svc = app.service(PostingService)
    svc._ai = lambda: provider
    return svc


def test_gemini_fills_what_the_rules_missed(with_ai: PostingService, fake: FakeGemini) -> None:
    offline = with_ai.propose(VAGUE, use_ai=False)
    assert offline.title == ""  # the rules alone do not find it
    proposal = with_ai.propose(VAGUE)
    assert proposal.extracted_by == "gemini"
    assert (proposal.company, proposal.title, proposal.location) == (
        "Brightwave",
        "Data Analyst",
        "Bristol",
    )
    assert proposal.remote == "hybrid"
    assert (proposal.salary_min, proposal.salary_max, proposal.currency) == (40000, 48000, "GBP")
    assert proposal.deadline == date(2026, 4, 30)
    required = {s.name: s.skill_id for s in proposal.required}
    assert required["SQL"] == "sql"
    assert required["Working with teachers"] is None  # kept, not a catalogue skill
    assert "python" in {s.skill_id for s in proposal.preferred}
    assert "Metabase" in proposal.technologies
    assert proposal.onet_code  # mapped from Gemini's title
    assert "Improved by Gemini" in proposal.notice
    config = fake.requests[0].body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert "required_skills" in str(
        config.get("responseSchema") or config.get("responseJsonSchema")
    )


def test_invalid_ai_values_are_ignored(with_ai: PostingService, fake: FakeGemini) -> None:
    text = POSTINGS[0][1]
    fake.reply(
        {
            **GOOD_REPLY,
            "company": "Acme Analytics Ltd",
            "title": "",
            "remote": "sometimes",
            "salary_min": 90,
            "salary_max": 40,
            "currency": "pounds",
            "deadline": "next Friday",
        }
    )
    proposal = with_ai.propose(text)
    assert proposal.title == "Data Analyst"  # the rules' value stays
    assert proposal.remote == "hybrid"
    assert (proposal.salary_min, proposal.salary_max, proposal.currency) == (32000, 38000, "GBP")
    assert proposal.deadline == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("program", "message"),
    [
        (lambda f: f.malformed("text"), "expected format"),
        (lambda f: f.fail(429), "too many requests"),
        (lambda f: f.fail(500), "problem on its side"),
        (lambda f: f.reply({}), "could not be used"),
    ],
    ids=["malformed", "rate-limited", "server-error", "empty"],
)
def test_broken_ai_reply_falls_back_with_a_note(
    with_ai: PostingService,
    fake: FakeGemini,
    program,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    program(fake)
    proposal = with_ai.propose(POSTINGS[0][1])
    offline = with_ai.propose(POSTINGS[0][1], use_ai=False)
    assert proposal.extracted_by == "rules"
    assert message in proposal.notice and "CareerDesk's own reading" in proposal.notice
    assert proposal.model_dump(exclude={"notice"}) == offline.model_dump(exclude={"notice"})


def test_offline_provider_is_not_called(app, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(PostingService)
    svc._ai = OfflineAI
    proposal = svc.propose(POSTINGS[1][1])
    assert proposal.extracted_by == "rules" and proposal.notice == ""
    assert not svc.ai_available()


def test_ai_cannot_make_nothing_useful_into_something(
    with_ai: PostingService, fake: FakeGemini
) -> None:
    fake.reply(AIPostingReply().model_dump())
    with pytest.raises(NothingUsefulError):
        with_ai.propose("see you on Friday!")
