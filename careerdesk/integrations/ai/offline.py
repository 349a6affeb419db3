"""The AI provider used when Gemini is not set up: it says so, clearly, and nothing else.

Features never depend on it answering: each AI use in the core has its own offline
computation, and calls this only to learn that no AI is available.
"""

from __future__ import annotations

from careerdesk.core.kernel.ports import AIError, M

UNAVAILABLE_MESSAGE = (
    "Gemini is not set up: add an API key in Settings → AI to use it. "
    "CareerDesk works fully without it."
)


class OfflineAI:
    """:class:`~careerdesk.core.kernel.ports.AIProvider` that is never available."""

    name = "Offline"

    def available(self) -> bool:
        """Always False: there is no model behind this provider."""
        return False

    def generate(
        self, prompt: str, schema: type[M], *, system: str | None = None, use_cache: bool = True
    ) -> M:
        """Always raise :class:`AIError` with ``kind="unavailable"``."""
        raise AIError(UNAVAILABLE_MESSAGE, kind="unavailable")
