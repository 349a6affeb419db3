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
    # Where it plays (core/learning/playable.py): "player" (CareerDesk's own player: a pack
    # video or the learner's own), "browser" (a web page) or "document" (a local document).
    plays_in: str = "browser"
    playable: bool = False  # plays_in == "player": the embedded player can play it


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
    # ``gaps`` and ``total_hours`` are read from the skill model when the path is shown (not
    # when it was built): "done" means the gaps are closed, not only that items were ticked.
    gaps_open: int = 0

    @property
    def met_skills(self) -> frozenset[str]:
        return frozenset(g.skill_id for g in self.gaps if g.met)

    def item_done(self, item: PathItemView) -> bool:
        """DONE, or every skill it teaches is at the role's level already (its gap closed)."""
        met = self.met_skills
        return item.state == "DONE" or bool(item.skills and all(k in met for k in item.skills))

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if self.item_done(i))

    @property
    def complete(self) -> bool:
        """The path is done: every gap of the role is closed."""
        return self.gaps_open == 0

    @property
    def in_progress(self) -> int:
        return sum(1 for i in self.items if i.state == "IN_PROGRESS")
