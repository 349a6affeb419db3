"""Recommendations: rank every captured or imported posting not applied to yet by fit and
learned preferences, and find postings like one the learner liked ("more like this").

Signals: every application that was applied to is an *apply* signal (from the pipeline
itself, so nothing is missed whichever face made the move); *open* and *dismiss* are
recorded here. Collaborative scores use other profiles on this install only when both this
profile and the other one opted in (``IntelPrefs.collaborative``, off by default).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.pipeline.intel import facts
from careerdesk.core.pipeline.intel import job_recommendation_rules as rules
from careerdesk.core.pipeline.intel.fit_scoring import seniority_label
from careerdesk.core.pipeline.intel.fit_service import FitService, current_weights, fit_context
from careerdesk.core.skills.service import current_levels_in
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import IntelPrefs, PreferenceSignal, Recommendation
from careerdesk.core.storage.tables.pipeline import Application

CANDIDATE_STATES = ("SAVED", "APPLYING")
# Closed by the learner or the employer: nothing to recommend any more.
CLOSED_STATES = ("ACCEPTED", "REJECTED", "WITHDRAWN")


def is_candidate(state: str, applied_on: object) -> bool:
    """Recommendable: any posting captured or imported and not applied to (nor closed)."""
    return applied_on is None and state not in CLOSED_STATES


def known_components(
    a: Application | facts.AppInfo, fit: Any, components: dict[str, float]
) -> set[str]:
    """The fit components that carry information for this posting (docs/intel.md).

    The fit already leaves out what it knows nothing about (culture without preferences or
    signals, growth without technologies, compensation without a salary to compare); the
    skills match counts only when the posting names a required skill or has a verdict, and
    experience only with a required skill.
    """
    known = set(components)
    required = any(i.required and i.skill_id for i in fit.items)
    if not required:
        known.discard("experience")
        if fit.verdict == "unknown":
            known.discard("skills")
    return known


class SimilarOut(BaseModel):
    application_id: int
    company: str
    title: str
    state: str
    similarity: float
    reasons: list[str]


class RecommendationOut(BaseModel):
    application_id: int
    company: str
    title: str
    score: float
    confidence: float
    reasons: list[str]
    verdict: str
    created_at: datetime
    expires_at: datetime


def _attrs(app: Application | facts.AppInfo, skills: list[str], role: str) -> dict[str, Any]:
    return {
        "company": app.company_key or app.company.lower(),
        "role": role,
        "location": app.location.strip().lower(),
        "skills": skills,
        "seniority": seniority_label(app.title),
    }


class JobRecommendationService:
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
        self.fit: FitService = fit or FitService(db, bus, self.clock)

    # -- settings --------------------------------------------------------------------------
    def collaborative_enabled(self, profile_id: int) -> bool:
        with self.db.read() as s:
            return bool(
                s.scalar(
                    select(IntelPrefs.collaborative).where(IntelPrefs.profile_id == profile_id)
                )
            )

    def set_collaborative(self, profile_id: int, enabled: bool) -> None:
        """Opt this profile in or out of "people who saved X also applied to Y"."""
        with self.db.session() as s:
            row = s.scalar(select(IntelPrefs).where(IntelPrefs.profile_id == profile_id))
            if row is None:
                row = IntelPrefs(profile_id=profile_id)
                s.add(row)
            row.collaborative = enabled

    # -- signals ---------------------------------------------------------------------------
    def _role(self, title: str) -> str:
        match = self.fit.onet.map_title(title, prefer=self.fit._role_codes())
        return match.occupation if match else title.lower()

    def _skills_of(self, app: Application | facts.AppInfo) -> list[str]:

        ex = self.fit.extracted(app.description or "")
        return sorted({m.skill_id for m in ex.required if m.skill_id})

    def record(self, app_id: int, kind: str) -> None:
        """Record an ``open`` or ``dismiss`` signal (a dismiss also hides the recommendation)."""
        if kind not in ("open", "dismiss"):
            raise ValueError(kind)
        with self.db.session() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            attrs = _attrs(app, self._skills_of(app), self._role(app.title))
            s.add(
                PreferenceSignal(
                    profile_id=app.profile_id,
                    application_id=app_id,
                    kind=kind,
                    attributes=attrs,
                    at=self.clock.now(),
                )
            )
            if kind == "dismiss":
                rec = s.scalar(
                    select(Recommendation).where(Recommendation.application_id == app_id)
                )
                if rec is not None:
                    rec.status, rec.updated_at = "dismissed", self.clock.now()

    def _signals(
        self, s: Session, profile_id: int, apps: list[facts.AppInfo]
    ) -> list[tuple[str, dict[str, Any]]]:
        out: list[tuple[str, dict[str, Any]]] = []
        for a in apps:
            if a.applied_on is not None:
                out.append(("apply", _attrs(a, self._skills_of(a), self._role(a.title))))
        for kind, attrs in s.execute(
            select(PreferenceSignal.kind, PreferenceSignal.attributes)
            .where(PreferenceSignal.profile_id == profile_id)
            .order_by(PreferenceSignal.id)
        ):
            out.append((kind, dict(attrs)))
        return out

    def _collaborative(self, s: Session, profile_id: int) -> list[tuple[set[str], set[str]]]:
        others = s.scalars(
            select(IntelPrefs.profile_id).where(
                IntelPrefs.collaborative.is_(True), IntelPrefs.profile_id != profile_id
            )
        ).all()
        out = []
        for pid in others:
            apps = facts.load_apps(s, pid)
            out.append(({a.key for a in apps}, {a.key for a in apps if a.applied_on}))
        return out

    # -- ranking ---------------------------------------------------------------------------
    def refresh(self, profile_id: int) -> list[RecommendationOut]:
        """Re-rank the candidates and return the active recommendations, best first."""
        now = self.clock.now()
        with self.db.read() as s:
            apps = facts.load_apps(s, profile_id)
            levels = {k: v.level for k, v in current_levels_in(s, profile_id).items()}
            weights = current_weights(s, profile_id)
            # Expected salary (compensation) and work-style preferences (culture), docs/intel.md
            context = fit_context(s, profile_id)
            prefs = rules.learn_all(self._signals(s, profile_id, apps))
            collab_on = bool(
                s.scalar(
                    select(IntelPrefs.collaborative).where(IntelPrefs.profile_id == profile_id)
                )
            )
            others = self._collaborative(s, profile_id) if collab_on else []
            existing_view = {
                r.application_id: (r.status, r.created_at, r.expires_at)
                for r in s.scalars(
                    select(Recommendation).where(Recommendation.profile_id == profile_id)
                )
            }
        candidates = [a for a in apps if is_candidate(a.state, a.applied_on)]
        collab = rules.collaborative_scores(
            {a.key for a in apps}, others, [a.key for a in candidates]
        )
        scored: list[tuple[facts.AppInfo, rules.Scored, str]] = []
        for a in candidates:
            status = existing_view.get(a.id, ("", None, None))[0]
            if status in ("dismissed", "expired"):
                continue
            fit, components, _fit_score = self.fit.compute(
                a, levels, context=context, weights=weights
            )
            content, gate = rules.content_score(
                components,
                weights or {},
                known_components(a, fit, components),
                fit.required_match if fit.verdict != "unknown" else None,
            )
            reason = (
                f"Fit {content:.0%}: {fit.required_match:.0f}% of required skills"
                if fit.verdict != "unknown"
                else f"Fit {content:.0%} (add the job description for a skills match)"
            )
            attrs = _attrs(a, sorted({i.skill_id for i in fit.items if i.skill_id}), fit.occupation)
            c = None
            if others:
                share, n = collab.get(a.key, (0.0, 0))
                why = (
                    f"{n} {'person' if n == 1 else 'people'} who saved the same jobs as you "
                    "applied to this one."
                    if n
                    else ""
                )
                c = (share, why)
            result = rules.score_posting(a.id, content, reason, attrs, prefs, c, gate=gate)
            scored.append((a, result, fit.verdict))
        with self.db.session() as s:
            for a, result, verdict in scored:
                row = s.scalar(select(Recommendation).where(Recommendation.application_id == a.id))
                if row is not None and row.status == "active" and row.expires_at <= now:
                    row.status = "expired"
                    continue
                if result.score < rules.MIN_SCORE:
                    if row is not None and row.status == "active":
                        s.delete(row)
                    continue
                if row is None:
                    row = Recommendation(
                        profile_id=profile_id,
                        application_id=a.id,
                        created_at=now,
                        expires_at=now + timedelta(days=rules.EXPIRY_DAYS),
                    )
                    s.add(row)
                row.score, row.confidence, row.reasons = (
                    result.score,
                    result.confidence,
                    [
                        *result.reasons,
                        f"Verdict: {verdict.replace('_', ' ')}" if verdict != "unknown" else "",
                    ],
                )
                row.reasons = [r for r in row.reasons if r]
                row.updated_at = now
        return self.active(profile_id)

    def active(self, profile_id: int) -> list[RecommendationOut]:
        now = self.clock.now()
        with self.db.read() as s:
            rows = s.execute(
                select(
                    Recommendation,
                    Application.company,
                    Application.title,
                    Application.state,
                    Application.applied_on,
                )
                .join(Application, Application.id == Recommendation.application_id)
                .where(Recommendation.profile_id == profile_id, Recommendation.status == "active")
            ).all()
            fits = facts.verdicts(s, profile_id)
            out = [
                RecommendationOut(
                    application_id=r.application_id,
                    company=company,
                    title=title,
                    score=r.score,
                    confidence=r.confidence,
                    reasons=list(r.reasons),
                    verdict=fits.get(r.application_id, ""),
                    created_at=r.created_at,
                    expires_at=r.expires_at,
                )
                for r, company, title, state, applied_on in rows
                if r.expires_at > now and is_candidate(state, applied_on)
            ]
        return sorted(out, key=lambda r: (-r.score, r.application_id))

    # -- more like this --------------------------------------------------------------------
    def _traits(self, a: facts.AppInfo) -> rules.PostingTraits:
        return rules.PostingTraits(
            key=a.id,
            skills=frozenset(self._skills_of(a)),
            occupation=self._role(a.title),
            title=a.title,
            location=a.location,
            remote=a.remote,
        )

    def more_like_this(self, app_id: int, limit: int = 10) -> list[SimilarOut]:
        """Postings of the profile most like this one (any state but closed), best first.

        Also records an *open* signal for the liked posting, so the recommender learns.
        """
        with self.db.read() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            apps = facts.load_apps(s, app.profile_id)
        by_id = {a.id: a for a in apps}
        liked = self._traits(by_id[app_id])
        others = [self._traits(a) for a in apps if a.id != app_id and a.state not in CLOSED_STATES]
        self.record(app_id, "open")
        return [
            SimilarOut(
                application_id=t.key,
                company=by_id[t.key].company,
                title=by_id[t.key].title,
                state=by_id[t.key].state,
                similarity=sim,
                reasons=why,
            )
            for t, sim, why in rules.more_like_this(liked, others, limit)
        ]
