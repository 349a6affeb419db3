"""A learner's skill levels and target roles.

Every level is the skill model's estimate (docs/skills.md): folded from the learner's
append-only evidence ledger (``skill_evidence``) by ``model_rules``. Self-ratings and measured
levels are recorded here as evidence; quiz answers, interviews and study are recorded by
their features through ``ledger``. Other features (insights, charts, learning, fit) read
levels through :class:`SkillProfileService` or :func:`current_levels_in` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.profiles.rows import profile_row
from careerdesk.core.profiles.service import ProfileInfo, ProfileService
from careerdesk.core.reference.catalog import Catalog, Role, load_catalog
from careerdesk.core.reference.levels import clamp_level
from careerdesk.core.skills import ledger
from careerdesk.core.skills.ledger import NewEvidence, read_evidence
from careerdesk.core.skills.model_rules import SELF_SD, SkillEstimate, SkillFold
from careerdesk.core.skills.model_service import EstimateView, SkillModel, estimates_in, view_of
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord

LevelSource = Literal["self", "assessment", "interview", "advisor", "study"]
LEVEL_SOURCES: tuple[LevelSource, ...] = get_args(LevelSource)
MEASURED_SOURCES: tuple[str, ...] = ("assessment", "interview", "advisor")

ADVISOR_NOTE_MAX = 500


class AdvisorRating(BaseModel):
    """An advisor's newest rating of one skill, with the note they wrote."""

    skill_id: str
    level: float
    note: str
    at: datetime


# The evidence kinds that can restate a level through ``record_measured``.
MeasuredKind = Literal["interview_practice", "interview_real", "advisor_rating", "assessment_score"]


class SkillLevel(BaseModel):
    """The skill model's estimate of one skill (0–100), with its uncertainty.

    ``level`` is the estimate every screen shows; ``source`` names the strongest kind of
    evidence behind it ("self" when the learner's own rating is all there is);
    ``measured_at`` is the time of the newest evidence.
    """

    model_config = ConfigDict(frozen=True)

    skill_id: str
    level: float
    source: LevelSource
    measured_at: datetime
    sd: float = 0.0
    low: float = 0.0
    high: float = 100.0
    evidence_count: int = 1
    sources: tuple[str, ...] = ()
    self_rated_only: bool = False


def source_of(est: SkillEstimate) -> LevelSource:
    """The strongest kind of evidence behind an estimate, in the old level vocabulary."""
    kinds = set(est.sources)
    if "advisor_rating" in kinds:
        return "advisor"
    if kinds & {"quiz_answer", "assessment_score"}:
        return "assessment"
    if kinds & {"interview_practice", "interview_real"}:
        return "interview"
    if "study" in kinds:
        return "study"
    return "self"


# The old level vocabulary for the kind of one piece of evidence (history points).
KIND_SOURCE: dict[str, LevelSource] = {
    "quiz_answer": "assessment",
    "assessment_score": "assessment",
    "interview_practice": "interview",
    "interview_real": "interview",
    "advisor_rating": "advisor",
    "study": "study",
    "self_rating": "self",
}


def level_of(est: SkillEstimate) -> SkillLevel:
    return SkillLevel(
        skill_id=est.skill_id,
        level=est.estimate,
        source=source_of(est),
        measured_at=est.last_evidence_at,
        sd=est.sd,
        low=est.low,
        high=est.high,
        evidence_count=est.evidence_count,
        sources=est.sources,
        self_rated_only=est.self_rated_only,
    )


def current_levels_in(
    s: Session, profile_id: int, now: datetime | None = None
) -> dict[str, SkillLevel]:
    """The model's estimates inside an open unit of work (see ``current_levels``).

    ``now`` only widens the intervals with age (the estimates themselves do not move with
    time); without it the intervals are as of the newest evidence.
    """
    got = estimates_in(s, profile_id, now or _EPOCH, known=load_catalog())
    return {k: level_of(v) for k, v in got.items()}


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


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
        self.model = SkillModel(db, bus, self.clock, self.catalog)

    # -- the skill model ------------------------------------------------------------------
    def current_levels(self, profile_id: int) -> dict[str, SkillLevel]:
        """Per skill with evidence: the model's estimate now (docs/skills.md)."""
        return {k: level_of(v) for k, v in self.model.estimates(profile_id).items()}

    def estimates(self, profile_id: int, as_of: datetime | None = None) -> dict[str, SkillEstimate]:
        """The model's estimates (now, or as they stood at ``as_of``)."""
        return self.model.estimates(profile_id, as_of)

    def estimate_views(self, profile_id: int) -> list[EstimateView]:
        """Every estimated skill as the faces show it, in catalogue order."""
        got = self.model.estimates(profile_id)
        return [view_of(got[k], self.catalog) for k in self.catalog.skills if k in got]

    def self_ratings(self, profile_id: int) -> dict[str, SkillLevel]:
        """The newest self-rating per skill (whether or not it was measured since)."""
        with self.db.read() as s:
            rows = [e for e in read_evidence(s, profile_id) if e.kind == "self_rating"]
        out: dict[str, SkillLevel] = {}
        for e in sorted(rows, key=lambda e: (e.at, e.id)):
            out[e.skill_id] = SkillLevel(
                skill_id=e.skill_id, level=e.value, source="self", measured_at=e.at,
                sd=SELF_SD, self_rated_only=True, sources=("self_rating",),
            )  # fmt: skip
        return out

    def history(self, profile_id: int, skill_id: str | None = None) -> list[SkillLevel]:
        """The estimate just after each piece of evidence, oldest first; ``source`` names
        that piece's kind. One skill when ``skill_id``; the charts draw these as the skill's
        line and band.
        """
        with self.db.read() as s:
            items = read_evidence(s, profile_id, skill_id=skill_id)
        out: list[SkillLevel] = []
        folds: dict[str, SkillFold] = {}
        # In time order, each estimate as it stood just after that piece of evidence.
        for e in sorted(items, key=lambda e: (e.at, e.id)):
            if e.skill_id not in self.catalog.skills:
                continue
            fold = folds.setdefault(e.skill_id, SkillFold(e.skill_id))
            fold.add(e)
            est = fold.estimate(e.at)
            if est is not None and e.kind != "withdrawn":
                out.append(
                    level_of(est).model_copy(
                        update={"measured_at": e.at, "source": KIND_SOURCE[e.kind]}
                    )
                )
        return out

    def set_self_rating(self, profile_id: int, skill_id: str, level: float) -> None:
        """Record a self-rating (0–100) for one skill."""
        self.set_self_ratings(profile_id, {skill_id: level})

    def set_self_ratings(self, profile_id: int, ratings: Mapping[str, float]) -> None:
        """Record several self-ratings at once; unchanged ones are not repeated.

        Each is evidence of kind ``self_rating`` (the newest counts). Raises ValidationError
        for an unknown skill or a level outside 0–100.
        """
        self._check_levels(ratings)
        now = self.clock.now()
        with self.db.session() as s:
            self._profile(s, profile_id)
            previous: dict[str, float] = {}
            for e in sorted(read_evidence(s, profile_id), key=lambda e: (e.at, e.id)):
                if e.kind == "self_rating":
                    previous[e.skill_id] = e.value
            added = ledger.append(
                s,
                profile_id,
                [
                    NewEvidence(k, "self_rating", round(clamp_level(v), 1), now, ref="self")
                    for k, v in ratings.items()
                    if previous.get(k) != round(clamp_level(v), 1)
                ],
            )
            if not added:
                return
        self.bus.publish(ProfileUpdated(profile_id=profile_id, fields=("skill_ratings",)))
        event = ledger.evidence_event(profile_id, added)
        if event is not None:
            self.bus.publish(event)

    def record_measured(
        self,
        profile_id: int,
        levels: Mapping[str, float],
        *,
        kind: MeasuredKind = "interview_practice",
        at: datetime | None = None,
        ref: str = "",
        note: str = "",
    ) -> None:
        """Record observed levels (an advisor's rating, an interview's scores) as evidence.

        ``ref`` restates earlier evidence with the same ref (per skill); ``note`` is kept with
        each piece (an advisor's reason).
        """
        self._check_levels(levels)
        when = at or self.clock.now()
        with self.db.session() as s:
            self._profile(s, profile_id)
            added = ledger.append(
                s,
                profile_id,
                [
                    NewEvidence(k, kind, round(clamp_level(v), 1), when, ref=ref, note=note.strip())
                    for k, v in levels.items()
                ],
                self.clock.now(),
            )
        event = ledger.evidence_event(profile_id, added)
        if event is not None:
            self.bus.publish(event)

    def rate_as_advisor(
        self, profile_id: int, ratings: Mapping[str, float], *, note: str = ""
    ) -> None:
        """An advisor's ratings (kiosk/advisor mode): a strong observation each.

        ``note``: the advisor's short reason, kept with the evidence (at most 500 characters).
        """
        if len(note.strip()) > ADVISOR_NOTE_MAX:
            raise ValidationError(
                f"Keep the note to {ADVISOR_NOTE_MAX} characters (it has {len(note.strip())})."
            )
        self.record_measured(profile_id, ratings, kind="advisor_rating", note=note)

    def advisor_ratings(self, profile_id: int) -> dict[str, AdvisorRating]:
        """Per skill, the newest advisor rating with its note (the advisor's view)."""
        with self.db.read() as s:
            rows = s.execute(
                select(
                    SkillEvidenceRecord.skill_id,
                    SkillEvidenceRecord.value,
                    SkillEvidenceRecord.note,
                    SkillEvidenceRecord.observed_at,
                )
                .where(SkillEvidenceRecord.profile_id == profile_id)
                .where(SkillEvidenceRecord.kind == "advisor_rating")
                .order_by(SkillEvidenceRecord.observed_at, SkillEvidenceRecord.id)
            ).all()
        return {
            r.skill_id: AdvisorRating(
                skill_id=r.skill_id, level=r.value, note=r.note, at=r.observed_at
            )
            for r in rows
        }

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
    def check_levels(self, levels: Mapping[str, float]) -> None:
        """ValidationError for an unknown skill or a level outside 0–100 (nothing written)."""
        self._check_levels(levels)

    def _check_levels(self, levels: Mapping[str, float]) -> None:
        for skill_id, level in levels.items():
            if skill_id not in self.catalog.skills:
                raise ValidationError(f"Unknown skill {skill_id!r}.")
            if not 0 <= float(level) <= 100:
                raise ValidationError(f"A skill level is 0–100; got {level} for {skill_id}.")

    _profile = staticmethod(profile_row)
