"""GeminiProvider through the real google-genai SDK against the loopback FakeGemini."""

from __future__ import annotations

import socket
import threading
import traceback
from collections.abc import Iterator, Mapping

import pytest
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from careerdesk.core.kernel.ports import AIError, AIProvider, SecretStoreError
from careerdesk.integrations.ai.factory import build_ai_provider, test_connection
from careerdesk.integrations.ai.gemini import GeminiProvider, cache_key
from careerdesk.integrations.ai.offline import OfflineAI
from careerdesk.integrations.secrets import GEMINI_API_KEY, KeyringSecretStore
from tests.fakes.gemini_server import FakeGemini, generate_content_response, google_error

API_KEY = "AIzaTEST-do-not-leak-0123456789"


class RoleMatch(BaseModel):
    title: str
    score: int


class MemoryCache:
    """AICacheStore in a dict (the real one lives in the database)."""

    def __init__(self) -> None:
        self.data: dict[str, tuple[str, str]] = {}

    def get(self, key: str) -> str | None:
        hit = self.data.get(key)
        return hit[1] if hit else None

    def put(self, key: str, model: str, value: str) -> None:
        self.data[key] = (model, value)


class MemorySecrets:
    """SecretStore in a dict, optionally broken."""

    def __init__(self, values: Mapping[str, str] | None = None, *, broken: bool = False):
        self.values = dict(values or {})
        self.broken = broken

    def get(self, name: str) -> str | None:
        if self.broken:
            raise SecretStoreError("keyring is locked")
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)

    @property
    def persistent(self) -> bool:
        return True

    @property
    def backend_name(self) -> str:
        return "memory"


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(default_reply={"title": "Default", "score": 0}) as server:
        yield server


def make_provider(fake: FakeGemini, **overrides: object) -> GeminiProvider:
    """A provider aimed at the fake, with tiny retry delays so the suite stays fast."""
    options: dict[str, object] = {
        "base_url": fake.base_url,
        "timeout_s": 2.0,
        "attempts": 3,
        "retry_initial_delay_s": 0.01,
        "retry_max_delay_s": 0.02,
    }
    options.update(overrides)
    provider = GeminiProvider(API_KEY, **options)  # type: ignore[arg-type]
    return provider


def expect_ai_error(provider: GeminiProvider, prompt: str = "p") -> AIError:
    with pytest.raises(AIError) as info:
        provider.generate(prompt, RoleMatch)
    return info.value


# -- success path ------------------------------------------------------------------------


def test_valid_reply_is_parsed_and_request_carries_schema(fake: FakeGemini) -> None:
    fake.reply({"title": "Data analyst", "score": 82})
    provider = make_provider(fake)
    assert isinstance(provider, AIProvider)
    assert provider.available()

    result = provider.generate("Match me", RoleMatch, system="You are a career coach.")

    assert result == RoleMatch(title="Data analyst", score=82)
    [request] = fake.requests
    assert request.model == "gemini-2.5-flash"
    assert request.path.endswith("/models/gemini-2.5-flash:generateContent")
    assert request.headers["x-goog-api-key"] == API_KEY
    body = request.body
    assert body["contents"][0]["parts"][0]["text"] == "Match me"
    assert body["systemInstruction"]["parts"][0]["text"] == "You are a career coach."
    generation = body["generationConfig"]
    assert generation["responseMimeType"] == "application/json"
    schema = generation["responseSchema"]
    assert set(schema["properties"]) == {"title", "score"}
    assert set(schema["required"]) == {"title", "score"}


def test_no_system_instruction_when_none_given(fake: FakeGemini) -> None:
    make_provider(fake).generate("p", RoleMatch)
    assert "systemInstruction" not in fake.requests[0].body


# -- retries and HTTP errors ---------------------------------------------------------------


def test_429_is_retried_then_succeeds(fake: FakeGemini) -> None:
    fake.fail(429, times=2)
    fake.reply({"title": "After retry", "score": 1})

    result = make_provider(fake).generate("p", RoleMatch)

    assert result.title == "After retry"
    assert fake.request_count == 3


def test_persistent_429_is_rate_limited(fake: FakeGemini) -> None:
    fake.fail(429, times=10)
    error = expect_ai_error(make_provider(fake, attempts=3))
    assert error.kind == "rate_limited"
    assert "Wait" in error.message
    assert fake.request_count == 3  # attempts include the first try


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_persistent_5xx_is_server(fake: FakeGemini, status: int) -> None:
    fake.fail(status, times=10)
    error = expect_ai_error(make_provider(fake, attempts=2))
    assert error.kind == "server"
    assert str(status) in error.message
    assert fake.request_count == 2


@pytest.mark.parametrize(
    ("status", "message", "kind"),
    [
        (401, None, "auth"),
        (403, None, "auth"),
        (400, "API key not valid. Please pass a valid API key.", "auth"),
        (400, "Invalid JSON payload received.", "bad_request"),
        (404, "models/gemini-x is not found", "bad_request"),
    ],
)
def test_client_errors_are_mapped_and_not_retried(
    fake: FakeGemini, status: int, message: str | None, kind: str
) -> None:
    fake.fail(status, times=5, body=google_error(status, message))
    error = expect_ai_error(make_provider(fake))
    assert error.kind == kind
    assert fake.request_count == 1
    if kind == "auth":
        assert error.message.startswith("Gemini rejected the API key")


# -- transport failures ----------------------------------------------------------------------


def test_hang_times_out_within_the_budget(fake: FakeGemini) -> None:
    fake.hang(30)
    fake.hang(30)
    fake.hang(30)
    provider = make_provider(fake, timeout_s=1.0, attempts=3)

    error = expect_ai_error(provider)

    assert error.kind == "timeout"
    assert "1 second" in error.message
    # One budget for the whole call, retries included (not attempts x timeout): the first
    # attempt used it all, so the retries were never sent. Per-attempt timeouts would have
    # sent all three.
    assert fake.request_count == 1


def test_connection_refused_is_network() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    provider = GeminiProvider(
        API_KEY,
        base_url=f"http://127.0.0.1:{port}",
        timeout_s=2.0,
        retry_initial_delay_s=0.01,
        retry_max_delay_s=0.02,
    )
    with pytest.raises(AIError) as info:
        provider.generate("p", RoleMatch)
    # "network", not "timeout": the refusal ended the call before its 2 s budget ran out.
    assert info.value.kind == "network"


def test_close_stops_fake_promptly_while_hanging(fake: FakeGemini) -> None:
    fake.hang(60)
    provider = make_provider(fake, timeout_s=0.3, attempts=1)
    with pytest.raises(AIError):
        provider.generate("p", RoleMatch)
    handlers = [t for t in threading.enumerate() if "process_request_thread" in t.name]
    assert handlers  # the request is still hanging on the server side
    fake.close()
    # close() released the hanging handler: it ends now, not after its 60 s.
    for thread in handlers:
        thread.join(timeout=10)
    assert not any(t.is_alive() for t in handlers)
    assert not fake._thread.is_alive()


# -- answers that do not fit -----------------------------------------------------------------


def test_non_json_text_is_malformed(fake: FakeGemini) -> None:
    fake.malformed("text")
    error = expect_ai_error(make_provider(fake))
    assert error.kind == "malformed"
    assert fake.request_count == 1  # a bad answer is not retried at HTTP level


def test_json_not_matching_schema_is_malformed(fake: FakeGemini) -> None:
    fake.malformed("schema")
    assert expect_ai_error(make_provider(fake)).kind == "malformed"


def test_wrong_field_types_are_malformed(fake: FakeGemini) -> None:
    fake.reply({"title": "x", "score": "very high"})
    assert expect_ai_error(make_provider(fake)).kind == "malformed"


def test_blocked_answer_is_malformed_with_explanation(fake: FakeGemini) -> None:
    fake.raw(generate_content_response(None, model="gemini-2.5-flash", finish="SAFETY"))
    error = expect_ai_error(make_provider(fake))
    assert error.kind == "malformed"
    assert "declined" in error.message


# -- cache ---------------------------------------------------------------------------------


def test_cache_hit_makes_no_second_request(fake: FakeGemini) -> None:
    cache = MemoryCache()
    fake.reply({"title": "Cached", "score": 7})
    provider = make_provider(fake, cache=cache)

    first = provider.generate("same prompt", RoleMatch, system="sys")
    second = provider.generate("same prompt", RoleMatch, system="sys")

    assert first == second == RoleMatch(title="Cached", score=7)
    assert fake.request_count == 1
    [(model, value)] = cache.data.values()
    assert model == "gemini-2.5-flash"
    assert RoleMatch.model_validate_json(value) == first

    # Another system text is another question.
    provider.generate("same prompt", RoleMatch, system="other")
    assert fake.request_count == 2


def test_failures_are_not_cached(fake: FakeGemini) -> None:
    cache = MemoryCache()
    provider = make_provider(fake, cache=cache)
    fake.malformed("schema")
    with pytest.raises(AIError):
        provider.generate("p", RoleMatch)
    assert cache.data == {}
    assert provider.generate("p", RoleMatch).title == "Default"
    assert fake.request_count == 2


def test_cache_key_covers_model_system_prompt_and_schema() -> None:
    class Other(BaseModel):
        title: str

    base = cache_key("m", "s", "p", RoleMatch)
    assert base == cache_key("m", "s", "p", RoleMatch)
    variants = {
        cache_key("m2", "s", "p", RoleMatch),
        cache_key("m", None, "p", RoleMatch),
        cache_key("m", "s", "p2", RoleMatch),
        cache_key("m", "s", "p", Other),
    }
    assert base not in variants
    assert len(variants) == 4


# -- secrets never leak -----------------------------------------------------------------------


def _all_text(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)) + repr(error) + str(error)


def test_api_key_never_appears_in_errors(fake: FakeGemini) -> None:
    provider = make_provider(fake, timeout_s=0.5, attempts=1)
    assert API_KEY not in repr(provider)
    errors: list[AIError] = []
    # A server that echoes the key back must not get it into our messages or tracebacks.
    fake.fail(400, body=google_error(400, f"Bad request for key {API_KEY}"))
    fake.fail(401)
    fake.fail(429)
    fake.fail(500)
    fake.malformed()
    fake.hang(10)
    for _ in range(6):
        with pytest.raises(AIError) as info:
            provider.generate("p", RoleMatch)
        errors.append(info.value)
    kinds = [e.kind for e in errors]
    assert kinds == ["bad_request", "auth", "rate_limited", "server", "malformed", "timeout"]
    for error in errors:
        assert API_KEY not in _all_text(error)
    assert "[API key]" in errors[0].message


# -- offline provider and factory ---------------------------------------------------------------


def test_offline_ai_is_unavailable() -> None:
    offline = OfflineAI()
    assert isinstance(offline, AIProvider)
    assert offline.name == "Offline"
    assert not offline.available()
    with pytest.raises(AIError) as info:
        offline.generate("p", RoleMatch)
    assert info.value.kind == "unavailable"
    assert "Settings → AI" in info.value.message


def test_factory_without_key_is_offline() -> None:
    provider = build_ai_provider(MemorySecrets(), model="gemini-2.5-flash", timeout_s=5, env={})
    assert isinstance(provider, OfflineAI)


def test_factory_disabled_is_offline_even_with_key() -> None:
    secrets = MemorySecrets({GEMINI_API_KEY: API_KEY})
    provider = build_ai_provider(
        secrets, model="gemini-2.5-flash", timeout_s=5, enabled=False, env={}
    )
    assert isinstance(provider, OfflineAI)


def test_factory_uses_env_key_and_base_url(fake: FakeGemini) -> None:
    env = {"GEMINI_API_KEY": "env-key", "CAREERDESK_GEMINI_BASE_URL": fake.base_url}
    provider = build_ai_provider(MemorySecrets(), model="gemini-2.5-pro", timeout_s=5, env=env)
    assert isinstance(provider, GeminiProvider)
    assert provider.generate("p", RoleMatch).title == "Default"
    [request] = fake.requests
    assert request.headers["x-goog-api-key"] == "env-key"
    assert request.model == "gemini-2.5-pro"


def test_factory_prefers_stored_key_over_env(fake: FakeGemini) -> None:
    secrets = MemorySecrets({GEMINI_API_KEY: "stored-key"})
    env = {"GEMINI_API_KEY": "env-key", "CAREERDESK_GEMINI_BASE_URL": fake.base_url}
    provider = build_ai_provider(secrets, model="gemini-2.5-flash", timeout_s=5, env=env)
    provider.generate("p", RoleMatch)
    assert fake.requests[0].headers["x-goog-api-key"] == "stored-key"


def test_factory_reads_the_keyring_store(fake: FakeGemini, monkeypatch) -> None:
    monkeypatch.setenv("CAREERDESK_GEMINI_BASE_URL", fake.base_url)
    store = KeyringSecretStore()  # on the in-memory keyring from conftest
    store.set(GEMINI_API_KEY, "keyring-key")
    provider = build_ai_provider(store, model="gemini-2.5-flash", timeout_s=5)
    provider.generate("p", RoleMatch)
    assert fake.requests[0].headers["x-goog-api-key"] == "keyring-key"


def test_factory_falls_back_to_env_when_keyring_fails() -> None:
    provider = build_ai_provider(
        MemorySecrets(broken=True),
        model="gemini-2.5-flash",
        timeout_s=5,
        env={"GEMINI_API_KEY": "env-key"},
    )
    assert isinstance(provider, GeminiProvider)


def test_test_connection_reports_success_and_skips_cache(fake: FakeGemini) -> None:
    fake.default_reply({"ok": True})
    provider = make_provider(fake, cache=MemoryCache())
    message = test_connection(provider)
    assert message.startswith("Gemini (gemini-2.5-flash) answered in")
    test_connection(provider)
    assert fake.request_count == 2  # a cached "ok" would hide a dead connection


def test_test_connection_raises_on_failure(fake: FakeGemini) -> None:
    fake.fail(401)
    with pytest.raises(AIError) as info:
        test_connection(make_provider(fake))
    assert info.value.kind == "auth"
    with pytest.raises(AIError) as offline:
        test_connection(OfflineAI())
    assert offline.value.kind == "unavailable"


def test_bad_settings_are_rejected_up_front() -> None:
    with pytest.raises(ValueError):
        GeminiProvider("   ")
    with pytest.raises(PydanticValidationError):
        GeminiProvider(API_KEY, attempts=0)
    with pytest.raises(PydanticValidationError):
        GeminiProvider(API_KEY, timeout_s=0)
