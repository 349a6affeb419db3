"""Insight formulas against hand-computed numbers, plus monotonicity (hypothesis)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careerdesk.core.insights import formulas as f
from careerdesk.core.insights.actions import company_lever, gap_gains, path_gain
from careerdesk.core.insights.engine import compute_insights, fingerprint
from careerdesk.core.insights.models import (
    CompanyInput,
    InsightsInputs,
    PathItemInput,
    PostingInput,
    SkillInput,
)
from careerdesk.core.reference.catalog import Role, RoleSkill

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NAMES = {"sql": "SQL", "python": "Python", "communication": "Communication"}

# A small role whose numbers are easy to check by hand: importance adds up to 10.
ROLE = Role(
    id="tester",
    title="Tester",
    onet_code="15-1253.00",
    onet_title="Software Quality Assurance Analysts and Testers",
    description="Tests software.",
    skills=(
        RoleSkill(skill="sql", level=80, importance=5),
        RoleSkill(skill="python", level=60, importance=3),
        RoleSkill(skill="communication", level=50, importance=2),
    ),
)
OTHER = Role(
    id="analyst",
    title="Analyst",
    onet_code="15-2051.01",
    onet_title="Business Intelligence Analysts",
    description="Analyses data.",
    skills=(RoleSkill(skill="communication", level=50, importance=1),),
)


def measured(level: float) -> SkillInput:
    return SkillInput(skill_id="x", measured=level, measured_source="assessment")


SKILLS = {
    "sql": SkillInput(skill_id="sql", measured=40, measured_source="assessment"),
    "python": SkillInput(skill_id="python", measured=60, measured_source="interview"),
    "communication": SkillInput(skill_id="communication", self_rated=50),
}
PATH = (
    PathItemInput(
        content_id=1,
        title="SQL deep dive",
        kind="article",
        skills=("sql",),
        level="advanced",
        est_hours=3,
        state="DONE",
        position=0,
    ),
    PathItemInput(
        content_id=2,
        title="Python video",
        kind="video",
        skills=("python",),
        est_hours=2,
        state="IN_PROGRESS",
        watched_fraction=0.5,
        position=1,
    ),
    PathItemInput(
        content_id=3,
        title="Talking to people",
        kind="article",
        skills=("communication",),
        est_hours=4,
        state="IN_PROGRESS",
        position=2,
    ),
    PathItemInput(
        content_id=4,
        title="Short SQL video",
        kind="video",
        skills=("sql",),
        est_hours=0.5,
        position=3,
    ),
)


def inputs(**changes: object) -> InsightsInputs:
    base: dict[str, object] = {
        "profile_id": 1,
        "computed_at": AT,
        "target_role_ids": ("tester",),
        "skills": SKILLS,
        "path": PATH,
        "companies": (CompanyInput(name="Average Co", difficulty=1.0),),
        "roles": (ROLE, OTHER),
        "skill_names": NAMES,
    }
    base.update(changes)
    return InsightsInputs(**base)  # type: ignore[arg-type]


# --- readiness -------------------------------------------------------------------------------
def test_attainment_caps_at_the_target() -> None:
    assert f.attainment(40, 80) == 0.5
    assert f.attainment(100, 80) == 1.0
    assert f.attainment(None, 80) == 0.0
    assert f.attainment(10, 0) == 1.0


def test_assessment_component_by_hand() -> None:
    # sql 40/80 = 0.5 × 5; python 60/60 = 1 × 3; communication self-rated 50/50 = 1 × 2
    # (one estimate per skill, docs/skills.md) -> 7.5/10
    assert f.weighted_attainment(ROLE, f.model_levels(SKILLS)) == pytest.approx(75.0)
    # measured only, as before the skill model: 5.5/10
    measured = {k: v for k, v in f.model_levels(SKILLS).items() if k != "communication"}
    assert f.weighted_attainment(ROLE, measured) == pytest.approx(55.0)


def test_learning_component_by_hand() -> None:
    # DONE 1 + half-watched video 0.5 + article in progress 0 + unstarted video 0 -> 1.5 / 4
    assert [f.item_credit(i) for i in PATH] == [1.0, 0.5, 0.0, 0.0]
    assert f.learning_component(PATH) == pytest.approx(37.5)
    assert f.learning_component(()) == 0.0
    # "done" means the gap is closed: python and communication at target count their items
    # as done -> (1 + 1 + 1 + 0) / 4
    met = frozenset({"python", "communication"})
    assert [f.item_credit(i, met) for i in PATH] == [1.0, 1.0, 1.0, 0.0]
    assert f.learning_component(PATH, met) == pytest.approx(75.0)
    # no path: nothing left to learn once every gap is closed
    assert f.learning_component((), met, all_met=True) == 100.0


def test_readiness_is_70_30() -> None:
    assert f.readiness_value(100, 0) == pytest.approx(70.0)
    assert f.readiness_value(0, 100) == pytest.approx(30.0)
    assert f.readiness_value(55, 37.5) == pytest.approx(49.75)


def test_document_reports_components_and_weights() -> None:
    r = compute_insights(inputs()).readiness
    # assessment 75 (above); learning 75 (three of four items done or their gap closed);
    # readiness 0.7 × 75 + 0.3 × 75 = 75
    assert (r.assessment_component, r.learning_component, r.value) == (75.0, 75.0, 75.0)
    assert (r.weights.assessment, r.weights.learning) == (0.7, 0.3)
    assert (r.measured_skills, r.role_skills, r.path_items, r.path_items_done) == (3, 3, 4, 3)


def test_readiness_and_match_read_the_same_estimate() -> None:
    doc = compute_insights(inputs())
    tester = next(m for m in doc.roles if m.role_id == "tester")
    # communication self-rated 50/50 counts for both (a weak prior, labelled): (2.5 + 3 + 2)/10
    assert tester.match == 75.0
    assert doc.readiness.assessment_component == 75.0


# --- companies -------------------------------------------------------------------------------
def test_company_probability_by_hand() -> None:
    assert f.company_probability(60, 1.0) == pytest.approx(50.0)
    assert f.company_probability(78, 1.3) == pytest.approx(50.0)
    assert f.company_probability(70, 1.0) == pytest.approx(73.1059, abs=1e-3)  # 100 σ(1)
    assert f.company_probability(49.75, 1.0) == pytest.approx(26.4055, abs=1e-3)
    assert f.company_probability(49.75, 0.5) == pytest.approx(87.8147, abs=1e-3)
    assert f.company_probability(1e9, 1.0) == pytest.approx(100.0)  # no overflow


def test_bands() -> None:
    assert [f.band_of(p) for p in (87.8, 60.0, 54.4, 30.0, 26.4)] == [
        "good",
        "good",
        "fair",
        "fair",
        "low",
    ]


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.5, 2.0), st.floats(0.5, 2.0))
def test_chance_is_monotonic(r1: float, r2: float, d1: float, d2: float) -> None:
    lo, hi = sorted((r1, r2))
    assert f.company_probability(lo, d1) <= f.company_probability(hi, d1)
    easy, hard = sorted((d1, d2))
    assert f.company_probability(r1, hard) <= f.company_probability(r1, easy)


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100))
def test_raising_a_measured_skill_never_lowers_readiness(a: float, b: float, c: float) -> None:
    low, high = sorted((a, b))
    levels = {"python": 60.0, "communication": c}
    before = f.weighted_attainment(ROLE, {**levels, "sql": low})
    after = f.weighted_attainment(ROLE, {**levels, "sql": high})
    assert before <= after + 1e-9


@given(st.floats(0, 1), st.floats(0, 1))
def test_watching_more_never_lowers_readiness(w1: float, w2: float) -> None:
    lo, hi = sorted((w1, w2))
    video = PATH[1]
    path_lo = (PATH[0], video.model_copy(update={"watched_fraction": lo}))
    path_hi = (PATH[0], video.model_copy(update={"watched_fraction": hi}))
    assert f.learning_component(path_lo) <= f.learning_component(path_hi)


def test_company_explanation_reevaluates_the_formula() -> None:
    levels = f.model_levels(SKILLS)
    # Without a path the lever is a skill: closing SQL (0.5 -> 1 of weight 5/10) adds
    # 0.7 × 100 × 5 × 0.5 / 10 = 17.5 readiness points.
    readiness = 0.7 * 55
    gains = gap_gains(ROLE, levels)
    assert gains == pytest.approx({"sql": 17.5})  # communication (self-rated 50) is at target
    skill, points, text = company_lever(ROLE, gains, 0.0, readiness, 1.0, NAMES)
    sigma = lambda r: 100 / (1 + math.exp(-(r - 60) / 10))  # noqa: E731
    assert skill == "sql"
    assert points == pytest.approx(round(sigma(readiness + 17.5) - sigma(readiness), 1))
    assert text.startswith(f"Closing the SQL gap adds about {round(points)} points")
    # With the path, SQL stays the lever and finishing the path (0 + 0.5 + 1 + 1 of 4 items
    # left -> 18.75 readiness points) is named as well.
    assert path_gain(f.learning_component(PATH)) == pytest.approx(18.75)
    skill, points, text = company_lever(ROLE, gains, 18.75, 49.75, 1.0, NAMES)
    path_points = sigma(49.75 + 18.75) - sigma(49.75)
    assert skill == "sql"
    assert points == pytest.approx(round(sigma(49.75 + 17.5) - sigma(49.75), 1))
    assert text.endswith(f"; finishing your learning path, about {round(path_points)} points.")
    # No skill gap left: the path is the lever.
    met = {"sql": 80.0, "python": 60.0, "communication": 50.0}
    assert gap_gains(ROLE, met) == {}
    skill, points, text = company_lever(ROLE, {}, 18.75, 70.0, 1.0, NAMES)
    assert skill is None and text.startswith("Finishing your learning path adds about")
    skill, points, text = company_lever(ROLE, {}, 0.0, 70.0, 1.0, NAMES)
    assert (skill, points) == (None, 0.0) and "meet every skill target of Tester" in text
    assert "Choose a target role" in company_lever(None, {}, 0.0, 0.0, 1.0, NAMES)[2]


def test_companies_merge_pipeline_companies_once() -> None:
    merged = f.merge_companies(
        [CompanyInput(name="Google", difficulty=1.3, source="default")],
        [
            PostingInput(company="google ", title="SWE"),
            PostingInput(company="Acme Ltd", title="Data Analyst"),
            PostingInput(company="ACME  ltd", title="BI Analyst"),
        ],
    )
    assert [(c.name, c.difficulty, c.source) for c in merged] == [
        ("Google", 1.3, "default"),
        ("Acme Ltd", 1.0, "pipeline"),
    ]


# --- roles, openings -------------------------------------------------------------------------
def test_openings_only_from_saved_postings() -> None:
    postings = (
        PostingInput(company="A", title="Data Analyst", onet_code="15-2051.01"),
        PostingInput(company="B", title="BI Analyst", onet_code="15-2051.01"),
        PostingInput(company="C", title="Barista", onet_code="35-3023.01"),
    )
    doc = compute_insights(inputs(postings=postings, pipeline_available=True))
    by_id = {m.role_id: m for m in doc.roles}
    assert by_id["analyst"].openings == 2
    assert by_id["analyst"].openings_note == "2 of your saved postings"
    assert by_id["tester"].openings is None
    assert by_id["tester"].openings_note.startswith("no data")


def test_roles_sorted_and_deciding_skills() -> None:
    doc = compute_insights(inputs())
    assert [m.role_id for m in doc.roles] == ["analyst", "tester"]  # 100 before 75
    assert doc.top_roles == ["analyst", "tester"]
    deciding = doc.roles[1].deciding_skills
    assert [(d.skill_id, d.level, d.target, d.attainment) for d in deciding] == [
        ("sql", 40.0, 80.0, 50.0),
        ("python", 60.0, 60.0, 100.0),
        ("communication", 50.0, 50.0, 100.0),
    ]


# --- gaps and hours --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("level", "band"),
    [
        (0, "beginner"),
        (39.9, "beginner"),
        (40, "intermediate"),
        (64.9, "intermediate"),
        (65, "advanced"),
        (84.9, "advanced"),
        (85, "expert"),
        (100, "expert"),
    ],
)
def test_level_bands(level: float, band: str) -> None:
    assert f.level_band(level) == band


@pytest.mark.parametrize(
    ("current", "target", "hours"),
    [
        (0, 45, 40.0),  # beginner -> intermediate
        (30, 75, 120.0),  # beginner -> advanced
        (10, 95, 300.0),  # beginner -> expert
        (50, 75, 80.0),  # intermediate -> advanced
        (45, 92, 200.0),  # intermediate -> expert
        (72, 91, 150.0),  # advanced -> expert
        (70, 80, 75.0),  # inside advanced (65-84): 10 / 20 × 150
        (50, 60, 32.0),  # inside intermediate (40-64): 10 / 25 × 80
        (10, 30, 20.0),  # inside beginner: 20 / 40 × 40
        (80, 75, 0.0),  # already there
    ],
)
def test_hours_to_close(current: float, target: float, hours: float) -> None:
    assert f.hours_to_close(current, target) == hours


def test_gaps_sorted_by_gap_times_importance() -> None:
    gaps = compute_insights(inputs()).gaps
    # sql 40 × 5 = 200; communication (self-rated 50) and python have no gap
    assert [(g.skill_id, g.gap, g.priority, g.est_hours) for g in gaps] == [
        ("sql", 40.0, 200.0, 80.0),
    ]
    assert gaps[0].source == "assessment"
    # a self-rated 30: gap 20 × 2 = 40, 30 → 50 is beginner → intermediate = 40 h
    rated = {**SKILLS, "communication": SkillInput(skill_id="communication", self_rated=30)}
    gaps = compute_insights(inputs(skills=rated)).gaps
    assert [(g.skill_id, g.current, g.gap, g.priority, g.est_hours) for g in gaps] == [
        ("sql", 40.0, 40.0, 200.0, 80.0),
        ("communication", 30.0, 20.0, 40.0, 40.0),
    ]
    assert gaps[1].source == "self" and gaps[1].self_rated == 30


# --- next best actions -----------------------------------------------------------------------
def test_next_actions_by_hand() -> None:
    actions = compute_insights(inputs()).next_actions
    got = [(a.kind, a.skill_id, a.content_id, a.readiness_gain) for a in actions]
    assert got == [
        # SQL: scored 40, but an advanced SQL item is DONE (evidence 80): 0.5 -> 1 = 17.5
        ("assessment", "sql", None, 17.5),
        # closing SQL's gap is worth the same 17.5; communication would give 14
        ("practice", "sql", None, 17.5),
        # every unfinished item adds ≤ 0.3 × 100 / 4 = 7.5; the 0.5 h video gives most per hour
        ("content", None, 4, 7.5),
    ]


def test_practice_prefers_another_skill_on_a_tie() -> None:
    twins = ROLE.model_copy(
        update={
            "skills": (
                RoleSkill(skill="sql", level=80, importance=5),
                RoleSkill(skill="python", level=80, importance=5),
            )
        }
    )
    # Nothing measured: both skills would add 0.7 × 100 × 5 / 10 = 35 points when closed.
    doc = compute_insights(inputs(roles=(twins,), skills={}, path=()))
    kinds = {a.kind: a for a in doc.next_actions}
    assert kinds["assessment"].skill_id == "sql"
    assert kinds["assessment"].readiness_gain == 0.0  # no evidence yet: gain unknown
    assert "not measured yet" in kinds["assessment"].detail
    assert (kinds["practice"].skill_id, kinds["practice"].readiness_gain) == ("python", 35.0)
    assert "content" not in kinds  # no path, no content action


# --- empty states and fingerprint ------------------------------------------------------------
def test_new_learner_gets_hints_and_no_target() -> None:
    doc = compute_insights(inputs(target_role_ids=(), skills={}, path=(), pipeline_available=True))
    assert doc.target_role is None
    assert doc.readiness.value == 0.0
    text = " ".join(doc.hints)
    assert "Choose a target role" in text and "first skill assessment" in text
    assert "learning path" in text and "Save job postings" in text
    assert doc.top_roles == []


def test_without_a_chosen_role_the_best_match_is_used() -> None:
    doc = compute_insights(inputs(target_role_ids=("no_such_role",)))
    assert doc.target_role is not None
    assert (doc.target_role.role_id, doc.target_role.chosen) == ("analyst", False)
    assert "closest match, Analyst" in doc.hints[0]


def test_fingerprint_ignores_time_but_not_numbers() -> None:
    a = compute_insights(inputs())
    b = compute_insights(inputs(computed_at=datetime(2027, 1, 1, tzinfo=UTC)))
    c = compute_insights(inputs(companies=(CompanyInput(name="Average Co", difficulty=1.1),)))
    assert fingerprint(a) == fingerprint(b) == a.number_fingerprint()
    assert fingerprint(a) != fingerprint(c)


def test_assessments_are_only_suggested_for_assessable_skills() -> None:
    # SQL is the best candidate (17.5) but has no assessment here: communication, only
    # self-rated (at its target already: an assessment would confirm it, gain 0), is next.
    doc = compute_insights(inputs(assessable=frozenset({"communication", "python"})))
    assessment = next(a for a in doc.next_actions if a.kind == "assessment")
    assert (assessment.skill_id, assessment.readiness_gain) == ("communication", 0.0)
    doc = compute_insights(inputs(assessable=frozenset()))
    assert [a.kind for a in doc.next_actions] == ["practice", "content"]


# --- boundaries the mutation run showed untested (issue 23); numbers worked by hand ----------
def test_attainment_near_zero_and_small_targets() -> None:
    assert f.attainment(0.5, 1) == pytest.approx(0.5)  # a target of 1 is still a target
    assert f.attainment(None, 1) == 0.0
    assert f.attainment(1, 50) == pytest.approx(0.02)  # level 1 of 50 is 2 %
    assert f.attainment(0, 50) == 0.0
    assert f.attainment(10, 0) == 1.0


def test_chance_index_far_below_the_curve_is_clamped_not_zero() -> None:
    # z = (-1000 - 60) / 10 = -106, clamped at -60 (exp cannot overflow): 100 / (1 + e^60).
    assert f.company_probability(-1000.0, 1.0) == pytest.approx(
        100 / (1 + math.exp(60)), rel=1e-9, abs=0
    )
    assert f.company_probability(1000.0, 1.0) == 100.0


def test_merge_companies_compares_multi_word_names_and_drops_duplicate_targets() -> None:
    merged = f.merge_companies(
        [CompanyInput(name="Acme Ltd"), CompanyInput(name="ACME  ltd"), CompanyInput(name="  ")],
        [PostingInput(company="acme   LTD", title="Analyst"), PostingInput(company="", title="X")],
    )
    assert [c.name for c in merged] == ["Acme Ltd"]


FOUR = Role(
    id="four",
    title="Four skills",
    onet_code="15-1253.00",
    onet_title="Testers",
    description="Four skills of equal weight.",
    skills=(
        RoleSkill(skill="alpha", level=50, importance=3),
        RoleSkill(skill="beta", level=50, importance=3),
        RoleSkill(skill="gamma", level=30, importance=4),
        RoleSkill(skill="delta", level=40, importance=1),
    ),
)


def test_deciding_skills_rank_by_importance_then_shortfall_and_round() -> None:
    levels: dict[str, float | None] = {"alpha": 50.0, "beta": 45.67, "gamma": 20.0}
    names = {"alpha": "Alpha", "gamma": "Gamma"}  # beta has no display name
    deciding = f.deciding_skills(FOUR, levels, names)
    # gamma (importance 4) first; alpha and beta share importance 3 and beta falls shorter
    # (45.67 of 50 vs 50 of 50), so beta before alpha; three at most, so delta is left out.
    assert [(d.skill_id, d.name, d.level, d.attainment) for d in deciding] == [
        ("gamma", "Gamma", 20.0, 66.7),  # 20 / 30 = 66.67 %
        ("beta", "beta", 45.7, 91.3),  # 45.67 / 50 = 91.34 %
        ("alpha", "Alpha", 50.0, 100.0),
    ]
    # A skill with no level shows 0.
    assert f.deciding_skills(FOUR, {}, names, limit=4)[-1].level == 0.0


def test_role_match_is_rounded_to_one_decimal() -> None:
    # gamma 20/30 = 2/3 at importance 4, the rest 0: 100 × (4 × 2/3) / 11 = 24.24…
    match = f.role_matches([FOUR], {"gamma": 20.0}, {})[0]
    assert match.match == 24.2
    assert match.openings is None


def test_skill_gaps_fields_and_ordering() -> None:
    skills = {
        "alpha": SkillInput(
            skill_id="alpha",
            measured=45.67,
            measured_source="interview",
            low=40.0,
            high=52.0,
            evidence_count=3,
        ),
        "beta": SkillInput(skill_id="beta", measured=49.5, low=44.0),  # no high: no interval
        "delta": SkillInput(skill_id="delta", self_rated=20.0),
    }
    names = {"alpha": "Alpha", "gamma": "Gamma", "delta": "Delta"}
    gaps = {g.skill_id: g for g in f.skill_gaps(FOUR, skills, names)}
    alpha = gaps["alpha"]
    # 50 - 45.67 = 4.33 → 4.3; priority 4.33 × 3 = 12.99 → 13.0
    assert (alpha.name, alpha.current, alpha.gap, alpha.priority) == ("Alpha", 45.7, 4.3, 13.0)
    assert (alpha.interval, alpha.evidence_count, alpha.source) == ((40.0, 52.0), 3, "interview")
    beta = gaps["beta"]  # half a point short is still a gap
    assert (beta.name, beta.gap, beta.interval, beta.source) == ("beta", 0.5, None, "assessment")
    assert beta.priority == 1.5  # 0.5 × 3, kept to one decimal
    gamma = gaps["gamma"]  # nothing known: from 0
    assert (gamma.current, gamma.gap, gamma.evidence_count, gamma.source) == (0.0, 30.0, 0, None)
    assert gaps["delta"].source == "self"
    # gamma 30 × 4 = 120, delta 20 × 1 = 20, alpha 13.0, beta 1.5.
    assert [g.skill_id for g in f.skill_gaps(FOUR, skills, names)] == [
        "gamma",
        "delta",
        "alpha",
        "beta",
    ]


def test_equal_priority_gaps_put_the_more_important_skill_first() -> None:
    role = Role(
        id="tie",
        title="Tie",
        onet_code="15-1253.00",
        onet_title="Testers",
        description="Two gaps of equal priority.",
        skills=(
            RoleSkill(skill="zeta", level=10, importance=2),  # 10 × 2 = 20
            RoleSkill(skill="alpha", level=20, importance=1),  # 20 × 1 = 20
        ),
    )
    assert [g.skill_id for g in f.skill_gaps(role, {}, {})] == ["zeta", "alpha"]
