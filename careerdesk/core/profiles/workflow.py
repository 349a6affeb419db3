"""The learner's workflow progress bar (docs/learning.md).

Profile loaded → Assessment completed → Recommendations generated → Learning in progress →
Learning completed. Each step is read from real data; the percentage is the share of steps
done.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import func, select

from careerdesk.core.learning import tracking
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.profiles import LearningEvent, Profile

STEPS = (
    "Profile loaded",
    "Assessment completed",
    "Recommendations generated",
    "Learning in progress",
    "Learning completed",
)


# What to do to complete each step, shown as the "next step" hint.
HINTS = {
    "Profile loaded": "Choose a target role and rate your skills (Learning tab).",
    "Assessment completed": "Take an assessment to measure your skills (Assessments tab).",
    "Recommendations generated": "Generate your learning path from your gaps (Learning tab).",
    "Learning in progress": "Open or play the first item on your learning path.",
    "Learning completed": "Finish the remaining items on your learning path.",
}


class WorkflowStep(BaseModel):
    name: str
    done: bool


class WorkflowStatus(BaseModel):
    steps: list[WorkflowStep]
    percent: int
    current: str  # the first step not yet done, or "Done"
    hint: str = ""


@dataclass(frozen=True)
class WorkflowFacts:
    has_target_role: bool
    assessments_completed: int
    path_generated: bool
    items_started: int
    path_items: int
    path_items_done: int
    gaps_open: int = 0  # skills of the path's role still below its level (the skill model)


def compute_workflow(facts: WorkflowFacts) -> WorkflowStatus:
    """Pure rule: which steps are done, given the facts."""
    # "Done" means the gaps are closed, not only that every item was ticked (issue 16).
    learning_done = (
        facts.path_items > 0 and facts.path_items_done >= facts.path_items and facts.gaps_open == 0
    )
    done = [
        facts.has_target_role,
        facts.assessments_completed > 0,
        facts.path_generated,
        facts.items_started > 0 or learning_done,
        learning_done,
    ]
    steps = [WorkflowStep(name=n, done=d) for n, d in zip(STEPS, done, strict=True)]
    current = next((s.name for s in steps if not s.done), "Done")
    return WorkflowStatus(
        steps=steps,
        percent=round(100 * sum(done) / len(done)),
        current=current,
        hint=HINTS.get(current, "All steps done — keep practising and applying."),
    )


class WorkflowService:
    """Gathers the facts for one profile from the database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def facts(self, profile_id: int) -> WorkflowFacts:
        with self.db.read() as s:
            profile = s.get(Profile, profile_id)
            has_target_role = bool(profile is not None and profile.target_role_ids)
            kinds = dict(
                s.execute(
                    select(LearningEvent.kind, func.count())
                    .where(LearningEvent.profile_id == profile_id)
                    .group_by(LearningEvent.kind)
                ).all()
            )
            states = dict(
                s.execute(
                    select(ContentProgress.state, func.count())
                    .where(ContentProgress.profile_id == profile_id)
                    .group_by(ContentProgress.state)
                ).all()
            )
        path_items, path_done = self._path_counts(profile_id)
        from careerdesk.core.learning.queries import gaps_open_in

        with self.db.read() as s:
            gaps_open = gaps_open_in(s, profile_id)
        return WorkflowFacts(
            has_target_role=has_target_role,
            assessments_completed=int(kinds.get(tracking.ASSESSMENT_SUBMITTED, 0)),
            path_generated=kinds.get(tracking.PATH_GENERATED, 0) > 0,
            items_started=int(states.get("IN_PROGRESS", 0) + states.get("DONE", 0)),
            path_items=path_items,
            path_items_done=path_done,
            gaps_open=gaps_open,
        )

    def _path_counts(self, profile_id: int) -> tuple[int, int]:
        """(items in the current learning path, of which DONE)."""
        from careerdesk.core.learning.queries import path_counts_in

        with self.db.read() as s:
            return path_counts_in(s, profile_id)

    def recent_in_progress(self, profile_id: int, limit: int = 20) -> list[int]:
        """Content the learner started and has not finished, most recently touched first
        (Home's "Continue learning" resumes the first of them that is on the path)."""
        with self.db.read() as s:
            rows = s.scalars(
                select(ContentProgress.content_id)
                .where(
                    ContentProgress.profile_id == profile_id,
                    ContentProgress.state == "IN_PROGRESS",
                )
                .order_by(ContentProgress.updated_at.desc(), ContentProgress.id.desc())
                .limit(limit)
            )
            return [int(c) for c in rows]

    def status(self, profile_id: int) -> WorkflowStatus:
        return compute_workflow(self.facts(profile_id))
