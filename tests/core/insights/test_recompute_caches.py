"""What the recompute keeps between calls must never show stale numbers (docs/insights.md).

The app's InsightsService reads in one session, keeps per profile the folded skill model and
the current path's items, and reads only what changed. Each test makes one kind of change and
compares the next recompute with an independent oracle: a second InsightsService whose
providers keep nothing and read everything from scratch (the whole ledger folded by
``estimate_all``, the path read through ``LearningService``), on a bus of its own so that no
event reaches it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from careerdesk.app import App
from careerdesk.core.insights import formulas
from careerdesk.core.insights.models import PathItemInput, PostingInput, SkillInput
from careerdesk.core.insights.providers import PipelinePosting, skill_inputs_from
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.kernel.events import DataRestored, EventBus
from careerdesk.core.learning.service import LearningService
from careerdesk.core.pipeline.insights_provider import ApplicationsPipelineProvider
from careerdesk.core.reference.catalog import Role, RoleSkill, load_catalog
from careerdesk.core.skills import ledger
from careerdesk.core.skills.ledger import NewEvidence
from careerdesk.core.skills.model_rules import estimate_all
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.core.storage.tables.content import ContentProgress
from careerdesk.core.storage.tables.insights import InsightSnapshot
from careerdesk.core.storage.tables.skills import SkillEvidenceRecord
from tests.insights_support import path, take_assessment, target, watch

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class _ScratchSkills:
    """Every estimate folded from the whole ledger (no running fold)."""

    def __init__(self, app: App) -> None:
        self.app = app

    def skills(self, profile_id: int, as_of: datetime | None = None) -> dict[str, SkillInput]:
        with self.app.db.read() as s:
            evidence = ledger.read_evidence(s, profile_id)
        known = load_catalog().skills
        got = estimate_all(evidence, self.app.clock.now())
        return skill_inputs_from({k: v for k, v in got.items() if k in known})


class _ScratchPath:
    """The current path and its progress, read whole through LearningService."""

    def __init__(self, app: App) -> None:
        self.app = app

    def path_items(self, profile_id: int, as_of: datetime | None = None) -> list[PathItemInput]:
        views = self.app.service(LearningService).current_path_items(profile_id)
        return [
            PathItemInput(
                content_id=v.content_id,
                title=v.title,
                kind=v.kind,
                skills=tuple(v.skills),
                level=v.level,
                est_hours=float(v.est_hours),
                state=v.state,
                watched_fraction=max(0.0, min(1.0, float(v.watched_fraction))),
                position=v.position,
            )
            for v in views
        ]


class _ScratchPipeline:
    def __init__(self, app: App) -> None:
        self.inner = ApplicationsPipelineProvider(app.db)

    def available(self) -> bool:
        return True

    def postings(self, profile_id: int) -> list[PipelinePosting]:
        return self.inner.postings(profile_id)


@pytest.fixture
def clock(app: App) -> FixedClock:
    fixed = FixedClock(NOW)
    app.clock = fixed
    return fixed


def oracle(app: App) -> InsightsService:
    """A fresh service that keeps nothing: its providers lack the in-session reads."""
    return InsightsService(
        app.db,
        EventBus(),
        app.clock,
        skills=_ScratchSkills(app),
        learning=_ScratchPath(app),
        pipeline=_ScratchPipeline(app),
    )


def numbers(doc: Any) -> dict[str, Any]:
    return doc.model_dump(mode="json")  # type: ignore[no-any-return]


def agrees(app: App, profile_id: int) -> dict[str, Any]:
    """Recompute with the app's service; assert it equals the from-scratch oracle."""
    got = numbers(app.service(InsightsService).recompute(profile_id).document)
    formulas._MATCHES.clear()  # the oracle computes every role match afresh
    assert got == numbers(oracle(app).compute(profile_id))
    return got


def answers(app: App, profile_id: int, skill: str, right: list[bool], at: datetime) -> None:
    """Quiz answers appended to the ledger the way the assessments feature appends them."""
    with app.db.session() as s:
        ledger.append(
            s,
            profile_id,
            [NewEvidence(skill, "quiz_answer", float(r), at, 50.0) for r in right],
        )


def test_each_kind_of_change_shows_in_the_next_recompute(app: App, clock: FixedClock) -> None:
    learner = app.profiles.create("Lee").id
    target(app, learner, "data_analyst")
    svc = app.service(InsightsService)
    first = agrees(app, learner)
    assert first["readiness"]["path_items"] == 0  # no path yet

    # a quiz answered through the real assessment service
    take_assessment(app, learner, ["sql"])
    after_quiz = agrees(app, learner)
    assert after_quiz["readiness"] != first["readiness"]

    # more answers appended straight to the ledger (no event: the fold reads new rows)
    answers(app, learner, "sql", [False, False, False, False, False], NOW)
    after_answers = agrees(app, learner)
    assert after_answers["gaps"] != after_quiz["gaps"]

    # a self-rating
    app.service(SkillProfileService).set_self_ratings(learner, {"python": 80})
    after_rating = agrees(app, learner)
    assert after_rating != after_answers

    # a path: generated, then progress on one of its videos (written with no event)
    items = path(app, learner)
    assert items
    with_path = agrees(app, learner)
    assert with_path["readiness"]["path_items"] == len(items)
    video = next(i for i in items if i.kind == "video")
    watch(app, learner, video.content_id, 0.5)
    watched = agrees(app, learner)
    assert watched["readiness"]["learning_component"] > with_path["readiness"]["learning_component"]
    # and that progress withdrawn again (a row deleted: the item is back to not started)
    with app.db.session() as s:
        s.execute(delete(ContentProgress).where(ContentProgress.profile_id == learner))
    assert agrees(app, learner)["readiness"] == with_path["readiness"]

    # the path regenerated after the levels moved: a new path id, its own items
    before_id = svc.learning._paths[learner].path_id  # type: ignore[attr-defined]
    answers(app, learner, "python", [True] * 10, NOW)
    clock.advance(minutes=1)
    path(app, learner)
    agrees(app, learner)
    assert svc.learning._paths[learner].path_id != before_id  # type: ignore[attr-defined]


def test_a_restore_under_the_running_reads_starts_them_afresh(app: App, clock: FixedClock) -> None:
    learner = app.profiles.create("Lee").id
    target(app, learner, "data_analyst")
    answers(app, learner, "sql", [True] * 5, NOW - timedelta(days=1))
    answers(app, learner, "excel", [True, False, True], NOW - timedelta(hours=1))
    items = path(app, learner)
    watch(app, learner, items[0].content_id, 0.4)
    agrees(app, learner)

    # A restore replaces rows under the kept folds (here: the newer excel answers vanish and
    # a video's progress is rewritten), then announces it.
    with app.db.session() as s:
        s.execute(
            delete(SkillEvidenceRecord).where(
                SkillEvidenceRecord.profile_id == learner, SkillEvidenceRecord.skill_id == "excel"
            )
        )
        s.execute(
            update(ContentProgress)
            .where(ContentProgress.profile_id == learner)
            .values(state="DONE", watched_fraction=1.0)
        )
    app.bus.publish(DataRestored(profile_id=None))
    restored = agrees(app, learner)
    assert "excel" not in {g["skill_id"] for g in restored["gaps"] if g["evidence_count"]}

    # Rows deleted without any event (another process): the ledger's row count no longer
    # adds up, so the fold starts afresh rather than keep the deleted evidence.
    with app.db.session() as s:
        s.execute(delete(SkillEvidenceRecord).where(SkillEvidenceRecord.profile_id == learner))
    gone = agrees(app, learner)
    assert all(g["evidence_count"] == 0 for g in gone["gaps"])


def test_profiles_keep_apart(app: App, clock: FixedClock) -> None:
    lee = app.profiles.create("Lee").id
    kim = app.profiles.create("Kim").id
    target(app, lee, "data_analyst")
    target(app, kim, "data_analyst")
    path(app, lee)
    path(app, kim)
    lee_before, kim_before = agrees(app, lee), agrees(app, kim)

    answers(app, kim, "sql", [True] * 8, NOW)
    kim_items = app.service(LearningService).current_path_items(kim)
    watch(app, kim, kim_items[0].content_id, 0.9)
    assert agrees(app, lee) == lee_before  # Kim's changes are not Lee's
    kim_after = agrees(app, kim)
    assert kim_after["readiness"] != kim_before["readiness"]

    # Deleting Kim drops what was kept for Kim only.
    app.profiles.delete(kim)
    assert kim not in app.service(SkillProfileService).model._cache
    assert agrees(app, lee) == lee_before


def test_snapshot_stored_only_when_a_number_changed(app: App, clock: FixedClock) -> None:
    learner = app.profiles.create("Lee").id
    target(app, learner, "data_analyst")
    svc = app.service(InsightsService)

    def snapshots() -> int:
        with app.db.read() as s:
            return s.scalar(select(func.count()).where(InsightSnapshot.profile_id == learner)) or 0

    assert svc.recompute(learner).stored and snapshots() == 1
    assert not svc.recompute(learner).stored and snapshots() == 1  # nothing changed
    answers(app, learner, "sql", [True] * 5, NOW)
    clock.advance(seconds=1)
    assert svc.recompute(learner).stored and snapshots() == 2
    assert not svc.recompute(learner).stored and snapshots() == 2
    # only the newest row keeps the whole document
    with app.db.read() as s:
        kept = s.scalars(
            select(InsightSnapshot.document.is_not(None))
            .where(InsightSnapshot.profile_id == learner)
            .order_by(InsightSnapshot.computed_at)
        ).all()
    assert kept == [False, True]


def test_role_matches_follow_levels_names_openings_and_the_role() -> None:
    """Kept matches are reused only for the same role, levels, names and openings."""

    def role(title: str) -> Role:
        return Role(
            id="kept_analyst",
            title=title,
            onet_code="15-2051.00",
            onet_title="Data Scientists",
            description="Analyses data.",
            skills=(
                RoleSkill(skill="sql", level=80, importance=3),
                RoleSkill(skill="excel", level=40, importance=1),
            ),
        )

    analyst = role("Analyst")
    names = {"sql": "SQL", "excel": "Excel"}

    def match(levels: dict[str, float | None], **kw: Any) -> Any:
        return formulas.role_matches(
            [kw.get("r", analyst)], levels, kw.get("n", names), kw.get("p", ())
        )[0]

    # sql 40/80 = 0.5 (×3), excel 40/40 = 1 (×1): 100 × 2.5 / 4 = 62.5
    first = match({"sql": 40.0, "excel": 40.0})
    assert first.match == 62.5 and first.openings is None
    assert match({"sql": 40.0, "excel": 40.0}) is first  # nothing changed: kept
    # sql 60/80 = 0.75: 100 × (2.25 + 1) / 4 = 81.25 → 81.2 (round half to even)
    assert match({"sql": 60.0, "excel": 40.0}).match == 81.2
    # excel unknown: 100 × 2.25 / 4 = 56.25 → 56.2
    assert match({"sql": 60.0}).match == 56.2
    renamed = match({"sql": 60.0}, n={"sql": "Structured Query Language", "excel": "Excel"})
    assert renamed.deciding_skills[0].name == "Structured Query Language"
    posting = PostingInput(company="Acme", title="Analyst", onet_code="15-2051.00")
    assert match({"sql": 60.0}, p=(posting, posting)).openings == 2
    retitled = match({"sql": 60.0}, r=role("Data analyst"))  # same id, another catalogue
    assert retitled.title == "Data analyst" and retitled.match == 56.2
