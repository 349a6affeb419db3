"""Posting and company fixtures on the shared ``app`` fixture, with a fixed clock."""

from __future__ import annotations

import pytest

from careerdesk.core.companies.service import CompanyService
from careerdesk.core.postings.service import PostingService
from tests.core.pipeline import conftest as pipeline_fixtures

# The pipeline's fixed clock (Monday 2 March 2026) and profile, shared rather than copied.
START = pipeline_fixtures.START
clock = pipeline_fixtures.clock
pid = pipeline_fixtures.pid


@pytest.fixture
def postings(app, clock) -> PostingService:  # type: ignore[no-untyped-def]
    return app.service(PostingService)


@pytest.fixture
def companies(app, clock) -> CompanyService:  # type: ignore[no-untyped-def]
    return app.service(CompanyService)
