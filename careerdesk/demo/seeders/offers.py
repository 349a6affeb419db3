"""Demo offer terms: start dates, first-year equity and benefit values for the demo's offers,
so the offer comparison (docs/pipeline.md, Offers) has something real to weigh."""

from __future__ import annotations

from datetime import timedelta

from careerdesk.app import App
from careerdesk.core.profiles.service import ProfileInfo

ORDER = 45

# By company: (weeks until the start, sign-on, equity value in the first year, benefits,
# benefits' yearly value). Google's "GSUs worth £40k over 4 years" vest £10k a year.
TERMS: dict[str, tuple[int, int | None, int | None, str, int | None]] = {
    "Google": (8, 5_000, 10_000, "Private health, 6% pension match, gym", 4_500),
    "Co-op Digital": (4, None, None, "8% pension, 30 days' leave, flexible hours", 3_000),
}


def seed(app: App, profile: ProfileInfo) -> str:
    """Add the extra terms to the demo's offers; returns a one-line summary."""
    from careerdesk.core.offers.service import OfferService

    svc = app.service(OfferService)
    today = app.clock.now().date()
    n = 0
    for offer in svc.offers(profile.id, include_closed=True):
        terms = TERMS.get(offer.company)
        if terms is None:
            continue
        weeks, sign_on, equity, benefits, benefits_value = terms
        svc.set_terms(
            offer.offer_id,
            {
                "start_date": today + timedelta(weeks=weeks),
                "sign_on": sign_on,
                "equity_value": equity,
                "benefits": benefits,
                "benefits_value": benefits_value,
            },
        )
        n += 1
    return f"offers: terms for {n} offer(s) to compare"
