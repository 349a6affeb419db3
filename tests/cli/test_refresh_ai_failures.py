"""``careerdesk refresh-recommendations`` when Gemini fails: the message and the log say the
previous set was kept (never "up to date"). The real google-genai SDK talks to the loopback
fake (tests/fakes/gemini_server.py), reached through the same environment variables a user
would set (``GEMINI_API_KEY``, ``CAREERDESK_GEMINI_BASE_URL``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from careerdesk.app import build_app
from careerdesk.cli import main
from careerdesk.core.insights.career_service import CareerRecommendationService
from careerdesk.core.kernel.paths import AppPaths
from careerdesk.core.kernel.settings import AISettings, Settings, save_settings
from careerdesk.core.profiles.service import ProfileDetails
from careerdesk.core.scheduling.last_run import read_last_run
from tests.fakes.gemini_server import FakeGemini

AI_ANSWER = {
    "paths": [
        {
            "title": "Data analysis for public services",
            "role_ids": ["data_analyst"],
            "why_it_fits": "You enjoy puzzles and statistics.",
            "key_skills": ["SQL", "Statistics"],
            "first_steps": ["Take the SQL assessment"],
        },
        {
            "title": "Machine learning research",
            "role_ids": ["ml_engineer"],
            "why_it_fits": "Your investigative interests fit research work.",
            "key_skills": ["Python", "Statistics"],
            "first_steps": ["Start the Python course"],
        },
    ]
}

# The adapter's messages, as docs/insights.md and the Settings page show them to people.
TIMEOUT = "Gemini did not answer within 1 second. Check the internet connection and try again"
SERVER = "Gemini had a problem on its side (HTTP 503). Try again in a few minutes"
RATE = (
    "Gemini is receiving too many requests for this API key (rate limit or quota). "
    "Wait a minute and try again"
)
# After a timeout or repeated 5xx answers the provider stops calling Gemini for the rest of
# the run (the circuit breaker, docs/insights.md); later calls get this message at once.
BREAKER = (
    "Gemini is not answering at the moment, so CareerDesk uses its built-in (offline) "
    "results for the rest of this session. Test the connection in Settings → AI to try again"
)
MALFORMED = (
    "Gemini's answer did not have the expected format. Try again; if it keeps happening, "
    "CareerDesk's built-in (offline) results are still available"
)


def run(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGemini]:
    with FakeGemini(default_reply=AI_ANSWER) as server:
        monkeypatch.setenv("GEMINI_API_KEY", "test-key-not-a-real-one")
        monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", server.base_url)
        yield server


def use_timeout(seconds: float) -> None:
    paths = AppPaths.resolve()
    paths.ensure()
    save_settings(paths.settings_path, Settings(ai=AISettings(timeout_s=seconds)))


def create_sam() -> None:
    app = build_app()
    try:
        app.profiles.create(
            "Sam",
            ProfileDetails(
                location="Leeds", field_of_study="BSc Mathematics", interests="puzzles, statistics"
            ),
        )
    finally:
        app.close(backup=False)


def log_lines() -> list[str]:
    return (AppPaths.resolve().log_dir / "careerdesk.log").read_text("utf-8").splitlines()


@pytest.mark.parametrize("failure", ["timeout", "server", "rate_limited", "malformed"])
def test_a_kept_set_is_reported_as_kept(
    fake: FakeGemini, failure: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # One second bounds a whole call (retries included): the timeout case needs no more.
    # The HTTP errors get ten, so all three attempts are made and the last status is reported.
    use_timeout(1.0 if failure == "timeout" else 10.0)
    create_sam()
    assert run("refresh-recommendations", "--all") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Sam: 2 AI-generated recommendation(s) because it is a new profile (no recommendations "
        "yet); course paths for 'BSc Mathematics' because the course is new"
    ]
    today = f"{datetime.now(UTC):%Y-%m-%d}"

    if failure == "timeout":
        fake.hang(5)
        learner_error, course_error = TIMEOUT, BREAKER  # the course is not asked
    elif failure == "server":
        fake.fail(503, times=3)  # three attempts for the learner; the breaker spares the course
        learner_error, course_error = SERVER, BREAKER
    elif failure == "rate_limited":
        fake.fail(429, times=6)
        learner_error = course_error = RATE
    else:
        fake.malformed("text")
        fake.malformed("schema")
        learner_error = course_error = MALFORMED
    # --force: same inputs, so the answer cache is bypassed and Gemini is really asked.
    before = fake.request_count
    assert run("refresh-recommendations", "--all", "--force") == 0
    out = capsys.readouterr().out
    assert fake.request_count > before
    expected = (
        f"Sam: NOT refreshed, kept the previous 2 AI-generated recommendation(s) from {today}: "
        f"Gemini failed ({learner_error}); still due because a refresh was requested, retried "
        f"at the next refresh; course paths for 'BSc Mathematics' NOT refreshed, kept the "
        f"previous AI-generated ones: Gemini failed ({course_error})"
    )
    assert out.splitlines() == [expected]
    assert "up to date" not in out

    lines = log_lines()
    assert any(
        " WARNING careerdesk.core.insights.career_service " in line
        and line.endswith(f"recommendations: {expected}")
        for line in lines
    )
    assert any(
        " WARNING careerdesk.cli.commands.insights " in line
        and line.endswith(
            "refresh-recommendations: 0 of 1 regenerated, 1 kept the previous set because "
            "Gemini failed (retried next run)"
        )
        for line in lines
    )
    assert "test-key-not-a-real-one" not in "\n".join(lines)
    last = read_last_run(AppPaths.resolve().log_dir)  # what `careerdesk schedule status` shows
    assert last is not None and last.ok
    assert (last.profiles, last.regenerated, last.kept_previous) == (1, 0, 1)

    app = build_app()
    try:
        stored = app.service(CareerRecommendationService).get(1)
    finally:
        app.close(backup=False)
    assert stored is not None
    assert stored.source == "ai" and stored.count == 2
    assert stored.paths[0].title == "Data analysis for public services"
    assert stored.last_error == learner_error + "."
