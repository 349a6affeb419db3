"""Everything the skill charts show, gathered from the features that own the data.

:class:`ChartsDataService` reads through three small provider Protocols, so each source can
be replaced (tests stand in small fakes); ``careerdesk/wiring.py`` passes the real ones:

* interview practice — :class:`~careerdesk.core.interviews.service.InterviewPracticeService`;
* assessment history — ``SkillProfileService`` of the skills feature (history and current
  levels), through :class:`LearningAssessmentHistory`;
* readiness history — the insights feature's stored snapshots, through
  :class:`InsightsReadinessHistory`.

The result, :class:`ChartsData`, is plain data; the figures (``careerdesk.render.charts``) and
the CLI draw from it without touching the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict, Field

from careerdesk.core.charts.averages import InterviewAverage, interview_averages
from careerdesk.core.pipeline.interview_scores import RealInterview
from careerdesk.core.profiles.service import ProfileInfo
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.lazy import LazyCatalog
from careerdesk.core.skills.rules import (
    INTERVIEW_SKILL_NAMES,
    RadarAxis,
    ScoreRecord,
    SkillPoint,
    SkillTrend,
    averages,
    merge_current,
    radar_axes,
    records_from_points,
    skill_trends,
)
from careerdesk.core.skills.service import SkillProfileService

if TYPE_CHECKING:
    from careerdesk.core.insights.service import InsightsService

log = logging.getLogger(__name__)


class ReadinessPoint(BaseModel):
    """Readiness for the target role (0–100) at one time."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    readiness: float = Field(ge=0, le=100)
    role_id: str = ""
    role_title: str = ""
    source: str = "insights"


class RadarData(BaseModel):
    model_config = ConfigDict(frozen=True)

    role_id: str
    role_title: str
    axes: list[RadarAxis]


class ChartsData(BaseModel):
    """The series behind the four charts, for one profile."""

    model_config = ConfigDict(frozen=True)

    profile_id: int
    profile_name: str
    skill_names: dict[str, str]
    interview_points: list[SkillPoint] = Field(default_factory=list)
    assessment_points: list[SkillPoint] = Field(default_factory=list)
    records: list[ScoreRecord] = Field(default_factory=list)  # oldest first
    radar: RadarData | None = None
    has_target_role: bool = False
    readiness: list[ReadinessPoint] = Field(default_factory=list)
    trends: list[SkillTrend] = Field(default_factory=list)
    averages: dict[str, float] = Field(default_factory=dict)
    # Per interview dimension: practice and real-interview averages and the trend (issue 20).
    interview_averages: list[InterviewAverage] = Field(default_factory=list)
    real_interviews: list[RealInterview] = Field(default_factory=list)

    def name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id.replace("_", " ").capitalize())

    def default_comparison(self, count: int = 3) -> list[str]:
        """Keys of the latest ``count`` interview records (else assessment records)."""
        interviews = [r.key for r in self.records if r.source == "interview"]
        chosen = interviews or [r.key for r in self.records]
        return chosen[-count:]


# -- provider protocols ----------------------------------------------------------------------
class InterviewSeries(Protocol):
    def skill_points(self, profile_id: int) -> list[SkillPoint]: ...

    def catalogue_levels(self, profile_id: int) -> dict[str, SkillPoint]: ...

    def score_records(self, profile_id: int) -> list[ScoreRecord]: ...


class AssessmentHistory(Protocol):
    def history(self, profile_id: int) -> list[SkillPoint]:
        """Assessment-measured levels, oldest first."""
        ...

    def current_levels(self, profile_id: int) -> dict[str, tuple[float, str, datetime]]:
        """Per skill: (level, source, measured_at), as the learning feature defines it."""
        ...


class RealInterviewSeries(Protocol):
    """Real interviews recorded in the pipeline with scores (``PipelineInterviewScores``)."""

    def scored(self, profile_id: int) -> list[RealInterview]: ...

    def skill_points(self, profile_id: int) -> list[SkillPoint]: ...


class ReadinessHistory(Protocol):
    def readiness_history(self, profile_id: int) -> list[ReadinessPoint]: ...


# -- default providers -----------------------------------------------------------------------
class LearningAssessmentHistory:
    """The skill model's estimates (:class:`SkillProfileService`): the estimate after each
    quiz or assessment, and every current estimate (docs/skills.md)."""

    def __init__(self, skills: SkillProfileService) -> None:
        self._skills = skills

    def history(self, profile_id: int) -> list[SkillPoint]:
        return [
            SkillPoint(
                skill_id=lv.skill_id,
                level=lv.level,
                source="assessment",
                at=lv.measured_at,
                ref=f"assessment:{lv.measured_at.isoformat()}",
            )
            for lv in self._skills.history(profile_id)
            if lv.source == "assessment"
        ]

    def current_levels(self, profile_id: int) -> dict[str, tuple[float, str, datetime]]:
        return {
            skill: (lv.level, lv.source, lv.measured_at)
            for skill, lv in self._skills.current_levels(profile_id).items()
        }

    def intervals(self, profile_id: int) -> dict[str, tuple[float, float]]:
        """Per skill, the model's 80 % interval (the band drawn around the estimate)."""
        return {
            skill: (lv.low, lv.high)
            for skill, lv in self._skills.current_levels(profile_id).items()
        }


class InsightsReadinessHistory:
    """Readiness over time from the insights feature's stored snapshots.

    Insights stores a snapshot only when a figure changed, so every point is a real change.
    """

    def __init__(self, insights: InsightsService) -> None:
        self._insights = insights

    def readiness_history(self, profile_id: int) -> list[ReadinessPoint]:
        titles = {r.id: r.title for r in load_catalog().roles.values()}
        return [
            ReadinessPoint(
                at=p.computed_at,
                readiness=max(0.0, min(100.0, p.readiness)),
                role_id=p.target_role_id or "",
                role_title=titles.get(p.target_role_id or "", ""),
            )
            for p in self._insights.history(profile_id)
        ]


# -- the service -----------------------------------------------------------------------------
class ChartsDataService(LazyCatalog):
    """Gathers :class:`ChartsData` for a profile from the providers (a read; off the GUI
    thread when there is much data)."""

    def __init__(
        self,
        profile: Callable[[int], ProfileInfo],
        interviews: InterviewSeries,
        assessments: AssessmentHistory,
        readiness: ReadinessHistory,
        catalog: Catalog | None = None,
        real: RealInterviewSeries | None = None,
    ) -> None:
        self._profile = profile
        self.interviews = interviews
        self.assessments = assessments
        self.readiness = readiness
        self.real = real
        self._catalog = catalog

    def gather(self, profile_id: int) -> ChartsData:
        """All four charts' series for ``profile_id``."""
        profile = self._profile(profile_id)
        catalog = self.catalog
        interview_points = self.interviews.skill_points(profile_id)
        assessment_points = self.assessments.history(profile_id)
        assessment_records = records_from_points(assessment_points)
        records = sorted(
            self.interviews.score_records(profile_id) + assessment_records, key=lambda r: r.at
        )
        names = {s.id: s.name for s in catalog.skills.values()}
        names.update(INTERVIEW_SKILL_NAMES)
        radar = None
        role = next((catalog.roles[r] for r in profile.target_role_ids if r in catalog.roles), None)
        if role is not None:
            # The skill model's estimates (docs/skills.md): interviews are evidence in it
            current = merge_current(self.assessments.current_levels(profile_id), {})
            axes = radar_axes(
                [
                    (rs.skill, names.get(rs.skill, rs.skill), rs.level, rs.importance)
                    for rs in role.skills
                ],
                current,
            )
            intervals = getattr(self.assessments, "intervals", None)
            if intervals is not None:
                band = intervals(profile_id)
                axes = [
                    a.model_copy(update=dict(zip(("low", "high"), band[a.skill_id], strict=True)))
                    if a.skill_id in band
                    else a
                    for a in axes
                ]
            radar = RadarData(role_id=role.id, role_title=role.title, axes=axes)
        all_points = interview_points + assessment_points
        real_points = self.real.skill_points(profile_id) if self.real is not None else []
        return ChartsData(
            profile_id=profile_id,
            profile_name=profile.name,
            skill_names=names,
            interview_points=interview_points,
            assessment_points=assessment_points,
            records=records,
            radar=radar,
            has_target_role=role is not None,
            readiness=sorted(self.readiness.readiness_history(profile_id), key=lambda p: p.at),
            trends=skill_trends(all_points),
            averages={f"interview:{k}": v for k, v in averages(interview_points).items()}
            | {f"assessment:{k}": v for k, v in averages(assessment_points).items()},
            interview_averages=interview_averages(interview_points, real_points),
            real_interviews=self.real.scored(profile_id) if self.real is not None else [],
        )
