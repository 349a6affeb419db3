"""Table modules, one per feature. ``load_all()`` imports them all so metadata is complete.

Feature modules add a file here; nothing else needs editing for Alembic and the tests to see
their tables.
"""

from __future__ import annotations

import importlib
import pkgutil

from careerdesk.core.db.base import Base


def load_all() -> type[Base]:
    """Import every table module in this package and return the declarative base."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}")
    return Base
