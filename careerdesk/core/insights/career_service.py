"""Career recommendations per learner: when to regenerate, how, and what to keep on failure.

Rules (docs/insights.md, Career recommendations):

* regenerate when there is no set yet (a new profile), when the interests changed (free
  text, questionnaire answers or course), when the location changed (the Gemini prompt names
  it), or when the set is older than 7 days;
* career paths per course are shared by everyone on that course and refreshed after 30 days;
* Gemini writes the paths when it is set up (labelled AI-generated); otherwise, or when it
  fails, the offline engine does. On an AI failure a previous AI set for the same interests
  is kept (and retried at the next refresh); anything else gets the offline set. The reason
  is logged and stored in ``last_error``, and the outcome says the previous set was kept
  (never "up to date": it is still due);
* a refresh because the set is old (or forced) asks Gemini afresh instead of reading its
  answer cache: the same prompt would otherwise return last week's answer.

The work is split so the GUI never blocks: :meth:`plan` (a read), :meth:`generate` (the
network call, no database writes of its own) and :meth:`store` (one write).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select

from careerdesk.core.insights import career_ai as ai_paths
from careerdesk.core.insights.career_models import (
    LOCATION_INPUT,
    Generated,
    RecommendationSet,
    RefreshOutcome,
    RefreshPlan,
    changed_reason,
    course_key,
)
from careerdesk.core.insights.career_rules import (
    CareerPath,
    LearnerFacts,
    OccupationRef,
    course_paths_offline,
    explore_occupations,
    levels_for_recommendations,
    recommend_offline,
)
from careerdesk.core.insights.events import RecommendationsUpdated
from careerdesk.core.insights.interests import InterestService
from careerdesk.core.insights.providers import SkillsProvider
from careerdesk.core.kernel.clock import Clock, as_utc
from careerdesk.core.kernel.errors import NotFoundError
from careerdesk.core.kernel.events import EventBus
from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.lazy import LazyReference
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.insights import CareerRecommendationSet, CourseCareerPaths
from careerdesk.core.storage.tables.profiles import Profile

log = logging.getLogger(__name__)

# The models moved to career_models.py; importers of this module keep working.
__all__ = [
    "COURSE_STALE_AFTER",
    "STALE_AFTER",
    "CareerRecommendationService",
    "Generated",
    "RecommendationSet",
    "RefreshOutcome",
    "RefreshPlan",
    "changed_reason",
    "course_key",
]

STALE_AFTER = timedelta(days=7)
COURSE_STALE_AFTER = timedelta(days=30)


class CareerRecommendationService(LazyReference):
    """Plans, generates, stores and reads career recommendations."""

    def __init__(
        self,
        db: Database,
        bus: EventBus,
        clock: Clock,
        ai: Callable[[], AIProvider],
        skills: SkillsProvider,
        *,
        catalog: Catalog | None = None,
        onet_data: OnetData | None = None,
    ) -> None:
        self.db = db
        self.bus = bus
        self.clock = clock
        self._ai = ai
        self.skills = skills
        self._catalog = catalog
        self._onet = onet_data

    # -- staleness ---------------------------------------------------------------------------
    def plan(self, profile_id: int, *, force: bool = False) -> RefreshPlan:
        """Gather the learner's facts and decide whether (and why) to regenerate."""
        now = self.clock.now()
        with self.db.read() as s:
            profile = s.get(Profile, profile_id)
            if profile is None:
                raise NotFoundError(f"Profile #{profile_id} does not exist.")
            interest = InterestService.get_in(s, profile_id)
            row = s.scalar(
                select(CareerRecommendationSet).where(
                    CareerRecommendationSet.profile_id == profile_id
                )
            )
            course = " ".join(profile.field_of_study.split())
            course_row = s.get(CourseCareerPaths, course_key(course)) if course else None
            facts = LearnerFacts(
                profile_id=profile_id,
                course=course,
                location=profile.location,
                interests_text=profile.interests,
                riasec=interest.scores if interest else None,
                target_role_ids=list(profile.target_role_ids or []),
            )
            name = profile.name
            previous = (
                (row.source, dict(row.inputs or {}), as_utc(row.last_updated)) if row else None
            )
            previous_count = row.recommendation_count if row else 0
            course_previous = (
                (course_row.source, as_utc(course_row.last_updated)) if course_row else None
            )
        facts = facts.model_copy(
            update={"levels": levels_for_recommendations(self.skills.skills(profile_id))}
        )
        inputs = {
            "interests": " ".join(facts.interests_text.lower().split()),
            "riasec": {k: round(v, 2) for k, v in sorted((facts.riasec or {}).items())} or None,
            "course": course_key(course),
            LOCATION_INPUT: " ".join(facts.location.lower().split()),
        }
        reason: str | None
        if force:
            reason = "a refresh was requested"
        elif previous is None:
            reason = "it is a new profile (no recommendations yet)"
        elif (changed := changed_reason(previous[1], inputs)) is not None:
            reason = changed
        elif now - previous[2] > STALE_AFTER:
            reason = f"they are older than 7 days (last updated {previous[2]:%Y-%m-%d})"
        else:
            reason = None
        course_reason: str | None = None
        if course:
            if course_previous is None:
                course_reason = "the course is new"
            elif force:
                course_reason = "a refresh was requested"
            elif now - course_previous[1] > COURSE_STALE_AFTER:
                course_reason = f"they are older than 30 days ({course_previous[1]:%Y-%m-%d})"
        return RefreshPlan(
            profile_id=profile_id,
            profile_name=name,
            facts=facts,
            inputs=inputs,
            reason=reason,
            previous_source=previous[0] if previous else None,
            previous_inputs=previous[1] if previous else None,
            previous_updated=previous[2] if previous else None,
            previous_count=previous_count,
            fresh=force or (previous is not None and previous[1] == inputs),
            course=course,
            course_reason=course_reason,
            previous_course_source=course_previous[0] if course_previous else None,
        )

    def staleness(self, profile_id: int) -> str | None:
        """Why the learner's recommendations need regenerating, or None when fresh."""
        plan = self.plan(profile_id)
        return plan.reason or plan.course_reason

    # -- generating (no database writes: safe on a worker thread) ---------------------------
    def generate(self, plan: RefreshPlan) -> Generated:
        """Offline paths, then Gemini's when available; AI failures are caught and logged."""
        catalog, data = self.catalog, self.onet
        out = Generated()
        ai = self._ai()
        if plan.reason is not None:
            offline = recommend_offline(plan.facts, catalog, data)
            exclude = {r.onet_code for r in catalog.roles.values()}
            out.paths = offline
            out.explore = explore_occupations(plan.facts, data, exclude)
            if offline and ai.available():
                try:
                    prompt = ai_paths.learner_prompt(plan.facts, offline, catalog)
                    answer = ai.generate(
                        prompt,
                        ai_paths.AICareerPaths,
                        system=ai_paths.SYSTEM,
                        use_cache=not plan.fresh,
                    )
                    out.paths = ai_paths.to_career_paths(answer, catalog, data, offline)
                    out.source, out.model = "ai", str(getattr(ai, "model", ai.name))
                except AIError as exc:
                    out.error = exc.message
                    out.keep_previous = (
                        plan.previous_source == "ai" and plan.previous_inputs == plan.inputs
                    )
                    log.warning(
                        "AI recommendations for %s failed (%s); %s",
                        plan.profile_name,
                        exc.kind,
                        "keeping the previous AI set" if out.keep_previous else "using offline",
                    )
        if plan.course_reason is not None:
            out.course_paths = course_paths_offline(plan.course, catalog, data)
            if ai.available():
                try:
                    answer = ai.generate(
                        ai_paths.course_prompt(plan.course, catalog),
                        ai_paths.AICareerPaths,
                        system=ai_paths.SYSTEM,
                        # A new course may reuse a cached answer; an old one is asked afresh.
                        use_cache=plan.previous_course_source is None,
                    )
                    out.course_paths = ai_paths.to_career_paths(
                        answer, catalog, data, out.course_paths
                    )
                    out.course_source = "ai"
                    out.course_model = str(getattr(ai, "model", ai.name))
                except AIError as exc:
                    out.course_error = exc.message
                    out.keep_previous_course = plan.previous_course_source == "ai"
                    log.warning("AI course paths for %r failed (%s)", plan.course, exc.kind)
        return out

    # -- storing ---------------------------------------------------------------------------
    def store(self, plan: RefreshPlan, gen: Generated) -> RefreshOutcome:
        """Write what :meth:`generate` produced; publish RecommendationsUpdated."""
        now = self.clock.now()
        regenerated = False
        with self.db.session() as s:
            if plan.reason is not None:
                row = s.scalar(
                    select(CareerRecommendationSet).where(
                        CareerRecommendationSet.profile_id == plan.profile_id
                    )
                )
                if row is None:
                    row = CareerRecommendationSet(profile_id=plan.profile_id)
                    s.add(row)
                row.last_attempt_at = now
                row.last_error = gen.error
                if not gen.keep_previous:
                    regenerated = True
                    row.source, row.model = gen.source, gen.model
                    row.recommendations = [p.model_dump(mode="json") for p in gen.paths]
                    row.explore = [o.model_dump(mode="json") for o in gen.explore]
                    row.recommendation_count = len(gen.paths)
                    row.inputs = plan.inputs
                    row.reason = plan.reason[:200]
                    row.last_updated = now
            if plan.course_reason is not None and gen.course_paths is not None:
                key = course_key(plan.course)
                crow = s.get(CourseCareerPaths, key)
                if crow is None:
                    crow = CourseCareerPaths(course_key=key, course_name=plan.course)
                    s.add(crow)
                crow.last_error = gen.course_error
                if not gen.keep_previous_course:
                    crow.course_name = plan.course
                    crow.source, crow.model = gen.course_source, gen.course_model
                    crow.paths = [p.model_dump(mode="json") for p in gen.course_paths]
                    crow.path_count = len(gen.course_paths)
                    crow.last_updated = now
        outcome = RefreshOutcome(
            profile_id=plan.profile_id,
            profile_name=plan.profile_name,
            regenerated=regenerated,
            reason=plan.reason or "up to date",
            source=gen.source,
            count=len(gen.paths),
            error=gen.error,
            course=plan.course,
            course_reason=plan.course_reason,
            kept_previous=plan.reason is not None and gen.keep_previous,
            previous_count=plan.previous_count,
            previous_updated=plan.previous_updated,
            course_error=gen.course_error,
            kept_previous_course=plan.course_reason is not None and gen.keep_previous_course,
        )
        # A kept set is a failure to refresh, not a success: logged as a warning.
        level = logging.WARNING if outcome.kept_any else logging.INFO
        log.log(level, "recommendations: %s", outcome.describe())
        if regenerated or plan.course_reason is not None:
            self.bus.publish(
                RecommendationsUpdated(
                    profile_id=plan.profile_id,
                    source=gen.source,
                    count=len(gen.paths),
                    reason=outcome.reason,
                )
            )
        return outcome

    def refresh(self, profile_id: int, *, force: bool = False) -> RefreshOutcome:
        """Plan, generate and store in one go (CLI, schedulers, tests)."""
        plan = self.plan(profile_id, force=force)
        if not plan.needed:
            with self.db.read() as s:
                updated = s.scalar(
                    select(CareerRecommendationSet.last_updated).where(
                        CareerRecommendationSet.profile_id == profile_id
                    )
                )
            when = f"last updated {as_utc(updated):%Y-%m-%d %H:%M} UTC" if updated else "fresh"
            return RefreshOutcome(
                profile_id=profile_id,
                profile_name=plan.profile_name,
                regenerated=False,
                reason=when,
                course=plan.course,
            )
        return self.store(plan, self.generate(plan))

    def refresh_all(self, *, force: bool = False) -> list[RefreshOutcome]:
        """:meth:`refresh` for every profile, by name."""
        with self.db.read() as s:
            ids = list(s.scalars(select(Profile.id).order_by(func.lower(Profile.name))))
        return [self.refresh(pid, force=force) for pid in ids]

    # -- reading ---------------------------------------------------------------------------
    def get(self, profile_id: int) -> RecommendationSet | None:
        """The stored set with its course paths, or None before the first refresh."""
        with self.db.read() as s:
            row = s.scalar(
                select(CareerRecommendationSet).where(
                    CareerRecommendationSet.profile_id == profile_id
                )
            )
            if row is None:
                return None
            profile = s.get(Profile, profile_id)
            interest = InterestService.get_in(s, profile_id)
            course = " ".join(profile.field_of_study.split()) if profile else ""
            crow = s.get(CourseCareerPaths, course_key(course)) if course else None
            result = RecommendationSet(
                profile_id=profile_id,
                source=row.source,
                model=row.model,
                paths=[CareerPath.model_validate(p) for p in row.recommendations or []],
                explore=[OccupationRef.model_validate(o) for o in row.explore or []],
                count=row.recommendation_count,
                last_updated=as_utc(row.last_updated),
                reason=row.reason,
                last_error=row.last_error,
                last_attempt_at=as_utc(row.last_attempt_at) if row.last_attempt_at else None,
                code=interest.code if interest else "",
                course=course,
                course_paths=[CareerPath.model_validate(p) for p in (crow.paths if crow else [])],
                course_source=crow.source if crow else "",
                course_updated=as_utc(crow.last_updated) if crow else None,
            )
        return result
