"""A learner's skill levels and target roles.

Levels are kept as history rows (``skill_levels``): self-ratings, and levels measured by an
assessment (or, later, an interview). The *current* level of a skill is the latest measured
one; a self-rating counts only until the skill has been measured. Other features (insights,
charts) read levels through :class:`SkillProfileService` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.profiles.service import ProfileInfo, ProfileService
from careerdesk.core.reference.catalog import Catalog, Role, load_catalog
from careerdesk.core.reference.levels import clamp_level
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.learning import SkillLevelRecord
from careerdesk.core.storage.tables.profiles import Profile

LevelSource = Literal["self", "assessment", "interview"]
LEVEL_SOURCES: tuple[LevelSource, ...] = get_args(LevelSource)
MEASURED_SOURCES: tuple[str, ...] = ("assessment", "interview")


class SkillLevel(BaseModel):
    """One level of one skill at one time (0–100) and where it came from."""

    model_config = ConfigDict(frozen=True)

    skill_id: str
    level: float
    source: LevelSource
    measured_at: datetime


class LevelRecord(NamedTuple):
    """A raw level row, for readers that keep a running fold (see ``records_after``)."""

    id: int
    skill_id: str
    level: float
    source: str
    measured_at: datetime


def _view(row: SkillLevelRecord) -> SkillLevel:
    return SkillLevel(
        skill_id=row.skill_id,
        level=row.level,
        source=one_of(row.source, LEVEL_SOURCES),
        measured_at=row.measured_at,
    )


def current_levels_in(s: Session, profile_id: int) -> dict[str, SkillLevel]:
    """Current levels inside an open unit of work (as ``SkillProfileService.current_levels``)."""
    # The newest row per (skill, measured or self-rated), ranked in SQL: a learner's history
    # grows by a row per skill per assessment, and insights reads this on every recompute.
    measured = SkillLevelRecord.source.in_(MEASURED_SOURCES)
    rank = (
        func.row_number()
        .over(
            partition_by=(SkillLevelRecord.skill_id, measured),
            order_by=(SkillLevelRecord.measured_at.desc(), SkillLevelRecord.id.desc()),
        )
        .label("rank")
    )
    newest = (
        select(
            SkillLevelRecord.skill_id,
            SkillLevelRecord.level,
            SkillLevelRecord.source,
            SkillLevelRecord.measured_at,
            rank,
        )
        .where(SkillLevelRecord.profile_id == profile_id)
        .subquery()
    )
    rows = s.execute(
        select(newest.c.skill_id, newest.c.level, newest.c.source, newest.c.measured_at).where(
            newest.c.rank == 1
        )
    ).all()
    out: dict[str, SkillLevel] = {}
    for skill_id, level, source, at in rows:
        if source in MEASURED_SOURCES or skill_id not in out:
            out[skill_id] = SkillLevel(
                skill_id=skill_id, level=level, source=source, measured_at=at
            )
    return out


def add_levels(
    s: Session,
    profile_id: int,
    levels: Mapping[str, float],
    *,
    source: LevelSource,
    at: datetime,
    session_id: int | None = None,
) -> None:
    """Append level rows inside the caller's unit of work (no event: the caller publishes)."""
    for skill_id, level in levels.items():
        s.add(
            SkillLevelRecord(
                profile_id=profile_id,
                skill_id=skill_id,
                level=round(clamp_level(level), 1),
                source=source,
                measured_at=at,
                session_id=session_id,
            )
        )


class SkillProfileService:
    """Read and record a learner's skill levels; set their target roles."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        profiles: ProfileService,
        clock: Clock | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.profiles = profiles
        self.clock = clock or SystemClock()
        self.catalog = catalog or load_catalog()

    # -- levels --------------------------------------------------------------------------
    def current_levels(self, profile_id: int) -> dict[str, SkillLevel]:
        """Per skill: the latest measured level (assessment/interview), else the latest
        self-rating. Skills never rated nor measured are absent."""
        with self.db.read() as s:
            return current_levels_in(s, profile_id)

    def records_after(self, profile_id: int, after_id: int = 0) -> tuple[list[LevelRecord], int]:
        """Level rows with ``id > after_id`` (by id) and how many rows the profile has in all.

        Level rows are only ever appended, so a reader can fold them once and then read only
        the new ones; when the total does not add up (a restore, a deleted profile whose id
        was reused) it should start again from ``after_id=0``.
        """
        with self.db.read() as s:
            total = s.scalar(select(func.count()).where(SkillLevelRecord.profile_id == profile_id))
            rows = s.execute(
                select(
                    SkillLevelRecord.id,
                    SkillLevelRecord.skill_id,
                    SkillLevelRecord.level,
                    SkillLevelRecord.source,
                    SkillLevelRecord.measured_at,
                )
                .where(SkillLevelRecord.profile_id == profile_id)
                .where(SkillLevelRecord.id > after_id)
                .order_by(SkillLevelRecord.id)
            ).all()
        return [LevelRecord(*r) for r in rows], int(total or 0)

    def self_ratings(self, profile_id: int) -> dict[str, SkillLevel]:
        """The latest self-rating per skill (whether or not it was measured since)."""
        with self.db.read() as s:
            rows = s.scalars(
                select(SkillLevelRecord)
                .where(SkillLevelRecord.profile_id == profile_id)
                .where(SkillLevelRecord.source == "self")
                .order_by(SkillLevelRecord.measured_at, SkillLevelRecord.id)
            ).all()
            return {r.skill_id: _view(r) for r in rows}

    def history(self, profile_id: int, skill_id: str | None = None) -> list[SkillLevel]:
        """Every recorded level (all sources), oldest first; one skill when ``skill_id``."""
        with self.db.read() as s:
            query = select(SkillLevelRecord).where(SkillLevelRecord.profile_id == profile_id)
            if skill_id is not None:
                query = query.where(SkillLevelRecord.skill_id == skill_id)
            rows = s.scalars(query.order_by(SkillLevelRecord.measured_at, SkillLevelRecord.id))
            return [_view(r) for r in rows]

    def set_self_rating(self, profile_id: int, skill_id: str, level: float) -> None:
        """Record a self-rating (0–100) for one skill."""
        self.set_self_ratings(profile_id, {skill_id: level})

    def set_self_ratings(self, profile_id: int, ratings: Mapping[str, float]) -> None:
        """Record several self-ratings at once; unchanged ones are not repeated.

        Raises ValidationError for an unknown skill or a level outside 0–100.
        """
        self._check_levels(ratings)
        with self.db.session() as s:
            self._profile(s, profile_id)
            previous = {
                r.skill_id: r.level
                for r in s.scalars(
                    select(SkillLevelRecord)
                    .where(SkillLevelRecord.profile_id == profile_id)
                    .where(SkillLevelRecord.source == "self")
                    .order_by(SkillLevelRecord.measured_at, SkillLevelRecord.id)
                )
            }
            changed = {k: v for k, v in ratings.items() if previous.get(k) != round(v, 1)}
            if not changed:
                return
            add_levels(s, profile_id, changed, source="self", at=self.clock.now())
        self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=("skill_ratings",)))

    def record_measured(
        self,
        profile_id: int,
        levels: Mapping[str, float],
        *,
        source: LevelSource = "interview",
        at: datetime | None = None,
    ) -> None:
        """Record measured levels from another feature (e.g. interview practice)."""
        if source == "self":
            raise ValueError("use set_self_ratings for self-ratings")
        self._check_levels(levels)
        with self.db.session() as s:
            self._profile(s, profile_id)
            add_levels(s, profile_id, levels, source=source, at=at or self.clock.now())
        self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=("skill_levels",)))

    # -- target roles --------------------------------------------------------------------
    def target_role(self, profile_id: int) -> Role | None:
        """The learner's primary target role (the first one), or None."""
        ids = self.profiles.get(profile_id).target_role_ids
        for role_id in ids:
            if role_id in self.catalog.roles:
                return self.catalog.roles[role_id]
        return None

    def set_target_roles(self, profile_id: int, role_ids: Iterable[str]) -> ProfileInfo:
        """Validate ``role_ids`` against the catalogue; the first is the primary target."""
        ordered = list(dict.fromkeys(r.strip() for r in role_ids if r.strip()))
        for role_id in ordered:
            self.catalog.role(role_id)  # UserError naming the known roles
        return self.profiles.set_target_roles(profile_id, ordered)

    # -- helpers -------------------------------------------------------------------------
    def _check_levels(self, levels: Mapping[str, float]) -> None:
        for skill_id, level in levels.items():
            if skill_id not in self.catalog.skills:
                raise ValidationError(f"Unknown skill {skill_id!r}.")
            if not 0 <= float(level) <= 100:
                raise ValidationError(f"A skill level is 0–100; got {level} for {skill_id}.")

    @staticmethod
    def _profile(s: Session, profile_id: int) -> Profile:
        row = s.get(Profile, profile_id)
        if row is None:
            raise NotFoundError(f"Profile #{profile_id} does not exist (it may have been deleted).")
        return row
