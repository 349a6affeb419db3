"""The advisor's view of the cohort: one row per learner, with flags. Free of Qt.

Flags (thresholds in :class:`MonitoringConfig`, shared by all kiosks via ``app_meta``):

* **needs support** — current readiness is below ``needs_support_below`` (default 40 of 100).
  A learner with no readiness yet is not flagged by this rule (the stall rule covers
  learners who never start).
* **stalled** — no assessment, learning or pipeline activity for ``stall_days`` (default
  14). Signing in alone is not activity. A learner with no activity at all is stalled once
  their profile is ``stall_days`` old.
* **improving fast** — readiness rose by at least ``improving_points`` (default 10) within
  the last ``improving_days`` (default 14): current readiness minus the *baseline*, which is
  the last reading at or before the window's start, or — for a learner who started inside
  the window — their first reading. Only readings against the current target role count
  (switching to an easier role is not progress).

The trend shown next to readiness is the same difference (points over ``improving_days``).
All rules take ``now`` from an injected clock.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from careerdesk.core.advising.rules import safe_cell
from careerdesk.core.advising.sources import (
    Activity,
    LearnerReadinessPoint,
    LearningCompletion,
    Sources,
)
from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.profiles.service import ProfileInfo, ProfileService
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import AppMeta

log = logging.getLogger(__name__)

CONFIG_KEY = "advisor.monitoring"

NEEDS_SUPPORT = "needs support"
STALLED = "stalled"
IMPROVING_FAST = "improving fast"
FLAGS = (NEEDS_SUPPORT, STALLED, IMPROVING_FAST)


class MonitoringConfig(BaseModel):
    """The advisor's thresholds for the flags."""

    model_config = ConfigDict(validate_assignment=True)

    needs_support_below: float = Field(default=40.0, ge=0.0, le=100.0)
    stall_days: int = Field(default=14, ge=1, le=365)
    improving_points: float = Field(default=10.0, gt=0.0, le=100.0)
    improving_days: int = Field(default=14, ge=1, le=365)


class CohortRow(BaseModel):
    """One learner in the advisor's table (None = not known)."""

    model_config = ConfigDict(frozen=True)

    profile_id: int
    name: str
    full_name: str = ""
    target_roles: list[str] = Field(default_factory=list)
    readiness: float | None = None
    readiness_change: float | None = None  # points over the trend window
    last_activity: datetime | None = None
    last_activity_kind: str = ""
    days_inactive: int | None = None
    assessments_taken: int | None = None
    learning: LearningCompletion | None = None
    active_applications: int | None = None
    upcoming_interviews: int | None = None
    next_interview_at: datetime | None = None
    flags: list[str] = Field(default_factory=list)
    created_at: datetime
    # The skill model (docs/skills.md): every estimate, and the target role's skills nothing
    # has measured yet (no evidence, or only the learner's own rating).
    skills: dict[str, float] = Field(default_factory=dict)
    unmeasured: list[str] = Field(default_factory=list)

    @property
    def learning_fraction(self) -> float | None:
        return None if self.learning is None else self.learning.fraction


class Cohort(BaseModel):
    rows: list[CohortRow]
    computed_at: datetime
    config: MonitoringConfig


# --- pure rules -------------------------------------------------------------------------------
def readiness_change(
    history: Sequence[LearnerReadinessPoint], now: datetime, window_days: int
) -> float | None:
    """Current readiness minus the baseline (see the module docstring); None without data.

    Only readings against the current target role count: switching to an easier role is not
    progress.
    """
    if not history:
        return None
    points = sorted(history, key=lambda p: p.at)
    role = points[-1].role_id
    points = [p for p in points if p.role_id == role]
    start = now - timedelta(days=window_days)
    before = [p for p in points if p.at <= start]
    baseline = before[-1] if before else points[0]
    return round(points[-1].value - baseline.value, 1)


def compute_flags(
    *,
    readiness: float | None,
    change: float | None,
    last_activity: datetime | None,
    created_at: datetime,
    now: datetime,
    config: MonitoringConfig,
) -> list[str]:
    """The flags of one learner, in a fixed order."""
    flags: list[str] = []
    if readiness is not None and readiness < config.needs_support_below:
        flags.append(NEEDS_SUPPORT)
    since = last_activity or created_at
    if now - since >= timedelta(days=config.stall_days):
        flags.append(STALLED)
    if change is not None and change >= config.improving_points:
        flags.append(IMPROVING_FAST)
    return flags


def build_row(
    profile: ProfileInfo,
    *,
    now: datetime,
    config: MonitoringConfig,
    history: Sequence[LearnerReadinessPoint] = (),
    activity: Activity | None = None,
    assessments: int | None = None,
    learning: LearningCompletion | None = None,
    applications: int | None = None,
    interviews: Sequence[datetime] | None = None,
    role_names: dict[str, str] | None = None,
    skills: Mapping[str, tuple[float, bool]] | None = None,
    role_skills: Sequence[str] = (),
) -> CohortRow:
    """Combine one learner's facts into a row with flags.

    ``skills``: the model's (estimate, measured) per skill; ``role_skills``: the target
    role's skill ids, for the list of skills still unmeasured.
    """
    current = sorted(history, key=lambda p: p.at)[-1].value if history else None
    change = readiness_change(history, now, config.improving_days)
    last = activity.at if activity else None
    names = role_names or {}
    return CohortRow(
        profile_id=profile.id,
        name=profile.name,
        full_name=profile.full_name,
        target_roles=[names.get(r, r) for r in profile.target_role_ids],
        readiness=None if current is None else round(current, 1),
        readiness_change=change,
        last_activity=last,
        last_activity_kind=activity.kind if activity else "",
        days_inactive=(now - (last or profile.created_at)).days,
        assessments_taken=assessments,
        learning=learning,
        active_applications=applications,
        upcoming_interviews=None if interviews is None else len(interviews),
        next_interview_at=interviews[0] if interviews else None,
        flags=compute_flags(
            readiness=current,
            change=change,
            last_activity=last,
            created_at=profile.created_at,
            now=now,
            config=config,
        ),
        created_at=profile.created_at,
        skills={k: v[0] for k, v in (skills or {}).items()},
        unmeasured=[k for k in role_skills if not (skills or {}).get(k, (0.0, False))[1]],
    )


# --- CSV --------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "name",
    "full_name",
    "target_roles",
    "readiness",
    "readiness_change",
    "last_activity_utc",
    "days_inactive",
    "assessments_taken",
    "learning_done",
    "learning_total",
    "learning_percent",
    "active_applications",
    "upcoming_interviews",
    "next_interview_utc",
    "flags",
)


def cohort_csv(rows: Sequence[CohortRow]) -> str:
    """The cohort as CSV (UTF-8 text, header row). Text cells from users are made safe;
    numbers are written by us and stay numbers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def num(value: float | int | None, digits: int = 1) -> str:
        if value is None:
            return ""
        return str(value) if isinstance(value, int) else f"{value:.{digits}f}"

    def when(value: datetime | None) -> str:
        return "" if value is None else value.strftime("%Y-%m-%d %H:%M")

    for r in rows:
        frac = r.learning_fraction
        writer.writerow(
            [
                safe_cell(r.name),
                safe_cell(r.full_name),
                safe_cell("; ".join(r.target_roles)),
                num(r.readiness),
                num(r.readiness_change),
                when(r.last_activity),
                num(r.days_inactive),
                num(r.assessments_taken),
                num(r.learning.done if r.learning else None),
                num(r.learning.total if r.learning else None),
                num(None if frac is None else 100 * frac, 0),
                num(r.active_applications),
                num(r.upcoming_interviews),
                when(r.next_interview_at),
                safe_cell("; ".join(r.flags)),
            ]
        )
    return out.getvalue()


# --- the service ------------------------------------------------------------------------------
class MonitoringService:
    """Builds the cohort table and keeps the advisor's thresholds."""

    def __init__(
        self,
        db: Database,
        profiles: ProfileService,
        sources: Sources,
        clock: Clock | None = None,
        role_names: dict[str, str] | None = None,
    ) -> None:
        self.db = db
        self.profiles = profiles
        self.sources = sources
        self.clock = clock or SystemClock()
        self.role_names = role_names or {}

    # -- config ----------------------------------------------------------------------------
    def config(self) -> MonitoringConfig:
        with self.db.read() as s:
            row = s.get(AppMeta, CONFIG_KEY)
            raw = None if row is None else row.value
        if raw is None:
            return MonitoringConfig()
        try:
            return MonitoringConfig.model_validate(json.loads(raw))
        except ValueError:
            log.warning("advisor thresholds unreadable; using the defaults")
            return MonitoringConfig()

    def set_config(self, config: MonitoringConfig) -> None:
        value = config.model_dump_json()
        with self.db.session() as s:
            row = s.get(AppMeta, CONFIG_KEY, with_for_update=True)
            if row is None:
                s.add(AppMeta(key=CONFIG_KEY, value=value))
            else:
                row.value = value

    # -- the cohort ------------------------------------------------------------------------
    def cohort(self) -> Cohort:
        """Every profile with its facts and flags (one query per fact, not per learner)."""
        now = self.clock.now()
        config = self.config()
        profiles = self.profiles.list()
        ids = [p.id for p in profiles]
        src = self.sources
        history = src.readiness.readiness(ids)
        activity = src.activity.last_activity(ids)
        assessments = src.assessments.assessments_taken(ids)
        learning = src.learning.completion(ids)
        applications = src.applications.active_applications(ids)
        interviews = src.interviews.upcoming_interviews(ids, now)
        levels = src.skills.skill_levels(ids) if src.skills is not None else {}
        rows = [
            build_row(
                p,
                now=now,
                config=config,
                history=history.get(p.id, ()),
                activity=activity.get(p.id),
                assessments=assessments.get(p.id, 0),
                learning=learning.get(p.id),
                applications=applications.get(p.id, 0),
                interviews=interviews.get(p.id, []),
                role_names=self.role_names,
                skills=levels.get(p.id),
                role_skills=role_skill_ids(p.target_role_ids),
            )
            for p in profiles
        ]
        return Cohort(rows=rows, computed_at=now, config=config)

    def learner(self, profile_id: int) -> tuple[CohortRow, list[LearnerReadinessPoint]]:
        """One learner's row and full readiness history (for the per-learner report)."""
        now = self.clock.now()
        config = self.config()
        profile = self.profiles.get(profile_id)
        ids = [profile_id]
        src = self.sources
        history = src.readiness.readiness(ids).get(profile_id, [])
        interviews = src.interviews.upcoming_interviews(ids, now)
        row = build_row(
            profile,
            now=now,
            config=config,
            history=history,
            activity=src.activity.last_activity(ids).get(profile_id),
            assessments=src.assessments.assessments_taken(ids).get(profile_id, 0),
            learning=src.learning.completion(ids).get(profile_id),
            applications=src.applications.active_applications(ids).get(profile_id, 0),
            interviews=interviews.get(profile_id, []),
            role_names=self.role_names,
            skills=(src.skills.skill_levels(ids).get(profile_id) if src.skills else None),
            role_skills=role_skill_ids(profile.target_role_ids),
        )
        return row, sorted(history, key=lambda p: p.at)


def role_skill_ids(role_ids: Sequence[str]) -> list[str]:
    """The skills of the first known target role (empty without one)."""
    from careerdesk.core.reference.catalog import load_catalog

    roles = load_catalog().roles
    role = next((roles[r] for r in role_ids if r in roles), None)
    return [rs.skill for rs in role.skills] if role is not None else []


def role_names() -> dict[str, str]:
    """Catalogue role id -> title (empty if the catalogue cannot be read)."""
    try:
        from careerdesk.core.reference.catalog import load_catalog

        return {rid: r.title for rid, r in load_catalog().roles.items()}
    except Exception:
        log.exception("could not read role titles from the catalogue")
        return {}
