"""In-memory stand-ins for the assessments/learning feature's published contract.

Until ``careerdesk.core.skills`` and ``careerdesk.core.learning`` exist on this branch, the
insights gatherer is tested through these: they implement exactly the agreed API
(``SkillProfileService.current_levels / history``, ``LearningService.current_path_items``)
and are installed into ``sys.modules`` for one test, so the real providers import them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any, Literal

import pytest
from pydantic import BaseModel


class SkillLevel(BaseModel):
    skill_id: str
    level: float
    source: Literal["self", "assessment", "interview"]
    measured_at: datetime


class PathItemView(BaseModel):
    content_id: int
    catalog_key: str | None = None
    title: str
    kind: str = "video"
    url: str | None = None
    skills: list[str] = []
    level: str = "beginner"
    est_hours: float = 1.0
    state: str = "NOT_STARTED"
    watched_fraction: float = 0.0
    reason: str = ""
    position: int = 0


@dataclass
class ContractStore:
    """What the fake services return, per profile."""

    levels: dict[int, list[SkillLevel]] = field(default_factory=dict)
    paths: dict[int, list[PathItemView]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def add_level(
        self, profile_id: int, skill_id: str, level: float, at: datetime, source: str = "assessment"
    ) -> None:
        self.levels.setdefault(profile_id, []).append(
            SkillLevel(skill_id=skill_id, level=level, source=source, measured_at=at)  # type: ignore[arg-type]
        )

    def set_path(self, profile_id: int, items: list[PathItemView]) -> None:
        self.paths[profile_id] = list(items)


def install(monkeypatch: pytest.MonkeyPatch) -> ContractStore:
    """Put fake ``careerdesk.core.skills`` / ``careerdesk.core.learning`` modules in place."""
    store = ContractStore()

    class SkillProfileService:
        @classmethod
        def from_app(cls, app: Any) -> SkillProfileService:
            return cls()

        def current_levels(self, profile_id: int) -> dict[str, SkillLevel]:
            store.calls.append("current_levels")
            latest: dict[str, SkillLevel] = {}
            for lvl in sorted(store.levels.get(profile_id, []), key=lambda x: x.measured_at):
                latest[lvl.skill_id] = lvl
            return latest

        def history(self, profile_id: int, skill_id: str | None = None) -> list[SkillLevel]:
            store.calls.append(f"history:{skill_id}")
            rows = store.levels.get(profile_id, [])
            return sorted(
                (r for r in rows if skill_id is None or r.skill_id == skill_id),
                key=lambda x: x.measured_at,
            )

    class LearningService:
        @classmethod
        def from_app(cls, app: Any) -> LearningService:
            return cls()

        def current_path_items(self, profile_id: int) -> list[PathItemView]:
            store.calls.append("current_path_items")
            return list(store.paths.get(profile_id, []))

    skills = ModuleType("careerdesk.core.skills")
    skills.SkillLevel = SkillLevel  # type: ignore[attr-defined]
    skills.SkillProfileService = SkillProfileService  # type: ignore[attr-defined]
    learning = ModuleType("careerdesk.core.learning")
    learning.PathItemView = PathItemView  # type: ignore[attr-defined]
    learning.LearningService = LearningService  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "careerdesk.core.skills", skills)
    monkeypatch.setitem(sys.modules, "careerdesk.core.learning", learning)
    return store
