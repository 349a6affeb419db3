"""Per-job fit for applications: analyse, store the verdict, add the gaps to the learning path."""

from __future__ import annotations

import hashlib
import statistics

from sqlalchemy import select
from sqlalchemy.orm import Session

from careerdesk.core.kernel.clock import Clock, SystemClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.learning.content_sync import ensure_catalog_content
from careerdesk.core.learning.events import LearningPathChanged
from careerdesk.core.learning.queries import candidates_of, items_of, latest_path_id
from careerdesk.core.learning.suggestions import plan_path
from careerdesk.core.pipeline.events import FitChanged
from careerdesk.core.pipeline.intel import fit_scoring as scoring
from careerdesk.core.pipeline.intel.facts import AppInfo
from careerdesk.core.pipeline.intel.fit_rules import FitResult, analyse
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.levels import band
from careerdesk.core.reference.onet import OnetData, onet
from careerdesk.core.reference.skill_extractor import extract_skills
from careerdesk.core.skills.gaps import GapAnalysisItem
from careerdesk.core.skills.service import current_levels_in
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FitWeights, JobFit
from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem
from careerdesk.core.storage.tables.pipeline import Application


class JobFitView(FitResult):
    application_id: int
    company: str
    title: str
    score: float
    components: dict[str, float]
    weights: dict[str, float]


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
        culture: float = 0.5,
        median_salary: float | None = None,
        weights: dict[str, float] | None = None,
    ) -> tuple[FitResult, dict[str, float], float]:
        """(fit, components, score) for an application-like object (title, description…)."""
        extracted = extract_skills(app.description or "", self.catalog, self.onet)
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
        components = {
            "skills": round((0.8 * fit.required_match + 0.2 * fit.preferred_match) / 100, 4),
            "experience": round(scoring.experience_component(app.title, learner), 4),
            "culture": round(culture, 4),
            "growth": round(sum(1 for t in techs if t in self.hot) / len(techs), 4)
            if techs
            else 0.5,
            "compensation": round(scoring.compensation_component(mid, median_salary), 4),
        }
        score = scoring.score(components, weights or scoring.DEFAULT_WEIGHTS)
        return fit, components, score

    def analyse(self, app_id: int, *, store: bool = True) -> JobFitView:
        """The fit of one application now; stored (and announced) when the verdict changed."""
        with self.db.read() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError("That application no longer exists.")
            pid = app.profile_id
            levels = {k: v.level for k, v in current_levels_in(s, pid).items()}
            weights = current_weights(s, pid)
            mids = [
                (a.salary_min + a.salary_max) / 2
                for a in s.scalars(
                    select(Application).where(
                        Application.profile_id == pid,
                        Application.salary_min.is_not(None),
                        Application.salary_max.is_not(None),
                    )
                )
                if a.salary_min is not None and a.salary_max is not None
            ]
            fit, components, score = self.compute(
                app,
                levels,
                median_salary=statistics.median(mids) if mids else None,
                weights=weights,
            )
            view = JobFitView(
                **fit.model_dump(),
                application_id=app.id,
                company=app.company,
                title=app.title,
                score=score,
                components=components,
                weights=weights,
            )
            text_hash = hashlib.sha256(app.description.encode()).hexdigest()
        if store:
            self._store(pid, view, text_hash)
        return view

    def _store(self, pid: int, view: JobFitView, text_hash: str) -> None:
        with self.db.session() as s:
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
        if changed:
            self.bus.publish(
                FitChanged(profile_id=pid, application_id=view.application_id, verdict=view.verdict)
            )

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
        """Append learning items for the job's missing and partial skills to the current path.

        A new path snapshot is written (the learning feature's history stays intact): the
        current items first, then content for the job's gaps in priority order. Returns the
        names of the skills added; ValidationError when there is nothing to add.
        """
        view = self.analyse(app_id, store=False)
        gaps = [g for g in view.gaps if g.skill_id]
        if not gaps:
            raise ValidationError("This job shows no skill gaps to learn: nothing to add.")
        ensure_catalog_content(self.db, self.catalog)
        with self.db.read() as s:
            app = s.get(Application, app_id)
            assert app is not None
            pid = app.profile_id
            candidates = candidates_of(s, pid)
            prev_id = latest_path_id(s, pid)
            prev = s.get(LearningPath, prev_id) if prev_id else None
            before = items_of(s, prev_id, pid) if prev_id else []
        skill_gaps = [
            GapAnalysisItem(
                skill_id=g.skill_id or "",
                skill_name=g.name,
                current=g.current or 0.0,
                source=None,
                measured_at=None,
                target=g.implied,
                importance=5 if g.required else 3,
                gap=float(g.implied - (g.current or 0.0)),
                priority=g.impact,
                from_band=band(g.current or 0.0),
                to_band=band(g.implied),
                hours=g.hours,
            )
            for g in gaps
        ]
        label = f"{view.title} at {view.company}"
        planned = plan_path(skill_gaps, candidates, label)
        existing = {i.content_id for i in before}
        new = [p for p in planned if p.content_id not in existing]
        if not new:
            raise ValidationError("Your learning path already has the content for this job's gaps.")
        now = self.clock.now()
        with self.db.session() as s:
            row = LearningPath(
                profile_id=pid,
                role_id=prev.role_id if prev else "",
                created_at=now,
                total_hours=round((prev.total_hours if prev else 0.0) + view.hours_to_close, 1),
                content_hours=round(
                    (prev.content_hours if prev else 0.0) + sum(p.est_hours for p in new), 1
                ),
                summary=(prev.summary + "\n" if prev and prev.summary else "")
                + f"Added for {label}: {', '.join(g.name for g in gaps)}.",
                gaps=list(prev.gaps) if prev else [],
                changes={"added_for_application": app_id},
                assessment_id=prev.assessment_id if prev else None,
            )
            s.add(row)
            s.flush()
            position = 0
            for item in before:
                s.add(
                    LearningPathItem(
                        profile_id=pid,
                        path_id=row.id,
                        content_id=item.content_id,
                        position=position,
                        skill_id=item.skill,
                        reason=item.reason,
                        est_hours=item.est_hours,
                    )
                )
                position += 1
            for p in new:
                s.add(
                    LearningPathItem(
                        profile_id=pid,
                        path_id=row.id,
                        content_id=p.content_id,
                        position=position,
                        skill_id=p.skill_id,
                        reason=p.reason,
                        est_hours=p.est_hours,
                    )
                )
                position += 1
            path_id = row.id
        self.bus.publish(LearningPathChanged(profile_id=pid, path_id=path_id))
        return sorted({g.name for g in gaps if any(p.skill_id == g.skill_id for p in new)})
