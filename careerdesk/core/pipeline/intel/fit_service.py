"""Per-job fit for applications: analyse, store the verdict, freeze it at every state change
(verdict snapshots, docs/intel.md), add the gaps to the learning path. What it returns is in
:mod:`.fit_models`."""

from __future__ import annotations

import hashlib
import statistics
from collections import OrderedDict
from datetime import UTC, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.pipeline.events import ApplicationChanged, ApplicationStateChanged, FitChanged
from careerdesk.core.pipeline.intel import culture_rules
from careerdesk.core.pipeline.intel import fit_scoring as scoring
from careerdesk.core.pipeline.intel.facts import AppInfo
from careerdesk.core.pipeline.intel.fit_models import (
    LEFT_OUT_NOTES,
    FitContext,
    FitParts,
    JobFitView,
    VerdictSnapshotOut,
)
from careerdesk.core.pipeline.intel.fit_rules import FitResult, analyse
from careerdesk.core.pipeline.intel.preferences import WorkPreferencesData, read_preferences
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData, onet
from careerdesk.core.reference.skill_extractor import ExtractedSkills, extract_skills
from careerdesk.core.skills.service import current_levels_in
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FitWeights, JobFit
from careerdesk.core.storage.tables.pipeline import Application
from careerdesk.core.storage.tables.postings import Company
from careerdesk.core.storage.tables.verdicts import VerdictSnapshot


def fit_context(s: Session, profile_id: int) -> FitContext:
    """Load a profile's :class:`FitContext` inside a caller's session."""
    mids = [
        (lo + hi) / 2
        for lo, hi in s.execute(
            select(Application.salary_min, Application.salary_max).where(
                Application.profile_id == profile_id,
                Application.salary_min.is_not(None),
                Application.salary_max.is_not(None),
            )
        )
        if lo is not None and hi is not None
    ]
    cards = {
        c.key: (c.industry, c.size, f"{c.notes}\n{c.summary}")
        for c in s.scalars(select(Company).where(Company.profile_id == profile_id))
    }
    return FitContext(
        preferences=read_preferences(s, profile_id),
        cards=cards,
        median_salary=statistics.median(mids) if mids else None,
    )


def current_weights(s: Session, profile_id: int) -> dict[str, float]:
    row = s.scalar(
        select(FitWeights)
        .where(FitWeights.profile_id == profile_id)
        .order_by(FitWeights.id.desc())
        .limit(1)
    )
    return dict(row.weights) if row is not None else dict(scoring.DEFAULT_WEIGHTS)


class FitService:
    """Fit analyses of applications (the pure rules are in ``pipeline.intel.fit_rules``)."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock | None = None,
        catalog: Catalog | None = None,
        onet_data: OnetData | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock or SystemClock()
        self.catalog = catalog or load_catalog()
        self.onet = onet_data or onet()
        self._hot: set[str] | None = None
        self._extracted: OrderedDict[str, ExtractedSkills] = OrderedDict()

    # Reading a description is the dearest step of a fit (a few ms each) and the same text is
    # read again on every move, note and recompute of its application; the result depends
    # only on the text, the catalogue and O*NET, all fixed for this service, and is read-only.
    _EXTRACTED_KEPT = 512

    def extracted(self, description: str) -> ExtractedSkills:
        """The skills a description asks for (kept for the last few hundred descriptions)."""
        found = self._extracted.get(description)
        if found is None:
            found = extract_skills(description, self.catalog, self.onet)
            self._extracted[description] = found
            if len(self._extracted) > self._EXTRACTED_KEPT:
                self._extracted.popitem(last=False)
        else:
            self._extracted.move_to_end(description)
        return found

    @property
    def hot(self) -> set[str]:
        if self._hot is None:
            self._hot = {
                t.technology for rows in self.onet.technologies.values() for t in rows if t.hot
            }
        return self._hot

    def _role_codes(self) -> set[str]:
        return {r.onet_code for r in self.catalog.roles.values()}

    def compute(
        self,
        app: Application | AppInfo,
        levels: dict[str, float],
        *,
        context: FitContext | None = None,
        weights: dict[str, float] | None = None,
    ) -> tuple[FitResult, dict[str, float], float]:
        """(fit, components, score) for an application-like object (title, description…).

        ``components`` holds only the components with information (docs/intel.md).
        """
        parts = self.compute_parts(app, levels, context=context, weights=weights)
        return parts.fit, parts.components, parts.score

    def compute_parts(
        self,
        app: Application | AppInfo,
        levels: dict[str, float],
        *,
        context: FitContext | None = None,
        weights: dict[str, float] | None = None,
    ) -> FitParts:
        ctx = context or FitContext()
        extracted = self.extracted(app.description or "")
        match = self.onet.map_title(app.title, prefer=self._role_codes())
        fit = analyse(
            extracted,
            levels,
            occupation_code=match.code if match else "",
            occupation=match.occupation if match else "",
        )
        required = [i.current or 0.0 for i in fit.items if i.required and i.skill_id]
        learner = statistics.fmean(required) if required else None
        techs = fit.technologies
        lo, hi = app.salary_min, app.salary_max
        mid = (lo + hi) / 2 if lo and hi else (lo or hi or None)
        prefs = ctx.preferences
        industry, size, card_text = ctx.cards.get(app.company_key, ("", "", ""))
        posting = culture_rules.read_posting(
            remote=app.remote,
            description=app.description or "",
            industry=industry,
            size=size,
            card_text=card_text,
        )
        culture = culture_rules.culture_match(
            prefs.work_modes, prefs.company_sizes, prefs.sectors, prefs.values, posting
        )
        compensation, pay_reason = self._compensation(app, mid, prefs, ctx.median_salary)
        tracked = any(i.status != "untracked" for i in fit.items)
        raw: dict[str, float | None] = {
            "skills": (0.8 * fit.required_match + 0.2 * fit.preferred_match) / 100
            if tracked
            else None,
            "experience": scoring.experience_component(app.title, learner),
            "culture": culture.score,
            "growth": sum(1 for t in techs if t in self.hot) / len(techs) if techs else None,
            "compensation": compensation,
        }
        components = {d: round(v, 4) for d, v in raw.items() if v is not None}
        return FitParts(
            fit=fit,
            components=components,
            score=scoring.score(components, weights or scoring.DEFAULT_WEIGHTS),
            left_out=[d for d in scoring.DIMENSIONS if d not in components],
            culture_reasons=culture.reasons,
            compensation_reason=pay_reason,
        )

    @staticmethod
    def _compensation(
        app: Application | AppInfo,
        mid: float | None,
        prefs: WorkPreferencesData,
        median: float | None,
    ) -> tuple[float | None, str]:
        if not mid:
            return None, ""
        if prefs.expected_salary:
            currency = getattr(app, "currency", "") or ""
            if prefs.currency and currency and currency.upper() != prefs.currency:
                return None, (
                    f"Pay is in {currency.upper()}, your expectation in {prefs.currency}: "
                    "not compared."
                )
            value = scoring.expected_salary_component(mid, prefs.expected_salary)
            share = (mid - prefs.expected_salary) / prefs.expected_salary
            where = "meets" if share >= 0 else f"is {-share:.0%} below"
            return (
                value,
                f"Salary midpoint {mid:,.0f} {where} your expected {prefs.expected_salary:,}.",
            )
        value = scoring.compensation_component(mid, median)
        if value is None:
            return None, ""
        return value, f"Salary midpoint {mid:,.0f} against your saved jobs' median {median:,.0f}."

    def analyse(
        self, app_id: int, *, store: bool = True, snapshot_state: str | None = None
    ) -> JobFitView:
        """The fit of one application now; stored (and announced) when the verdict changed.

        With ``snapshot_state`` the fit is also frozen as a verdict snapshot for entering
        that state, in the same transaction as the stored fit.
        """
        with self.db.read() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            pid = app.profile_id
            levels = {k: v.level for k, v in current_levels_in(s, pid).items()}
            weights = current_weights(s, pid)
            parts = self.compute_parts(app, levels, context=fit_context(s, pid), weights=weights)
            view = JobFitView(
                **parts.fit.model_dump(),
                application_id=app.id,
                company=app.company,
                title=app.title,
                score=parts.score,
                components=parts.components,
                weights=weights,
                effective_weights=scoring.effective_weights(parts.components, weights),
                left_out=parts.left_out,
                notes=[LEFT_OUT_NOTES[d] for d in parts.left_out],
                culture_reasons=parts.culture_reasons,
                compensation_reason=parts.compensation_reason,
            )
            text_hash = hashlib.sha256(app.description.encode()).hexdigest()
        if store or snapshot_state:
            self._store(pid, view, text_hash, snapshot_state)
        return view

    def _store(
        self, pid: int, view: JobFitView, text_hash: str, snapshot_state: str | None = None
    ) -> None:
        with self.db.session() as s:
            if s.get(Application, view.application_id) is None:
                return  # deleted meanwhile: nothing to store
            row = s.scalar(select(JobFit).where(JobFit.application_id == view.application_id))
            changed = row is None or row.verdict != view.verdict
            if row is None:
                row = JobFit(profile_id=pid, application_id=view.application_id)
                s.add(row)
            row.verdict = view.verdict
            row.score = view.score
            row.required_match = view.required_match
            row.hours_to_close = view.hours_to_close
            row.components = view.components
            row.detail = {"reasons": view.reasons, "label": view.label}
            row.text_hash = text_hash
            row.computed_at = self.clock.now()
            if snapshot_state:
                s.add(
                    VerdictSnapshot(
                        profile_id=pid,
                        application_id=view.application_id,
                        state=snapshot_state,
                        verdict=view.verdict,
                        score=view.score,
                        required_match=view.required_match,
                        reasons=list(view.reasons),
                        components=dict(view.components),
                        backfilled=False,
                        taken_at=self.clock.now(),
                    )
                )
        if changed:
            self.bus.publish(
                FitChanged(profile_id=pid, application_id=view.application_id, verdict=view.verdict)
            )

    # -- verdict snapshots -----------------------------------------------------------------
    def on_application_changed(self, event: ApplicationChanged) -> None:
        """Freeze the verdict whenever an application enters a state (subscribed at start).

        A created application is frozen in its first state; a reverted move drops the
        snapshot that move took (it was never a decision).
        """
        if isinstance(event, ApplicationStateChanged) and event.change == "state":
            self.snapshot(event.application_id, event.to_state)
        elif isinstance(event, ApplicationStateChanged) and event.change == "state_reverted":
            self._drop_reverted(event.application_id, event.from_state)
        elif event.change == "created":
            with self.db.read() as s:
                state = s.scalar(
                    select(Application.state).where(Application.id == event.application_id)
                )
            if state is not None:
                self.snapshot(event.application_id, state)

    def snapshot(self, app_id: int, state: str) -> JobFitView | None:
        """Analyse ``app_id`` now and freeze the result for entering ``state``."""
        try:
            return self.analyse(app_id, snapshot_state=state)
        except NotFoundError:
            return None  # deleted before the listener ran

    def _drop_reverted(self, app_id: int, state: str) -> None:
        with self.db.session() as s:
            row = s.scalar(
                select(VerdictSnapshot)
                .where(VerdictSnapshot.application_id == app_id)
                .order_by(VerdictSnapshot.taken_at.desc(), VerdictSnapshot.id.desc())
                .limit(1)
            )
            if row is not None and row.state == state and not row.backfilled:
                s.delete(row)

    def snapshots(self, app_id: int) -> list[VerdictSnapshotOut]:
        """An application's verdict snapshots, oldest first."""
        with self.db.read() as s:
            rows = s.scalars(
                select(VerdictSnapshot)
                .where(VerdictSnapshot.application_id == app_id)
                .order_by(VerdictSnapshot.taken_at, VerdictSnapshot.id)
            ).all()
            return [VerdictSnapshotOut.model_validate(r, from_attributes=True) for r in rows]

    def verdicts(self, profile_id: int) -> dict[int, str]:
        """Stored verdict per application (for board cards)."""
        with self.db.read() as s:
            return dict(
                s.execute(
                    select(JobFit.application_id, JobFit.verdict).where(
                        JobFit.profile_id == profile_id
                    )
                ).all()
            )

    def analyse_all(self, profile_id: int) -> int:
        """Analyse every application of a profile that has a description; returns how many."""
        with self.db.read() as s:
            ids = s.scalars(
                select(Application.id).where(
                    Application.profile_id == profile_id, Application.description != ""
                )
            ).all()
        for app_id in ids:
            self.analyse(app_id)
        return len(ids)

    # -- learning path ---------------------------------------------------------------------
    def add_gaps_to_learning_path(self, app_id: int) -> list[str]:
        """Append learning items for the job's gaps to the current path (see
        :func:`.fit_learning.add_gaps_to_learning_path`); returns the skills added."""
        from careerdesk.core.pipeline.intel.fit_learning import add_gaps_to_learning_path

        return add_gaps_to_learning_path(self, app_id)

    def backfill_snapshots(self, profile_id: int) -> int:
        """Back-fill a decision snapshot for applications applied to without one (or with
        only a "No verdict" one), from the fit now, dated at the applied date and flagged
        ``backfilled`` — the rule migration 0017 applies to data from before snapshots.
        Returns how many were added."""
        with self.db.read() as s:
            rows = s.execute(
                select(Application.id, Application.applied_on).where(
                    Application.profile_id == profile_id, Application.applied_on.is_not(None)
                )
            ).all()
            decided = set(
                s.scalars(
                    select(VerdictSnapshot.application_id).where(
                        VerdictSnapshot.profile_id == profile_id,
                        VerdictSnapshot.state == "APPLIED",
                        VerdictSnapshot.verdict != "unknown",
                    )
                )
            )
        added = 0
        for app_id, applied_on in rows:
            if app_id in decided or applied_on is None:
                continue
            view = self.analyse(app_id)
            with self.db.session() as s:
                s.add(
                    VerdictSnapshot(
                        profile_id=profile_id,
                        application_id=app_id,
                        state="APPLIED",
                        verdict=view.verdict,
                        score=view.score,
                        required_match=view.required_match,
                        reasons=list(view.reasons),
                        components=dict(view.components),
                        backfilled=True,
                        taken_at=datetime.combine(applied_on, time(0, 0), tzinfo=UTC),
                    )
                )
            added += 1
        return added
