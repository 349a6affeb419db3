"""Advisor monitoring: flags with an injected clock, trend rule, cohort assembly, safe CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from careerdesk.core.advising.adapters import PathLearning
from careerdesk.core.advising.rules import safe_cell
from careerdesk.core.advising.service import (
    IMPROVING_FAST,
    NEEDS_SUPPORT,
    STALLED,
    CohortRow,
    MonitoringConfig,
    MonitoringService,
    cohort_csv,
    compute_flags,
    readiness_change,
)
from careerdesk.core.advising.sources import (
    Activity,
    CombinedActivity,
    LearnerReadinessPoint,
    Sources,
    TrackingActivity,
    TrackingAssessments,
)
from careerdesk.core.kernel.clock import FixedClock
from careerdesk.core.learning import tracking
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.core.storage.tables.learning import LearningPath, LearningPathItem
from careerdesk.core.storage.tables.profiles import LearningEvent

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=FixedClock().now().tzinfo)


def _flags(**kw) -> list[str]:  # type: ignore[no-untyped-def]
    base = dict(
        readiness=60.0,
        change=0.0,
        last_activity=NOW - timedelta(days=1),
        created_at=NOW - timedelta(days=90),
        now=NOW,
        config=MonitoringConfig(),
    )
    base.update(kw)
    return compute_flags(**base)


def test_needs_support_below_threshold() -> None:
    assert _flags(readiness=39.9) == [NEEDS_SUPPORT]
    assert _flags(readiness=40.0) == []
    assert _flags(readiness=None) == []
    assert _flags(readiness=55, config=MonitoringConfig(needs_support_below=60)) == [NEEDS_SUPPORT]


def test_stalled_after_configurable_days() -> None:
    assert _flags(last_activity=NOW - timedelta(days=13, hours=23)) == []
    assert _flags(last_activity=NOW - timedelta(days=14)) == [STALLED]
    cfg = MonitoringConfig(stall_days=7)
    assert _flags(last_activity=NOW - timedelta(days=8), config=cfg) == [STALLED]
    # Never active: stalled once the profile is old enough, not before.
    assert _flags(last_activity=None, created_at=NOW - timedelta(days=3)) == []
    assert _flags(last_activity=None, created_at=NOW - timedelta(days=20)) == [STALLED]


def test_improving_fast_rule() -> None:
    assert _flags(change=10.0) == [IMPROVING_FAST]
    assert _flags(change=9.9) == []
    assert _flags(readiness=30, change=12, last_activity=NOW - timedelta(days=30)) == [
        NEEDS_SUPPORT,
        STALLED,
        IMPROVING_FAST,
    ]


def _pt(days_ago: float, value: float) -> LearnerReadinessPoint:
    return LearnerReadinessPoint(at=NOW - timedelta(days=days_ago), value=value)


def test_readiness_change_uses_the_baseline_at_window_start() -> None:
    history = [_pt(30, 20), _pt(15, 30), _pt(10, 35), _pt(1, 50)]
    assert readiness_change(history, NOW, 14) == 20.0  # 50 - 30 (last reading before window)
    assert readiness_change([_pt(5, 10), _pt(1, 25)], NOW, 14) == 15.0  # started in window
    assert readiness_change([_pt(40, 50)], NOW, 14) == 0.0
    assert readiness_change([], NOW, 14) is None


def test_csv_is_formula_injection_safe() -> None:
    assert safe_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for bad in ("+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "=", "\n"):
        assert safe_cell(bad) == "'" + bad
    # Only the first character counts; a plain apostrophe or an empty cell stays as it is.
    for fine in ("Ana", "Ana=1", " =1", "'x", "", "1+1", "a\nb"):
        assert safe_cell(fine) == fine
    row = CohortRow(
        profile_id=1,
        name="=cmd|' /C calc'!A0",
        full_name="@evil",
        target_roles=["-Data Analyst"],
        readiness=35.5,
        readiness_change=-4.0,
        flags=[NEEDS_SUPPORT],
        created_at=NOW,
    )
    text = cohort_csv([row])
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed[0]["name"].startswith("'=")
    assert parsed[0]["full_name"] == "'@evil"
    assert parsed[0]["target_roles"] == "'-Data Analyst"
    assert parsed[0]["readiness"] == "35.5"
    assert parsed[0]["readiness_change"] == "-4.0"  # our own numbers stay numbers
    assert parsed[0]["flags"] == NEEDS_SUPPORT


class FakeReadiness:
    def __init__(self, data: dict[int, list[LearnerReadinessPoint]]) -> None:
        self.data = data

    def readiness(self, ids: list[int]) -> dict[int, list[LearnerReadinessPoint]]:
        return {i: self.data[i] for i in ids if i in self.data}


class NoPipeline:
    """A pipeline with nothing in it: no applications, interviews or pipeline activity."""

    def last_activity(self, ids: list[int]) -> dict[int, Activity]:
        return {}

    def active_applications(self, ids: list[int]) -> dict[int, int]:
        return {}

    def upcoming_interviews(self, ids: list[int], now: datetime) -> dict[int, list[datetime]]:
        return {}


def test_cohort_from_real_tables_with_injected_clock(app) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock(NOW - timedelta(days=60))
    profiles = app.profiles
    profiles.clock = clock
    ana = profiles.create("Ana")
    ben = profiles.create("Ben")
    profiles.create("Cleo")
    clock.set(NOW)
    with app.db.session() as s:
        item = ContentItem(kind="video", title="SQL basics", skills=[])
        later = ContentItem(kind="article", title="Joins", skills=[])
        s.add_all([item, later])
        s.flush()
        # Ana's learning path: two items, the first done (below), the second not started.
        path = LearningPath(profile_id=ana.id, role_id="data_analyst", created_at=NOW)
        s.add(path)
        s.flush()
        for position, content in enumerate((item, later)):
            s.add(
                LearningPathItem(
                    profile_id=ana.id,
                    path_id=path.id,
                    content_id=content.id,
                    position=position,
                    skill_id="sql",
                )
            )
        s.add(
            ContentProgress(
                profile_id=ana.id,
                content_id=item.id,
                state="DONE",
                updated_at=NOW - timedelta(days=2),
            )
        )
        s.add(
            ContentProgress(
                profile_id=ben.id,
                content_id=item.id,
                state="IN_PROGRESS",
                updated_at=NOW - timedelta(days=20),
            )
        )
        for days in (3, 40):
            s.add(
                LearningEvent(
                    profile_id=ana.id,
                    kind=tracking.ASSESSMENT_SUBMITTED,
                    at=NOW - timedelta(days=days),
                )
            )
    pipeline = NoPipeline()
    sources = Sources(
        readiness=FakeReadiness({ana.id: [_pt(30, 30), _pt(2, 55)], ben.id: [_pt(20, 25)]}),
        activity=CombinedActivity([TrackingActivity(app.db), pipeline]),
        assessments=TrackingAssessments(app.db),
        learning=PathLearning(app.db),
        applications=pipeline,
        interviews=pipeline,
    )
    svc = MonitoringService(app.db, profiles, sources, clock)
    cohort = svc.cohort()
    rows = {r.name: r for r in cohort.rows}
    assert rows["Ana"].readiness == 55.0 and rows["Ana"].readiness_change == 25.0
    assert rows["Ana"].flags == [IMPROVING_FAST]
    assert rows["Ana"].assessments_taken == 2
    assert rows["Ana"].learning is not None
    assert (rows["Ana"].learning.done, rows["Ana"].learning.total) == (1, 2)
    assert rows["Ana"].learning_fraction == 0.5
    assert rows["Ben"].learning is None  # no learning path yet
    assert rows["Ana"].last_activity == NOW - timedelta(days=2)
    assert rows["Ben"].flags == [NEEDS_SUPPORT, STALLED]
    assert rows["Ben"].days_inactive == 20
    assert rows["Cleo"].readiness is None and rows["Cleo"].flags == [STALLED]
    assert rows["Cleo"].assessments_taken == 0
    assert rows["Cleo"].active_applications == 0 and rows["Cleo"].upcoming_interviews == 0
    # Moving the clock changes the flags: nothing is cached.
    clock.advance(days=13)
    assert STALLED in {r.name: r for r in svc.cohort().rows}["Ana"].flags


def test_thresholds_are_shared_through_the_database(app) -> None:  # type: ignore[no-untyped-def]
    svc = app.service(MonitoringService)
    assert svc.config() == MonitoringConfig()
    svc.set_config(MonitoringConfig(needs_support_below=55, stall_days=7))
    other = MonitoringService(app.db, app.profiles, svc.sources)
    assert other.config().stall_days == 7 and other.config().needs_support_below == 55
