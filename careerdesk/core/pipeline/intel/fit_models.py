"""What per-job fit returns and reads besides the posting (docs/intel.md, "Per-job fit"):
the fit view with its components and the notes on what was left out, verdict snapshots,
and the profile's context (preferences, company cards, salaries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

from careerdesk.core.pipeline.intel import culture_rules
from careerdesk.core.pipeline.intel.fit_rules import FitResult
from careerdesk.core.pipeline.intel.preferences import WorkPreferencesData

COMPONENT_LABELS: dict[str, str] = {
    "skills": "skills",
    "experience": "experience",
    "culture": "culture",
    "growth": "growth",
    "compensation": "compensation",
}
LEFT_OUT_NOTES: dict[str, str] = {
    "skills": "Not enough information about skills: no catalogue skill in the description",
    "experience": "Not enough information about experience: no level on the required skills",
    "culture": culture_rules.NOT_ENOUGH_CULTURE,
    "growth": "Not enough information about growth: the posting names no technology",
    "compensation": "Not enough information about pay: the posting gives no salary",
}


class JobFitView(FitResult):
    application_id: int
    company: str
    title: str
    score: float
    components: dict[str, float]  # only the components with information
    weights: dict[str, float]  # the profile's weights
    effective_weights: dict[str, float] = {}  # renormalised over ``components``
    left_out: list[str] = []  # components without information, left out of the score
    notes: list[str] = []  # "Not enough information about culture", …
    culture_reasons: list[str] = []
    compensation_reason: str = ""


class VerdictSnapshotOut(BaseModel):
    state: str
    verdict: str
    score: float
    required_match: float
    reasons: list[str]
    components: dict[str, float]
    backfilled: bool
    taken_at: datetime


@dataclass
class FitContext:
    """What a profile's fits read besides the posting: preferences, company cards, salaries."""

    preferences: WorkPreferencesData = field(default_factory=WorkPreferencesData)
    cards: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # key → industry…
    median_salary: float | None = None


@dataclass
class FitParts:
    fit: FitResult
    components: dict[str, float]
    score: float
    left_out: list[str]
    culture_reasons: list[str]
    compensation_reason: str
