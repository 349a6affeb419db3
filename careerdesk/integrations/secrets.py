"""Secrets in the OS keyring (:class:`~careerdesk.core.kernel.ports.SecretStore` on ``keyring``).

Rule of the house: API keys and OAuth tokens live in the OS keyring and nowhere else. Where
no real keyring exists (a headless Linux box gets keyring's ``fail`` backend) or only the
``keyrings.alt`` file backends are present (base64 "plaintext" or a password prompt on
stdin), the store says so (``persistent`` is False) and keeps secrets in memory for this
session only. It never writes a file of its own.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from careerdesk.core.kernel.ports import GEMINI_API_KEY as GEMINI_API_KEY
from careerdesk.core.kernel.ports import SecretStoreError

log = logging.getLogger(__name__)

SERVICE_NAME = "CareerDesk"

# Names of the secrets CareerDesk keeps (the keyring "username" under SERVICE_NAME).
GOOGLE_CALENDAR_CREDENTIALS = "google-calendar-credentials"

_SESSION_ONLY_NOTE = "secrets are kept for this session only"

# Display names for the backends people actually meet; others fall back to keyring's own.
_FRIENDLY_NAMES = {
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.SecretService.Keyring": "Secret Service (GNOME Keyring / KWallet)",
    "keyring.backends.libsecret.Keyring": "libsecret (GNOME Keyring)",
    "keyring.backends.kwallet.DBusKeyring": "KDE Wallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KDE Wallet 4",
}


def _qualname(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def insecure_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold secrets, or None when it is a real OS keyring."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring):
        return "no system keyring is available"
    if isinstance(backend, null.Keyring):
        return "keyring is disabled (null backend)"
    if type(backend).__module__.startswith("keyrings.alt"):
        # Plaintext is base64 in a file; Encrypted prompts on stdin, which a GUI cannot answer.
        return f"only the keyrings.alt file store ({type(backend).__name__}) is available"
    if isinstance(backend, chainer.ChainerBackend):
        # The chainer writes to its first backend, so that one decides.
        backends = list(backend.backends)
        if not backends:
            return "no system keyring is available"
        return insecure_reason(backends[0])
    return None


def _describe(backend: KeyringBackend) -> str:
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        backends = list(backend.backends)
        if backends:
            return _describe(backends[0])
    return _FRIENDLY_NAMES.get(_qualname(backend)) or str(type(backend).name)


class KeyringSecretStore:
    """Secrets in the OS keyring, or in memory for the session when there is none.

    The backend is resolved once, on first use (probing it can take a while, e.g. over
    D-Bus, so it should not happen on the GUI thread at start-up), and then kept so that
    ``persistent`` and ``backend_name`` stay consistent for the life of the store.
    """

    def __init__(self, service: str = SERVICE_NAME) -> None:
        self._service = service
        self._resolved: tuple[KeyringBackend, str | None] | None = None
        self._session: dict[str, str] = {}
        self._lock = threading.Lock()

    def _resolve(self) -> tuple[KeyringBackend, str | None]:
        with self._lock:
            if self._resolved is None:
                backend = keyring.get_keyring()
                reason = insecure_reason(backend)
                if reason:
                    log.warning(
                        "No secure keyring (%s, backend %s): %s",
                        reason,
                        _qualname(backend),
                        _SESSION_ONLY_NOTE,
                    )
                self._resolved = (backend, reason)
            return self._resolved

    @property
    def _backend(self) -> KeyringBackend:
        return self._resolve()[0]

    @property
    def _insecure_reason(self) -> str | None:
        return self._resolve()[1]

    @property
    def persistent(self) -> bool:
        """False when secrets last only for this session (no usable OS keyring)."""
        return self._insecure_reason is None

    @property
    def backend_name(self) -> str:
        """Where secrets go, in words for the Settings page."""
        if self._insecure_reason:
            return f"Session only — {self._insecure_reason}"
        return _describe(self._backend)

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None when it was never stored."""
        if not self.persistent:
            with self._lock:
                return self._session.get(name)
        try:
            return self._backend.get_password(self._service, name)
        except Exception as exc:
            # Backends raise their own types (D-Bus, Keychain, WinVault), not only
            # KeyringError, so everything here is "the keyring failed".
            raise self._error("read", name, exc) from exc

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``, replacing any earlier value."""
        if not self.persistent:
            with self._lock:
                self._session[name] = value
            return
        try:
            self._backend.set_password(self._service, name, value)
        except Exception as exc:
            raise self._error("save", name, exc) from exc

    def delete(self, name: str) -> None:
        """Forget ``name``; deleting a secret that is not there is not an error."""
        if not self.persistent:
            with self._lock:
                self._session.pop(name, None)
            return
        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            return  # already gone
        except Exception as exc:
            raise self._error("delete", name, exc) from exc

    def _error(self, verb: str, name: str, exc: Exception) -> SecretStoreError:
        # The exception type says what went wrong; its text could, in theory, echo the value,
        # so only the type goes into the message (the cause stays chained for the log).
        if isinstance(exc, keyring.errors.KeyringLocked):
            hint = "The keyring is locked; unlock it and try again."
        else:
            hint = "Check that the system keyring is running and unlocked."
        return SecretStoreError(
            f"Could not {verb} '{name}' in {_describe(self._backend)} "
            f"({type(exc).__name__}). {hint}"
        )
