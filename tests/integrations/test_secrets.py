"""KeyringSecretStore on the in-memory keyring, and its session-only fallback."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked, PasswordSetError

from careerdesk.core.kernel.ports import SecretStore, SecretStoreError
from careerdesk.integrations.secrets import (
    GEMINI_API_KEY,
    GOOGLE_CALENDAR_CREDENTIALS,
    KeyringSecretStore,
)
from tests.fakes.keyring_backend import MemoryKeyring

SECRET = "AIzaSECRET-value-0123"


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_secret_names() -> None:
    assert GEMINI_API_KEY == "gemini-api-key"
    assert GOOGLE_CALENDAR_CREDENTIALS == "google-calendar-credentials"


def test_round_trip_in_keyring(memory_keyring: MemoryKeyring) -> None:
    store = KeyringSecretStore()
    assert isinstance(store, SecretStore)
    assert store.persistent
    assert store.backend_name

    assert store.get(GEMINI_API_KEY) is None
    store.set(GEMINI_API_KEY, SECRET)
    assert store.get(GEMINI_API_KEY) == SECRET
    assert memory_keyring.store[("CareerDesk", GEMINI_API_KEY)] == SECRET

    # A second store (the next app start) sees the same keyring.
    assert KeyringSecretStore().get(GEMINI_API_KEY) == SECRET

    store.set(GEMINI_API_KEY, "replaced")
    assert store.get(GEMINI_API_KEY) == "replaced"
    store.delete(GEMINI_API_KEY)
    assert store.get(GEMINI_API_KEY) is None
    store.delete(GEMINI_API_KEY)  # deleting twice is fine


def test_service_name_is_configurable(memory_keyring: MemoryKeyring) -> None:
    KeyringSecretStore(service="CareerDesk-Kiosk").set(GEMINI_API_KEY, SECRET)
    assert ("CareerDesk-Kiosk", GEMINI_API_KEY) in memory_keyring.store
    assert KeyringSecretStore().get(GEMINI_API_KEY) is None


def test_fail_backend_falls_back_to_session_only(careerdesk_home: Path) -> None:
    keyring.set_keyring(fail.Keyring())  # conftest restores the previous backend
    store = KeyringSecretStore()

    assert not store.persistent
    assert "session only" in store.backend_name.lower()

    store.set(GEMINI_API_KEY, SECRET)
    assert store.get(GEMINI_API_KEY) == SECRET
    store.delete(GEMINI_API_KEY)
    assert store.get(GEMINI_API_KEY) is None

    store.set(GOOGLE_CALENDAR_CREDENTIALS, SECRET)
    # Nothing persisted: a new store (a new session) starts empty, and no file was written.
    assert KeyringSecretStore().get(GOOGLE_CALENDAR_CREDENTIALS) is None
    assert not any(SECRET in p.read_text(errors="ignore") for p in _files_under(careerdesk_home))


def test_null_backend_is_not_persistent() -> None:
    keyring.set_keyring(null.Keyring())
    assert not KeyringSecretStore().persistent


def test_keyrings_alt_plaintext_is_not_trusted() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    # Same module path as the real keyrings.alt backend, without installing it.
    PlaintextKeyring.__module__ = "keyrings.alt.file"
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)

    store = KeyringSecretStore()
    store.set(GEMINI_API_KEY, SECRET)

    assert not store.persistent
    assert "keyrings.alt" in store.backend_name
    assert backend.store == {}  # never handed to the plaintext file store


class _BrokenKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "hint"),
    [
        (KeyringLocked("locked"), "locked"),
        (PasswordSetError(f"cannot store {SECRET}"), "running"),
        (RuntimeError("dbus went away"), "running"),
    ],
)
def test_keyring_errors_become_secret_store_errors(error: Exception, hint: str) -> None:
    keyring.set_keyring(_BrokenKeyring(error))
    store = KeyringSecretStore()
    assert store.persistent

    for action in (
        lambda: store.get(GEMINI_API_KEY),
        lambda: store.set(GEMINI_API_KEY, SECRET),
        lambda: store.delete(GEMINI_API_KEY),
    ):
        with pytest.raises(SecretStoreError) as info:
            action()
        message = str(info.value)
        assert GEMINI_API_KEY in message
        assert hint in message
        assert SECRET not in message
