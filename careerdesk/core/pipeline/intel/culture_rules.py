"""Culture and work-style fit, pure (docs/intel.md, "Work-style and culture").

What a posting says is read from the application (its work mode field, else its text) and
the company card (industry, size, notes, researched summary):

* **work mode**: remote / hybrid / on-site;
* **company size**: the card's size (a number, a range's middle, or words like "start-up");
* **sector**: the card's industry, else the sector whose words the posting uses most;
* **values**: every value whose words appear in the posting or on the card.

Each part the learner has a preference for *and* the posting says something about gives a
sub-score: work mode 1 when it is one of the preferred, ½ when one side is hybrid, else 0;
size 1 when preferred, ½ for a neighbouring size, else 0; sector 1 or 0; values = preferred
values mentioned / min(preferred values, 3), at most 1. **Culture = the mean of the
sub-scores present**; with none present there is no culture component (``None``) and the
fit score leaves it out (:func:`.fit_scoring.score`) — never a made-up ½.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel

WORK_MODES: dict[str, str] = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}
COMPANY_SIZES: dict[str, str] = {
    "startup": "Start-up (under 50 people)",
    "small": "Small (50–249)",
    "medium": "Mid-size (250–999)",
    "large": "Large (1,000 or more)",
}
# Sector → (label, words that name it in an industry field or a posting). Words are matched
# whole, case-insensitively.
SECTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "software": ("Software and internet", ("software", "saas", "internet", "developer tools")),
    "finance": (
        "Finance and insurance",
        ("fintech", "bank", "banking", "financial services", "finance", "insurance", "payments"),
    ),
    "healthcare": (
        "Health and life sciences",
        ("healthcare", "health tech", "healthtech", "hospital", "medical", "biotech", "pharma"),
    ),
    "education": ("Education", ("edtech", "education", "university", "school", "e-learning")),
    "retail": ("Retail and e-commerce", ("e-commerce", "ecommerce", "retail", "marketplace")),
    "public": (
        "Public sector and non-profit",
        ("government", "public sector", "non-profit", "nonprofit", "charity", "ngo"),
    ),
    "media": ("Media, games and entertainment", ("media", "entertainment", "gaming", "games")),
    "energy": ("Energy and climate", ("energy", "renewable", "renewables", "cleantech")),
    "industry": (
        "Manufacturing and logistics",
        ("manufacturing", "automotive", "logistics", "industrial", "aerospace"),
    ),
    "consulting": ("Consulting and agencies", ("consulting", "consultancy", "agency")),
}
# Value or way of working → (label, words a posting or company card uses for it).
VALUES: dict[str, tuple[str, tuple[str, ...]]] = {
    "learning": (
        "Learning and mentoring",
        ("mentoring", "mentorship", "learning budget", "training budget", "career development"),
    ),
    "balance": (
        "Work-life balance",
        ("work-life balance", "flexible hours", "flexible working", "four-day week", "4-day week"),
    ),
    "inclusion": ("Diversity and inclusion", ("diversity", "inclusion", "inclusive")),
    "impact": ("Social impact", ("social impact", "mission-driven", "make a difference")),
    "sustainability": ("Sustainability", ("sustainability", "sustainable", "climate", "carbon")),
    "open_source": ("Open source", ("open source", "open-source")),
    "autonomy": ("Autonomy and ownership", ("autonomy", "ownership", "self-directed")),
    "collaboration": (
        "Pairing and collaboration",
        ("pair programming", "pairing", "collaborative", "cross-functional"),
    ),
    "fast_pace": ("Fast pace", ("fast-paced", "fast paced", "hypergrowth", "high-growth")),
    "stability": ("Stability", ("stability", "established company", "job security")),
    "async": ("Asynchronous, written culture", ("asynchronous", "async-first", "remote-first")),
}


NOT_ENOUGH_CULTURE = "Not enough information about culture"
SIZE_ORDER: tuple[str, ...] = tuple(COMPANY_SIZES)
_MODE_OF_FIELD = {"yes": "remote", "remote": "remote", "hybrid": "hybrid", "no": "onsite"}
_MODE_WORDS: tuple[tuple[str, str], ...] = (
    ("hybrid", r"\bhybrid\b"),
    ("remote", r"\b(fully remote|remote-first|100% remote|work from anywhere)\b"),
    ("onsite", r"\b(on-site|onsite|in the office|office-based|in-office)\b"),
)


class PostingCulture(BaseModel):
    """What a posting and its company card say about work style and culture."""

    work_mode: str | None = None
    size: str | None = None
    sector: str | None = None
    values: list[str] = []


class CultureMatch(BaseModel):
    """The culture component (None: not enough information) and why."""

    score: float | None
    parts: dict[str, float]
    reasons: list[str]


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alts})(?![\w-])", re.IGNORECASE)


def _hits(words: tuple[str, ...], text: str) -> int:
    return len(_pattern(words).findall(text)) if text else 0


def work_mode_of(remote_field: str, text: str) -> str | None:
    """remote / hybrid / onsite from the application's field, else from the posting text."""
    mode = _MODE_OF_FIELD.get(remote_field.strip().lower())
    if mode:
        return mode
    for name, pattern in _MODE_WORDS:
        if re.search(pattern, text, re.IGNORECASE):
            return name
    return None


def size_of(card_size: str) -> str | None:
    """A size bucket from a card's free-text size ("200-500 employees", "Start-up", "5k")."""
    low = card_size.strip().lower().replace(",", "")
    if not low:
        return None
    numbers = [
        float(n) * (1000 if k else 1) for n, k in re.findall(r"(\d+(?:\.\d+)?)\s*(k\b)?", low)
    ]
    if numbers:
        n = sum(numbers[:2]) / len(numbers[:2])  # a range counts by its middle
        return "startup" if n < 50 else "small" if n < 250 else "medium" if n < 1000 else "large"
    for bucket, words in (
        ("startup", ("startup", "start-up", "seed")),
        ("large", ("enterprise", "multinational", "large", "corporation")),
        ("medium", ("mid-size", "midsize", "medium", "scale-up", "scaleup")),
        ("small", ("small",)),
    ):
        if _hits(words, low):
            return bucket
    return None


def sector_of(industry: str, text: str = "") -> str | None:
    """The sector of a card's industry field, else the one the posting's words name most."""
    for source in (industry, text):
        counts = {key: _hits(words, source) for key, (_label, words) in SECTORS.items()}
        best = max(counts.values(), default=0)
        if best:
            return next(k for k, c in counts.items() if c == best)  # ties: list order
    return None


def industry_label(industry: str, text: str = "") -> str:
    """The analytics value for industry: a sector's label, the card's own words, or ""."""
    sector = sector_of(industry, text)
    if sector:
        return SECTORS[sector][0]
    return industry.strip()


def values_in(text: str) -> list[str]:
    return [key for key, (_label, words) in VALUES.items() if _hits(words, text)]


def read_posting(
    *, remote: str, description: str, industry: str = "", size: str = "", card_text: str = ""
) -> PostingCulture:
    text = f"{description}\n{card_text}"
    return PostingCulture(
        work_mode=work_mode_of(remote, description),
        size=size_of(size) or ("startup" if _hits(("startup", "start-up"), text) else None),
        sector=sector_of(industry, description),
        values=values_in(text),
    )


def _labels(keys: list[str], table: dict[str, str]) -> str:
    return ", ".join(table.get(k, k).lower() for k in keys)


def culture_match(
    work_modes: list[str],
    company_sizes: list[str],
    sectors: list[str],
    values: list[str],
    posting: PostingCulture,
) -> CultureMatch:
    """The culture sub-scores and their mean (see the module docstring)."""
    parts: dict[str, float] = {}
    reasons: list[str] = []
    if work_modes and posting.work_mode:
        mode = posting.work_mode
        if mode in work_modes:
            parts["work_mode"] = 1.0
        elif mode == "hybrid" or "hybrid" in work_modes:
            parts["work_mode"] = 0.5
        else:
            parts["work_mode"] = 0.0
        reasons.append(
            f"Work mode {WORK_MODES[mode].lower()}; you prefer {_labels(work_modes, WORK_MODES)}."
        )
    if company_sizes and posting.size:
        if posting.size in company_sizes:
            parts["size"] = 1.0
        else:
            i = SIZE_ORDER.index(posting.size)
            near = any(abs(SIZE_ORDER.index(p) - i) == 1 for p in company_sizes)
            parts["size"] = 0.5 if near else 0.0
        reasons.append(f"Company size: {COMPANY_SIZES[posting.size].lower()}.")
    if sectors and posting.sector:
        parts["sector"] = 1.0 if posting.sector in sectors else 0.0
        label = SECTORS[posting.sector][0]
        reasons.append(
            f"Sector {label.lower()}: "
            + ("one you chose." if parts["sector"] else "not one you chose.")
        )
    if values and posting.values:
        shared = [v for v in values if v in posting.values]
        parts["values"] = min(1.0, len(shared) / min(len(values), 3))
        labels = {k: label for k, (label, _w) in VALUES.items()}
        reasons.append(
            f"Values it mentions that you care about: {_labels(shared, labels)}."
            if shared
            else "It mentions none of the values you chose."
        )
    if not parts:
        return CultureMatch(score=None, parts={}, reasons=[])
    score = round(sum(parts.values()) / len(parts), 4)
    return CultureMatch(score=score, parts=parts, reasons=reasons)
