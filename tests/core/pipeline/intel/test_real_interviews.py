"""Real interview scores become ``interview_real`` evidence; industry and skill patterns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from careerdesk.core.charts.averages import interview_averages
from careerdesk.core.charts.queries import ChartsDataService
from careerdesk.core.pipeline.intel import analytics_rules as rules
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.skills import ledger
from careerdesk.core.skills.rules import SkillPoint

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def _counted(app, pid: int) -> dict[tuple[str, str], float]:  # type: ignore[no-untyped-def]
    """(skill, ref) → value of the newest evidence per ref that is not withdrawn."""
    with app.db.read() as s:
        rows = ledger.read_evidence(s, pid)
    latest: dict[tuple[str, str], tuple[str, float]] = {}
    for e in rows:
        if e.ref.startswith("pipeline_interview:"):
            latest[(e.skill_id, e.ref)] = (e.kind, e.value)
    return {k: v for k, (kind, v) in latest.items() if kind != "withdrawn"}


def test_scores_become_real_interview_evidence(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Acme", title="Data Analyst"))
    seen = []
    from careerdesk.core.skills.events import SkillEvidenceAdded

    app.bus.subscribe(SkillEvidenceAdded, seen.append)
    iv = svc.add_interview(
        a.id,
        {
            "starts_at": T0 + timedelta(days=3),
            "communication": 80,
            "technical": 70,
            "focus_skill_id": "sql",
        },
    )
    ref = f"pipeline_interview:{iv.id}:"
    assert _counted(app, pid) == {
        ("communication", ref + "communication"): 80.0,
        ("sql", ref + "technical"): 70.0,
    }
    with app.db.read() as s:
        kinds = {e.kind for e in ledger.read_evidence(s, pid) if e.ref.startswith(ref)}
    assert kinds == {"interview_real"}
    assert seen and seen[-1].kinds == ("interview_real",)
    # An edit replaces the evidence; clearing a score withdraws it.
    svc.update_interview(iv.id, {"communication": 60, "technical": None})
    assert _counted(app, pid) == {("communication", ref + "communication"): 60.0}
    # Without a scored dimension nothing is added.
    svc.update_interview(iv.id, {"notes": "went fine"})
    svc.remove_interview(iv.id)
    assert _counted(app, pid) == {}


def test_unknown_focus_skill_measures_nothing(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Acme", title="Data Analyst"))
    svc.add_interview(a.id, {"starts_at": T0, "technical": 90, "focus_skill_id": "no_such_skill"})
    assert _counted(app, pid) == {}


def _facts(i: int, path: list[str], skills: list[str], industry: str) -> rules.AppFacts:
    states = [(s, T0 + timedelta(days=n)) for n, s in enumerate(path)]
    return rules.AppFacts(
        id=i, state=path[-1], states=states, attrs={"industry": industry}, skills=skills
    )


def test_industry_and_skill_breakdowns_by_hand() -> None:
    good = ["APPLIED", "PHONE_INTERVIEW"]
    bad = ["APPLIED", "REJECTED"]
    apps = [
        _facts(1, good, ["SQL", "Python"], "Finance and insurance"),
        _facts(2, good, ["SQL"], "Finance and insurance"),
        _facts(3, good, ["SQL", "Excel"], "Finance and insurance"),
        _facts(4, bad, ["Python"], "Retail and e-commerce"),
        _facts(5, bad, ["Python", "Excel"], "Retail and e-commerce"),
        _facts(6, bad, [], "Retail and e-commerce"),
    ]
    b = rules.breakdowns(apps)
    skills = {r.value: (r.applied, r.interviews) for r in b["skill"]}
    # SQL: apps 1, 2, 3 (all interviews); Python: 1, 4, 5 (one); Excel: 3, 5; none: 6.
    assert skills == {"SQL": (3, 3), "Python": (3, 1), "Excel": (2, 1), "(not set)": (1, 0)}
    industries = {r.value: (r.applied, r.interviews) for r in b["industry"]}
    assert industries == {"Finance and insurance": (3, 3), "Retail and e-commerce": (3, 0)}
    pats = rules.patterns(apps)
    # Overall 3 of 6 = 50 %. SQL 100 % and both industries differ by 50 points; Python
    # (33 %) by 17 points; Excel has fewer than 3 applications.
    assert any(p.startswith("Skill “SQL”: 3 of 3") for p in pats)
    assert any(p.startswith("Industry “Retail and e-commerce”: 0 of 3") for p in pats)
    assert any(p.startswith("Skill “Python”: 1 of 3") for p in pats)
    assert not any("Excel" in p for p in pats)


def _pt(dim: str, level: float, day: int, ref: str) -> SkillPoint:
    return SkillPoint(
        skill_id=dim, level=level, source="interview", at=T0 + timedelta(days=day), ref=ref
    )


def test_interview_averages_by_hand() -> None:
    practice = [
        _pt("technical", 60, 0, "interview:1"),
        _pt("technical", 70, 1, "interview:2"),
        _pt("communication", 50, 0, "interview:1"),
    ]
    real = [_pt("technical", 80, 2, "pipeline_interview:9")]
    rows = {r.dimension: r for r in interview_averages(practice, real)}
    assert list(rows) == ["communication", "technical"]  # display order, scored only
    t = rows["technical"]
    # practice (60 + 70)/2 = 65 over 2; real 80 over 1; all (60 + 70 + 80)/3 = 70 over 3;
    # slope of 60, 70, 80 = +10 per interview ≥ 2 → improving.
    assert (t.practice, t.practice_n, t.real, t.real_n) == (65.0, 2, 80.0, 1)
    assert (t.overall, t.overall_n, t.trend, t.slope) == (70.0, 3, "improving", 10.0)
    c = rows["communication"]
    assert (c.practice, c.real, c.real_n, c.trend) == (50.0, None, 0, "insufficient")


def test_real_interview_scores_reach_the_skill_charts(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Acme", title="Data Analyst"))
    svc.add_interview(a.id, {"starts_at": T0, "communication": 75, "problem_solving": 65})
    data = app.service(ChartsDataService).gather(pid)
    assert [(iv.company, iv.scores) for iv in data.real_interviews] == [
        ("Acme", {"communication": 75, "problem_solving": 65})
    ]
    rows = {r.dimension: (r.real, r.real_n, r.practice_n) for r in data.interview_averages}
    assert rows == {"communication": (75.0, 1, 0), "problem_solving": (65.0, 1, 0)}
