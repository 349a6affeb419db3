"""What the offer comparison hands out and accepts (docs/pipeline.md, Offers)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class OfferTermsInput(BaseModel):
    """The terms an offer record lacks: yearly values in the offer's currency."""

    model_config = ConfigDict(extra="forbid")

    start_date: date | None = None
    sign_on: int | None = Field(default=None, ge=0)
    equity_value: int | None = Field(default=None, ge=0)  # value vesting in the first year
    benefits: str = Field(default="", max_length=2000)
    benefits_value: int | None = Field(default=None, ge=0)  # yearly value of the benefits


class OfferFacts(BaseModel):
    """One offer as the comparison sees it (pipeline offer + application + extra terms)."""

    offer_id: int
    application_id: int
    company: str
    title: str
    location: str = ""
    remote: str = ""  # yes | hybrid | no | ""
    currency: str = ""
    base: int | None = None
    bonus: int | None = None
    sign_on: int | None = None
    equity: str = ""
    equity_value: int | None = None
    benefits: str = ""
    benefits_value: int | None = None
    start_date: date | None = None
    deadline: date | None = None
    status: str = "pending"


class CriterionScore(BaseModel):
    key: str
    label: str
    value: float | None  # money, 0..1 for remote, the start date's ordinal
    text: str  # the value in words ("52,000", "hybrid", "2027-01-04", "unknown")
    score: float | None  # 0..1 among the compared offers; None when unknown


class ComparedOffer(BaseModel):
    offer: OfferFacts
    first_year_total: int | None
    total_parts: list[str]  # what the total is made of, in words
    scores: list[CriterionScore]
    weighted: float | None  # 0..1, over the criteria known for this offer
    rank: int
    days_to_reply: int | None


class Comparison(BaseModel):
    weights: dict[str, float]
    offers: list[ComparedOffer]
    warnings: list[str] = Field(default_factory=list)

    @property
    def best(self) -> ComparedOffer | None:
        return self.offers[0] if self.offers else None
