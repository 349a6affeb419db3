"""Outcome analytics of a profile, and the learning loop that re-fits the fit-score weights.

Verdict accuracy and the re-fit read the verdict frozen at decision time (the verdict
snapshots of :class:`~careerdesk.core.pipeline.intel.fit_service.FitService`), never the fit
stored now: a verdict that changes after applying must not grade itself (docs/intel.md).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.pipeline.intel import analytics_rules as rules
from careerdesk.core.pipeline.intel import culture_rules, facts
from careerdesk.core.pipeline.intel import fit_scoring as scoring
from careerdesk.core.pipeline.intel.fit_service import FitService, current_weights
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FitWeights, Outcome
from careerdesk.core.storage.tables.verdicts import VerdictSnapshot


class WeightsInfo(BaseModel):
    weights: dict[str, float]
    defaults: dict[str, float]
    outcomes: int
    refitted_at: datetime | None
    explanation: list[str]
    next_refit_after: int  # outcomes needed before the next re-fit


class AnalyticsReport(BaseModel):
    profile_id: int
    generated_at: datetime
    total: int
    funnel: list[rules.FunnelStage]
    time_in_stage: dict[str, float]
    breakdowns: dict[str, list[rules.BreakdownRow]]
    patterns: list[str]
    accuracy: rules.Accuracy
    judged: rules.Judged
    weights: WeightsInfo


def snapshots_of(s: Session, profile_id: int) -> dict[int, list[rules.Snapshot]]:
    """Every verdict snapshot of a profile, per application."""
    out: dict[int, list[rules.Snapshot]] = defaultdict(list)
    for row in s.scalars(select(VerdictSnapshot).where(VerdictSnapshot.profile_id == profile_id)):
        out[row.application_id].append(
            rules.Snapshot(
                state=row.state,
                verdict=row.verdict,
                components={k: float(v) for k, v in (row.components or {}).items()},
                backfilled=row.backfilled,
                taken_at=row.taken_at,
            )
        )
    return out


class AnalyticsService:
    """Funnel, breakdowns, patterns, verdict accuracy and the weight learning loop."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock | None = None,
        *,
        fit: FitService | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self.fit = fit or FitService(db, bus, self.clock)
        self._skills_cache: dict[str, list[str]] = {}

    def _fit(self) -> FitService:
        return self.fit

    # -- learning loop ---------------------------------------------------------------------
    def record_outcomes(self, profile_id: int) -> int:
        """Record outcomes of applications that have one and none recorded yet, with the
        verdict and components frozen at decision time (empty without a snapshot); re-fit
        the weights each time the count passes a multiple of ten. Returns how many were new."""
        with self.db.read() as s:
            apps = {a.id: a for a in facts.load_apps(s, profile_id)}
            history = facts.state_history(s, profile_id)
            known = set(
                s.scalars(select(Outcome.application_id).where(Outcome.profile_id == profile_id))
            )
            snaps = snapshots_of(s, profile_id)
        all_facts = facts.facts(list(apps.values()), history, {}, {})
        new = [f for f in all_facts if f.success is not None and f.id not in known]
        if not new:
            return 0
        now = self.clock.now()
        with self.db.session() as s:
            for f in new:
                decision = rules.decision_snapshot(snaps.get(f.id, []))
                s.add(
                    Outcome(
                        profile_id=profile_id,
                        application_id=f.id,
                        success=bool(f.success),
                        state=f.state,
                        verdict=decision.verdict if decision else "",
                        components=dict(decision.components) if decision else {},
                        at=now,
                    )
                )
        self._maybe_refit(profile_id)
        return len(new)

    def _maybe_refit(self, profile_id: int) -> bool:
        with self.db.read() as s:
            count = s.scalar(
                select(func.count()).select_from(Outcome).where(Outcome.profile_id == profile_id)
            )
            last = s.scalar(
                select(FitWeights.outcomes)
                .where(FitWeights.profile_id == profile_id)
                .order_by(FitWeights.id.desc())
                .limit(1)
            )
            weights = current_weights(s, profile_id)
            rows = s.execute(
                select(Outcome.application_id, Outcome.success).where(
                    Outcome.profile_id == profile_id
                )
            ).all()
            snaps = snapshots_of(s, profile_id)
        count = count or 0
        if count // scoring.REFIT_EVERY <= (last or 0) // scoring.REFIT_EVERY:
            return False
        # The components the learner saw when deciding; outcomes without a snapshot teach
        # nothing (their stored fit may have been computed after the outcome).
        learn = []
        for app_id, ok in rows:
            decision = rules.decision_snapshot(snaps.get(app_id, []))
            if decision is not None and decision.components:
                learn.append((dict(decision.components), bool(ok)))
        result = scoring.refit(weights, learn)
        with self.db.session() as s:
            s.add(
                FitWeights(
                    profile_id=profile_id,
                    weights=result.weights,
                    outcomes=count,
                    explanation=result.explanation,
                    created_at=self.clock.now(),
                )
            )
        return True

    def weights(self, profile_id: int) -> WeightsInfo:
        with self.db.read() as s:
            row = s.scalar(
                select(FitWeights)
                .where(FitWeights.profile_id == profile_id)
                .order_by(FitWeights.id.desc())
                .limit(1)
            )
            count = (
                s.scalar(
                    select(func.count())
                    .select_from(Outcome)
                    .where(Outcome.profile_id == profile_id)
                )
                or 0
            )
            step = scoring.REFIT_EVERY
            return WeightsInfo(
                weights=dict(row.weights) if row else dict(scoring.DEFAULT_WEIGHTS),
                defaults=dict(scoring.DEFAULT_WEIGHTS),
                outcomes=count,
                refitted_at=row.created_at if row else None,
                explanation=list(row.explanation) if row else [],
                next_refit_after=step - count % step,
            )

    # -- the report ------------------------------------------------------------------------
    def _required_skills(self, description: str) -> list[str]:
        """Names of the catalogue skills a posting requires (cached by text)."""
        if not description:
            return []
        key = hashlib.sha256(description.encode()).hexdigest()
        if key not in self._skills_cache:
            fit = self._fit()
            extracted = fit.extracted(description)
            self._skills_cache[key] = sorted({m.name for m in extracted.required if m.skill_id})
        return self._skills_cache[key]

    def report(self, profile_id: int, *, record: bool = True) -> AnalyticsReport:
        """Everything the Analytics view and ``careerdesk analytics`` show."""
        if record:
            self.record_outcomes(profile_id)
        with self.db.read() as s:
            apps = facts.load_apps(s, profile_id)
            history = facts.state_history(s, profile_id)
            cards = facts.company_industries(s, profile_id)
            outcomes = [
                (app_id, bool(ok))
                for app_id, ok in s.execute(
                    select(Outcome.application_id, Outcome.success)
                    .where(Outcome.profile_id == profile_id)
                    .order_by(Outcome.application_id)
                ).all()
            ]
            snaps = snapshots_of(s, profile_id)
        fit = self._fit()
        codes = fit._role_codes()
        roles: dict[int, str] = {}
        industries: dict[int, str] = {}
        skills: dict[int, list[str]] = {}
        for a in apps:
            match = fit.onet.map_title(a.title, prefer=codes)
            roles[a.id] = match.occupation if match else a.title
            industries[a.id] = culture_rules.industry_label(
                cards.get(a.company_key, ""), a.description
            )
            skills[a.id] = self._required_skills(a.description)
        all_facts = facts.facts(apps, history, roles, {}, industries=industries, skills=skills)
        judged, pairs = rules.judge(outcomes, snaps)
        now = self.clock.now()
        return AnalyticsReport(
            profile_id=profile_id,
            generated_at=now,
            total=len(apps),
            funnel=rules.funnel(all_facts),
            time_in_stage=rules.time_in_stage(all_facts, now),
            breakdowns=rules.breakdowns(all_facts),
            patterns=rules.patterns(all_facts),
            accuracy=rules.accuracy(pairs),
            judged=judged,
            weights=self.weights(profile_id),
        )
