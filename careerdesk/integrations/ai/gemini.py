"""Gemini adapter: :class:`~careerdesk.core.kernel.ports.AIProvider` on the google-genai SDK.

Design notes (measured against google-genai 3.4 / httpx2 2.16):

* The SDK retries only when given ``HttpOptions(retry_options=...)``; it then retries the
  listed HTTP status codes *and* transport timeouts / connection errors (tenacity).
* ``HttpOptions.timeout`` is per attempt, so three hanging attempts would take three times
  the budget. ``timeout_s`` here is the budget for the *whole* ``generate`` call: an httpx2
  request hook clamps every attempt to the time left and stops the retries once it is used up.
* Timeouts and refused connections surface as httpx2 exceptions (``httpx2.ReadTimeout``,
  ``httpx2.ConnectError``), not as ``google.genai.errors.APIError``; they are classified by
  module and class name so an SDK that goes back to plain ``httpx`` keeps working.
* A reply that does not fit ``response_schema`` gives ``response.parsed is None`` and no
  exception, so the adapter checks that itself.
* ``import google.genai`` costs ~0.5 s, so the SDK is imported on the first call, not at
  application start.
* **Circuit breaker.** After a call that timed out, or after repeated 5xx answers (the SDK's
  retries included), the provider makes no more calls for the rest of the run: every later
  ``generate`` raises ``AIError(kind="unavailable")`` at once (cached answers are still
  served), so the callers' offline paths answer instead of each waiting out the timeout
  again. Testing the connection (Settings → AI) closes the breaker; so does a new provider
  (a changed key or AI setting). See README.md, "What leaves your computer".
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from careerdesk.core.kernel.ports import AICacheStore, AIError, M

if TYPE_CHECKING:
    from google import genai

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gemini-2.5-flash"

# Statuses worth another attempt: request timeout, rate limit and transient server faults.
RETRY_STATUS_CODES: tuple[int, ...] = (408, 429, 500, 502, 503, 504)

# 5xx answers (retries included) in a row after which Gemini is left alone for the run.
BREAKER_SERVER_ANSWERS = 2
# Failures that open the breaker at once: the endpoint hangs (a second call would too).
BREAKER_AT_ONCE = frozenset({"timeout"})

# Packages whose exceptions mean "the HTTP transport failed" (timeout, refused, reset).
_TRANSPORT_PACKAGES = frozenset({"httpx", "httpx2", "httpcore", "httpcore2", "aiohttp"})

# Deadline (time.monotonic()) of the generate() call running in this thread. A ContextVar
# keeps concurrent calls from different worker threads apart.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "careerdesk_gemini_deadline", default=None
)


class GeminiConfig(BaseModel):
    """Validated Gemini settings; bad values from a settings file fail here, not mid-call."""

    model_config = ConfigDict(frozen=True, protected_namespaces=())

    model: str = Field(default=DEFAULT_MODEL, min_length=1, pattern=r"^[A-Za-z0-9._\-/]+$")
    timeout_s: float = Field(default=30.0, gt=0, le=600)
    attempts: int = Field(default=3, ge=1, le=10)
    # Small by default: an interactive user is waiting, and the whole call shares one budget.
    retry_initial_delay_s: float = Field(default=0.5, ge=0, le=30)
    retry_max_delay_s: float = Field(default=4.0, ge=0, le=60)


class _BudgetExhausted(Exception):
    """Raised from the request hook when the call's time budget is gone.

    Deliberately not an httpx exception: the SDK's retry predicate does not match it, so
    tenacity stops at once instead of starting attempts that cannot finish in time.
    """


def _clamp_request_to_deadline(request: Any) -> None:
    """httpx2 ``request`` event hook: give this attempt only the time the call has left."""
    deadline = _deadline.get()
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _BudgetExhausted
    timeouts = dict(request.extensions.get("timeout") or {})
    request.extensions["timeout"] = {
        key: remaining if timeouts.get(key) is None else min(timeouts[key], remaining)
        for key in ("connect", "read", "write", "pool")
    }


def cache_key(model: str, system: str | None, prompt: str, schema: type[BaseModel]) -> str:
    """Stable cache key: sha256 over model, system text, prompt and the schema's JSON schema.

    The fields are hashed as one JSON array so that no two different inputs can run
    together into the same string.
    """
    payload = json.dumps(
        [model, system, prompt, schema.model_json_schema()],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _is_transport_error(exc: BaseException) -> bool:
    return any(
        (cls.__module__ or "").split(".")[0] in _TRANSPORT_PACKAGES for cls in type(exc).__mro__
    )


def _is_timeout_error(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError) or any(
        "Timeout" in cls.__name__ for cls in type(exc).__mro__
    )


class GeminiProvider:
    """Structured generation with Gemini; every answer is validated against ``schema``."""

    name = "Gemini"

    def __init__(
        self,
        api_key: str,
        model: str = DEFAULT_MODEL,
        *,
        base_url: str | None = None,
        timeout_s: float = 30.0,
        attempts: int = 3,
        cache: AICacheStore | None = None,
        retry_initial_delay_s: float = 0.5,
        retry_max_delay_s: float = 4.0,
    ) -> None:
        """Configure the provider; no network traffic and no SDK import happen here.

        ``timeout_s`` bounds the whole :meth:`generate` call including retries (plus at most
        one retry delay). ``attempts`` counts the first try. The retry delays are exposed so
        tests can make them tiny.
        """
        api_key = (api_key or "").strip()
        if not api_key:
            raise ValueError("GeminiProvider needs a non-empty API key")
        self.config = GeminiConfig(
            model=model,
            timeout_s=timeout_s,
            attempts=attempts,
            retry_initial_delay_s=retry_initial_delay_s,
            retry_max_delay_s=retry_max_delay_s,
        )
        self._api_key = api_key
        self._base_url = base_url.rstrip("/") if base_url else None
        self._cache = cache
        self._client: genai.Client | None = None
        self._client_lock = threading.Lock()
        # The circuit breaker (see the module docstring): why it opened, and 5xx in a row.
        self._breaker_lock = threading.Lock()
        self._broken: AIError | None = None
        self._server_answers = 0

    def __repr__(self) -> str:
        # Spelled out so the key can never reach a log line through repr().
        return f"GeminiProvider(model={self.model!r}, base_url={self._base_url!r})"

    @property
    def model(self) -> str:
        """The Gemini model name used for every call."""
        return self.config.model

    def available(self) -> bool:
        """True: a key is configured (whether the network is up is only known by trying)."""
        return True

    def generate(
        self,
        prompt: str,
        schema: type[M],
        *,
        system: str | None = None,
        use_cache: bool = True,
    ) -> M:
        """Return ``schema`` parsed from Gemini's JSON answer, or raise :class:`AIError`.

        Answers come from the cache when an identical request (model, system, prompt,
        schema) succeeded before; ``use_cache=False`` forces a request (connection tests).
        """
        key = cache_key(self.model, system, prompt, schema)
        if use_cache:
            cached = self._cache_get(key, schema)
            if cached is not None:
                return cached

        broken = self.breaker_open()
        if broken is not None:
            raise broken
        try:
            result = self._request(prompt, schema, system)
        except AIError as exc:
            self._note_failure(exc)
            raise
        with self._breaker_lock:
            self._server_answers = 0

        if use_cache:
            self._cache_put(key, result)
        return result

    def breaker_open(self) -> AIError | None:
        """The error every call gets while the breaker is open; None while Gemini is tried."""
        with self._breaker_lock:
            return self._broken

    def reset_breaker(self) -> None:
        """Try Gemini again (the user asked: Settings → AI → Test connection)."""
        with self._breaker_lock:
            self._broken, self._server_answers = None, 0

    def _note_failure(self, exc: AIError) -> None:
        with self._breaker_lock:
            if exc.kind == "server":
                # The SDK retried 5xx answers up to ``attempts`` times before giving up.
                self._server_answers += self.config.attempts
            opened = exc.kind in BREAKER_AT_ONCE or (self._server_answers >= BREAKER_SERVER_ANSWERS)
            if not opened or self._broken is not None:
                return
            self._broken = AIError(
                "Gemini is not answering at the moment, so CareerDesk uses its built-in "
                "(offline) results for the rest of this session. Test the connection in "
                "Settings → AI to try again.",
                kind="unavailable",
            )
        log.warning(
            "Gemini circuit breaker open after a %s failure: no more calls this run", exc.kind
        )

    def close(self) -> None:
        """Release the HTTP connection pool (safe to call more than once)."""
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- internals ---------------------------------------------------------------------

    def _get_client(self) -> genai.Client:
        with self._client_lock:
            if self._client is None:
                self._client = self._build_client()
            return self._client

    def _build_client(self) -> genai.Client:
        from google import genai
        from google.genai import types

        cfg = self.config
        http_options = types.HttpOptions(
            base_url=self._base_url,
            timeout=max(1, round(cfg.timeout_s * 1000)),  # per attempt, in milliseconds
            retry_options=types.HttpRetryOptions(
                attempts=cfg.attempts,
                initial_delay=cfg.retry_initial_delay_s,
                max_delay=cfg.retry_max_delay_s,
                # The SDK's default jitter is a full second; keep it in scale with the delay.
                jitter=cfg.retry_initial_delay_s / 2,
                http_status_codes=list(RETRY_STATUS_CODES),
            ),
            client_args={"event_hooks": {"request": [_clamp_request_to_deadline]}},
        )
        # vertexai=False: a stray GOOGLE_GENAI_USE_VERTEXAI in the environment must not
        # send an AI Studio key to Vertex.
        return genai.Client(api_key=self._api_key, vertexai=False, http_options=http_options)

    def _request(self, prompt: str, schema: type[M], system: str | None) -> M:
        from google.genai import types

        client = self._get_client()
        config = types.GenerateContentConfig(
            system_instruction=system,
            response_mime_type="application/json",
            response_schema=schema,
        )
        token = _deadline.set(time.monotonic() + self.config.timeout_s)
        started = time.monotonic()
        try:
            response = client.models.generate_content(
                model=self.model, contents=prompt, config=config
            )
        except Exception as exc:
            self._raise_mapped(exc, elapsed=time.monotonic() - started)
        finally:
            _deadline.reset(token)
        return self._parse(response, schema)

    def _parse(self, response: Any, schema: type[M]) -> M:
        parsed = getattr(response, "parsed", None)
        if isinstance(parsed, schema):
            return parsed
        if isinstance(parsed, dict):
            # Some SDK paths hand back plain JSON; the contract is a validated model.
            try:
                return schema.model_validate(parsed)
            except ValidationError as exc:
                raise self._malformed() from exc
        if parsed is not None:
            raise self._malformed()

        # parsed is None: the text was not JSON, did not fit the schema, or there was none.
        finish = self._finish_reason(response)
        if finish in {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION"}:
            raise AIError(
                "Gemini declined to answer this request (blocked by its content filters). "
                "Rephrase it or continue without AI.",
                kind="malformed",
            )
        if finish == "MAX_TOKENS":
            raise AIError(
                "Gemini's answer was cut off before it was complete. Try again or shorten "
                "the request.",
                kind="malformed",
            )
        raise self._malformed()

    @staticmethod
    def _finish_reason(response: Any) -> str | None:
        try:
            reason = response.candidates[0].finish_reason
        except (AttributeError, IndexError, TypeError):
            reason = None
        if reason is None:
            feedback = getattr(response, "prompt_feedback", None)
            if feedback is not None and getattr(feedback, "block_reason", None):
                return "SAFETY"
            return None
        return str(getattr(reason, "value", reason))

    @staticmethod
    def _malformed() -> AIError:
        return AIError(
            "Gemini's answer did not have the expected format. Try again; if it keeps "
            "happening, CareerDesk's built-in (offline) results are still available.",
            kind="malformed",
        )

    def _raise_mapped(self, exc: Exception, *, elapsed: float) -> NoReturn:
        """Turn an SDK / transport exception into an AIError with a message for people."""
        from google.genai import errors as genai_errors

        if isinstance(exc, genai_errors.APIError):
            error = self._map_api_error(exc)
        elif isinstance(exc, _BudgetExhausted) or (
            _is_transport_error(exc) and _is_timeout_error(exc)
        ):
            seconds = self.config.timeout_s
            unit = "second" if seconds == 1 else "seconds"
            error = AIError(
                f"Gemini did not answer within {seconds:g} {unit}. Check the internet "
                "connection and try again.",
                kind="timeout",
            )
        elif _is_transport_error(exc):
            where = "the configured Gemini address" if self._base_url else "Gemini"
            error = AIError(
                f"Could not reach {where}. Check the internet connection (or proxy / "
                "firewall) and try again.",
                kind="network",
            )
        else:
            # Not an API or transport failure: a bug (for example a schema the SDK cannot
            # convert). Let it surface with its traceback instead of hiding it.
            raise exc
        # Kind and timing only: never the request, whose headers carry the key.
        log.info("Gemini call failed after %.2f s: kind=%s", elapsed, error.kind)
        # Keep the SDK error as the cause for debugging, unless the server echoed the key
        # back in it: a chained cause ends up in logged tracebacks.
        raise error from (None if self._api_key in str(exc) else exc)

    def _map_api_error(self, exc: Any) -> AIError:
        code = int(getattr(exc, "code", 0) or 0)
        detail = self._server_message(exc)
        if code in (401, 403) or (code == 400 and self._mentions_api_key(exc)):
            # AI Studio answers a wrong key with 400 API_KEY_INVALID, hence the 400 case.
            return AIError(
                "Gemini rejected the API key. Check or replace it in Settings → AI "
                "(keys come from Google AI Studio).",
                kind="auth",
            )
        if code == 429:
            return AIError(
                "Gemini is receiving too many requests for this API key (rate limit or "
                "quota). Wait a minute and try again.",
                kind="rate_limited",
            )
        if code == 408:
            return AIError("Gemini took too long to answer. Try again in a moment.", kind="timeout")
        if code >= 500:
            return AIError(
                f"Gemini had a problem on its side (HTTP {code}). Try again in a few minutes.",
                kind="server",
            )
        if code == 404:
            return AIError(
                f"Gemini does not offer the model '{self.model}' to this key. Choose another "
                "model in Settings → AI.",
                kind="bad_request",
            )
        suffix = f": {detail}" if detail else "."
        return AIError(f"Gemini refused the request (HTTP {code}){suffix}", kind="bad_request")

    def _server_message(self, exc: Any) -> str:
        """The server's own explanation, shortened and scrubbed of the API key."""
        message = str(getattr(exc, "message", "") or "").strip()
        message = message.replace(self._api_key, "[API key]")
        return message[:200]

    def _mentions_api_key(self, exc: Any) -> bool:
        text = f"{getattr(exc, 'message', '')} {getattr(exc, 'details', '')}".lower()
        return "api_key_invalid" in text or "api key not valid" in text

    def _cache_get(self, key: str, schema: type[M]) -> M | None:
        if self._cache is None:
            return None
        try:
            cached = self._cache.get(key)
        except Exception:
            # The cache only saves time; a broken cache must not stop the answer.
            log.warning("AI cache read failed; asking Gemini instead", exc_info=True)
            return None
        if cached is None:
            return None
        try:
            return schema.model_validate_json(cached)
        except ValidationError:
            # Stale entry (the schema evolved without changing its JSON schema): re-ask.
            log.info("Ignoring AI cache entry that no longer fits %s", schema.__name__)
            return None

    def _cache_put(self, key: str, result: BaseModel) -> None:
        if self._cache is None:
            return
        try:
            self._cache.put(key, self.model, result.model_dump_json())
        except Exception:
            log.warning("AI cache write failed; the answer is still used", exc_info=True)
