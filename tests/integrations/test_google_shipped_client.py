"""One-click Connect with the shipped "Desktop app" OAuth client, PKCE, bring-your-own as the
fallback, and per-learner sign-ins on a kiosk (issue 26, docs/calendar.md).

The real google-auth-oauthlib flow runs against the loopback stand-in's consent and token
endpoints; the stand-in remembers each code's PKCE challenge and refuses a token request
whose ``code_verifier`` does not match it (RFC 7636).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from pathlib import Path

import pytest

from careerdesk.core.calendar.errors import CalendarNotConnectedError
from careerdesk.core.kernel.errors import UserError
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS
from tests.calendar_support import (
    Env,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
)
from tests.fakes.calendar_server import FakeCalendar
from tests.integrations.test_google_auth import _browser_that_consents, _client_config

SHIPPED_ID = "987-shipped.apps.googleusercontent.com"


@pytest.fixture
def oauth_http(monkeypatch: pytest.MonkeyPatch) -> None:
    # oauthlib insists on https; the stand-in's token endpoint is plain http on 127.0.0.1.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def ship_client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake: FakeCalendar) -> Path:
    """What the build does with CAREERDESK_GOOGLE_CLIENT_FILE: a client in the resources."""
    config = _client_config(fake)
    config["installed"]["client_id"] = SHIPPED_ID
    path = tmp_path / google_auth.SHIPPED_CLIENT
    path.write_text(json.dumps(config), encoding="utf-8")
    monkeypatch.setattr(google_auth, "_shipped_resource", lambda: path)
    return path


@pytest.fixture
def no_shipped_client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A source checkout: the resource is absent."""
    monkeypatch.setattr(google_auth, "_shipped_resource", lambda: tmp_path / "absent.json")


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def test_connect_with_the_shipped_client_uses_pkce(
    env: Env, tmp_path: Path, oauth_http: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_client(monkeypatch, tmp_path, env.fake)
    assert env.sync.shipped_client()
    sign_in = env.sync.sign_in(None, _browser_that_consents)  # no client file to choose
    env.sync.connect(sign_in)
    assert env.sync.connected()
    (consent,) = env.fake.auth_requests
    assert consent["client_id"] == SHIPPED_ID
    assert consent["code_challenge_method"] == "S256"
    assert set(consent["scope"].split()) == set(google_auth.CALENDAR_SCOPES)  # the same two
    (token,) = env.fake.token_requests
    assert token["grant_type"] == "authorization_code"
    assert _s256(token["code_verifier"]) == consent["code_challenge"]
    assert "me@example.com" in [c.id for c in env.sync.list_calendars()]


def test_the_stand_in_refuses_a_wrong_code_verifier(
    env: Env, tmp_path: Path, oauth_http: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verifier is really checked: a code caught on its way back is of no use alone."""
    from google_auth_oauthlib.flow import Flow

    ship_client(monkeypatch, tmp_path, env.fake)
    real_fetch = Flow.fetch_token

    def with_another_verifier(self: Flow, **kwargs: object) -> object:
        self.code_verifier = "x" * 64  # what an attacker without the verifier would send
        return real_fetch(self, **kwargs)

    monkeypatch.setattr(Flow, "fetch_token", with_another_verifier)
    sign_in = env.sync.sign_in(None, _browser_that_consents)
    with pytest.raises(UserError, match="sign-in failed"):
        env.sync.connect(sign_in)
    assert not env.sync.connected()
    assert env.fake.token_requests[0]["code_verifier"] == "x" * 64


def test_refused_and_cancelled_with_the_shipped_client(
    env: Env, tmp_path: Path, oauth_http: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_client(monkeypatch, tmp_path, env.fake)
    env.fake.set_deny_consent()
    with pytest.raises(UserError, match="not allowed"):
        env.sync.connect(env.sync.sign_in(None, _browser_that_consents))
    env.fake.set_deny_consent(False)
    cancelled = env.sync.sign_in(None, lambda url: None)
    threading.Timer(0.3, cancelled.cancel).start()
    with pytest.raises(UserError, match="cancelled"):
        env.sync.connect(cancelled)
    assert not env.sync.connected()
    assert env.fake.token_requests == []  # nothing was exchanged


def test_without_a_shipped_client_the_user_brings_their_own(
    env: Env, tmp_path: Path, oauth_http: None, no_shipped_client: None
) -> None:
    assert not env.sync.shipped_client()
    assert not google_auth.has_shipped_client()
    with pytest.raises(UserError, match="your OAuth client file"):
        env.sync.sign_in(None, _browser_that_consents)
    client_file = tmp_path / "my-client.json"
    client_file.write_text(json.dumps(_client_config(env.fake)), encoding="utf-8")
    env.sync.connect(env.sync.sign_in(client_file, _browser_that_consents))
    assert env.sync.connected()
    (consent,) = env.fake.auth_requests
    assert consent["client_id"] == "123-test.apps.googleusercontent.com"
    assert _s256(env.fake.token_requests[0]["code_verifier"]) == consent["code_challenge"]


def test_a_broken_shipped_file_counts_as_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_calendar: FakeCalendar
) -> None:
    path = ship_client(monkeypatch, tmp_path, fake_calendar)
    assert google_auth.has_shipped_client()
    path.write_text(json.dumps({"web": {"client_id": "x"}}), encoding="utf-8")
    assert not google_auth.has_shipped_client()
    path.write_text("{not json", encoding="utf-8")
    assert not google_auth.has_shipped_client()


# --- kiosk: off unless the advisor allows it; one sign-in per learner --------------------------
def _kiosk(env: Env, *, allow: bool) -> None:
    env.app.settings.kiosk.enabled = True
    env.app.settings.calendar.kiosk_google = allow


def _key(profile_id: int) -> str:
    return f"{GOOGLE_CALENDAR_CREDENTIALS}:profile-{profile_id}"


def test_kiosk_calendar_is_off_until_the_advisor_allows_it(
    env: Env, tmp_path: Path, oauth_http: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_client(monkeypatch, tmp_path, env.fake)
    _kiosk(env, allow=False)
    env.connect()  # even an install-wide sign-in left from before kiosk mode is not used
    assert not env.sync.connected(env.pid)
    with pytest.raises(CalendarNotConnectedError, match="switched off on this kiosk"):
        env.sync.sign_in(None, _browser_that_consents)
    with pytest.raises(CalendarNotConnectedError, match="switched off"):
        env.sync.sync(env.pid)
    assert env.fake.ops() == [] and env.fake.auth_requests == []


def test_kiosk_tokens_are_per_learner_and_go_on_disconnect_and_deletion(
    env: Env, tmp_path: Path, oauth_http: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_client(monkeypatch, tmp_path, env.fake)
    _kiosk(env, allow=True)
    ann, bo = env.pid, env.app.profiles.create("Bo").id
    env.sync.connect(env.sync.sign_in(None, _browser_that_consents), ann)
    store = env.app.secrets
    assert store.get(_key(ann)) and not store.get(_key(bo))
    assert not store.get(GOOGLE_CALENDAR_CREDENTIALS)  # nothing install-wide on a kiosk
    assert env.sync.connected(ann) and not env.sync.connected(bo)
    assert not env.sync.connected(None)
    with pytest.raises(CalendarNotConnectedError):
        env.sync.sync(bo)  # Bo's calendar is not Ann's
    env.sync.sync(ann)

    # Disconnect: Ann's grant is revoked at Google and her entry deleted; Bo is untouched.
    env.sync.connect(env.sync.sign_in(None, _browser_that_consents), bo)
    ann_refresh = json.loads(store.get(_key(ann)) or "{}")["refresh_token"]
    result = env.sync.disconnect(ann)
    assert result.revoked and ann_refresh in env.fake.revoked
    assert not store.get(_key(ann)) and store.get(_key(bo))

    # Deleting a profile deletes its sign-in (and revokes it in the background).
    bo_refresh = json.loads(store.get(_key(bo)) or "{}")["refresh_token"]
    env.app.profiles.delete(bo)
    assert not store.get(_key(bo))
    for thread in threading.enumerate():
        if thread.name == "calendar-revoke":
            thread.join(timeout=10)
    assert bo_refresh in env.fake.revoked


def test_outside_kiosk_mode_the_sign_in_is_the_installations(env: Env) -> None:
    env.connect()
    other = env.app.profiles.create("Bo").id
    assert env.sync.connected() and env.sync.connected(env.pid) and env.sync.connected(other)
    env.app.profiles.delete(other)  # deleting a profile leaves the install's sign-in alone
    assert env.app.secrets.get(GOOGLE_CALENDAR_CREDENTIALS)
