"""Signing in to Google Calendar: the installed-app OAuth flow and the stored credentials.

* Installers and the bundle ship a "Desktop app" OAuth client (``SHIPPED_CLIENT`` in
  ``careerdesk/resources``, written by ``build.spec`` from ``CAREERDESK_GOOGLE_CLIENT_FILE``,
  never committed). For that client type Google treats the secret as not confidential: the
  loopback redirect and PKCE protect the sign-in. Without it (a source checkout) the user
  brings their own client JSON. See docs/calendar.md, "Connecting".
* :class:`GoogleSignIn` runs google-auth-oauthlib's ``InstalledAppFlow`` with PKCE (S256) and a
  loopback redirect on a free port of 127.0.0.1, and can be cancelled from another thread.
* The authorised-user credentials (refresh token included) are kept ONLY in the
  :class:`~careerdesk.core.kernel.ports.SecretStore`: under ``GOOGLE_CALENDAR_CREDENTIALS``, or
  in kiosk mode one entry per learner (:func:`credentials_key`); with no keyring backend that
  store is session-only, and the UI says so.
* ``--credentials FILE`` takes an authorised-user JSON as google-auth writes it
  (``Credentials.to_json()`` or ``gcloud``'s ``authorized_user`` file).
* Disconnect revokes the token at Google (``CAREERDESK_GOOGLE_REVOKE_URL`` overrides the URL for
  tests) and deletes it locally even when Google cannot be reached.
* Tokens are renewed at Google's token endpoint whatever a credentials file says (google-auth
  enforces this); ``CAREERDESK_GOOGLE_TOKEN_URI`` overrides it for tests and proxies.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import urllib.parse
import urllib.request
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerdesk.core.calendar.errors import CalendarAuthError, CalendarNotConnectedError
from careerdesk.core.calendar.models import DisconnectResult
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.ports import SecretStore
from careerdesk.integrations.secrets import GOOGLE_CALENDAR_CREDENTIALS

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from google.oauth2.credentials import Credentials

log = logging.getLogger(__name__)

# Add and change events; read the calendar list for the picker. Nothing else.
CALENDAR_SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/calendar.events",
    "https://www.googleapis.com/auth/calendar.calendarlist.readonly",
)
SHIPPED_CLIENT = "google_oauth_client.json"  # in careerdesk/resources, filled in by the build
REVOKE_URL = "https://oauth2.googleapis.com/revoke"
REVOKE_URL_ENV = "CAREERDESK_GOOGLE_REVOKE_URL"
TOKEN_URI_ENV = "CAREERDESK_GOOGLE_TOKEN_URI"
SIGN_IN_TIMEOUT_S = 300
_SUCCESS_PAGE = "CareerDesk is now connected to Google Calendar. You can close this tab."
_REQUIRED_FIELDS = ("client_id", "client_secret", "refresh_token")


# --- the OAuth client file ---------------------------------------------------------------------
def shipped_client_config() -> dict[str, Any] | None:
    """The OAuth client the build shipped (``SHIPPED_CLIENT``), or None in a source checkout.

    A shipped file that is not a usable "Desktop app" client counts as absent (logged), so
    the bring-your-own path stays open instead of a broken button.
    """
    node = _shipped_resource()
    try:
        if not node.is_file():
            return None
        data = json.loads(node.read_text(encoding="utf-8"))
        return check_client_config(data, SHIPPED_CLIENT)
    except (OSError, ValueError, UserError) as exc:
        log.warning("the shipped Google OAuth client is unusable: %s", type(exc).__name__)
        return None


def _shipped_resource() -> Traversable:
    from careerdesk.resources_access import resource

    return resource(SHIPPED_CLIENT)


def has_shipped_client() -> bool:
    """True when the installer or bundle carries CareerDesk's own OAuth client."""
    return shipped_client_config() is not None


def load_client_config(path: Path) -> dict[str, Any]:
    """Read a Google OAuth client JSON and check it is a "Desktop app" client.

    Raises :class:`UserError` with what to do for a missing, unreadable or wrong-kind file.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserError(f"The OAuth client file {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise UserError(f"The OAuth client file {path} cannot be read as JSON ({exc}).") from exc
    return check_client_config(data, str(path))


def check_client_config(data: Any, path: str) -> dict[str, Any]:
    """``data`` if it is a "Desktop app" OAuth client JSON; UserError saying what it is not."""
    if not isinstance(data, dict):
        raise UserError(f"{path} is not a Google OAuth client file.")
    if "web" in data and "installed" not in data:
        raise UserError(
            f"{Path(path).name} is a 'Web application' OAuth client. In Google Cloud Console, "
            "create an OAuth client of type 'Desktop app' and choose its JSON file."
        )
    installed = data.get("installed")
    if not isinstance(installed, dict) or not installed.get("client_id"):
        raise UserError(
            f"{Path(path).name} is not a Google OAuth client file. Download the JSON of a "
            "'Desktop app' OAuth client from Google Cloud Console (APIs & Services → "
            "Credentials)."
        )
    return data


class GoogleSignIn:
    """One run of the installed-app flow; :meth:`run` blocks, :meth:`cancel` ends it early."""

    def __init__(
        self,
        client_config: dict[str, Any] | None = None,
        *,
        client_file: Path | None = None,
        open_url: Callable[[str], Any] | None = None,
        timeout_s: float = SIGN_IN_TIMEOUT_S,
    ) -> None:
        """Give the OAuth client as parsed JSON or as a file (read and checked in :meth:`run`).

        ``open_url`` shows the consent page (default: the system browser).
        """
        if client_config is None and client_file is None:
            raise ValueError("GoogleSignIn needs client_config or client_file")
        self.client_config = client_config
        self.client_file = client_file
        self.open_url = open_url or webbrowser.open
        self.timeout_s = timeout_s
        self.auth_url: str | None = None
        self._redirect_uri: str | None = None
        self._state: str | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    def run(self) -> Credentials:
        """Open the consent page and wait for Google's redirect to the loopback server.

        Raises :class:`UserError` when the user refuses, cancels or does not finish in time.
        """
        from google_auth_oauthlib.flow import InstalledAppFlow, WSGITimeoutError
        from oauthlib.oauth2.rfc6749.errors import AccessDeniedError, OAuth2Error

        config = self.client_config
        if config is None:
            assert self.client_file is not None
            config = load_client_config(self.client_file)
        # PKCE (S256) on: the shipped client's secret is not confidential, so the code
        # verifier is what keeps a code caught on its way back from being of use to anyone.
        flow = InstalledAppFlow.from_client_config(
            config, list(CALENDAR_SCOPES), autogenerate_code_verifier=True
        )
        browser = _CallbackBrowser(self._opened)
        name = f"careerdesk-signin-{id(self)}"
        webbrowser.register(name, None, browser)
        try:
            credentials = flow.run_local_server(
                host="127.0.0.1",
                port=0,
                open_browser=True,
                browser=name,
                authorization_prompt_message=None,
                success_message=_SUCCESS_PAGE,
                timeout_seconds=self.timeout_s,
                access_type="offline",
                prompt="consent",
            )
        except WSGITimeoutError as exc:
            raise UserError(
                "Google sign-in was not finished in time. Click Connect to try again."
            ) from exc
        except OAuth2Error as exc:
            if self._cancelled.is_set():
                raise UserError("Google sign-in was cancelled.") from exc
            if isinstance(exc, AccessDeniedError):
                raise UserError(
                    "Google Calendar access was not allowed, so CareerDesk is not connected."
                ) from exc
            raise UserError(f"Google sign-in failed: {exc.description or exc.error}.") from exc
        finally:
            # webbrowser has no public unregister; drop the one-off browser registered above.
            webbrowser._browsers.pop(name, None)  # type: ignore[attr-defined]
        if not credentials.refresh_token:
            raise UserError(
                "Google did not give CareerDesk a refresh token. Remove CareerDesk's access at "
                "myaccount.google.com/permissions and connect again."
            )
        return credentials

    def cancel(self) -> None:
        """Stop waiting: answers the loopback server with ``error=access_denied``."""
        self._cancelled.set()
        with self._lock:
            redirect, state = self._redirect_uri, self._state
        if redirect is None:
            return
        query = urllib.parse.urlencode({"error": "access_denied", "state": state or ""})
        try:
            with urllib.request.urlopen(f"{redirect}?{query}", timeout=5):
                pass
        except OSError:
            pass  # the flow already ended

    def _opened(self, url: str) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        with self._lock:
            self.auth_url = url
            self._redirect_uri = _first(query.get("redirect_uri"))
            self._state = _first(query.get("state"))
        if self._cancelled.is_set():
            threading.Thread(target=self.cancel, daemon=True).start()
            return
        self.open_url(url)


def _first(values: list[str] | None) -> str | None:
    """The first of a query parameter's values, if it has any."""
    return values[0] if values else None


class _CallbackBrowser(webbrowser.BaseBrowser):
    """A ``webbrowser`` controller that hands the consent URL to CareerDesk."""

    def __init__(self, callback: Callable[[str], None]) -> None:
        super().__init__("careerdesk")
        self._callback = callback

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self._callback(url)
        return True


# --- stored credentials -------------------------------------------------------------------------
def credentials_from_info(info: Any, *, source: str = "the credentials") -> Credentials:
    """Authorised-user credentials from their JSON form; UserError when unusable."""
    from google.oauth2.credentials import Credentials

    if not isinstance(info, dict):
        raise CalendarAuthError(f"{source} is not an authorised-user JSON object.")
    kind = info.get("type", "authorized_user")
    if kind != "authorized_user":
        raise CalendarAuthError(
            f"{source} holds '{kind}' credentials; CareerDesk needs authorised-user credentials "
            "(a refresh token for your Google account)."
        )
    missing = [f for f in _REQUIRED_FIELDS if not info.get(f)]
    if missing:
        raise CalendarAuthError(f"{source} lacks {', '.join(missing)}; connect again.")
    try:
        credentials = Credentials.from_authorized_user_info(info)
    except (ValueError, KeyError, TypeError) as exc:
        raise CalendarAuthError(f"{source} cannot be used ({exc}); connect again.") from exc
    # google-auth always renews at Google's token endpoint, whatever the file says (a file
    # must not be able to send the refresh token elsewhere); only the environment overrides.
    override = os.environ.get(TOKEN_URI_ENV, "").strip()
    return credentials.with_token_uri(override) if override else credentials


def credentials_from_file(path: Path) -> Credentials:
    """Read an authorised-user JSON file (for ``--credentials FILE``)."""
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CalendarAuthError(f"The credentials file {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise CalendarAuthError(f"The credentials file {path} is not valid JSON ({exc}).") from exc
    return credentials_from_info(info, source=f"The credentials file {Path(path).name}")


def credentials_json(credentials: Credentials) -> str:
    """The authorised-user JSON google-auth writes (refresh token included)."""
    data = json.loads(credentials.to_json())
    data.setdefault("type", "authorized_user")
    return json.dumps(data)


def credentials_key(owner: int | None = None) -> str:
    """The secret's name: the install's sign-in, or learner ``owner``'s own (kiosk mode)."""
    if owner is None:
        return GOOGLE_CALENDAR_CREDENTIALS
    return f"{GOOGLE_CALENDAR_CREDENTIALS}:profile-{int(owner)}"


def is_connected(store: SecretStore, owner: int | None = None) -> bool:
    """True when credentials are stored (whether Google still accepts them is seen on use)."""
    return bool(store.get(credentials_key(owner)))


def load_credentials(store: SecretStore, owner: int | None = None) -> Credentials:
    """The stored credentials; :class:`CalendarNotConnectedError` when there are none."""
    raw = store.get(credentials_key(owner))
    if not raw:
        raise CalendarNotConnectedError(
            "CareerDesk is not connected to Google Calendar. Connect in Settings → Calendar, "
            "or pass --credentials FILE."
        )
    try:
        info = json.loads(raw)
    except ValueError as exc:
        raise CalendarAuthError(
            "The stored Google sign-in is unreadable. Disconnect and connect again."
        ) from exc
    return credentials_from_info(info, source="The stored Google sign-in")


def save_credentials(
    store: SecretStore, credentials: Credentials, owner: int | None = None
) -> None:
    """Keep ``credentials`` in the secret store (the OS keyring, or this session only)."""
    store.set(credentials_key(owner), credentials_json(credentials))


def revoke_url() -> str:
    return os.environ.get(REVOKE_URL_ENV, "").strip() or REVOKE_URL


def revoke(credentials: Credentials, *, url: str | None = None, timeout_s: float = 10.0) -> bool:
    """Ask Google to revoke the grant (refresh token first). True when Google confirmed.

    An answer of 400 ``invalid_token`` means it was already revoked, which counts as done.
    """
    import httplib2

    token = credentials.refresh_token or credentials.token
    if not token:
        return True
    http = httplib2.Http(timeout=timeout_s)
    try:
        response, content = http.request(
            url or revoke_url(),
            method="POST",
            body=urllib.parse.urlencode({"token": token}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    except (OSError, httplib2.HttpLib2Error) as exc:
        log.warning("revoking the Google grant failed: %s", type(exc).__name__)
        return False
    finally:
        http.close()
    if response.status == 200:
        return True
    if response.status == 400 and b"invalid_token" in (content or b""):
        return True
    log.warning("revoking the Google grant answered HTTP %s", response.status)
    return False


def disconnect(
    store: SecretStore,
    *,
    url: str | None = None,
    timeout_s: float = 10.0,
    owner: int | None = None,
) -> DisconnectResult:
    """Revoke the stored grant at Google, then delete it here (even if Google was not reached)."""
    try:
        credentials = load_credentials(store, owner)
    except CalendarNotConnectedError:
        return DisconnectResult(True, "CareerDesk was not connected to Google Calendar.")
    except CalendarAuthError:
        credentials = None
    revoked = revoke(credentials, url=url, timeout_s=timeout_s) if credentials else False
    store.delete(credentials_key(owner))
    if revoked:
        return DisconnectResult(True, "Disconnected from Google Calendar; access was revoked.")
    return DisconnectResult(
        False,
        "Disconnected here, but Google could not be told. To be sure, remove CareerDesk at "
        "myaccount.google.com/permissions.",
    )
