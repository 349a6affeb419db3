"""The learner's own milestones on Home (docs/learning.md): what they did, not what the
system did. "Gaps closed" is the last one: done means the target role's skill gaps are
closed in the skill model, not that every path item was ticked.
"""

from __future__ import annotations

from pydantic import BaseModel

from careerdesk.core.profiles.workflow import WorkflowFacts

MILESTONES = (
    "Chose a goal",
    "First quiz",
    "First path item done",
    "First application",
    "Gaps closed",
)


class Milestone(BaseModel):
    name: str
    done: bool


class Milestones(BaseModel):
    items: list[Milestone]
    next_hint: str  # what to do for the first milestone not reached ("" when all are)

    @property
    def reached(self) -> int:
        return sum(1 for m in self.items if m.done)


HINTS = {
    "Chose a goal": "Choose the job you are aiming for.",
    "First quiz": "Take a short quiz to see where you stand.",
    "First path item done": "Finish the first item on your learning path.",
    "First application": "Add a job you want to apply for in Applications.",
    "Gaps closed": "Keep learning: each closed gap raises your readiness.",
}


def compute_milestones(facts: WorkflowFacts, applications: int) -> Milestones:
    """Pure rule: which of the learner's milestones are reached."""
    gaps_closed = facts.has_target_role and facts.path_generated and facts.gaps_open == 0
    done = (
        facts.has_target_role,
        facts.assessments_completed > 0,
        facts.path_items_done > 0,
        applications > 0,
        gaps_closed,
    )
    items = [Milestone(name=n, done=d) for n, d in zip(MILESTONES, done, strict=True)]
    first_open = next((m.name for m in items if not m.done), None)
    return Milestones(items=items, next_hint=HINTS[first_open] if first_open else "")
