"""Cards on the Home tab: a feature's ``careerdesk.ui.<feature>.home_card`` exposes ``CARD``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from careerdesk.core.kernel.plugins import HOME_CARDS, discover

if TYPE_CHECKING:
    from careerdesk.ui.shell.context import UiContext


@dataclass(frozen=True)
class HomeCard:
    key: str
    order: int
    factory: Callable[[UiContext], QWidget]


_found: list[HomeCard] | None = None


def discover_cards() -> list[HomeCard]:
    """Every feature's Home card (``careerdesk.ui.<feature>.home_card`` exposing ``CARD``).

    Found once per process: the start-up worker finds them (docs/performance.md), so the
    GUI thread building the Home does not scan the source tree again.
    """
    global _found
    if _found is None:
        cards = [p.value for p in discover(HOME_CARDS) if isinstance(p.value, HomeCard)]
        _found = sorted(cards, key=lambda c: (c.order, c.key))
    return list(_found)
