"""Interview feedback: the offline rule generator, and Gemini through the loopback fake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from careerdesk.core.interviews.feedback import (
    AIFeedbackReply,
    build_prompt,
    generate_feedback,
    validate_reply,
)
from careerdesk.core.interviews.rules import band, detect_signals, is_negated, offline_feedback
from careerdesk.core.kernel.ports import AIError
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from tests.fakes.gemini_server import FakeGemini

NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
ALL = {"communication": 72, "technical": 55, "problem_solving": 85, "code_quality": 35}


def items(fb: dict, skill: str, kind: str) -> list[str]:
    return fb[skill][kind]


# -- offline rules ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "name"),
    [(100, "strong"), (80, "strong"), (79, "solid"), (60, "solid"), (59, "developing"),
     (40, "developing"), (39.9, "weak"), (0, "weak")],
)  # fmt: skip
def test_score_bands(score: float, name: str) -> None:
    assert band(score) == name


def test_every_scored_skill_gets_two_or_three_items_per_list() -> None:
    for text in ("", "Used STAR. Asked clarifying questions. Talked through the approach. "
                 "Clear answers. Complexity O(n). Trade-offs. Caching. Edge cases. "
                 "Brute force then optimised. Walked through an example. Wrote unit tests. "
                 "Readable code. Refactored into helper functions."):  # fmt: skip
        fb = offline_feedback(ALL, text)
        assert set(fb) == set(ALL)
        for skill in ALL:
            for kind in ("strengths", "weaknesses", "recommendations"):
                got = items(fb, skill, kind)
                assert 2 <= len(got) <= 3, (skill, kind, got)
                assert len(set(got)) == len(got)


def test_unscored_skills_get_no_feedback() -> None:
    fb = offline_feedback({"communication": 70, "technical": None}, "wrote tests")
    assert set(fb) == {"communication"}


def test_phrases_become_strengths_and_negations_weaknesses() -> None:
    text = (
        "Used the STAR method for the conflict story. Forgot to write tests. "
        "Discussed complexity, O(n log n). Got stuck on the DP part and needed two hints. "
        "She rambled a bit on the intro."
    )
    fb = offline_feedback(ALL, text)
    assert items(fb, "communication", "strengths")[0].startswith("Structured behavioural answers")
    assert items(fb, "communication", "weaknesses")[0] == "Answers ran long and drifted off topic."
    assert items(fb, "technical", "strengths")[0] == "Analysed time and space complexity."
    assert items(fb, "problem_solving", "weaknesses")[0].startswith("Got stuck")
    assert items(fb, "code_quality", "weaknesses")[0] == "Did not write or describe any tests."
    assert items(fb, "code_quality", "recommendations")[0].startswith("End every coding answer")
    # the score band fills the rest: code quality 35 is "weak"
    assert "Code was incomplete or did not run." in items(fb, "code_quality", "weaknesses")


def test_negated_problem_phrase_is_a_strength() -> None:
    fb = offline_feedback({"problem_solving": 75}, "Solved it with no hints at all.")
    assert (
        items(fb, "problem_solving", "strengths")[0] == "Solved the problem without needing hints."
    )


def test_negation_detection() -> None:
    s = "I forgot to mention the edge cases"
    start = s.index("edge")
    assert is_negated(s, start, start + 10)
    s2 = "Covered the edge cases well"
    assert not is_negated(s2, s2.index("edge"), s2.index("edge") + 10)
    s3 = "Tests were missing"
    assert is_negated(s3, 0, 5)
    # the negator must be close: "no" five words earlier does not negate
    s4 = "No problem, I then carefully listed edge cases"
    assert not is_negated(s4, s4.index("edge"), s4.index("edge") + 10)


def test_star_needs_capitals_so_start_and_star_performer_do_not_count() -> None:
    assert detect_signals("I started with a star performer story") == []
    assert [s.skill for s, _ in detect_signals("Answered with STAR.")] == ["communication"]


def test_offline_feedback_is_deterministic() -> None:
    """The same scores and text give this feedback, whatever order the scores come in."""
    text = "Asked clarifying questions; code was messy."
    fb = offline_feedback(ALL, text)
    assert fb["communication"]["strengths"] == [
        "Asked clarifying questions before answering.",  # the phrase in the text
        "Answers were generally easy to follow.",  # then the "solid" band (72)
    ]
    assert fb["code_quality"]["weaknesses"] == [
        "Code was messy (poor naming, duplication or magic numbers).",
        "Code was incomplete or did not run.",  # the "weak" band (35)
    ]
    assert list(fb) == ["communication", "technical", "problem_solving", "code_quality"]
    assert offline_feedback(dict(reversed(list(ALL.items()))), text) == fb
    # Each skill's feedback depends on its own score and signals only.
    alone = offline_feedback({"problem_solving": 85}, text)
    assert alone == {"problem_solving": fb["problem_solving"]}


# -- Gemini through the fake ------------------------------------------------------------------
def good_reply(skills: list[str], n: int = 2) -> dict:
    return {
        "skills": [
            {
                "skill": s,
                "strengths": [f"{s} strength {i}" for i in range(n)],
                "weaknesses": [f"{s} weakness {i}" for i in range(n)],
                "recommendations": [f"{s} recommendation {i}" for i in range(n)],
            }
            for s in skills
        ]
    }


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini() as server:
        yield server


def provider(fake: FakeGemini) -> GeminiProvider:
    return GeminiProvider(
        "AIzaTEST-feedback-0123456789",
        base_url=fake.base_url,
        timeout_s=3,
        attempts=1,
        retry_initial_delay_s=0.01,
        retry_max_delay_s=0.02,
    )


def test_gemini_feedback_is_used_and_request_carries_schema(fake: FakeGemini) -> None:
    scores = {"communication": 70, "technical": 60, "problem_solving": None, "code_quality": 50}
    fake.reply(good_reply(["communication", "technical", "code_quality"], n=3))
    got = generate_feedback(
        scores, kind="Mock", notes="Used STAR.", transcript="Q: ... A: ...", ai=provider(fake),
        now=NOW,
    )  # fmt: skip
    assert got.ai_error is None
    assert got.gemini is not None and got.preferred is got.gemini
    assert got.gemini.source == "gemini" and got.gemini.model == "gemini-2.5-flash"
    assert set(got.gemini.skills) == {"communication", "technical", "code_quality"}
    assert got.gemini.skills["technical"].strengths == [f"technical strength {i}" for i in range(3)]
    assert set(got.offline.skills) == set(got.gemini.skills)  # offline is always there too
    [request] = fake.requests
    body = request.body
    prompt = body["contents"][0]["parts"][0]["text"]
    assert "Used STAR." in prompt and "Q: ... A: ..." in prompt
    assert "problem_solving" not in prompt.split("Notes:")[0]  # unscored skill not asked for
    assert "skills" in body["generationConfig"]["responseSchema"]["properties"]


@pytest.mark.parametrize("kind", ["text", "schema"])
def test_malformed_reply_gives_the_offline_result(fake: FakeGemini, kind: str) -> None:
    fake.malformed(kind)  # type: ignore[arg-type]
    got = generate_feedback(ALL, kind="Mock", notes="wrote tests", ai=provider(fake), now=NOW)
    assert got.gemini is None
    assert got.ai_error and "format" in got.ai_error
    assert got.preferred is got.offline
    assert items(got.offline.model_dump()["skills"], "code_quality", "strengths")[0].startswith(
        "Wrote or described tests"
    )


def test_reply_with_too_few_items_or_missing_skill_gives_offline(fake: FakeGemini) -> None:
    fake.reply(good_reply(list(ALL), n=1))
    got = generate_feedback(ALL, kind="Mock", ai=provider(fake), now=NOW)
    assert got.gemini is None and "at least 2" in (got.ai_error or "")
    fake.reply(good_reply(["communication", "technical", "problem_solving"]))
    got = generate_feedback(ALL, kind="Mock", ai=provider(fake), now=NOW)
    assert got.gemini is None and "code_quality" in (got.ai_error or "")


def test_server_error_gives_offline_with_reason(fake: FakeGemini) -> None:
    fake.fail(503)
    got = generate_feedback(ALL, kind="Mock", ai=provider(fake), now=NOW)
    assert got.gemini is None and "HTTP 503" in (got.ai_error or "")


def test_offline_provider_makes_no_request_and_reports_no_error() -> None:
    got = generate_feedback(ALL, kind="Mock", ai=OfflineAI(), now=NOW)
    assert got.gemini is None and got.ai_error is None


def test_validate_reply_cleans_and_truncates() -> None:
    reply = AIFeedbackReply.model_validate(
        {
            "skills": [
                {
                    "skill": "Problem Solving",
                    "strengths": ["  a  ", "a", "b", "c", "d"],
                    "weaknesses": ["x" * 400, "y"],
                    "recommendations": ["r1", "", "r2"],
                },
                {"skill": "poetry", "strengths": [], "weaknesses": [], "recommendations": []},
            ]
        }
    )
    got = validate_reply(reply, {"problem_solving": 50})
    fb = got["problem_solving"]
    assert fb.strengths == ["a", "b", "c"]  # duplicates dropped, cut to three
    assert len(fb.weaknesses[0]) == 300 and fb.weaknesses[0].endswith("…")
    assert fb.recommendations == ["r1", "r2"]
    twice = AIFeedbackReply.model_validate(good_reply(["technical", "technical"]))
    with pytest.raises(AIError, match="twice"):
        validate_reply(twice, {"technical": 50})


def test_prompt_shortens_long_transcripts() -> None:
    prompt = build_prompt(ALL, kind="Mock", title="", notes="", transcript="x" * 30_000)
    assert "[transcript shortened]" in prompt and len(prompt) < 21_000
