"""GitHub REST adapter (no token): the main languages of an organisation's public repositories.

Implements :class:`careerdesk.core.companies.models.CodeHost` with the standard library's
``urllib`` (no extra dependency). One listing call (``GET /orgs/{org}/repos``, 100 most
recently pushed repositories, forks and archived ones left out) costs one request of the 60
an hour GitHub allows without a token; a second page is read only while the budget is
comfortable. Rate limits are respected as GitHub documents them:

* every response's ``X-RateLimit-Remaining`` / ``X-RateLimit-Reset`` are remembered; once
  the remaining count is 0 no request is sent until the reset time;
* a 403 or 429 answer with ``Retry-After`` blocks requests for that many seconds, one with
  ``X-RateLimit-Remaining: 0`` until the reset; either way the learner is told when to
  try again (no silent sleeping in an interactive app).

``CAREERDESK_GITHUB_BASE_URL`` points it elsewhere (the loopback fake in tests, a proxy).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from careerdesk import __version__
from careerdesk.core.companies.models import OrgLanguages
from careerdesk.core.kernel.errors import UserError

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.github.com"
ENV_BASE_URL = "CAREERDESK_GITHUB_BASE_URL"
PER_PAGE = 100
MAX_PAGES = 2
KEEP_IN_RESERVE = 10  # leave some of the hourly budget for the learner's next cards


class GitHubError(UserError):
    """GitHub could not answer; ``kind`` is rate_limited | not_found | network | server."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _when(epoch: float) -> str:
    local = datetime.fromtimestamp(epoch, UTC).astimezone()
    minutes = max(1, round((epoch - time.time()) / 60))
    return f"{local:%H:%M} (in about {minutes} minute{'s' if minutes != 1 else ''})"


class GitHubClient:
    """Anonymous GitHub REST client with rate-limit memory shared by all its calls."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout_s: float = 10.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._now = now
        self._lock = threading.Lock()
        self._blocked_until = 0.0  # epoch seconds; no request before this
        self.remaining: int | None = None
        self.requests = 0

    @classmethod
    def from_env(cls) -> GitHubClient:
        """The client for ``CAREERDESK_GITHUB_BASE_URL`` or api.github.com."""
        return cls((os.environ.get(ENV_BASE_URL) or "").strip() or DEFAULT_BASE_URL)

    def org_languages(self, org: str) -> OrgLanguages:
        """Public, non-fork, non-archived repositories of ``org`` counted by main language."""
        org = org.strip()
        if not org or not all(c.isalnum() or c == "-" for c in org):
            raise GitHubError(f"{org!r} is not a GitHub organisation name.", "not_found")
        counts: Counter[str] = Counter()
        repos = 0
        quoted = urllib.parse.quote(org)
        for page in range(1, MAX_PAGES + 1):
            if page > 1 and (self.remaining is None or self.remaining < KEEP_IN_RESERVE):
                break
            url = (
                f"{self.base_url}/orgs/{quoted}/repos?type=public&sort=pushed"
                f"&per_page={PER_PAGE}&page={page}"
            )
            items = self._get(url, org)
            if not isinstance(items, list):
                raise GitHubError("GitHub answered in an unexpected format.", "server")
            for repo in items:
                if not isinstance(repo, dict) or repo.get("fork") or repo.get("archived"):
                    continue
                repos += 1
                language = repo.get("language")
                if isinstance(language, str) and language:
                    counts[language] += 1
            if len(items) < PER_PAGE:
                break
        return OrgLanguages(org=org, languages=dict(counts), repos=repos)

    def _get(self, url: str, org: str) -> Any:
        with self._lock:
            now = self._now()
            if now < self._blocked_until:
                raise GitHubError(
                    "GitHub's limit for requests without an account is used up; try again at "
                    f"{_when(self._blocked_until)}. Results fetched earlier are still shown.",
                    "rate_limited",
                )
            self.requests += 1
        request = urllib.request.Request(
            url,
            headers={
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": f"CareerDesk/{__version__}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                self._remember(response.headers, response.status)
                body = response.read()
        except urllib.error.HTTPError as exc:
            self._remember(exc.headers, exc.code)
            raise self._mapped(exc, org) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            log.info("GitHub request failed: %s", exc)
            raise GitHubError(
                "Could not reach GitHub. Check the internet connection and try again.", "network"
            ) from None
        try:
            return json.loads(body)
        except ValueError:
            raise GitHubError("GitHub answered in an unexpected format.", "server") from None

    def _remember(self, headers: Any, status: int) -> None:
        """Note the rate-limit headers; block until reset/retry time when told to wait."""
        if headers is None:
            return
        remaining = headers.get("X-RateLimit-Remaining")
        reset = headers.get("X-RateLimit-Reset")
        retry_after = headers.get("Retry-After")
        with self._lock:
            if remaining is not None and str(remaining).isdigit():
                self.remaining = int(remaining)
            until = 0.0
            if retry_after is not None and str(retry_after).strip().isdigit():
                until = self._now() + int(str(retry_after).strip())
            elif self.remaining == 0 and reset is not None and str(reset).isdigit():
                until = float(reset)
            elif status in (403, 429) and self.remaining == 0:
                until = self._now() + 60  # limited without a reset time: wait a minute
            if until > self._blocked_until:
                self._blocked_until = until

    def _mapped(self, exc: urllib.error.HTTPError, org: str) -> GitHubError:
        code = exc.code
        limited = self.remaining == 0 or exc.headers.get("Retry-After") is not None
        if code == 429 or (code == 403 and limited):
            when = _when(self._blocked_until) if self._blocked_until else "in a few minutes"
            return GitHubError(
                "GitHub's rate limit for requests without an account was reached (HTTP "
                f"{code}); try again at {when}. Results fetched earlier are still shown.",
                "rate_limited",
            )
        if code == 403:
            return GitHubError(
                f"GitHub refused to list {org}'s repositories (HTTP 403). Try again later.",
                "server",
            )
        if code == 404:
            return GitHubError(
                f"GitHub has no public organisation called {org!r}. Set the company's GitHub "
                "organisation on its card (the name in github.com/NAME).",
                "not_found",
            )
        if code >= 500:
            return GitHubError(
                f"GitHub had a problem on its side (HTTP {code}). Try again later.", "server"
            )
        return GitHubError(f"GitHub refused the request (HTTP {code}).", "server")
