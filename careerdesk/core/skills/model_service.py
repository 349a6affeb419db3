"""The skill model's read side: estimates per learner from the ledger (docs/skills.md).

:class:`SkillModel` keeps, per profile, a running fold of the ledger (one
:class:`~careerdesk.core.skills.model_rules.SkillFold` per skill) and reads only the rows added
since its last read: the ledger is append-only, so insights can ask for every estimate after
each change without refolding a learner's whole history. A restore or a deleted profile drops
the kept folds; a row count that does not add up starts afresh.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, as_utc
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.literals import one_of
from careerdesk.core.profiles.cache import PerProfileCache
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.skills.ledger import read_evidence
from careerdesk.core.skills.model_rules import (
    EVIDENCE_KINDS,
    Evidence,
    SkillEstimate,
    SkillFold,
    estimate_all,
    interval_text,
    sources_text,
)
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord


class EstimateView(BaseModel):
    """One skill's estimate as the faces show it (CLI ``skills --json``, the tabs)."""

    skill_id: str
    name: str
    estimate: float
    interval: tuple[float, float]
    sd: float
    evidence_count: int
    last_evidence_at: datetime
    sources: list[str]
    self_rated_only: bool
    measured: bool
    text: str  # "62 ± 12 · 5 pieces of evidence" / "70 · self-rated"
    sources_text: str


def view_of(est: SkillEstimate, catalog: Catalog) -> EstimateView:
    return EstimateView(
        skill_id=est.skill_id,
        name=catalog.skill_name(est.skill_id),
        estimate=est.estimate,
        interval=(est.low, est.high),
        sd=est.sd,
        evidence_count=est.evidence_count,
        last_evidence_at=est.last_evidence_at,
        sources=list(est.sources),
        self_rated_only=est.self_rated_only,
        measured=est.measured,
        text=interval_text(est),
        sources_text=sources_text(est.sources),
    )


def estimates_in(
    s: Session, profile_id: int, now: datetime, *, known: Catalog | None = None
) -> dict[str, SkillEstimate]:
    """Every estimate of a learner inside an open unit of work (folds the whole ledger)."""
    got = estimate_all(read_evidence(s, profile_id), now)
    if known is not None:
        got = {k: v for k, v in got.items() if k in known.skills}
    return got


class _ProfileFold:
    def __init__(self) -> None:
        self.last_id = 0
        self.count = 0
        self.folds: dict[str, SkillFold] = {}


class SkillModel(PerProfileCache["_ProfileFold"]):
    """Per-profile estimates from the ledger, folded incrementally (thread-safe)."""

    def __init__(self, db: Database, bus: EventBus, clock: Clock, catalog: Catalog) -> None:
        self.db = db
        self.clock = clock
        self.catalog = catalog
        super().__init__(bus)

    def estimates(self, profile_id: int, as_of: datetime | None = None) -> dict[str, SkillEstimate]:
        """Per catalogue skill with evidence, its estimate now (or as it stood at ``as_of``)."""
        if as_of is not None:
            cutoff = as_utc(as_of)
            with self.db.read() as s:
                items = [e for e in read_evidence(s, profile_id) if e.at <= cutoff]
            got = estimate_all(items, cutoff)
            return {k: v for k, v in got.items() if k in self.catalog.skills}
        with self.db.read() as s:
            return self.estimates_in(s, profile_id)

    def estimates_in(self, s: Session, profile_id: int) -> dict[str, SkillEstimate]:
        """:meth:`estimates` now, reading inside an open unit of work (the insights gather
        reads everything it needs in one)."""
        now = self.clock.now()
        with self._lock:
            fold = self._cache.get(profile_id) or _ProfileFold()
            conn = s.connection()
            new = _evidence_after(conn, profile_id, fold.last_id)
            total = conn.execute(_COUNT, {"pid": profile_id}).scalar()
            if fold.count + len(new) != (total or 0):
                fold = _ProfileFold()
                new = _evidence_after(conn, profile_id, 0)
            for e in new:
                if e.skill_id not in self.catalog.skills:
                    continue
                skill_fold = fold.folds.get(e.skill_id)
                if skill_fold is None:
                    skill_fold = fold.folds[e.skill_id] = SkillFold(e.skill_id)
                skill_fold.add(e)
            fold.count += len(new)
            if new:
                fold.last_id = max(fold.last_id, max(e.id for e in new))
            self._cache[profile_id] = fold
            out = {}
            for skill_id, skill_fold in fold.folds.items():
                est = skill_fold.estimate(now)
                if est is not None:
                    out[skill_id] = est
            return out


# Built once with bound parameters and run on the Core connection: insights asks for every
# estimate after each change, and building the statement and going through the ORM's
# execution path cost more than the (usually empty) read itself.
_LEDGER = SkillEvidenceRecord.__table__.c
_AFTER = (
    select(
        _LEDGER.id,
        _LEDGER.skill_id,
        _LEDGER.kind,
        _LEDGER.value,
        _LEDGER.observed_at,
        _LEDGER.difficulty,
        _LEDGER.ref,
    )
    .where(_LEDGER.profile_id == bindparam("pid"), _LEDGER.id > bindparam("after"))
    .order_by(_LEDGER.id)
)
_COUNT = select(func.count()).where(_LEDGER.profile_id == bindparam("pid"))


def _evidence_after(conn: Connection, profile_id: int, after_id: int) -> list[Evidence]:
    """Like ``ledger.read_evidence(s, profile_id, after_id=...)``, on the Core connection."""
    return [
        Evidence(rid, skill, one_of(kind, EVIDENCE_KINDS), value, as_utc(at), diff, ref)
        for rid, skill, kind, value, at, diff, ref in conn.execute(
            _AFTER, {"pid": profile_id, "after": after_id}
        ).all()
    ]
