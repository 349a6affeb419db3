"""One skill model, one number (issue 16): every consumer reads the same estimate.

A learner with every kind of evidence (self-ratings, a quiz, an interview practice, an
advisor's rating, a finished learning item) is read through the skills CLI, Insights, the
learning path, posting fit, the charts' data and the advisor's cohort; each shows the model's
estimate for each skill. Then the properties the model promises across the catalogue.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta

import pytest

from careerdesk.app import App
from careerdesk.core.advising.service import MonitoringService
from careerdesk.core.charts.queries import ChartsDataService
from careerdesk.core.insights.service import InsightsService
from careerdesk.core.interviews.service import InterviewPracticeService, PracticeInput
from careerdesk.core.learning.service import LearningService
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.skills.service import SkillProfileService
from tests.insights_support import take_assessment

POSTING = """Data Analyst
Required:
- SQL
- Python for analysis
- Communication with stakeholders
Nice to have:
- Tableau
"""


def _cli_skills(name: str) -> dict[str, dict[str, object]]:
    from careerdesk.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["skills", "--profile", name, "--json"]) == 0
    return {row["skill_id"]: row for row in json.loads(out.getvalue())}


def test_every_consumer_shows_the_models_estimate(sqlite_app: App) -> None:
    app = sqlite_app
    pid = app.profiles.create("Ada").id
    skills = app.service(SkillProfileService)
    skills.set_target_roles(pid, ["data_analyst"])
    skills.set_self_ratings(pid, {"sql": 60, "communication": 70, "statistics": 40})
    take_assessment(app, pid, ["sql", "python"], right=lambda p: p % 2 == 0)
    app.service(InterviewPracticeService).create(
        pid,
        PracticeInput(
            held_at=datetime.now(UTC) - timedelta(days=1),
            kind="mock",
            focus_skill_id="sql",
            communication=55,
            technical=48,
            problem_solving=62,
        ),
    )
    skills.rate_as_advisor(pid, {"databases": 45})
    learning = app.service(LearningService)
    path = learning.generate_path(pid)
    learning.mark_done(pid, path.items[0].content_id)

    model = {k: v.level for k, v in skills.current_levels(pid).items()}
    role = load_catalog().role("data_analyst")
    assert set(model) >= {"sql", "python", "communication", "problem_solving", "databases"}

    # skills CLI
    cli = _cli_skills("Ada")
    assert {k: v["estimate"] for k, v in cli.items()} == model
    assert all(v["interval"][0] <= v["estimate"] <= v["interval"][1] for v in cli.values())  # type: ignore[index,operator]
    assert cli["sql"]["sources"] == ["quiz_answer", "interview_practice", "self_rating"]
    assert cli["statistics"]["self_rated_only"] is True

    # insights: every gap's current, every deciding skill of the target role
    doc = app.service(InsightsService).compute(pid)
    for gap in doc.gaps:
        assert gap.current == model.get(gap.skill_id, 0.0), gap.skill_id
    analyst = next(m for m in doc.roles if m.role_id == "data_analyst")
    for d in analyst.deciding_skills:
        assert d.level == model.get(d.skill_id, 0.0), d.skill_id

    # learning path: its gaps are today's estimates
    current = learning.current_path(pid)
    assert current is not None
    assert {g.skill_id: g.current for g in current.gaps} == {
        rs.skill: model.get(rs.skill, 0.0) for rs in role.skills
    }

    # posting fit
    application = app.service(ApplicationService).create(
        pid, ApplicationInput(company="Monzo", title="Data Analyst", description=POSTING)
    )
    fit = app.service(FitService).analyse(application.id)
    read = [i for i in fit.items if i.skill_id in model]
    assert read, "the posting names skills the learner has evidence for"
    for item in read:
        assert item.current == model[item.skill_id], item.skill_id  # type: ignore[index]

    # charts: the radar's current level per role skill
    radar = app.service(ChartsDataService).gather(pid).radar
    assert radar is not None
    for axis in radar.axes:
        assert axis.current == model.get(axis.skill_id), axis.skill_id

    # advisor cohort: every estimate; the role skills nothing measured yet are listed
    row = next(r for r in app.service(MonitoringService).cohort().rows if r.profile_id == pid)
    assert row.skills == model
    measured = {k for k, v in skills.current_levels(pid).items() if not v.self_rated_only}
    assert row.unmeasured == [rs.skill for rs in role.skills if rs.skill not in measured]
    assert "statistics" in row.unmeasured and "sql" not in row.unmeasured


@pytest.mark.parametrize("role_id", sorted(load_catalog().roles))
def test_readiness_reaches_100_for_every_role_when_all_evidence_is_at_target(
    sqlite_app: App, role_id: str
) -> None:
    app = sqlite_app
    pid = app.profiles.create("Ready").id
    skills = app.service(SkillProfileService)
    skills.set_target_roles(pid, [role_id])
    targets = {rs.skill: float(rs.level) for rs in load_catalog().role(role_id).skills}
    # every skill demonstrated at the level asked: an advisor's rating and an interview score
    # at target, the learner's own rating too (soft skills included: docs/skills.md)
    skills.set_self_ratings(pid, targets)
    skills.rate_as_advisor(pid, targets)
    skills.record_measured(pid, targets, kind="interview_practice")
    doc = app.service(InsightsService).compute(pid)
    assert doc.readiness.value == 100.0
    assert doc.gaps == []
    # with a learning path too: every item's gap is closed, so the path counts as done
    path = app.service(LearningService).generate_path(pid)
    assert path.complete and path.gaps_open == 0
    assert app.service(InsightsService).compute(pid).readiness.value == 100.0


def test_interview_practice_moves_a_soft_skill(sqlite_app: App) -> None:
    app = sqlite_app
    pid = app.profiles.create("Soft").id
    skills = app.service(SkillProfileService)
    skills.set_self_ratings(pid, {"communication": 40})
    interviews = app.service(InterviewPracticeService)
    held = app.clock.now()
    practice = interviews.create(
        pid, PracticeInput(held_at=held, kind="behavioural", communication=80)
    )
    # prior N(40, 25²), practice 80 (sd 15): k = 625 / 850 = 0.7353 -> 40 + 29.4 = 69.4
    comm = skills.current_levels(pid)["communication"]
    assert (comm.level, comm.source, comm.self_rated_only) == (69.4, "interview", False)
    # edited to 60: restated, not added: 40 + 0.7353 × 20 = 54.7
    interviews.update(
        practice.id, PracticeInput(held_at=held, kind="behavioural", communication=60)
    )
    comm = skills.current_levels(pid)["communication"]
    assert (comm.level, comm.evidence_count) == (54.7, 2)
    # deleted: only the self-rating is left
    interviews.delete(practice.id)
    comm = skills.current_levels(pid)["communication"]
    assert (comm.level, comm.self_rated_only) == (40.0, True)


def test_skills_cli_records_ratings_and_refuses_bad_ones(sqlite_app: App) -> None:
    from careerdesk.cli import main

    app = sqlite_app
    app.profiles.create("Cli")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["skills", "--profile", "Cli", "--advisor-rate", "communication=64"])
    assert code == 0
    # an advisor's rating alone is the estimate (sd 10): 64 ± 12.8
    assert "Communication" in out.getvalue() and "64 ± 13 · 1 piece of evidence" in out.getvalue()
    assert main(["skills", "--profile", "Cli", "--advisor-rate", "juggling=50"]) == 2
    assert main(["skills", "--profile", "Cli", "--self-rate", "sql=140"]) == 2
    assert main(["skills", "--profile", "Cli", "--self-rate", "sql"]) == 2
    rows = _cli_skills("Cli")
    assert list(rows) == ["communication"]  # nothing half-written by the refused calls
    assert rows["communication"]["sources"] == ["advisor_rating"]
