"""Table modules, one per feature. ``load_all()`` imports them all so metadata is complete.

Feature modules add a file here; nothing else needs editing for Alembic and the tests to see
their tables.
"""

from __future__ import annotations

from careerdesk.core.kernel.plugins import TABLES, discover
from careerdesk.core.storage.base import Base


def load_all() -> type[Base]:
    """Import every table module in this package and return the declarative base."""
    discover(TABLES)
    return Base
