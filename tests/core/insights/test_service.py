"""The insights gatherer and its storage: providers, snapshots on change, history, companies."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from careerdesk.app import App
from careerdesk.core.assessments.events import AssessmentCompleted
from careerdesk.core.insights.events import InsightsUpdated, TargetCompaniesChanged
from careerdesk.core.insights.providers import (
    PipelinePosting,
    ServiceLearningProvider,
    ServiceSkillsProvider,
)
from careerdesk.core.insights.service import InsightsService, is_trigger
from careerdesk.core.insights.target_companies import CompanyEdit, TargetCompanyService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.kernel.events import DataRestored
from careerdesk.core.learning.events import (
    ContentCompleted,
    ContentProgressChanged,
    LearningPathChanged,
)
from careerdesk.core.learning.service import LearningService
from careerdesk.core.pipeline.events import ApplicationChanged
from careerdesk.core.player.events import VideoProgressed
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.storage.tables.insights import InsightSnapshot
from tests.insights_support import path, record_levels, target, watch


@pytest.fixture
def clock(app: App) -> FixedClock:
    fixed = FixedClock()
    app.clock = fixed
    return fixed


@pytest.fixture
def learner(app: App) -> int:
    profile = app.profiles.create("Lee")
    target(app, profile.id, "data_analyst")
    return profile.id


def published(app: App, kind: type) -> list[Any]:
    seen: list[Any] = []
    app.bus.subscribe(kind, seen.append)
    return seen


def test_recompute_stores_a_snapshot_only_when_a_number_changes(
    app: App, clock: FixedClock, learner: int
) -> None:
    svc = app.service(InsightsService)
    events = published(app, InsightsUpdated)

    first = svc.recompute(learner)
    assert first.stored and first.document.readiness.value == 0.0
    clock.advance(minutes=5)
    assert not svc.recompute(learner).stored
    assert len(events) == 1

    # An SQL score of 60 against Data Analyst's 75 (importance 5 of 27): 0.7 × 100 × 4/27
    record_levels(app, learner, {"sql": 60}, clock.now())
    clock.advance(minutes=1)
    third = svc.recompute(learner)
    assert third.stored
    assert third.document.readiness.assessment_component == pytest.approx(14.8)
    assert third.document.readiness.value == pytest.approx(10.4)
    assert [e.readiness for e in events] == [0.0, 10.4]
    assert events[-1].profile_id == learner

    history = svc.history(learner)
    assert [p.readiness for p in history] == [0.0, 10.4]
    assert history[0].computed_at < history[1].computed_at
    assert set(history[1].chances) == {"Google", "Microsoft", "Amazon", "Meta", "Apple", "Netflix"}
    latest = svc.latest(learner)
    assert latest is not None and latest.readiness.value == pytest.approx(10.4)
    with app.db.read() as s:
        kept = s.scalar(
            select(func.count())
            .select_from(InsightSnapshot)
            .where(InsightSnapshot.document.is_not(None))
        )
    assert kept == 1  # only the newest row carries the whole document


def test_learning_path_counts_through_the_learning_service(
    app: App, clock: FixedClock, learner: int
) -> None:
    from careerdesk.core.learning.service import LearningService

    items = path(app, learner)
    n = len(items)
    video = next(i for i in items if i.kind == "video")
    done = next(i for i in items if i.content_id != video.content_id)
    app.service(LearningService).mark_done(learner, done.content_id)
    watch(app, learner, video.content_id, 0.5)
    doc = app.service(InsightsService).recompute(learner).document
    # one item DONE (1) + a half-watched video (0.5) over n items
    assert doc.readiness.learning_component == pytest.approx(round(100 * 1.5 / n, 1))
    # the done item is study of each skill it teaches: min(4, its hours shared) points each
    # (docs/skills.md); data_analyst's importances add up to 27
    credit = min(4.0, done.est_hours / len(done.skills))
    role = {"data_analysis": (80, 5), "sql": (75, 5), "statistics": (60, 4),
            "communication": (70, 4), "problem_solving": (65, 4), "python": (50, 3),
            "databases": (35, 2)}  # fmt: skip
    assessment = sum(w * min(credit / t, 1) for k, (t, w) in role.items() if k in done.skills)
    assessment = 100 * assessment / 27
    assert doc.readiness.assessment_component == pytest.approx(round(assessment, 1))
    assert doc.readiness.value == pytest.approx(round(0.7 * assessment + 30 * 1.5 / n, 1))
    assert (doc.readiness.path_items, doc.readiness.path_items_done) == (n, 1)
    content = next(a for a in doc.next_actions if a.kind == "content")
    assert content.content_id not in (done.content_id, None)


def test_self_ratings_are_a_weak_prior_of_the_one_estimate(
    app: App, clock: FixedClock, learner: int
) -> None:
    from careerdesk.core.skills.service import SkillProfileService

    record_levels(app, learner, {"sql": 50}, clock.now() - timedelta(days=3))
    skills_svc = app.service(SkillProfileService)
    skills_svc.set_self_ratings(learner, {"sql": 90, "python": 70})
    skills = ServiceSkillsProvider(skills_svc, app.bus).skills(learner)
    # sql: prior N(90, 25²), score 50 (sd 12): 90 + 625/769 × (50 − 90) = 57.5
    assert (skills["sql"].measured, skills["sql"].measured_source) == (57.5, "assessment")
    assert (skills["sql"].self_rated, skills["sql"].best) == (90, 57.5)
    # python: only self-rated (70), labelled so
    assert (skills["python"].measured, skills["python"].self_rated) == (None, 70)
    assert skills["python"].best == 70 and skills["python"].self_rated_only
    doc = app.service(InsightsService).compute(learner)
    # readiness and match read the same estimates: 100 × (5 × 57.5/75 + 3 × 1) / 27
    assessment = 100 * (5 * 57.5 / 75 + 3) / 27
    assert doc.readiness.value == pytest.approx(round(0.7 * assessment, 1))
    analyst = next(m for m in doc.roles if m.role_id == "data_analyst")
    assert analyst.match == pytest.approx(round(assessment, 1))


def test_recompute_at_a_past_moment_rebuilds_history(
    app: App, clock: FixedClock, learner: int
) -> None:
    from careerdesk.core.learning.service import LearningService

    now = clock.now()
    record_levels(app, learner, {"sql": 30}, now - timedelta(days=10))
    record_levels(app, learner, {"sql": 75}, now - timedelta(days=2))
    items = path(app, learner)
    clock.set(now - timedelta(days=4))
    app.service(LearningService).mark_done(learner, items[0].content_id)
    clock.set(now)
    svc = app.service(InsightsService)
    n = len(items)

    week_ago = svc.recompute(learner, at=now - timedelta(days=7)).document
    three_days_ago = svc.recompute(learner, at=now - timedelta(days=3)).document
    today = svc.recompute(learner).document

    # sql 30/75 × 5/27, then one of n items done (study: min(4, its hours shared) points on
    # each skill it teaches, docs/skills.md), then sql 75/75
    done = items[0]
    assert "sql" not in done.skills  # sql is met today, so the path starts elsewhere
    credit = min(4.0, done.est_hours / len(done.skills))
    role = {"data_analysis": (80, 5), "statistics": (60, 4), "communication": (70, 4),
            "problem_solving": (65, 4), "python": (50, 3), "databases": (35, 2)}  # fmt: skip
    study = 100 * sum(w * min(credit / t, 1) for k, (t, w) in role.items() if k in done.skills)
    study /= 27
    assert week_ago.readiness.assessment_component == pytest.approx(7.4)
    assert week_ago.readiness.learning_component == 0.0
    assert three_days_ago.readiness.learning_component == pytest.approx(round(100 / n, 1))
    assert today.readiness.assessment_component == pytest.approx(round(100 * 5 / 27 + study, 1))
    expected = [
        0.7 * 100 * 5 * 30 / 75 / 27,
        0.7 * (100 * 5 * 30 / 75 / 27 + study) + 0.3 * 100 / n,
        0.7 * (100 * 5 / 27 + study) + 0.3 * 100 / n,
    ]
    assert [p.readiness for p in svc.history(learner)] == [round(x, 1) for x in expected]


def test_real_pipeline_supplies_companies_and_openings(app: App, learner: int) -> None:
    from careerdesk.core.pipeline.service import ApplicationService

    pipeline = app.service(ApplicationService)
    updates = published(app, InsightsUpdated)
    pipeline.create(learner, {"company": "Monzo", "title": "Senior Data Analyst"})
    pipeline.create(learner, {"company": "Costa", "title": "Data Analyst II", "state": "APPLIED"})
    other = app.profiles.create("Other").id
    pipeline.create(other, {"company": "Initech", "title": "Data Analyst"})

    svc = app.service(InsightsService)
    assert svc.pipeline.available()
    doc = svc.compute(learner)
    analyst = next(m for m in doc.roles if m.role_id == "data_analyst")
    assert analyst.openings == 2  # only this learner's applications count
    pipeline_companies = [c.name for c in doc.companies if c.source == "pipeline"]
    assert sorted(pipeline_companies) == ["Costa", "Monzo"]
    assert "Initech" not in [c.name for c in doc.companies]
    svc.recompute(learner)
    assert updates, "a pipeline change reaches the stored insights"


def test_pipeline_provider_supplies_postings_and_companies(app: App, learner: int) -> None:
    class Pipeline:
        def available(self) -> bool:
            return True

        def postings(self, profile_id: int) -> list[PipelinePosting]:
            return [
                PipelinePosting(company="Monzo", title="Senior Data Analyst", state="applied"),
                PipelinePosting(company="Monzo", title="Data Analyst II", state="saved"),
                PipelinePosting(company="Costa", title="Barista", state="saved"),
            ]

    real = app.service(InsightsService)
    service = InsightsService(
        app.db, app.bus, app.clock, skills=real.skills, learning=real.learning, pipeline=Pipeline()
    )
    doc = service.compute(learner)
    analyst = next(m for m in doc.roles if m.role_id == "data_analyst")
    assert analyst.openings == 2  # both titles map to O*NET 15-2051.01
    assert next(m for m in doc.roles if m.role_id == "ux_designer").openings is None
    names = [c.name for c in doc.companies]
    assert names[-2:] == ["Monzo", "Costa"]
    assert doc.companies[-1].source == "pipeline" and doc.companies[-1].difficulty == 1.0


def test_unknown_profile_is_a_user_error(app: App) -> None:
    with pytest.raises(NotFoundError):
        app.service(InsightsService).recompute(999)


def test_deleting_a_profile_removes_its_history(app: App, learner: int) -> None:
    app.service(InsightsService).recompute(learner)
    app.profiles.delete(learner)
    with app.db.read() as s:
        assert s.scalar(select(func.count()).select_from(InsightSnapshot)) == 0


def test_trigger_events() -> None:
    for event in (
        AssessmentCompleted(profile_id=1, session_id=1, overall_score=50),
        VideoProgressed(profile_id=1, content_id=1, watched_fraction=0.5),
        ContentCompleted(profile_id=1, content_id=1),
        ContentProgressChanged(profile_id=1, content_id=1, state="DONE"),
        LearningPathChanged(profile_id=1, path_id=1),
        TargetRoleChanged(profile_id=1, role_ids=("x",)),
        ApplicationChanged(profile_id=1, application_id=1, change="state"),
        TargetCompaniesChanged(profile_id=1),
    ):
        assert is_trigger(event), event
    # Its own output must not trigger another recompute (no loop).
    assert not is_trigger(InsightsUpdated(profile_id=1, readiness=3))
    assert not is_trigger(ProfileUpdated(profile_id=1, fields=("name",)))


# --- target companies ------------------------------------------------------------------------
def test_companies_default_then_edit_then_reset(app: App, learner: int) -> None:
    svc = app.service(TargetCompanyService)
    events = published(app, TargetCompaniesChanged)
    assert [c.name for c in svc.list(learner)] == [
        "Google",
        "Microsoft",
        "Amazon",
        "Meta",
        "Apple",
        "Netflix",
    ]
    edited = svc.set_companies(
        learner,
        [
            CompanyEdit(name="  Monzo   Bank ", difficulty=0.9),
            CompanyEdit(name="google", difficulty=1.5),
        ],
    )
    assert [(c.name, c.difficulty, c.source) for c in edited] == [
        ("Monzo Bank", 0.9, "custom"),
        ("google", 1.5, "default"),
    ]
    # Removed defaults stay removed after the next read.
    assert [c.name for c in svc.list(learner)] == ["Monzo Bank", "google"]
    assert svc.set_companies(learner, []) == []
    assert svc.list(learner) == []
    assert svc.reset(learner)[0].name == "Google"
    assert len(svc.list(learner)) == 6
    assert len(events) == 3


def test_companies_refuse_duplicates_and_bad_factors(app: App, learner: int) -> None:
    svc = app.service(TargetCompanyService)
    with pytest.raises(ValidationError):
        svc.set_companies(learner, [CompanyEdit(name="Acme"), CompanyEdit(name="ACME")])
    assert len(svc.list(learner)) == 6  # nothing changed
    with pytest.raises(ValueError):
        CompanyEdit(name="Acme", difficulty=5)
    with pytest.raises(ValueError):
        CompanyEdit(name="   ")


def test_difficulty_changes_chances_and_history(app: App, learner: int) -> None:
    insights = app.service(InsightsService)
    before = insights.recompute(learner).document
    app.service(TargetCompanyService).set_companies(
        learner, [CompanyEdit(name="Easy Co", difficulty=0.5)]
    )
    after = insights.recompute(learner)
    assert after.stored
    assert [c.name for c in after.document.companies] == ["Easy Co"]
    assert after.document.companies[0].probability > max(c.probability for c in before.companies)


def test_history_limit_returns_newest(app: App, clock: FixedClock, learner: int) -> None:
    svc = app.service(InsightsService)
    svc.recompute(learner)
    for factor in (0.6, 0.7, 0.8):
        clock.advance(hours=1)
        app.service(TargetCompanyService).set_companies(
            learner, [CompanyEdit(name="Co", difficulty=factor)]
        )
        svc.recompute(learner)
    points = svc.history(learner, limit=2)
    assert len(points) == 2
    assert points[0].computed_at < points[1].computed_at == clock.now()


def test_module_text_is_documented() -> None:
    import careerdesk.core.insights.formulas as formulas

    assert "0.7 × assessment + 0.3 × learning" in textwrap.dedent(formulas.__doc__ or "")


def test_running_reads_stay_equal_to_full_reads(app: App, learner: int) -> None:
    """The providers read only what changed; the result must equal reading everything."""
    from careerdesk.core.insights.providers import skill_inputs_from
    from careerdesk.core.skills.ledger import read_evidence
    from careerdesk.core.skills.model_rules import estimate_all
    from careerdesk.core.skills.service import SkillProfileService

    skills_svc = app.service(SkillProfileService)
    insights = app.service(InsightsService)
    t0 = datetime(2026, 1, 5, tzinfo=UTC)

    def full_skills() -> dict[str, Any]:
        with app.db.read() as s:
            return skill_inputs_from(estimate_all(read_evidence(s, learner), app.clock.now()))

    skills_svc.set_self_ratings(learner, {"sql": 40, "python": 55})
    assert insights.skills.skills(learner) == full_skills()
    record_levels(app, learner, {"sql": 62}, t0)
    record_levels(app, learner, {"sql": 48}, t0 - timedelta(days=3))  # older, arrives later
    skills_svc.set_self_ratings(learner, {"python": 70})
    current = insights.skills.skills(learner)
    assert current == full_skills()
    # sql: prior N(40, 25²); the older 48 was restated by 62 (the helper's ref), so one
    # observation 62 (sd 12): 40 + 625/769 × 22 = 57.9
    assert current["sql"].measured == 57.9 and current["python"].self_rated == 70

    items = path(app, learner)
    first = insights.learning.path_items(learner)
    assert [i.state for i in first] == ["NOT_STARTED"] * len(items)
    watch(app, learner, items[0].content_id, 0.5)
    second = insights.learning.path_items(learner)
    assert second[0].state == "IN_PROGRESS" and second[0].watched_fraction == 0.5
    assert second[1] is first[1]  # untouched items are reused, not rebuilt
    fresh = ServiceLearningProvider(app.service(LearningService), app.db, app.bus).path_items(
        learner
    )
    assert [(i.content_id, i.state, i.watched_fraction) for i in second] == [
        (i.content_id, i.state, i.watched_fraction) for i in fresh
    ]

    # A restore replaces the data under the running reads: they start again.
    app.bus.publish(DataRestored(profile_id=None))
    assert not skills_svc.model._cache and not insights.learning._paths
    assert insights.skills.skills(learner) == full_skills()
