"""AI-written questions through the real google-genai SDK against the loopback fake Gemini."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from careerdesk.core.assessments import AssessmentService, QuizSetup
from careerdesk.integrations.ai.gemini import GeminiProvider
from tests.fakes.gemini_server import FakeGemini
from tests.learning_fixtures import Kit, answer_all

SETUP = QuizSetup(skills=["python"], length=3, use_ai=True)  # one easy, medium, hard slot


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


def provider(fake: FakeGemini, **overrides: object) -> GeminiProvider:
    options: dict[str, object] = {
        "base_url": fake.base_url,
        "timeout_s": 2.0,
        "attempts": 2,
        "retry_initial_delay_s": 0.01,
        "retry_max_delay_s": 0.02,
    }
    options.update(overrides)
    return GeminiProvider("test-key", **options)  # type: ignore[arg-type]


def gq(difficulty: str, n: int, *, skill: str = "python", options=None, correct=(1,)) -> dict:  # type: ignore[no-untyped-def]
    texts = options or [f"{difficulty} option {n}-{i}" for i in range(4)]
    return {
        "skill": skill,
        "difficulty": difficulty,
        "prompt": f"Generated {difficulty} question number {n} about Python?",
        "options": [{"text": t, "correct": i in correct} for i, t in enumerate(texts)],
        "explanation": f"Because option 1 is right for question {n}.",
    }


def service(kit: Kit, fake: FakeGemini, **overrides: object) -> AssessmentService:
    return kit.with_ai(provider(fake, **overrides))


def test_valid_generated_questions_are_used(kit: Kit, fake: FakeGemini) -> None:
    fake.reply({"questions": [gq("easy", 1), gq("medium", 2), gq("hard", 3)]})
    svc = service(kit, fake)
    view = svc.start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "ai"
    assert "written by Gemini" in view.notice
    assert [q.source for q in view.questions] == ["ai", "ai", "ai"]
    assert [q.difficulty for q in view.questions] == ["easy", "medium", "hard"]
    assert view.questions[0].options == [f"easy option 1-{i}" for i in range(4)]
    # The request asked for JSON with the quiz schema and named the slots.
    [request] = fake.requests
    body = request.body
    assert body["generationConfig"]["responseMimeType"] == "application/json"
    assert "questions" in body["generationConfig"]["responseSchema"]["properties"]
    prompt = body["contents"][0]["parts"][0]["text"]
    assert "skill=python" in prompt and "difficulty=hard" in prompt

    # Stored with their full text, so the review shows them and their right answers.
    answer_all(svc, view)
    review = svc.submit(view.id)
    assert [i.source for i in review.items] == ["ai", "ai", "ai"]
    assert all(i.correct_index == 1 and i.is_correct for i in review.items)
    assert review.items[2].explanation == "Because option 1 is right for question 3."
    assert review.summary.overall_score == 100.0


def test_invalid_generated_questions_are_replaced_from_the_bank(kit: Kit, fake: FakeGemini) -> None:
    fake.reply(
        {
            "questions": [
                gq("easy", 1, options=["Same", "same ", "Other", "Third"]),  # duplicate options
                gq("medium", 2, correct=(0, 2)),  # two correct options
                gq("hard", 3, skill="cooking"),  # unknown skill
                gq("hard", 4),  # valid
            ]
        }
    )
    view = service(kit, fake).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "mixed"
    assert [q.source for q in view.questions] == ["bank", "bank", "ai"]
    assert view.questions[2].prompt.startswith("Generated hard question number 4")
    assert "1 of 3" in view.notice and "bank" in view.notice
    assert all(q.question_id.startswith("python-") for q in view.questions[:2])


def test_malformed_reply_falls_back_to_the_bank(kit: Kit, fake: FakeGemini) -> None:
    fake.malformed("text")
    view = service(kit, fake).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "bank" and len(view.questions) == 3
    assert all(q.source == "bank" for q in view.questions)
    assert "question bank" in view.notice and "format" in view.notice


def test_rate_limit_falls_back_to_the_bank_with_a_notice(kit: Kit, fake: FakeGemini) -> None:
    fake.fail(429, times=5)
    view = service(kit, fake).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "bank" and len(view.questions) == 3
    assert "too many requests" in view.notice and "question bank" in view.notice
    assert fake.request_count == 2  # the adapter's retries, then the bank


def test_timeout_falls_back_to_the_bank_quickly(kit: Kit, fake: FakeGemini) -> None:
    fake.hang(10)
    fake.hang(10)
    view = service(kit, fake, timeout_s=0.6).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "bank" and len(view.questions) == 3
    # Quickly: one 0.6 s budget for the whole call, so the second hang was never asked for
    # (per-attempt timeouts would have waited on both).
    assert fake.request_count == 1
    assert "did not answer within" in view.notice


def test_no_key_means_bank_and_a_plain_notice(kit: Kit) -> None:
    from careerdesk.integrations.ai.offline import OfflineAI

    view = kit.with_ai(OfflineAI()).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "bank"
    assert "not set up" in view.notice


def test_app_service_uses_the_configured_gemini(kit: Kit, fake: FakeGemini, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.integrations.secrets import GEMINI_API_KEY

    monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
    kit.app.secrets.set(GEMINI_API_KEY, "test-key")
    kit.app.reset_ai()
    fake.reply({"questions": [gq("easy", 1), gq("medium", 2), gq("hard", 3)]})
    view = kit.app.service(AssessmentService).start(kit.profile_id, SETUP, rng=random.Random(1))
    assert view.source == "ai"
    assert fake.requests[0].headers["x-goog-api-key"] == "test-key"
