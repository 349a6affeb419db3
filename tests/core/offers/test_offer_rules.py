"""Offer comparison rules, hand-computed (docs/pipeline.md, Offers)."""

from __future__ import annotations

from datetime import date

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.offers import rules
from careerdesk.core.offers.models import OfferFacts


def _offer(i: int, **kw: object) -> OfferFacts:
    return OfferFacts(offer_id=i, application_id=i, company=f"C{i}", title="Analyst", **kw)  # type: ignore[arg-type]


A = _offer(
    1,
    base=50_000,
    bonus=5_000,
    sign_on=2_000,
    equity_value=3_000,
    benefits_value=1_000,
    remote="hybrid",
    start_date=date(2027, 1, 4),
    deadline=date(2026, 12, 10),
    currency="GBP",
)
B = _offer(
    2,
    base=56_000,
    bonus=None,
    remote="no",
    start_date=date(2027, 2, 1),
    deadline=date(2026, 12, 8),
    currency="GBP",
)


def test_first_year_total_adds_every_known_part() -> None:
    # 50,000 + 5,000 + 2,000 + 3,000 + 1,000 = 61,000
    assert rules.first_year_total(A) == (
        61_000,
        ["base 50,000", "bonus 5,000", "sign-on 2,000", "equity 3,000", "benefits 1,000"],
    )
    assert rules.first_year_total(B) == (56_000, ["base 56,000"])
    assert rules.first_year_total(_offer(3)) == (None, ["no base salary recorded"])


def test_weighted_comparison_by_hand() -> None:
    # Default weights total .4, base .2, equity .1, benefits .1, remote .1, start .1.
    # total: A 61,000 (1), B 56,000 (0); base: A 50,000 (0), B 56,000 (1);
    # equity and benefits: only A known → A 1, B left out; remote: hybrid .5 vs on-site 0 →
    # A 1, B 0; start: A earlier → A 1, B 0.
    # A = (.4·1 + .2·0 + .1 + .1 + .1 + .1) / 1.0 = 0.8
    # B = (.4·0 + .2·1 + .1·0 + .1·0) / (.4 + .2 + .1 + .1) = .2 / .8 = 0.25
    c = rules.compare([B, A], today=date(2026, 12, 3))
    assert [o.offer.offer_id for o in c.offers] == [1, 2]
    assert [o.rank for o in c.offers] == [1, 2]
    assert c.offers[0].weighted == pytest.approx(0.8)
    assert c.offers[1].weighted == pytest.approx(0.25)
    assert c.offers[0].days_to_reply == 7 and c.offers[1].days_to_reply == 5
    by_key = {s.key: s for s in c.offers[1].scores}
    assert by_key["equity"].score is None and by_key["equity"].text == "unknown"
    assert by_key["remote"].text == "on-site" and by_key["start"].text == "2027-02-01"
    assert by_key["total"].text == "56,000"
    assert c.warnings == []


def test_the_learners_weights_change_the_winner() -> None:
    # Only base salary matters: B (56,000) beats A (50,000); weights are normalised.
    c = rules.compare([A, B], {"base": 3})
    assert c.weights["base"] == 1.0 and c.weights["total"] == 0.0
    assert [o.offer.offer_id for o in c.offers] == [2, 1]
    assert [o.weighted for o in c.offers] == [1.0, 0.0]
    # Base .5 and remote .5: A = (.5·0 + .5·1) / 1 = .5, B = (.5·1 + .5·0) / 1 = .5 → tie,
    # broken by the higher first-year total (A).
    c = rules.compare([B, A], {"base": 1, "remote": 1})
    assert [o.weighted for o in c.offers] == [0.5, 0.5]
    assert [o.offer.offer_id for o in c.offers] == [1, 2]


def test_bad_weights_and_mixed_currencies_are_explained() -> None:
    with pytest.raises(ValidationError, match="Unknown criterion salary"):
        rules.check_weights({"salary": 1})
    with pytest.raises(ValidationError, match="negative"):
        rules.check_weights({"base": -1})
    with pytest.raises(ValidationError, match="above zero"):
        rules.check_weights({"base": 0})
    assert rules.parse_weights("total=2, remote=1") == {"total": 2.0, "remote": 1.0}
    with pytest.raises(ValidationError, match="name=number"):
        rules.parse_weights("total")
    with pytest.raises(ValidationError, match="not a number"):
        rules.parse_weights("total=lots")
    eur = B.model_copy(update={"currency": "EUR"})
    c = rules.compare([A, eur])
    assert c.warnings == [
        "The offers are in different currencies (EUR, GBP): money is compared as written, "
        "without conversion."
    ]
    assert rules.compare([A]).warnings == ["Add a second offer to compare side by side."]
    # All equal: every offer scores 1 on that criterion.
    same = rules.compare([A, A.model_copy(update={"offer_id": 9})], {"base": 1})
    assert [o.weighted for o in same.offers] == [1.0, 1.0]
