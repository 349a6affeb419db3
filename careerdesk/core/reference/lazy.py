"""The shipped reference data as a service reads it: injected, or loaded on first use.

Services take an optional ``catalog`` (and ``onet_data``) so tests can hand them a small one;
in the app they are ``None`` and the shipped data is read the first time it is needed, not
when the service is built (start-up stays cheap). Both loaders keep one copy per process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData, onet

T = TypeVar("T")


def _first_use(owner: object, attr: str, load: Callable[[], T]) -> T:
    """``owner.attr``, loaded (and kept) the first time it is asked for while ``None``."""
    value: T | None = getattr(owner, attr)
    if value is None:
        value = load()
        setattr(owner, attr, value)
    return value


class LazyCatalog:
    """Mixin: ``self.catalog``, the injected ``_catalog`` or the shipped catalogue."""

    _catalog: Catalog | None

    @property
    def catalog(self) -> Catalog:
        return _first_use(self, "_catalog", load_catalog)


class LazyReference(LazyCatalog):
    """Mixin: ``self.catalog`` and ``self.onet`` (the injected ``_onet`` or the shipped
    O*NET extract)."""

    _onet: OnetData | None

    @property
    def onet(self) -> OnetData:
        return _first_use(self, "_onet", onet)
