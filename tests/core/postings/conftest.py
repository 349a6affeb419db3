"""Posting and company fixtures on the shared ``app`` fixture, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.postings.service import PostingService

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock(app) -> FixedClock:  # type: ignore[no-untyped-def]
    """The app's clock, fixed at Monday 2 March 2026 12:00 UTC (set before any service)."""
    fixed = FixedClock(START)
    app.clock = fixed
    return fixed


@pytest.fixture
def postings(app, clock) -> PostingService:  # type: ignore[no-untyped-def]
    return app.service(PostingService)


@pytest.fixture
def companies(app, clock) -> CompanyService:  # type: ignore[no-untyped-def]
    return app.service(CompanyService)


@pytest.fixture
def pid(app) -> int:  # type: ignore[no-untyped-def]
    return app.profiles.create("Ann").id
