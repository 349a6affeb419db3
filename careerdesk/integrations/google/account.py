"""The signed-in Google account: the core's ``CalendarAccount`` (careerdesk.core.calendar.sync).

Sign-in, the stored credentials (OS keyring, or this session only) and a Calendar provider
that saves a renewed access token when it is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

    def connected(self) -> bool:
        return google_auth.is_connected(self._secrets())

    def sign_in(
        self, client_file: Path, open_url: Callable[[str], Any] | None
    ) -> google_auth.GoogleSignIn:
        return google_auth.GoogleSignIn(client_file=client_file, open_url=open_url)

    def store(self, credentials: object) -> None:
        from google.oauth2.credentials import Credentials

        if not isinstance(credentials, Credentials):
            raise TypeError(f"not Google authorised-user credentials: {type(credentials)!r}")
        google_auth.save_credentials(self._secrets(), credentials)

    def credentials_from_file(self, path: Path) -> Credentials:
        return google_auth.credentials_from_file(path)

    def disconnect(self, timeout_s: float) -> google_auth.DisconnectResult:
        return google_auth.disconnect(self._secrets(), timeout_s=timeout_s)

    @contextmanager
    def open(
        self, credentials_file: Path | None, timeout_s: float
    ) -> Iterator[GoogleCalendarProvider]:
        if credentials_file is not None:
            credentials = google_auth.credentials_from_file(credentials_file)
        else:
            credentials = google_auth.load_credentials(self._secrets())
        provider = GoogleCalendarProvider(credentials, timeout_s=timeout_s)
        before = provider.credentials.token
        try:
            yield provider
        finally:
            self._keep_refreshed(provider, before, stored=credentials_file is None)
            provider.close()

    def _keep_refreshed(
        self, provider: GoogleCalendarProvider, before: str | None, *, stored: bool
    ) -> None:
        """Save a renewed access token, so the next run does not have to renew it again."""
        credentials = provider.credentials
        if not stored or not credentials.token or credentials.token == before:
            return
        try:
            # Only if the same sign-in is still stored: a Disconnect during the sync wins.
            current = google_auth.load_credentials(self._secrets())
            if current.refresh_token == credentials.refresh_token:
                google_auth.save_credentials(self._secrets(), credentials)
        except Exception:
            log.info("renewed Google sign-in not saved (disconnected or keyring unavailable)")
