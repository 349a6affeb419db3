"""Offer service: offers from the pipeline, extra terms, saved weights (SQLite and PG)."""

from __future__ import annotations

from datetime import date

import pytest

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.offers.service import OfferService
from careerdesk.core.pipeline.service import ApplicationService


def test_compare_open_offers_with_terms_and_saved_weights(app) -> None:  # type: ignore[no-untyped-def]
    pid = app.profiles.create("Ann").id
    pipeline = app.service(ApplicationService)
    a = pipeline.create(pid, {"company": "Acme", "title": "Analyst", "remote": "yes"})
    b = pipeline.create(pid, {"company": "Beta", "title": "Analyst", "location": "Leeds"})
    c = pipeline.create(pid, {"company": "Gamma", "title": "Analyst"})
    oa = pipeline.add_offer(a.id, {"base": 48_000, "bonus": 2_000, "currency": "GBP"})
    ob = pipeline.add_offer(b.id, {"base": 52_000, "currency": "GBP", "deadline": date(2027, 1, 8)})
    pipeline.add_offer(c.id, {"base": 90_000, "status": "declined"})  # closed: not compared
    svc = app.service(OfferService)
    svc.set_terms(oa.id, {"sign_on": 5_000, "start_date": date(2027, 2, 1), "benefits": "Gym"})
    comp = svc.compare(pid)
    assert {o.offer.company for o in comp.offers} == {"Acme", "Beta"}
    acme = next(o for o in comp.offers if o.offer.company == "Acme")
    # 48,000 + 2,000 + 5,000 sign-on = 55,000
    assert acme.first_year_total == 55_000
    assert acme.offer.remote == "yes" and acme.offer.benefits == "Gym"
    assert comp.offers[0].offer.company == "Acme"  # higher total, remote, start known
    # Only base salary: Beta wins; the weights are saved for the next comparison.
    assert svc.set_weights(pid, {"base": 1})["base"] == 1.0
    assert svc.compare(pid).offers[0].offer.offer_id == ob.id
    assert len(svc.compare(pid, include_closed=True).offers) == 3
    with pytest.raises(NotFoundError):
        svc.compare(pid, [ob.id, 999])
    with pytest.raises(ValidationError):
        svc.set_weights(pid, {"base": 0})
    with pytest.raises(NotFoundError):
        svc.set_terms(999, {})
