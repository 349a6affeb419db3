"""Look-alike profile names (hand-written cases; docs/kiosk.md)."""

from __future__ import annotations

import pytest

from careerdesk.core.profiles.names import looks_like, name_key, visible_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ben", "B\u0435n"),  # Cyrillic small ie
        ("Ben", "B\u200ben"),  # zero-width space
        ("Ben", "\u200dBen\ufeff"),  # zero-width joiner, BOM
        ("Ben", "BEN"),
        ("Ben", "\uff22\uff45\uff4e"),  # full-width letters (NFKC)
        ("Ana", "\u0410na"),  # Cyrillic capital A
        ("Ana", "An\u0430"),  # Cyrillic small a
        ("Olga", "\u039flga"),  # Greek capital omicron
        ("Ben", "Be\u00adn"),  # soft hyphen
        ("Ben", "Ben\ufe0f"),  # variation selector
        ("Ben Li", "Ben  Li"),  # doubled space
        ("Ben", "Ben\u3164"),  # Hangul filler
    ],
)
def test_look_alikes_share_a_key(a: str, b: str) -> None:
    assert looks_like(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zoe", "Zoë"), ("Ben", "Bea"), ("Ana", "Anna"), ("Сергей", "Sergei")],
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not looks_like(a, b)


def test_the_stored_name_keeps_its_own_letters_but_loses_hidden_ones() -> None:
    assert visible_name("B\u0435n\u200b") == "B\u0435n"  # the Cyrillic letter is kept
    assert visible_name("\uff22en") == "Ben"
    assert name_key("B\u0435n") == "ben"


def test_the_profile_service_refuses_a_look_alike(sqlite_app) -> None:  # type: ignore[no-untyped-def]
    from careerdesk.core.kernel.errors import ValidationError

    sqlite_app.profiles.create("Ben")
    for name in ("B\u0435n", "B\u200ben", "ＢＥＮ"):
        with pytest.raises(ValidationError, match="looks the same"):
            sqlite_app.profiles.create(name)
    other = sqlite_app.profiles.create("Bea")
    with pytest.raises(ValidationError):
        sqlite_app.profiles.rename(other.id, "B\u0435n")
    assert [p.name for p in sqlite_app.profiles.list()] == ["Bea", "Ben"]
