"""The demo pipeline: ~30 applications across states, interviews, an offer in negotiation."""

from __future__ import annotations

from datetime import timedelta

from careerdesk.core.pipeline.history import replay
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import ACTIVE_STATES, CLOSED_STATES, State
from careerdesk.demo.seeders import pipeline as seeder


def test_demo_pipeline_is_realistic_and_consistent(app, clock) -> None:  # type: ignore[no-untyped-def]
    profile = app.profiles.create("Demo")
    summary = seeder.seed(app, profile)
    assert summary.startswith("pipeline: 30 applications")
    svc = app.service(ApplicationService)
    rows = svc.list(profile.id)
    assert 25 <= len(rows) <= 35
    states = {r.state for r in rows}
    assert len(states & set(ACTIVE_STATES)) >= 8 and len(states & set(CLOSED_STATES)) >= 3
    assert {"Google", "Amazon", "Microsoft", "Meta", "Apple"} <= {r.company for r in rows}
    assert len({r.source for r in rows}) >= 6
    assert {r.remote for r in rows} >= {"yes", "no", "hybrid"}
    details = [svc.get(r.id) for r in rows]
    for d in details:
        assert replay(d.events) == d.state
    offers = [o for d in details for o in d.offers]
    assert len(offers) >= 1 and any(o.rounds for o in offers)
    assert any(d.state == State.NEGOTIATING for d in details)
    upcoming = svc.upcoming_interviews(profile.id)
    assert len(upcoming) >= 3
    times = [e.at for d in details for e in d.events]
    assert clock.now() - min(times) > timedelta(weeks=9)
    assert max(times) <= clock.now()
