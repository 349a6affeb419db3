"""Choose the AI provider for this run: Gemini when a key is set up, otherwise offline."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping

from pydantic import BaseModel

from careerdesk.core.kernel.ports import (
    AICacheStore,
    AIError,
    AIProvider,
    SecretStore,
    SecretStoreError,
)
from careerdesk.integrations.ai.gemini import GeminiProvider
from careerdesk.integrations.ai.offline import OfflineAI
from careerdesk.integrations.secrets import GEMINI_API_KEY

log = logging.getLogger(__name__)

# Environment fallbacks: a key for machines without a keyring (rule 8), and an endpoint
# override for the loopback fake in tests or a corporate proxy in front of Gemini.
ENV_API_KEY = "GEMINI_API_KEY"
ENV_BASE_URL = "CAREERDESK_GEMINI_BASE_URL"


def resolve_api_key(secrets: SecretStore, env: Mapping[str, str] = os.environ) -> str | None:
    """The Gemini key from the secret store, else from ``GEMINI_API_KEY``; None if neither."""
    try:
        stored = secrets.get(GEMINI_API_KEY)
    except SecretStoreError as exc:
        # An unreadable keyring should not hide an environment key, nor stop the app.
        log.warning("Could not read the Gemini key from the keyring: %s", exc)
        stored = None
    for candidate in (stored, env.get(ENV_API_KEY)):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def build_ai_provider(
    secrets: SecretStore,
    *,
    model: str,
    timeout_s: float,
    enabled: bool = True,
    cache: AICacheStore | None = None,
    env: Mapping[str, str] = os.environ,
    attempts: int = 3,
) -> AIProvider:
    """Gemini when AI is enabled and a key is found, else :class:`OfflineAI`.

    The key comes from ``secrets`` first, then the ``GEMINI_API_KEY`` environment variable;
    ``CAREERDESK_GEMINI_BASE_URL`` points the SDK at another endpoint. Building the provider
    makes no network call.
    """
    if not enabled:
        log.info("AI is switched off in settings; using the offline provider")
        return OfflineAI()
    api_key = resolve_api_key(secrets, env)
    if api_key is None:
        log.info("No Gemini API key set up; using the offline provider")
        return OfflineAI()
    base_url = (env.get(ENV_BASE_URL) or "").strip() or None
    return GeminiProvider(
        api_key,
        model,
        base_url=base_url,
        timeout_s=timeout_s,
        attempts=attempts,
        cache=cache,
    )


class _Ping(BaseModel):
    ok: bool


def test_connection(provider: AIProvider) -> str:
    """Make one tiny structured call and describe the result in a sentence.

    Raises :class:`AIError` (with a user-facing message) when the call fails. The cache is
    bypassed, otherwise a cached answer would "pass" with the network down.
    """
    started = time.monotonic()
    prompt = 'Connection test. Reply with the JSON object {"ok": true}.'
    if isinstance(provider, GeminiProvider):
        provider.reset_breaker()  # the user asks to try again: give Gemini another chance
        answer = provider.generate(prompt, _Ping, use_cache=False)
    else:
        answer = provider.generate(prompt, _Ping)
    elapsed = time.monotonic() - started
    model = getattr(provider, "model", None)
    who = f"{provider.name} ({model})" if model else provider.name
    if not answer.ok:
        raise AIError(
            f"{who} answered, but not as expected. Try again or choose another model.",
            kind="malformed",
        )
    return f"{who} answered in {elapsed:.1f} s — AI features are ready."


# pytest collects module-level callables named test_*; this one is product code.
# pytest would collect a module-level test_* function imported into a test module.
test_connection.__test__ = False  # type: ignore[attr-defined]  # a function attribute
