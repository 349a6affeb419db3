"""Per-job fit: verdict thresholds at their boundaries, gap classes, hours, the service."""

from __future__ import annotations

import pytest

from careerdesk.core.pipeline.intel.fit_rules import GapItem, analyse, decide
from careerdesk.core.pipeline.intel.fit_service import FitService
from careerdesk.core.pipeline.models import ApplicationInput
from careerdesk.core.reference.skill_extractor import ExtractedSkills, SkillMention
from careerdesk.core.skills.service import SkillProfileService


@pytest.mark.parametrize(
    ("match", "critical", "hours", "verdict"),
    [
        (80.0, 0, 500.0, "apply_now"),  # 80% exactly, no critical: apply
        (79.9, 0, 0.0, "learn_first"),
        (100.0, 1, 10.0, "learn_first"),  # a critical gap blocks "apply now"
        (100.0, 1, 80.0, "reconsider"),  # … and 80 h is not "under 80 h"
        (60.0, 0, 79.9, "learn_first"),  # 60% exactly and under 80 h
        (59.9, 0, 0.0, "reconsider"),
        (60.0, 0, 80.0, "reconsider"),
    ],
)
def test_verdict_boundaries(match: float, critical: int, hours: float, verdict: str) -> None:
    assert decide(match, critical, hours) == verdict


def _m(skill: str | None, level: int, required: bool = True, name: str = "") -> SkillMention:
    return SkillMention(
        skill_id=skill,
        name=name or (skill or "Tech"),
        technologies=[],
        required=required,
        implied_level=level,
        evidence="",
    )


def test_gap_classes_hours_and_priority() -> None:
    extracted = ExtractedSkills(
        required=[
            _m("python", 50),
            _m("sql", 65),
            _m("cloud", 80),
            _m("git", 50),
            _m(None, 50, name="Go"),
        ],
        preferred=[_m("docker_none", 40, required=False)],
        technologies=[],
    )
    levels = {"python": 60.0, "sql": 45.0, "git": 30.0}
    fit = analyse(extracted, levels)
    by = {i.name: i for i in fit.items}
    assert by["python"].status == "match"
    assert by["sql"].status == "partial" and by["sql"].severity == "low"  # 20 short
    assert by["cloud"].status == "missing" and by["cloud"].severity == "critical"
    assert by["git"].status == "partial" and by["git"].hours == 40.0  # beginner -> intermediate
    assert by["Go"].status == "untracked"
    assert by["docker_none"].severity == "low" and not by["docker_none"].required
    # (1 + 0.5 + 0 + 0.5) / 4 required catalogue skills = 50%.
    assert fit.required_match == 50.0
    # sql 45->65: intermediate->advanced 80 h; cloud 0->80: beginner->advanced 120 h; git 40 h.
    assert fit.hours_to_close == 240.0
    assert fit.verdict == "reconsider"
    # Impact = shortfall x weight (1 required, 0.4 preferred); priority = impact per hour:
    # cloud 80/120 h = 0.67, git 20/40 h = 0.5, docker_none 16/40 h = 0.4, sql 20/80 h = 0.25.
    assert {n: by[n].impact for n in ("cloud", "git", "docker_none", "sql")} == {
        "cloud": 80.0,
        "git": 20.0,
        "docker_none": 16.0,
        "sql": 20.0,
    }
    assert [(g.name, g.priority) for g in fit.gaps] == [
        ("cloud", 1),
        ("git", 2),
        ("docker_none", 3),
        ("sql", 4),
    ]
    assert by["python"].priority == 0 and by["Go"].priority == 0
    assert any("Critical gap: cloud" in r for r in fit.reasons)
    assert any("Go" in r for r in fit.reasons)


def _one(mention: SkillMention, level: float | None) -> GapItem:
    extracted = ExtractedSkills(
        required=[mention] if mention.required else [],
        preferred=[] if mention.required else [mention],
        technologies=[],
    )
    levels = {} if level is None else {str(mention.skill_id): level}
    return analyse(extracted, levels).items[0]


@pytest.mark.parametrize(
    ("implied", "required", "severity"),
    [
        (65, True, "critical"),  # missing and required at 65+: critical (docs/intel.md)
        (64, True, "high"),  # one point below: only high
        (90, False, "low"),  # a missing preferred skill is never critical
    ],
)
def test_missing_skill_severity_at_the_critical_boundary(
    implied: int, required: bool, severity: str
) -> None:
    item = _one(_m("cloud", implied, required=required), None)
    assert (item.status, item.severity) == ("missing", severity)


@pytest.mark.parametrize(
    ("current", "severity"),
    [
        (34.0, "medium"),  # 26 points short of 60: more than 25
        (35.0, "low"),  # exactly 25 short: not more than 25
    ],
)
def test_partial_severity_at_the_medium_boundary(current: float, severity: str) -> None:
    item = _one(_m("sql", 60), current)
    assert (item.status, item.severity) == ("partial", severity)


def test_partial_preferred_skill_is_low_whatever_the_shortfall() -> None:
    assert _one(_m("sql", 80, required=False), 10.0).severity == "low"


@pytest.mark.parametrize(
    ("required", "impact"),
    [
        (True, 30.0),  # 30 points short x 1
        (False, 12.0),  # 30 points short x 0.4
    ],
)
def test_impact_weights_required_and_preferred(required: bool, impact: float) -> None:
    item = _one(_m("sql", 60, required=required), 30.0)
    assert item.impact == impact


def test_a_met_level_is_a_match_exactly_at_the_implied_level() -> None:
    assert _one(_m("sql", 60), 60.0).status == "match"
    assert _one(_m("sql", 60), 59.9).status == "partial"
    assert _one(_m("sql", 60), 0.0).status == "missing"


def test_no_skills_gives_no_verdict() -> None:
    fit = analyse(ExtractedSkills(required=[], preferred=[], technologies=[]), {})
    assert fit.verdict == "unknown" and "description" in fit.reasons[0]


POSTING = """Junior Data Analyst
Requirements:
- SQL and Excel for reporting
- Python for analysis
Nice to have:
- Tableau
"""


def test_service_stores_verdict_and_maps_title(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    skills = app.service(SkillProfileService)
    skills.set_self_ratings(pid, {"sql": 70, "data_analysis": 60, "python": 55})
    a = svc.create(
        pid, ApplicationInput(company="Monzo", title="Junior Data Analyst", description=POSTING)
    )
    fits = app.service(FitService)
    view = fits.analyse(a.id)
    assert view.verdict == "apply_now"
    assert view.occupation  # mapped through O*NET alternate titles
    assert fits.verdicts(pid) == {a.id: "apply_now"}
    # No preferences and no salary: culture and compensation have no information and are
    # left out (never a made-up 0.5); the card says so.
    assert set(view.components) == {"skills", "experience", "growth"}
    assert view.left_out == ["culture", "compensation"]
    assert "Not enough information about culture" in view.notes
    assert 0 < view.score <= 1


def test_add_gaps_to_learning_path(app, svc, pid, clock) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(
        pid, ApplicationInput(company="Monzo", title="Data Analyst", description=POSTING)
    )
    fits = app.service(FitService)
    added = fits.add_gaps_to_learning_path(a.id)
    assert added  # the learner has no levels: everything is a gap
    from careerdesk.core.learning.service import LearningService

    items = app.service(LearningService).current_path_items(pid)
    assert items and {i.skill for i in items} & {"sql", "python", "data_analysis"}


def _mention(
    skill: str | None, level: int, required: bool, name: str, tech: list[str], evidence: str
) -> SkillMention:
    return SkillMention(
        skill_id=skill,
        name=name,
        technologies=tech,
        required=required,
        implied_level=level,
        evidence=evidence,
    )


def test_a_whole_fit_result_by_hand() -> None:
    """Every field of every item, the percentages and the reasons, worked out from
    docs/intel.md for one posting."""
    extracted = ExtractedSkills(
        required=[
            _mention("python", 50, True, "Python", ["Python 3"], "use Python"),
            _mention("sql", 65, True, "SQL", [], "strong SQL"),
            _mention("cloud", 80, True, "Cloud", [], "cloud"),
            _mention(None, 50, True, "Go", ["Go"], "Go"),
        ],
        preferred=[
            _mention("excel", 30, False, "Excel", [], "Excel"),
            _mention("tableau", 40, False, "Tableau", [], "a plus"),
        ],
        technologies=["Go", "Tableau"],
    )
    levels = {"python": 60.0, "sql": 45.0, "excel": 50.0, "tableau": 20.0}
    fit = analyse(extracted, levels)
    got = [
        (
            i.skill_id,
            i.name,
            i.required,
            i.implied,
            i.current,
            i.status,
            i.severity,
            i.impact,
            i.hours,
            i.priority,
            i.technologies,
            i.evidence,
        )
        for i in fit.items
    ]
    assert got == [
        ("python", "Python", True, 50, 60.0, "match", "", 0.0, 0.0, 0, ["Python 3"], "use Python"),
        # 20 short, intermediate -> advanced 80 h; 20/80 = 0.25 per hour: second
        ("sql", "SQL", True, 65, 45.0, "partial", "low", 20.0, 80.0, 2, [], "strong SQL"),
        # missing at 80 >= 65: critical; beginner -> advanced 120 h; 80/120: first
        ("cloud", "Cloud", True, 80, None, "missing", "critical", 80.0, 120.0, 1, [], "cloud"),
        (None, "Go", True, 50, None, "untracked", "", 0.0, 0.0, 0, ["Go"], "Go"),
        ("excel", "Excel", False, 30, 50.0, "match", "", 0.0, 0.0, 0, [], "Excel"),
        # preferred: 20 short x 0.4 = 8; beginner -> intermediate 40 h; 0.2 per hour: third
        ("tableau", "Tableau", False, 40, 20.0, "partial", "low", 8.0, 40.0, 3, [], "a plus"),
    ]  # fmt: skip
    assert fit.required_match == 50.0  # (1 + 0.5 + 0) / 3 tracked required
    assert fit.preferred_match == 75.0  # (1 + 0.5) / 2
    assert fit.hours_to_close == 200.0  # required gaps only: 80 + 120
    assert (fit.verdict, fit.label) == ("reconsider", "Reconsider")
    assert fit.reasons == [
        "You match 50% of the required skills (1 met, 1 partly met, of 3).",
        "Critical gap: Cloud (required at an advanced level).",
        "About 200 h of learning would close the required gaps.",
        "Reconsider: less than 60% matched and 80 h or more to close.",
        "Not in your skills catalogue (not scored): Go.",
    ]
    assert fit.technologies == ["Go", "Tableau"]
    assert (fit.occupation_code, fit.occupation) == ("", "")
    assert [g.name for g in fit.gaps] == ["Cloud", "SQL", "Tableau"]


def test_reasons_for_each_verdict() -> None:
    apply_now = analyse(
        ExtractedSkills(required=[_m("sql", 50)], preferred=[], technologies=[]), {"sql": 50.0}
    )
    assert apply_now.verdict == "apply_now" and apply_now.label == "Apply now"
    assert apply_now.reasons == [
        "You match 100% of the required skills (1 met, 0 partly met, of 1).",
        "At least 80% matched and no critical gap: apply now.",
    ]
    assert apply_now.preferred_match == 0.0  # no preferred skills at all
    learn = analyse(
        ExtractedSkills(
            required=[_m("sql", 50), _m("python", 50), _m("git", 60)], preferred=[], technologies=[]
        ),
        {"sql": 50.0, "python": 50.0, "git": 45.0},
    )
    # (1 + 1 + 0.5) / 3 = 83.3%, rounded to one decimal; 45 -> 60 stays in the intermediate
    # band: 15/25 of the 80 h step to advanced = 48 h. 83.3% and no critical gap: apply now.
    assert learn.required_match == 83.3 and learn.hours_to_close == 48.0
    assert learn.verdict == "apply_now"
    learn_first = analyse(
        ExtractedSkills(required=[_m("sql", 50), _m("git", 60)], preferred=[], technologies=[]),
        {"sql": 50.0, "git": 45.0},
    )
    assert learn_first.required_match == 75.0
    assert (learn_first.verdict, learn_first.label) == ("learn_first", "Learn first")
    assert learn_first.reasons == [
        "You match 75% of the required skills (1 met, 1 partly met, of 2).",
        "About 48 h of learning would close the required gaps.",
        "60% or more matched and under 80 h to close: learn first, then apply.",
    ]
    blocked = analyse(
        ExtractedSkills(
            required=[_m(f"s{n}", 50) for n in range(9)] + [_m("cloud", 90)],
            preferred=[],
            technologies=[],
        ),
        {f"s{n}": 60.0 for n in range(9)},
    )
    assert blocked.required_match == 90.0 and blocked.hours_to_close == 300.0
    assert blocked.reasons[-1] == "Reconsider: 80 h or more to close and a critical gap."
    assert blocked.reasons[1] == "Critical gap: cloud (required at an advanced level)."


def test_a_tiny_level_is_partial_not_missing() -> None:
    assert _one(_m("sql", 60), 0.5).status == "partial"


def _required(*mentions: SkillMention) -> ExtractedSkills:
    return ExtractedSkills(required=list(mentions), preferred=[], technologies=[])


def test_rounding_to_one_decimal() -> None:
    # 50 - 40.67 = 9.33 points short -> impact 9.3; 40.67 -> 50 inside the intermediate band:
    # 9.33 / 25 x 80 h = 29.856 -> 29.9 h.
    fit = analyse(_required(_m("sql", 50)), {"sql": 40.67})
    assert fit.items[0].impact == 9.3
    assert fit.hours_to_close == 29.9
    assert "About 30 h of learning would close the required gaps." in fit.reasons


def test_under_an_hour_to_close_is_still_mentioned() -> None:
    fit = analyse(_required(_m("sql", 50)), {"sql": 49.8})  # 0.2 / 25 x 80 h = 0.64 h
    assert fit.hours_to_close == 0.6
    assert "About 1 h of learning would close the required gaps." in fit.reasons


def test_priority_is_impact_per_hour_with_at_least_one_hour() -> None:
    # quick: 0.5 short, 1.6 h -> 0.3125 per hour; slow: 23 short, 80 h -> 0.2875 per hour.
    fit = analyse(_required(_m("slow", 65), _m("quick", 50)), {"slow": 42.0, "quick": 49.5})
    assert [(g.name, g.priority) for g in fit.gaps] == [("quick", 1), ("slow", 2)]
    # Equal impact per hour (0.25): the bigger impact first, then by name.
    fit = analyse(_required(_m("b_small", 40), _m("a_big", 65)), {"b_small": 30.0, "a_big": 45.0})
    assert [(g.name, g.impact, g.hours) for g in fit.gaps] == [
        ("a_big", 20.0, 80.0),
        ("b_small", 10.0, 40.0),
    ]


def test_reconsider_reasons_at_the_boundaries() -> None:
    # 3 of 5 matched = 60% exactly, two non-critical gaps of 40 h = 80 h exactly.
    fit = analyse(
        _required(*(_m(s, 50) for s in ("a", "b", "c", "d", "e"))),
        {"a": 50.0, "b": 50.0, "c": 50.0},
    )
    assert (fit.required_match, fit.hours_to_close, fit.verdict) == (60.0, 80.0, "reconsider")
    assert fit.reasons[-1] == "Reconsider: 80 h or more to close."
    # 80% exactly with a critical gap.
    fit = analyse(
        _required(*(_m(s, 50) for s in ("a", "b", "c", "d")), _m("cloud", 90)),
        {"a": 50.0, "b": 50.0, "c": 50.0, "d": 50.0},
    )
    assert fit.required_match == 80.0
    assert fit.reasons[-1] == "Reconsider: 80 h or more to close and a critical gap."


def test_several_critical_gaps_and_untracked_names() -> None:
    fit = analyse(
        _required(
            _m("cloud", 80),
            _m("ml", 70),
            *(_m(None, 50, name=f"T{n}") for n in range(9)),
        ),
        {},
        occupation_code="15-2051.00",
        occupation="Data Scientists",
    )
    assert "Critical gap: cloud, ml (required at an advanced level)." in fit.reasons
    assert fit.reasons[-1] == (
        "Not in your skills catalogue (not scored): T0, T1, T2, T3, T4, T5, T6, T7."
    )
    assert (fit.occupation_code, fit.occupation) == ("15-2051.00", "Data Scientists")


def test_no_recognised_required_skill_says_what_to_do() -> None:
    fit = analyse(_required(_m(None, 50, name="Go")), {})
    assert (fit.verdict, fit.label) == ("unknown", "No verdict")
    assert fit.reasons == [
        "No required skills from the catalogue were found in the job description; "
        "paste the full description to get a verdict.",
        "Not in your skills catalogue (not scored): Go.",
    ]
