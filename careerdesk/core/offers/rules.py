"""Offer comparison rules (pure): the first-year total and the weighted comparison.

**First-year total** (docs/pipeline.md, Offers) = base + bonus + sign-on bonus + the equity
value vesting in the first year + the yearly value of benefits. Unknown parts count as
nothing and are named in ``total_parts``; without a base there is no total.

**Weighted comparison.** Each criterion is scored 0..1 *among the offers compared*: the best
value scores 1, the worst 0, the rest in proportion (all equal: 1 each). Money criteria are
higher-is-better; ``start`` prefers the earlier start date; ``remote`` scores the work mode
(remote 1, hybrid 0.5, on-site 0). An offer's weighted score is the weight-averaged score
over the criteria known for it: a criterion with no value is left out and the remaining
weights renormalised, never filled with a made-up middle value. The learner's weights need
not sum to 1; they are normalised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.offers.models import ComparedOffer, Comparison, CriterionScore, OfferFacts

CRITERIA: dict[str, str] = {
    "total": "First-year total",
    "base": "Base salary",
    "equity": "Equity (first year)",
    "benefits": "Benefits",
    "remote": "Remote work",
    "start": "Earlier start",
}
DEFAULT_WEIGHTS: dict[str, float] = {
    "total": 0.4,
    "base": 0.2,
    "equity": 0.1,
    "benefits": 0.1,
    "remote": 0.1,
    "start": 0.1,
}
REMOTE_SCORE = {"yes": 1.0, "hybrid": 0.5, "no": 0.0}


def first_year_total(o: OfferFacts) -> tuple[int | None, list[str]]:
    """The first-year total and its parts in words; None without a base salary."""
    if o.base is None:
        return None, ["no base salary recorded"]
    parts = [("base", o.base), ("bonus", o.bonus), ("sign-on", o.sign_on)]
    parts += [("equity", o.equity_value), ("benefits", o.benefits_value)]
    total = sum(v for _k, v in parts if v)
    words = [f"{k} {v:,}" for k, v in parts if v]
    return total, words


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Known criteria, non-negative, not all zero; normalised to sum to 1."""
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise ValidationError(f"Unknown criterion {', '.join(unknown)}; use {', '.join(CRITERIA)}.")
    if any(w < 0 for w in weights.values()):
        raise ValidationError("Weights cannot be negative.")
    merged = {k: float(weights.get(k, 0.0)) for k in CRITERIA}
    total = sum(merged.values())
    if total <= 0:
        raise ValidationError("Give at least one criterion a weight above zero.")
    return {k: w / total for k, w in merged.items()}


def _raw(o: OfferFacts, total: int | None) -> dict[str, float | None]:
    return {
        "total": None if total is None else float(total),
        "base": None if o.base is None else float(o.base),
        "equity": None if o.equity_value is None else float(o.equity_value),
        "benefits": None if o.benefits_value is None else float(o.benefits_value),
        "remote": REMOTE_SCORE.get(o.remote),
        # Earlier is better: the negated ordinal keeps "higher is better" for every criterion.
        "start": None if o.start_date is None else -float(o.start_date.toordinal()),
    }


def _scale(values: Sequence[float | None]) -> list[float | None]:
    known = [v for v in values if v is not None]
    if not known:
        return [None] * len(values)
    lo, hi = min(known), max(known)
    if hi == lo:
        return [None if v is None else 1.0 for v in values]
    return [None if v is None else (v - lo) / (hi - lo) for v in values]


def compare(
    offers: Sequence[OfferFacts],
    weights: Mapping[str, float] | None = None,
    today: date | None = None,
) -> Comparison:
    """Score, rank and explain ``offers`` (see the module docstring)."""
    w = check_weights(DEFAULT_WEIGHTS if weights is None else weights)
    totals = [first_year_total(o) for o in offers]
    raws = [_raw(o, t) for o, (t, _p) in zip(offers, totals, strict=True)]
    scaled = {k: _scale([r[k] for r in raws]) for k in CRITERIA}
    warnings: list[str] = []
    currencies = sorted({o.currency for o in offers if o.currency})
    if len(currencies) > 1:
        warnings.append(
            f"The offers are in different currencies ({', '.join(currencies)}): money is "
            "compared as written, without conversion."
        )
    if len(offers) < 2:
        warnings.append("Add a second offer to compare side by side.")
    compared: list[ComparedOffer] = []
    for i, o in enumerate(offers):
        scores = [
            CriterionScore(
                key=k,
                label=label,
                value=_display(k, raws[i][k]),
                text=_text(k, o, raws[i][k]),
                score=scaled[k][i],
            )
            for k, label in CRITERIA.items()
        ]
        compared.append(
            ComparedOffer(
                offer=o,
                first_year_total=totals[i][0],
                total_parts=totals[i][1],
                scores=scores,
                weighted=weighted_score(scores, w),
                rank=0,
                days_to_reply=(o.deadline - today).days if today and o.deadline else None,
            )
        )

    def order(c: ComparedOffer) -> tuple[float, int, int]:
        return (
            -(c.weighted if c.weighted is not None else -1.0),
            -(c.first_year_total or 0),
            c.offer.offer_id,
        )

    ranked = sorted(compared, key=order)
    for n, c in enumerate(ranked, start=1):
        c.rank = n
    return Comparison(weights=w, offers=ranked, warnings=warnings)


def _display(key: str, raw: float | None) -> float | None:
    if raw is None or key != "start":
        return raw
    return -raw  # back to the date's ordinal


def _text(key: str, o: OfferFacts, raw: float | None) -> str:
    if raw is None:
        return "unknown"
    if key == "remote":
        return {"yes": "remote", "hybrid": "hybrid", "no": "on-site"}[o.remote]
    if key == "start":
        return o.start_date.isoformat() if o.start_date else "unknown"
    return f"{raw:,.0f}"


def weighted_score(scores: Sequence[CriterionScore], weights: Mapping[str, float]) -> float | None:
    """Weight-averaged score over the known criteria with a weight (renormalised)."""
    num = den = 0.0
    for s in scores:
        wt = weights.get(s.key, 0.0)
        if s.score is None or wt <= 0:
            continue
        num += wt * s.score
        den += wt
    return None if den == 0 else num / den


def parse_weights(text: str) -> dict[str, float]:
    """``total=0.5,remote=0.3`` → weights (the CLI's form); ValidationError on bad input."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValidationError(f"Write weights as name=number, e.g. total=0.5 (got {part!r}).")
        try:
            out[key.strip()] = float(value)
        except ValueError as exc:
            raise ValidationError(f"{value.strip()!r} is not a number (in {part!r}).") from exc
    check_weights(out)
    return out
