"""Plain data of the learning service (re-exported by ``careerdesk.core.learning.service``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from careerdesk.core.skills.gaps import GapAnalysisItem


class PathItemView(BaseModel):
    """One item of the current path with the learner's progress on it."""

    content_id: int
    catalog_key: str | None
    title: str
    kind: str
    url: str | None
    skills: list[str]
    level: str
    est_hours: float
    state: str
    watched_fraction: float
    reason: str
    position: int
    skill: str = ""  # the gap this item was chosen for


class ChangedItem(BaseModel):
    content_id: int
    title: str
    state: str = "NOT_STARTED"


class PathChanges(BaseModel):
    """What a regeneration changed against the previous path."""

    previous_path_id: int | None = None
    added: list[ChangedItem] = []
    removed: list[ChangedItem] = []
    kept: list[ChangedItem] = []
    hours_before: float | None = None
    hours_after: float = 0.0

    def describe(self) -> str:
        """One sentence for the learner."""
        if self.previous_path_id is None:
            return f"First learning path: {len(self.added)} items."
        done = sum(1 for i in self.kept if i.state == "DONE")
        started = sum(1 for i in self.kept if i.state == "IN_PROGRESS")
        text = f"{len(self.added)} added, {len(self.removed)} removed, {len(self.kept)} kept"
        kept = [f"{done} done" if done else "", f"{started} in progress" if started else ""]
        if done or started:
            text += f" (your progress is kept: {', '.join(k for k in kept if k)})"
        if self.hours_before is not None and self.hours_before != self.hours_after:
            text += f"; estimated study {self.hours_before:.0f} h → {self.hours_after:.0f} h"
        return text + "."


class LearningPathView(BaseModel):
    id: int
    role_id: str
    role_title: str
    created_at: datetime
    total_hours: float  # learning-hours estimate to close every gap (docs/learning.md)
    content_hours: float  # hours of material in the path
    summary: str
    gaps: list[GapAnalysisItem]
    items: list[PathItemView]
    changes: PathChanges | None
    stale_reason: str = ""  # why regenerating would give a different path

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.state == "DONE")

    @property
    def in_progress(self) -> int:
        return sum(1 for i in self.items if i.state == "IN_PROGRESS")
