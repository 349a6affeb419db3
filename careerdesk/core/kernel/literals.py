"""Stored strings back as the ``Literal`` types the models declare.

The tables keep closed sets of words ("started", "bank", "interview"…) as plain strings
(``Mapped[str]``); :func:`one_of` is the checked way from such a string to the ``Literal``
a model field declares, so no cast or ignore is needed where a row becomes a model.
"""

from __future__ import annotations

from typing import TypeVar

L = TypeVar("L", bound=str)


def one_of(value: str, allowed: tuple[L, ...]) -> L:
    """``value`` as the member of ``allowed`` it equals; ValueError when it is none of them."""
    for option in allowed:
        if option == value:
            return option
    raise ValueError(f"{value!r} is not one of {', '.join(map(repr, allowed))}")
