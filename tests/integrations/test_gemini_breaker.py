"""The Gemini circuit breaker: after a timeout or repeated 5xx, no more calls that run.

Through the real google-genai SDK against the loopback fake (``tests/fakes/gemini_server.py``).
Counts are the requests the fake received, never wall-clock times.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from careerdesk.cli import main
from careerdesk.core.kernel.ports import AIError
from careerdesk.integrations.ai.factory import test_connection
from careerdesk.integrations.ai.gemini import GeminiProvider
from tests.fakes.gemini_server import FakeGemini


class Answer(BaseModel):
    ok: bool


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply={"ok": True}) as server:
        yield server


def provider(fake: FakeGemini, *, attempts: int = 1, timeout_s: float = 0.5) -> GeminiProvider:
    return GeminiProvider(
        "test-key",
        base_url=fake.base_url,
        timeout_s=timeout_s,
        attempts=attempts,
        retry_initial_delay_s=0.01,
        retry_max_delay_s=0.02,
    )


def test_a_timeout_stops_every_later_call(fake: FakeGemini) -> None:
    for _ in range(5):
        fake.hang(10)
    gemini = provider(fake, timeout_s=2)
    with pytest.raises(AIError) as first:
        gemini.generate("one", Answer)
    assert first.value.kind == "timeout"
    for prompt in ("two", "three", "four"):
        with pytest.raises(AIError) as later:
            gemini.generate(prompt, Answer)
        assert later.value.kind == "unavailable"
        assert "built-in (offline) results" in later.value.message
    assert len(fake.requests) == 1


def test_one_5xx_is_tolerated_two_in_a_row_open_the_breaker(fake: FakeGemini) -> None:
    gemini = provider(fake, timeout_s=10)  # one attempt per call: each sees one answer
    fake.fail(503)
    with pytest.raises(AIError, match="HTTP 503"):
        gemini.generate("one", Answer)
    assert gemini.generate("two", Answer).ok  # a success clears the count
    fake.fail(500)
    with pytest.raises(AIError, match="HTTP 500"):
        gemini.generate("three", Answer)
    fake.fail(502)
    with pytest.raises(AIError, match="HTTP 502"):
        gemini.generate("four", Answer)
    with pytest.raises(AIError) as later:
        gemini.generate("five", Answer)
    assert later.value.kind == "unavailable"
    assert len(fake.requests) == 4


def test_a_call_whose_retries_all_got_5xx_opens_it(fake: FakeGemini) -> None:
    fake.fail(500, times=3)
    gemini = provider(fake, attempts=3, timeout_s=5)
    with pytest.raises(AIError, match="HTTP 500"):
        gemini.generate("one", Answer)
    assert len(fake.requests) == 3  # the SDK's three attempts
    with pytest.raises(AIError) as later:
        gemini.generate("two", Answer)
    assert later.value.kind == "unavailable" and len(fake.requests) == 3


def test_other_failures_leave_it_closed(fake: FakeGemini) -> None:
    gemini = provider(fake, timeout_s=10)
    fake.fail(429)
    fake.malformed("text")
    fake.fail(400)
    for _ in range(3):
        with pytest.raises(AIError):
            gemini.generate("x", Answer)
    assert gemini.breaker_open() is None
    assert gemini.generate("y", Answer).ok and len(fake.requests) == 4


def test_testing_the_connection_tries_again(fake: FakeGemini) -> None:
    fake.hang(10)
    gemini = provider(fake)
    with pytest.raises(AIError):
        gemini.generate("one", Answer)
    assert gemini.breaker_open() is not None
    assert "answered" in test_connection(gemini)  # Settings → AI → Test connection
    assert gemini.breaker_open() is None
    assert gemini.generate("two", Answer).ok
    assert len(fake.requests) == 3


def test_refresh_recommendations_all_with_a_hanging_endpoint(
    fake: FakeGemini, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three profiles, Gemini hangs: one request only, then the offline path answers.

    Each profile asks Gemini twice (career paths and course paths) when it works, so without
    the breaker the fake would get six requests and the run would wait six timeouts; one
    request means the run took one timeout (the budget of a call), within twice one.
    """
    from careerdesk.app import build_app
    from careerdesk.core.insights.interests import InterestService, questionnaire
    from careerdesk.core.kernel.clock import FixedClock
    from careerdesk.core.profiles.service import ProfileDetails

    monkeypatch.setenv("GEMINI_API_KEY", "test-key")
    monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
    app = build_app()
    app.settings.ai.timeout_s = 1.0
    app.save_settings()
    answers = {i.id: 5 if i.dimension in "IC" else 1 for i in questionnaire().items}
    for name in ("Ann", "Bo", "Cy"):
        details = ProfileDetails(field_of_study="BSc Mathematics", interests="statistics")
        pid = app.profiles.create(name, details).id
        InterestService(app.db, app.bus, FixedClock()).save_answers(pid, answers)
    app.close(backup=False)
    for _ in range(6):
        fake.hang(30)

    assert main(["refresh-recommendations", "--all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(fake.requests) == 1
    assert len(out) == 3 and all("offline" in line for line in out)
