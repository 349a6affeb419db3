"""What goes into a per-learner report for an advising session (data only; see
``careerdesk.render.learner_report`` for the PDF/PNG). Free of Qt and matplotlib.

Readiness history and insights come from the insights feature, skill bars from the skills
feature; a part with nothing to show yet carries a note saying why (no assessment taken).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from sqlalchemy import select

from careerdesk.core.advising.adapters import insights_lines
from careerdesk.core.advising.service import CohortRow, MonitoringConfig, MonitoringService
from careerdesk.core.advising.sources import LearnerReadinessPoint
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.learning import tracking
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.core.storage.tables.content import ContentItem
from careerdesk.core.storage.tables.profiles import LearningEvent

if TYPE_CHECKING:
    from careerdesk.core.kernel.ports import AppServices
    from careerdesk.core.storage.engine import Database

log = logging.getLogger(__name__)

RECENT_EVENTS = 12

_EVENT_TEXT = {
    tracking.ASSESSMENT_STARTED: "Started an assessment",
    tracking.ASSESSMENT_SUBMITTED: "Completed an assessment",
    tracking.ASSESSMENT_ABANDONED: "Abandoned an assessment",
    tracking.CONTENT_OPENED: "Opened learning content",
    tracking.CONTENT_STARTED: "Started learning content",
    tracking.CONTENT_COMPLETED: "Completed learning content",
    tracking.PATH_GENERATED: "Built a learning path",
}


class SkillBar(BaseModel):
    skill: str
    level: float
    target: float | None = None
    measured: bool = True


class ActivityLine(BaseModel):
    at: datetime
    text: str


class LearnerReport(BaseModel):
    row: CohortRow
    config: MonitoringConfig
    generated_at: datetime
    readiness_history: list[LearnerReadinessPoint] = Field(default_factory=list)
    readiness_note: str = ""
    skills: list[SkillBar] = Field(default_factory=list)
    skills_note: str = ""
    insights: list[str] = Field(default_factory=list)
    insights_note: str = ""
    recent: list[ActivityLine] = Field(default_factory=list)


def build_learner_report(app: AppServices, profile_id: int) -> LearnerReport:
    """Gather one learner's report (several reads: run it off the GUI thread)."""
    monitoring = app.service(MonitoringService)
    row, history = monitoring.learner(profile_id)
    skills, skills_note = _skills(app.service(SkillProfileService), profile_id)
    lines, insights_note = insights_lines(app.service(InsightsService), profile_id)
    return LearnerReport(
        row=row,
        config=monitoring.config(),
        generated_at=app.clock.now(),
        readiness_history=history,
        skills=skills,
        skills_note=skills_note,
        insights=lines,
        insights_note=insights_note,
        recent=_recent(app.db, profile_id),
    )


def _skills(service: SkillProfileService, profile_id: int) -> tuple[list[SkillBar], str]:
    catalog = load_catalog()
    levels = service.current_levels(profile_id)
    role = service.target_role(profile_id)
    targets = {rs.skill: float(rs.level) for rs in role.skills} if role else {}
    order = list(targets) + sorted(k for k in levels if k not in targets)
    bars = [
        SkillBar(
            skill=catalog.skill_name(skill),
            level=round(levels[skill].level, 1) if skill in levels else 0.0,
            target=targets.get(skill),
            measured=skill in levels,
        )
        for skill in order
        if skill in levels or skill in targets
    ]
    note = "" if levels else "No skill measured yet: the learner has not taken an assessment."
    return bars, note


def _recent(db: Database, profile_id: int) -> list[ActivityLine]:
    with db.read() as s:
        rows = s.execute(
            select(LearningEvent.at, LearningEvent.kind, LearningEvent.detail, ContentItem.title)
            .outerjoin(
                ContentItem,
                (LearningEvent.subject_type == "content")
                & (ContentItem.id == LearningEvent.subject_id),
            )
            .where(LearningEvent.profile_id == profile_id)
            .order_by(LearningEvent.at.desc(), LearningEvent.id.desc())
            .limit(RECENT_EVENTS)
        ).all()
    out = []
    for at, kind, detail, content_title in rows:
        text = _EVENT_TEXT.get(kind, kind.replace("_", " ").capitalize())
        skills = detail.get("skills") if isinstance(detail, dict) else None
        if content_title:
            text = f"{text}: {content_title}"
        elif skills and kind == tracking.ASSESSMENT_STARTED:
            text = f"{text} ({len(skills)} skills)"
        out.append(ActivityLine(at=at, text=text))
    return out
