"""Cards on the Home tab, one module per feature; each exposes ``CARD: HomeCard``."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from careerdesk.ui.context import UiContext


@dataclass(frozen=True)
class HomeCard:
    key: str
    order: int
    factory: Callable[[UiContext], QWidget]


def discover_cards() -> list[HomeCard]:
    cards = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        card = getattr(module, "CARD", None)
        if isinstance(card, HomeCard):
            cards.append(card)
    return sorted(cards, key=lambda c: (c.order, c.key))
