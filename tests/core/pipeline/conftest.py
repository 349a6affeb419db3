"""Pipeline fixtures on the shared ``app`` fixture (SQLite, and PostgreSQL in CI)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.pipeline.service import ApplicationService

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(app) -> FixedClock:  # type: ignore[no-untyped-def]
    """The app's clock, fixed at Monday 2 March 2026 12:00 UTC (set before any service)."""
    fixed = FixedClock(START)
    app.clock = fixed
    return fixed


@pytest.fixture
def svc(app, clock) -> ApplicationService:  # type: ignore[no-untyped-def]
    return app.service(ApplicationService)


@pytest.fixture
def pid(app) -> int:  # type: ignore[no-untyped-def]
    return app.profiles.create("Ann").id
