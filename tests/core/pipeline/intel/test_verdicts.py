"""Verdict snapshots: frozen at every state entered; accuracy judges the decision-time verdict.

The hindsight case (issue 20): an application judged "Reconsider" when applied, whose skills
rose afterwards and which reached an interview, is a Reconsider that reached an interview
(a false negative), although its stored fit now says "Apply now".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from careerdesk.core.pipeline.intel import analytics_rules as rules
from careerdesk.core.pipeline.intel.analytics_service import AnalyticsService
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.states import State
from careerdesk.core.skills.service import SkillProfileService
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import JobFit
from careerdesk.core.storage.tables.pipeline import Application
from careerdesk.core.storage.tables.profiles import Profile
from careerdesk.core.storage.tables.verdicts import VerdictSnapshot

POSTING = """Junior Data Analyst
Requirements:
- SQL and Excel for reporting
- Python for analysis
Nice to have:
- Tableau
"""
T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _new(svc, pid: int, company: str) -> int:  # type: ignore[no-untyped-def]
    return svc.create(
        pid, ApplicationInput(company=company, title="Junior Data Analyst", description=POSTING)
    ).id


def test_hindsight_case_counts_the_verdict_given_when_applying(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    fits = app.service(FitService)
    skills = app.service(SkillProfileService)
    # 1. No skill levels yet: A is judged "Reconsider" when the learner applies.
    a = _new(svc, pid, "Alpha")
    svc.move(a, State.APPLIED)
    assert [(x.state, x.verdict) for x in fits.snapshots(a)] == [
        ("SAVED", "reconsider"),
        ("APPLIED", "reconsider"),
    ]
    # 2. Skills rise; B and C are judged "Apply now" when applied.
    clock.advance(days=5)
    skills.set_self_ratings(pid, {"sql": 70, "data_analysis": 60, "python": 55})
    b, c = _new(svc, pid, "Beta"), _new(svc, pid, "Gamma")
    svc.move(b, State.APPLIED)
    svc.move(c, State.APPLIED)
    # 3. Outcomes: A and B reach an interview, C is rejected.
    clock.advance(days=5)
    svc.move(a, State.PHONE_INTERVIEW)
    svc.move(b, State.PHONE_INTERVIEW)
    svc.move(c, State.REJECTED)
    # A's stored fit now says "Apply now" (hindsight) …
    assert fits.verdicts(pid)[a] == "apply_now"
    assert fits.snapshots(a)[-1].verdict == "apply_now"  # frozen on entering the interview
    # … but it was judged "Reconsider" at decision time.
    report = app.service(AnalyticsService).report(pid)
    acc = report.accuracy
    # By hand: B apply_now + interview = TP; C apply_now + rejected = FP;
    # A reconsider + interview = FN. Precision 1/(1+1) = 0.5, recall 1/(1+1) = 0.5, F1 0.5.
    # (With hindsight A would be a TP: precision 2/3, recall 1.)
    assert (acc.tp, acc.fp, acc.fn, acc.tn) == (1, 1, 1, 0)
    assert acc.precision == 0.5 and acc.recall == 0.5 and acc.f1 == 0.5
    assert report.judged == rules.Judged(
        outcomes=3, judged=3, backfilled=0, no_snapshot=0, no_verdict=0
    )


def test_an_imported_application_has_no_snapshot_and_is_not_judged(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    result = svc.bulk_create(
        pid,
        [
            ApplicationInput(
                company="Delta",
                title="Data Analyst",
                description=POSTING,
                state=State.APPLIED,
                applied_on=date(2026, 2, 20),
            )
        ],
    )
    (d,) = result.created_ids
    svc.move(d, State.REJECTED)
    report = app.service(AnalyticsService).report(pid)
    assert report.judged.outcomes == 1 and report.judged.no_snapshot == 1
    assert report.judged.judged == 0 and report.accuracy.n == 0


def test_a_reverted_move_drops_its_snapshot(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    fits = app.service(FitService)
    a = _new(svc, pid, "Alpha")
    svc.move(a, State.APPLIED)
    clock.advance(minutes=1)
    svc.revert_state(a)
    assert [x.state for x in fits.snapshots(a)] == ["SAVED"]


def test_decision_snapshot_rule_by_hand() -> None:
    def snap(state: str, verdict: str, day: int) -> rules.Snapshot:
        return rules.Snapshot(state=state, verdict=verdict, taken_at=T0 + timedelta(days=day))

    # Saved and Applying snapshots are not decisions; the first Applied one is.
    history = [
        snap("SCREENING", "apply_now", 9),
        snap("APPLIED", "learn_first", 4),
        snap("SAVED", "reconsider", 0),
        snap("APPLYING", "reconsider", 2),
    ]
    chosen = rules.decision_snapshot(history)
    assert chosen is not None and chosen.verdict == "learn_first"
    # Created further along or imported: a later snapshot already knows more than the
    # decision did, so there is no decision verdict.
    assert rules.decision_snapshot([snap("SCREENING", "apply_now", 1)]) is None
    assert rules.decision_snapshot([snap("REJECTED", "reconsider", 1)]) is None
    assert rules.decision_snapshot([snap("SAVED", "apply_now", 1)]) is None
    judged, pairs = rules.judge(
        [(1, True), (2, False), (3, True)],
        {1: history, 3: [snap("APPLIED", "unknown", 1)]},
    )
    assert pairs == [("learn_first", True)]
    assert (judged.judged, judged.no_snapshot, judged.no_verdict) == (1, 1, 1)


def test_refit_learns_from_decision_time_components(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    fits = app.service(FitService)
    ids = []
    for i in range(10):
        a = _new(svc, pid, f"C{i}")
        svc.move(a, State.APPLIED)
        ids.append(a)
    frozen = {a: fits.snapshots(a)[1].components for a in ids}
    # Skills rise after applying: the stored fits change, the frozen ones do not.
    app.service(SkillProfileService).set_self_ratings(pid, {"sql": 90, "python": 90})
    for i, a in enumerate(ids):
        svc.move(a, State.PHONE_INTERVIEW if i < 5 else State.REJECTED)
    analytics = app.service(AnalyticsService)
    analytics.report(pid)
    with app.db.read() as s:
        from careerdesk.core.storage.tables.intel import Outcome

        stored = {o.application_id: o.components for o in s.scalars(select(Outcome))}
    assert stored == frozen
    assert all(c["skills"] == 0.0 for c in stored.values())  # no levels when applying


def test_migration_backfills_from_stored_fits(db_url: str) -> None:
    db = Database(db_url)
    try:
        mig.upgrade(db.engine, "0016_resumes_library")
        with db.session() as s:
            p = Profile(name="Ann")
            s.add(p)
            s.flush()
            rows = []
            for n, (applied, verdict) in enumerate(
                [(date(2026, 2, 3), "learn_first"), (None, "apply_now")]
            ):
                a = Application(
                    profile_id=p.id,
                    company=f"Co{n}",
                    company_key=f"co{n}",
                    title="Analyst",
                    title_key="analyst",
                    state="APPLIED" if applied else "SAVED",
                    state_changed_at=T0,
                    created_at=T0,
                    updated_at=T0,
                    applied_on=applied,
                    dedupe_key=f"k{n}",
                    tags=[],
                )
                s.add(a)
                s.flush()
                rows.append(a.id)
                s.add(
                    JobFit(
                        profile_id=p.id,
                        application_id=a.id,
                        verdict=verdict,
                        score=0.61,
                        required_match=70.0,
                        components={"skills": 0.7},
                        detail={"reasons": ["why"], "label": "x"},
                        computed_at=T0,
                    )
                )
        mig.upgrade(db.engine, "0017_verdicts_snapshots")
        with db.read() as s:
            snaps = s.scalars(select(VerdictSnapshot)).all()
            assert len(snaps) == 1  # only the applied one
            (snap,) = snaps
            assert snap.application_id == rows[0] and snap.backfilled
            assert (snap.state, snap.verdict, snap.score) == ("APPLIED", "learn_first", 0.61)
            assert snap.reasons == ["why"] and snap.components == {"skills": 0.7}
            assert snap.taken_at == datetime(2026, 2, 3, tzinfo=UTC)
    finally:
        db.dispose()


def test_judged_counts_backfilled() -> None:
    snap = rules.Snapshot(state="APPLIED", verdict="apply_now", backfilled=True, taken_at=T0)
    snaps = {1: [snap]}
    judged, pairs = rules.judge([(1, True)], snaps)
    assert judged.backfilled == 1 and pairs == [("apply_now", True)]
