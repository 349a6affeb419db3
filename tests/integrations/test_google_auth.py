"""Google sign-in: the installed-app flow on a loopback port (against the fake's OAuth
endpoints), credentials only in the secret store, refresh, revoke on Disconnect."""

from __future__ import annotations

import json
import threading
import urllib.request
from pathlib import Path

import pytest

from careerdesk.core.calendar.errors import CalendarAuthError, CalendarNotConnectedError
from careerdesk.core.kernel.errors import UserError
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.google.auth import GoogleSignIn
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS, KeyringSecretStore
from tests.calendar_support import (
    Env,
    credentials_info,
    env_fixture,  # noqa: F401  (fixture)
    fake_calendar_fixture,  # noqa: F401  (fixture)
    write_credentials,
)
from tests.fakes.calendar_server import FakeCalendar


def _client_config(fake: FakeCalendar) -> dict:
    return {
        "installed": {
            "client_id": "123-test.apps.googleusercontent.com",
            "client_secret": "test-secret",
            "auth_uri": fake.auth_uri,
            "token_uri": fake.token_uri,
            "redirect_uris": ["http://localhost"],
        }
    }


def _browser_that_consents(url: str) -> None:
    """Stands in for the user's browser: follows the consent page back to the loopback."""

    def visit() -> None:
        with urllib.request.urlopen(url, timeout=10) as answer:
            answer.read()

    threading.Thread(target=visit, daemon=True).start()


@pytest.fixture
def oauth_http(monkeypatch: pytest.MonkeyPatch) -> None:
    # oauthlib insists on https; the fake's token endpoint is plain http on 127.0.0.1.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def test_installed_app_flow_stores_credentials_only_in_the_keyring(
    env: Env, tmp_path: Path, oauth_http: None
) -> None:
    client_file = tmp_path / "client.json"
    client_file.write_text(json.dumps(_client_config(env.fake)), encoding="utf-8")
    sign_in = GoogleSignIn(client_file=client_file, open_url=_browser_that_consents, timeout_s=10)
    env.sync.connect(sign_in)
    assert sign_in.auth_url is not None and "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in (
        sign_in.auth_url
    )
    assert "access_type=offline" in sign_in.auth_url
    assert "calendar.events" in sign_in.auth_url
    assert env.sync.connected()
    stored = json.loads(env.app.secrets.get(GOOGLE_CALENDAR_CREDENTIALS) or "{}")
    assert stored["refresh_token"].startswith("1//fake-refresh-")
    assert [r["grant_type"] for r in env.fake.token_requests] == ["authorization_code"]
    # The secret is nowhere else: not in settings, not in the database, not in the logs.
    env.app.save_settings()
    home = env.app.paths.data_dir.parent
    for path in home.rglob("*"):
        if path.is_file():
            assert stored["refresh_token"].encode() not in path.read_bytes(), path
    # And the stored sign-in works against the API.
    assert [c.id for c in env.sync.list_calendars()] == ["me@example.com", "work@example.com"]


def test_refusing_consent_and_cancelling_are_plain_messages(
    env: Env, tmp_path: Path, oauth_http: None
) -> None:
    env.fake.set_deny_consent()
    sign_in = GoogleSignIn(_client_config(env.fake), open_url=_browser_that_consents, timeout_s=10)
    with pytest.raises(UserError, match="not allowed"):
        sign_in.run()
    env.fake.set_deny_consent(False)

    cancelled = GoogleSignIn(_client_config(env.fake), open_url=lambda url: None, timeout_s=10)
    threading.Timer(0.3, cancelled.cancel).start()
    with pytest.raises(UserError, match="cancelled"):
        cancelled.run()

    slow = GoogleSignIn(_client_config(env.fake), open_url=lambda url: None, timeout_s=0.3)
    with pytest.raises(UserError, match="not finished in time"):
        slow.run()
    assert not env.sync.connected()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ({"web": {"client_id": "x"}}, "Desktop app"),
        ({"something": 1}, "not a Google OAuth client file"),
        ("not json", "cannot be read as JSON"),
    ],
)
def test_wrong_client_files_are_explained(tmp_path: Path, content: object, words: str) -> None:
    path = tmp_path / "client.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(UserError, match=words):
        google_auth.load_client_config(path)
    with pytest.raises(UserError, match="does not exist"):
        google_auth.load_client_config(tmp_path / "missing.json")


def test_credentials_files(fake_calendar: FakeCalendar, tmp_path: Path) -> None:
    good = write_credentials(tmp_path / "ok.json", fake_calendar)
    credentials = google_auth.credentials_from_file(good)
    assert credentials.refresh_token == "1//fake-refresh-token"
    assert credentials.token_uri == fake_calendar.token_uri  # from the environment only
    for name, info, words in [
        ("sa.json", {"type": "service_account", "client_email": "x"}, "service_account"),
        ("partial.json", {"type": "authorized_user", "client_id": "x"}, "lacks"),
    ]:
        (tmp_path / name).write_text(json.dumps(info))
        with pytest.raises(CalendarAuthError, match=words):
            google_auth.credentials_from_file(tmp_path / name)
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(CalendarAuthError, match="not valid JSON"):
        google_auth.credentials_from_file(tmp_path / "bad.json")


def test_a_file_cannot_redirect_token_renewal(
    fake_calendar: FakeCalendar, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAREERDESK_GOOGLE_TOKEN_URI")
    info = credentials_info(fake_calendar, token_uri="http://evil.example/token")
    credentials = google_auth.credentials_from_info(info)
    assert credentials.token_uri == "https://oauth2.googleapis.com/token"


def test_disconnect_revokes_then_deletes(env: Env) -> None:
    env.connect()
    result = env.sync.disconnect()
    assert result.revoked and "revoked" in result.message
    assert env.fake.revoked == ["1//fake-refresh-token"]
    assert not env.sync.connected()
    with pytest.raises(CalendarNotConnectedError):
        google_auth.load_credentials(env.app.secrets)
    assert env.sync.disconnect().message.startswith("CareerDesk was not connected")


def test_disconnect_without_network_still_forgets_and_says_so(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    env.connect()
    monkeypatch.setenv("CAREERDESK_GOOGLE_REVOKE_URL", "http://127.0.0.1:9/revoke")
    result = env.sync.disconnect()
    assert not result.revoked and "myaccount.google.com/permissions" in result.message
    assert not env.sync.connected()


def test_without_a_keyring_the_sign_in_lasts_for_the_session_only(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    store = KeyringSecretStore()
    env.app.secrets = store
    assert env.sync.session_only
    env.connect()
    assert env.sync.connected()
    assert KeyringSecretStore().get(GOOGLE_CALENDAR_CREDENTIALS) is None  # nothing persisted
