"""The signed-in Google account: the core's ``CalendarAccount`` (careerdesk.core.calendar.sync).

Sign-in (with the shipped OAuth client, or the user's own), the stored credentials (OS
keyring, or this session only; ``owner`` names a learner whose own sign-in it is, in kiosk
mode) and a Calendar provider that saves a renewed access token when it is done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerdesk.core.calendar.errors import CalendarAuthError, CalendarNotConnectedError
from careerdesk.core.kernel.errors import UserError
from careerdesk.core.kernel.ports import SecretStore
from careerdesk.integrations.google import auth as google_auth
from careerdesk.integrations.google.calendar import GoogleCalendarProvider

if TYPE_CHECKING:
    from google.oauth2.credentials import Credentials

log = logging.getLogger(__name__)


class GoogleCalendarAccount:
    """Google Calendar sign-in over a secret store."""

    def __init__(self, secrets: Callable[[], SecretStore]) -> None:
        # Resolved on use: building the keyring store is slow and must not happen at start-up.
        self._secrets = secrets

    @property
    def session_only(self) -> bool:
        return not self._secrets().persistent

    def connected(self, owner: int | None = None) -> bool:
        return google_auth.is_connected(self._secrets(), owner)

    def shipped_client(self) -> bool:
        return google_auth.has_shipped_client()

    def sign_in(
        self, client_file: Path | None, open_url: Callable[[str], Any] | None
    ) -> google_auth.GoogleSignIn:
        if client_file is not None:
            return google_auth.GoogleSignIn(client_file=client_file, open_url=open_url)
        shipped = google_auth.shipped_client_config()
        if shipped is None:
            raise UserError(
                "This copy of CareerDesk has no Google sign-in of its own; choose your OAuth "
                "client file instead (Settings → Calendar explains how)."
            )
        return google_auth.GoogleSignIn(shipped, open_url=open_url)

    def store(self, credentials: object, owner: int | None = None) -> None:
        from google.oauth2.credentials import Credentials

        if not isinstance(credentials, Credentials):
            raise TypeError(f"not Google authorised-user credentials: {type(credentials)!r}")
        google_auth.save_credentials(self._secrets(), credentials, owner)

    def credentials_from_file(self, path: Path) -> Credentials:
        return google_auth.credentials_from_file(path)

    def disconnect(
        self, timeout_s: float, owner: int | None = None
    ) -> google_auth.DisconnectResult:
        return google_auth.disconnect(self._secrets(), timeout_s=timeout_s, owner=owner)

    def forget(self, owner: int) -> bool:
        """Delete learner ``owner``'s sign-in now; revoke it at Google in the background.

        Called when the profile is deleted (on the thread that deleted it, so no network
        wait there). True when there was one.
        """
        store = self._secrets()
        try:
            credentials = google_auth.load_credentials(store, owner)
        except CalendarNotConnectedError:
            return False
        except CalendarAuthError:
            credentials = None
        store.delete(google_auth.credentials_key(owner))
        if credentials is not None:
            threading.Thread(
                target=google_auth.revoke, args=(credentials,), name="calendar-revoke", daemon=True
            ).start()
        return True

    @contextmanager
    def open(
        self, credentials_file: Path | None, timeout_s: float, owner: int | None = None
    ) -> Iterator[GoogleCalendarProvider]:
        if credentials_file is not None:
            credentials = google_auth.credentials_from_file(credentials_file)
        else:
            credentials = google_auth.load_credentials(self._secrets(), owner)
        provider = GoogleCalendarProvider(credentials, timeout_s=timeout_s)
        before = provider.credentials.token
        try:
            yield provider
        finally:
            self._keep_refreshed(provider, before, stored=credentials_file is None, owner=owner)
            provider.close()

    def _keep_refreshed(
        self,
        provider: GoogleCalendarProvider,
        before: str | None,
        *,
        stored: bool,
        owner: int | None = None,
    ) -> None:
        """Save a renewed access token, so the next run does not have to renew it again."""
        credentials = provider.credentials
        if not stored or not credentials.token or credentials.token == before:
            return
        try:
            # Only if the same sign-in is still stored: a Disconnect during the sync wins.
            current = google_auth.load_credentials(self._secrets(), owner)
            if current.refresh_token == credentials.refresh_token:
                google_auth.save_credentials(self._secrets(), credentials, owner)
        except Exception:
            log.info("renewed Google sign-in not saved (disconnected or keyring unavailable)")
