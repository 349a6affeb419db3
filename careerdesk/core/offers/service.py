"""Offer comparison service: gathers the profile's offers from the pipeline, keeps the extra
terms (start date, sign-on, equity and benefit values) and the learner's weights, and compares
them with :mod:`careerdesk.core.offers.rules` (docs/pipeline.md, Offers)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.offers import rules
from careerdesk.core.offers.models import Comparison, OfferFacts, OfferTermsInput
from careerdesk.core.pipeline.events import OfferChanged
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.offers import OfferTerms, OfferWeights
from careerdesk.core.storage.tables.pipeline import Application, Offer

# Offers still waiting for the learner's answer; the comparison shows these by default.
OPEN_STATUSES = ("pending", "negotiating")


class OfferService:
    def __init__(self, db: Database, bus: EventBus, clock: Clock | None = None) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()

    # -- reading ---------------------------------------------------------------------------
    def offers(self, profile_id: int, *, include_closed: bool = False) -> list[OfferFacts]:
        """The profile's offers (open ones unless ``include_closed``), newest first."""
        with self.db.read() as s:
            q = (
                select(Offer, Application, OfferTerms)
                .join(Application, Application.id == Offer.application_id)
                .outerjoin(OfferTerms, OfferTerms.offer_id == Offer.id)
                .where(Offer.profile_id == profile_id)
                .order_by(Offer.id.desc())
            )
            if not include_closed:
                q = q.where(Offer.status.in_(OPEN_STATUSES))
            return [_facts(o, a, t) for o, a, t in s.execute(q).all()]

    def compare(
        self,
        profile_id: int,
        offer_ids: Sequence[int] | None = None,
        weights: Mapping[str, float] | None = None,
        *,
        include_closed: bool = False,
    ) -> Comparison:
        """Compare the chosen offers (default: every open one) with the learner's weights."""
        everything = self.offers(profile_id, include_closed=include_closed or bool(offer_ids))
        if offer_ids:
            chosen = [o for o in everything if o.offer_id in set(offer_ids)]
            missing = sorted(set(offer_ids) - {o.offer_id for o in chosen})
            if missing:
                raise NotFoundError(f"No offer {', '.join(map(str, missing))} in this profile.")
        else:
            chosen = everything
        w = self.weights(profile_id) if weights is None else weights
        return rules.compare(chosen, w, today=self.clock.now().date())

    # -- extra terms -----------------------------------------------------------------------
    def set_terms(self, offer_id: int, terms: OfferTermsInput | Mapping[str, Any]) -> OfferFacts:
        """Record start date, sign-on, equity and benefit values of an offer."""
        data = terms if isinstance(terms, OfferTermsInput) else OfferTermsInput(**terms)
        with self.db.session() as s:
            offer = s.get(Offer, offer_id)
            if offer is None:
                raise NotFoundError("That offer no longer exists.")
            row = s.scalar(select(OfferTerms).where(OfferTerms.offer_id == offer_id))
            if row is None:
                row = OfferTerms(profile_id=offer.profile_id, offer_id=offer_id)
                s.add(row)
            for key, value in data.model_dump().items():
                setattr(row, key, value)
            row.updated_at = self.clock.now()
            s.flush()
            app = s.get(Application, offer.application_id)
            assert app is not None
            out = _facts(offer, app, row)
            pid, app_id = offer.profile_id, offer.application_id
        self.bus.publish(
            OfferChanged(
                profile_id=pid,
                application_id=app_id,
                change="offer",
                offer_id=offer_id,
                action="updated",
            )
        )
        return out

    # -- weights ---------------------------------------------------------------------------
    def weights(self, profile_id: int) -> dict[str, float]:
        """The learner's saved weights (normalised), or the defaults."""
        with self.db.read() as s:
            row = s.scalar(select(OfferWeights).where(OfferWeights.profile_id == profile_id))
            saved = {k: float(v) for k, v in (row.weights if row else {}).items()}
        return rules.check_weights(saved or rules.DEFAULT_WEIGHTS)

    def set_weights(self, profile_id: int, weights: Mapping[str, float]) -> dict[str, float]:
        """Save the learner's weights (validated and normalised first)."""
        clean = rules.check_weights(weights)
        with self.db.session() as s:
            row = s.scalar(select(OfferWeights).where(OfferWeights.profile_id == profile_id))
            if row is None:
                row = OfferWeights(profile_id=profile_id)
                s.add(row)
            row.weights, row.updated_at = dict(clean), self.clock.now()
        return clean


def _facts(o: Offer, a: Application, t: OfferTerms | None) -> OfferFacts:
    return OfferFacts(
        offer_id=o.id,
        application_id=a.id,
        company=a.company,
        title=a.title,
        location=a.location,
        remote=a.remote if a.remote in ("yes", "hybrid", "no") else "",
        currency=o.currency,
        base=o.base,
        bonus=o.bonus,
        sign_on=t.sign_on if t else None,
        equity=o.equity,
        equity_value=t.equity_value if t else None,
        benefits=t.benefits if t else "",
        benefits_value=t.benefits_value if t else None,
        start_date=t.start_date if t else None,
        deadline=o.deadline,
        status=o.status,
    )
