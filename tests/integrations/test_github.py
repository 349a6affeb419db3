"""GitHubClient (urllib) against the loopback FakeGitHub, including rate-limit replies."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from careerdesk.integrations.github import GitHubClient, GitHubError
from tests.fakes.github_server import FakeGitHub


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


def test_languages_count_own_public_repos(fake: FakeGitHub) -> None:
    fake.add_org(
        "monzo",
        [
            ("Go", False),
            ("Go", False),
            ("Python", False),
            ("TypeScript", False),
            (None, False),
            ("Java", True),  # a fork: not the organisation's own code
        ],
        archived=2,
    )
    result = GitHubClient(fake.base_url).org_languages("monzo")
    assert result.org == "monzo"
    assert result.languages == {"Go": 2, "Python": 1, "TypeScript": 1}
    assert result.repos == 5
    path, headers = fake.requests[0]
    assert path.startswith("/orgs/monzo/repos?")
    assert "per_page=100" in path
    assert headers["accept"] == "application/vnd.github+json"
    assert headers["user-agent"].startswith("CareerDesk/")
    assert "authorization" not in headers  # no token, ever


def test_second_page_only_while_budget_allows(fake: FakeGitHub) -> None:
    fake.add_org("big", [("Go", False)] * 150)
    client = GitHubClient(fake.base_url)
    assert client.org_languages("big").languages == {"Go": 150}
    assert len(fake.requests) == 2
    fake.set_remaining(5)
    client.org_languages("big")
    assert len(fake.requests) == 3  # remaining 4 after the first page: no second page


def test_unknown_org_is_a_clear_message(fake: FakeGitHub) -> None:
    with pytest.raises(GitHubError) as info:
        GitHubClient(fake.base_url).org_languages("nosuchorg")
    assert info.value.kind == "not_found"
    assert "no public organisation called 'nosuchorg'" in str(info.value)


def test_403_rate_limit_blocks_until_reset(fake: FakeGitHub) -> None:
    fake.add_org("acme", [("Python", False)])
    reset = int(time.time()) + 1800
    fake.respond(
        403,
        {"message": "API rate limit exceeded"},
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
    )
    client = GitHubClient(fake.base_url)
    with pytest.raises(GitHubError) as info:
        client.org_languages("acme")
    assert info.value.kind == "rate_limited"
    assert "HTTP 403" in str(info.value) and "try again at" in str(info.value)
    # The next call is refused without touching the network.
    with pytest.raises(GitHubError, match="used up"):
        client.org_languages("acme")
    assert len(fake.requests) == 1


def test_429_retry_after_is_honoured(fake: FakeGitHub) -> None:
    fake.add_org("acme", [("Python", False)])
    fake.respond(429, {"message": "secondary rate limit"}, {"Retry-After": "30"})
    clock = [1_000_000.0]
    client = GitHubClient(fake.base_url, now=lambda: clock[0])
    with pytest.raises(GitHubError) as info:
        client.org_languages("acme")
    assert info.value.kind == "rate_limited" and "HTTP 429" in str(info.value)
    clock[0] += 29
    with pytest.raises(GitHubError):
        client.org_languages("acme")
    assert len(fake.requests) == 1
    clock[0] += 2  # Retry-After has passed
    assert client.org_languages("acme").languages == {"Python": 1}


def test_remaining_zero_on_success_blocks_next_call(fake: FakeGitHub) -> None:
    fake.add_org("acme", [("Python", False)])
    fake.set_remaining(1, reset=int(time.time()) + 600)  # this request uses the last one
    client = GitHubClient(fake.base_url)
    client.org_languages("acme")
    assert client.remaining == 0
    with pytest.raises(GitHubError, match="used up"):
        client.org_languages("acme")
    assert len(fake.requests) == 1


def test_plain_403_and_server_errors(fake: FakeGitHub) -> None:
    fake.add_org("acme", [("Python", False)])
    fake.respond(403, {"message": "Forbidden"}, {"X-RateLimit-Remaining": "40"})
    client = GitHubClient(fake.base_url)
    with pytest.raises(GitHubError, match="refused") as info:
        client.org_languages("acme")
    assert info.value.kind == "server"
    fake.respond(502, "<html>bad gateway</html>")
    with pytest.raises(GitHubError, match="HTTP 502"):
        client.org_languages("acme")
    fake.respond(200, "not json{")
    with pytest.raises(GitHubError, match="unexpected format"):
        client.org_languages("acme")


def test_unreachable_and_bad_names() -> None:
    client = GitHubClient("http://127.0.0.1:9", timeout_s=2)
    with pytest.raises(GitHubError) as info:
        client.org_languages("acme")
    assert info.value.kind == "network"
    with pytest.raises(GitHubError, match="not a GitHub organisation"):
        client.org_languages("../etc")
