"""Input and output data of the insights engine (pydantic, no ORM, no Qt).

The engine (:mod:`careerdesk.core.insights.formulas`, :mod:`.actions`, :mod:`.engine`) is a
set of pure functions from :class:`InsightsInputs` to :class:`InsightsDocument`. The gatherer
(:class:`careerdesk.core.insights.service.InsightsService`) builds the inputs from the skills,
learning and pipeline features; tests and the benchmark build them by hand.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from careerdesk.core.reference.catalog import Role

Band = Literal["good", "fair", "low"]
SkillSource = Literal["self", "assessment", "interview", "advisor", "study"]
MeasuredSource = Literal["assessment", "interview"]
CompanySource = Literal["default", "custom", "pipeline"]
ActionKind = Literal["assessment", "content", "practice"]


class _In(BaseModel):
    model_config = ConfigDict(frozen=True)


# --- inputs ----------------------------------------------------------------------------------
class SkillInput(_In):
    """What the skill model knows about one skill (0–100; docs/skills.md).

    ``estimate`` is the model's estimate: the one number readiness, match and gaps use.
    ``measured`` is the same estimate when something other than the learner's own rating
    stands behind it (None while the skill is only self-rated); ``self_rated`` is the
    learner's newest rating. Inputs built by hand may give only ``measured`` and/or
    ``self_rated``: the estimate is then the measured level, else the self-rating.
    """

    skill_id: str
    measured: float | None = Field(default=None, ge=0, le=100)
    measured_source: SkillSource | None = None
    measured_at: datetime | None = None
    self_rated: float | None = Field(default=None, ge=0, le=100)
    estimate: float | None = Field(default=None, ge=0, le=100)
    sd: float | None = None
    low: float | None = None
    high: float | None = None
    evidence_count: int = 0

    @property
    def best(self) -> float | None:
        """The model's estimate (else the measured level, else the self-rating, else None)."""
        if self.estimate is not None:
            return self.estimate
        return self.measured if self.measured is not None else self.self_rated

    @property
    def self_rated_only(self) -> bool:
        return self.measured is None and self.self_rated is not None


class PathItemInput(_In):
    """One item of the learner's current learning path.

    ``state`` is NOT_STARTED / IN_PROGRESS / DONE; ``watched_fraction`` (0–1) is how much of
    a video was really played. ``completed_at`` is optional (used only to rebuild history).
    """

    content_id: int
    title: str
    kind: str = "video"
    skills: tuple[str, ...] = ()
    level: str = "beginner"
    est_hours: float = 1.0
    state: str = "NOT_STARTED"
    watched_fraction: float = Field(default=0.0, ge=0, le=1)
    position: int = 0
    completed_at: datetime | None = None


class CompanyInput(_In):
    """A company the learner targets, with its difficulty factor (1.0 = average)."""

    name: str
    difficulty: float = Field(default=1.0, ge=0.5, le=2.0)
    source: CompanySource = "custom"


class PostingInput(_In):
    """A posting / application the learner saved in the pipeline.

    ``onet_code`` is the O*NET occupation the gatherer mapped the title to (None when the
    title maps to nothing close enough).
    """

    company: str
    title: str
    state: str = ""
    onet_code: str | None = None


class InsightsInputs(_In):
    """Everything the engine needs for one learner at one moment."""

    profile_id: int
    computed_at: datetime
    target_role_ids: tuple[str, ...] = ()
    skills: dict[str, SkillInput] = Field(default_factory=dict)
    path: tuple[PathItemInput, ...] = ()
    companies: tuple[CompanyInput, ...] = ()
    postings: tuple[PostingInput, ...] = ()
    roles: tuple[Role, ...] = ()
    skill_names: dict[str, str] = Field(default_factory=dict)
    # Postings are only meaningful once a pipeline exists; False means "no data at all".
    pipeline_available: bool = False
    # Skills an assessment exists for (None: every skill). Others are measured otherwise
    # (e.g. interview practice), so "take the X assessment" is never suggested for them.
    assessable: frozenset[str] | None = None

    def skill_name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id.replace("_", " ").title())


# --- outputs ---------------------------------------------------------------------------------
class Weights(BaseModel):
    assessment: float
    learning: float


class Readiness(BaseModel):
    """Readiness (0–100) = weights.assessment × assessment + weights.learning × learning."""

    value: float = Field(description="Overall readiness 0–100")
    assessment_component: float = Field(description="Importance-weighted skill attainment 0–100")
    learning_component: float = Field(description="Share of the learning path completed 0–100")
    weights: Weights
    measured_skills: int = Field(description="Target-role skills that have a level")
    role_skills: int = Field(description="Skills the target role asks for")
    path_items: int
    path_items_done: int


class TargetRole(BaseModel):
    role_id: str
    title: str
    onet_code: str
    chosen: bool = Field(description="False when no target was chosen and the best match is used")


class CompanyChance(BaseModel):
    name: str
    difficulty: float
    source: CompanySource
    probability: float = Field(description="Chance index 0–100 (logistic in readiness)")
    band: Band
    explanation: str
    lever_skill: str | None = Field(
        default=None, description="Skill whose gap closing raises this chance most"
    )
    lever_points: float = Field(default=0.0, description="Points that lever would add")


class DecidingSkill(BaseModel):
    skill_id: str
    name: str
    level: float
    target: float
    importance: int
    attainment: float = Field(description="min(level / target, 1) × 100")


class RoleMatch(BaseModel):
    role_id: str
    title: str
    onet_code: str
    match: float = Field(description="Importance-weighted attainment over the role's skills, 0–100")
    deciding_skills: list[DecidingSkill]
    openings: int | None = Field(
        description="Saved postings mapping to this role's occupation; None = no data"
    )
    openings_note: str


class SkillGap(BaseModel):
    skill_id: str
    name: str
    current: float
    target: float
    gap: float
    importance: int
    priority: float = Field(description="gap × importance (sort key)")
    current_band: str
    target_band: str
    est_hours: float
    source: SkillSource | None = Field(
        description="The strongest evidence behind the estimate; self = only self-rated; "
        "None = no evidence yet"
    )
    self_rated: float | None = Field(default=None, description="The learner's own estimate")
    interval: tuple[float, float] | None = Field(
        default=None, description="The model's 80 % interval [low, high]; None = no evidence"
    )
    evidence_count: int = Field(default=0, description="Pieces of evidence behind the estimate")


class NextAction(BaseModel):
    kind: ActionKind
    title: str
    detail: str
    skill_id: str | None = None
    content_id: int | None = None
    readiness_gain: float = Field(description="Readiness points the formula gives for it")


class InsightsDocument(BaseModel):
    """What ``careerdesk insights --json`` prints and the Insights tab shows."""

    schema_version: int = 1
    profile_id: int
    computed_at: datetime
    target_role: TargetRole | None
    readiness: Readiness
    companies: list[CompanyChance]
    roles: list[RoleMatch] = Field(description="Every catalogue role, best match first")
    top_roles: list[str] = Field(description="role_id of the three best matches")
    gaps: list[SkillGap]
    next_actions: list[NextAction]
    hints: list[str] = Field(description="What to do first when data is missing")

    def number_fingerprint(self) -> str:
        """sha256 over every number the document shows (not its timestamp), so unchanged
        recomputes store nothing."""
        r = self.readiness
        numbers = {
            "target": self.target_role.role_id if self.target_role else None,
            "readiness": [r.value, r.assessment_component, r.learning_component],
            "path": [r.path_items, r.path_items_done, r.measured_skills],
            "companies": [
                [c.name, c.difficulty, c.probability, c.lever_points] for c in self.companies
            ],
            "roles": [[m.role_id, m.match, m.openings] for m in self.roles],
            "gaps": [[g.skill_id, g.current, g.target] for g in self.gaps],
            "actions": [[a.kind, a.title, a.readiness_gain] for a in self.next_actions],
        }
        payload = json.dumps(numbers, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()
