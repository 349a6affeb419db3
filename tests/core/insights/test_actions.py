"""Next actions and their building blocks by hand (docs/insights.md, "Next actions").

Readiness = 0.7 × assessment + 0.3 × learning; every expected number is worked out in the
comment beside it, never read from insights/actions.
"""

from __future__ import annotations

import math

import pytest

from careerdesk.core.insights import actions
from careerdesk.core.insights.models import PathItemInput, SkillGap, SkillInput
from careerdesk.core.reference.catalog import Role, RoleSkill

# The hand-checked role of test_formulas.py (importance adds up to 10).
from tests.core.insights.test_formulas import NAMES, ROLE


def _item(cid: int, level: str, skills: tuple[str, ...], state: str = "DONE") -> PathItemInput:
    return PathItemInput(
        content_id=cid, title=f"Item {cid}", kind="article", skills=skills, level=level, state=state
    )


def test_content_evidence_is_the_best_finished_level_per_skill() -> None:
    path = (
        _item(1, "expert", ("sql",), state="IN_PROGRESS"),  # not finished: no evidence
        _item(2, "advanced", ("sql", "python")),  # 80
        _item(3, "intermediate", ("sql",)),  # 55: lower than 80, SQL keeps 80
        _item(4, "beginner", ("communication",)),  # 20
        _item(5, "mystery", ("excel",)),  # no such level: no evidence at all
        _item(6, "expert", ("python",), state="NOT_STARTED"),
    )
    assert actions.content_evidence(path) == {"sql": 80.0, "python": 80.0, "communication": 20.0}
    assert actions.CONTENT_EVIDENCE == {
        "beginner": 20.0,
        "intermediate": 55.0,
        "advanced": 80.0,
        "expert": 95.0,
    }


@pytest.mark.parametrize(
    ("learning", "gain"),
    [(40.0, 18.0), (99.5, 0.15), (100.0, 0.0), (120.0, 0.0)],  # 0.3 × max(0, 100 − learning)
)
def test_path_gain(learning: float, gain: float) -> None:
    assert actions.path_gain(learning) == pytest.approx(gain)


@pytest.mark.parametrize(
    ("skill", "levels", "new", "gain"),
    [
        ("sql", {"sql": 40.0}, 80.0, 17.5),  # 0.7 × 100 × 5 × (1 − 0.5) / 10
        ("sql", {"sql": 40.0}, 60.0, 8.75),  # 0.75 − 0.5 of weight 5/10
        ("python", {}, 30.0, 10.5),  # unmeasured: 0 → 0.5 of weight 3/10
        ("sql", {"sql": 60.0}, 40.0, 0.0),  # lower than now: no gain, never negative
        ("excel", {}, 80.0, 0.0),  # not a skill of the role
    ],
)
def test_skill_gain(skill: str, levels: dict[str, float], new: float, gain: float) -> None:
    assert actions.skill_gain(ROLE, levels, skill, new) == pytest.approx(gain)


def test_learning_gain_is_the_unfinished_share_of_the_path() -> None:
    video = PathItemInput(content_id=1, title="V", kind="video", watched_fraction=0.25)
    path = (
        video,
        _item(2, "beginner", ()),
        _item(3, "beginner", (), "NOT_STARTED"),
        _item(4, "beginner", ()),
    )
    # 0.3 × 100 × (1 − 0.25) / 4 = 5.625; a finished item adds nothing.
    assert actions.learning_gain(path, video) == pytest.approx(5.625)
    assert actions.learning_gain(path, path[1]) == 0.0
    assert actions.learning_gain((), video) == 0.0


def test_gap_gains() -> None:
    levels = {"sql": None, "python": 30.0, "communication": 50.0}
    # SQL 0 → 80: 0.7 × 100 × 5 / 10 = 35; Python 30 → 60: half of 3/10 → 10.5;
    # communication is at its target: left out.
    assert actions.gap_gains(ROLE, levels) == pytest.approx({"sql": 35.0, "python": 10.5})
    assert actions.gap_gains(None, levels) == {}


def test_a_self_rating_is_evidence_for_an_assessment() -> None:
    skills = {
        "sql": SkillInput(skill_id="sql", self_rated=40),
        "python": SkillInput(skill_id="python", measured=30),
        "communication": SkillInput(skill_id="communication", measured=50),
    }
    levels = {"sql": None, "python": 30.0, "communication": 50.0}
    found = actions.next_actions(ROLE, skills, levels, (), [], NAMES)
    # SQL is not measured; the self-rating 40 suggests 0 → 0.5 of weight 5/10: 17.5 points.
    # Python and communication are measured with no better evidence: not suggested.
    assert [a.model_dump() for a in found] == [
        {
            "kind": "assessment",
            "title": "Take the SQL assessment",
            "detail": "not measured yet; your evidence suggests about 40/100",
            "skill_id": "sql",
            "content_id": None,
            "readiness_gain": 17.5,
        }
    ]


def _assessment(
    skills: dict[str, SkillInput], levels: dict[str, float | None], names: dict[str, str] = NAMES
) -> list[tuple[str, str, float]]:
    found = actions.next_actions(ROLE, skills, levels, (), [], names)
    return [(a.title, a.detail, a.readiness_gain) for a in found if a.kind == "assessment"]


def test_assessment_without_any_evidence_and_with_a_tiny_one() -> None:
    nothing = {"sql": SkillInput(skill_id="sql")}  # known, but neither measured nor rated
    levels: dict[str, float | None] = {"sql": None, "python": 60.0, "communication": 50.0}
    measured = {
        "python": SkillInput(skill_id="python", measured=60),
        "communication": SkillInput(skill_id="communication", measured=50),
    }
    assert _assessment({**nothing, **measured}, levels) == [
        (
            "Take the SQL assessment",
            "not measured yet: every point you score counts toward readiness",
            0.0,
        )
    ]
    # A self-rating of 1: 1/80 of weight 5/10 → 0.7 × 100 × 5 × 0.0125 / 10 = 0.4375 → 0.4
    tiny = {"sql": SkillInput(skill_id="sql", self_rated=1), **measured}
    assert _assessment(tiny, levels) == [
        ("Take the SQL assessment", "not measured yet; your evidence suggests about 1/100", 0.4)
    ]
    # A skill without a name is called by its id.
    assert _assessment(tiny, levels, names={})[0][0] == "Take the sql assessment"


def test_a_measured_skill_is_retaken_only_on_better_evidence() -> None:
    levels: dict[str, float | None] = {"sql": 80.0, "python": 30.0, "communication": 50.0}
    base = {
        "sql": SkillInput(skill_id="sql", measured=80),
        "communication": SkillInput(skill_id="communication", measured=50),
    }
    same = {**base, "python": SkillInput(skill_id="python", measured=30, self_rated=30)}
    assert _assessment(same, levels) == []  # evidence equal to the score: nothing to gain
    better = {**base, "python": SkillInput(skill_id="python", measured=30, self_rated=36)}
    # 30 → 36 of 60 at weight 3/10: 0.7 × 100 × 3 × 0.1 / 10 = 2.1
    assert _assessment(better, levels) == [
        (
            "Take the Python assessment",
            "scored 30, but finished content suggests about 36",
            2.1,
        )
    ]


def _gap(skill: str, importance: int) -> SkillGap:
    return SkillGap(
        skill_id=skill,
        name=NAMES[skill],
        current=20,
        target=60,
        gap=40,
        importance=importance,
        priority=40 * importance,
        current_band="beginner",
        target_band="intermediate",
        est_hours=10,
        source=None,
    )


def _practice(
    gains: dict[str, float], gaps: list[SkillGap], avoid: str | None
) -> tuple[str, float]:
    action = actions._practice_action(gains, gaps, avoid)
    assert action is not None
    return action.skill_id or "", action.readiness_gain


def test_practice_picks_the_largest_gain_then_another_skill_then_importance() -> None:
    sql, python = _gap("sql", 5), _gap("python", 3)
    # Largest gain wins, even when it is the skill the assessment suggests.
    assert _practice({"sql": 35.0, "python": 34.5}, [sql, python], "sql") == ("sql", 35.0)
    # A skill missing from the gains adds 0.
    assert _practice({"sql": 0.5}, [sql, python], None) == ("sql", 0.5)
    # Equal gains: the more important skill …
    assert _practice({"sql": 10.0, "python": 10.0}, [python, sql], None) == ("sql", 10.0)
    assert _practice({"sql": 10.0, "python": 10.0}, [sql, python], None) == ("sql", 10.0)
    # … unless it is the one the assessment suggests.
    assert _practice({"sql": 10.0, "python": 10.0}, [sql, python], "sql") == ("python", 10.0)
    # Gains within 1e-9 count as equal.
    close = {"sql": 1.0, "python": 1.0 - 1e-9}
    assert _practice(close, [sql, python], "sql") == ("python", 1.0)
    # Rounded to one decimal.
    assert _practice({"sql": 0.4375}, [sql], None) == ("sql", 0.4)
    assert actions._practice_action({}, [], None) is None


def test_next_actions_work_out_the_gains_when_not_given() -> None:
    skills = {
        "sql": SkillInput(skill_id="sql"),
        "python": SkillInput(skill_id="python", measured=30),
        "communication": SkillInput(skill_id="communication", measured=50),
    }
    levels: dict[str, float | None] = {"sql": None, "python": 30.0, "communication": 50.0}
    found = actions.next_actions(
        ROLE, skills, levels, (), [_gap("sql", 5), _gap("python", 3)], NAMES
    )
    # Closing SQL: 0 → 80 of weight 5/10 = 35 points (Python 30 → 60: 10.5); the SQL
    # assessment has no evidence behind it: 0. Largest gain first.
    assert [(a.kind, a.skill_id, a.readiness_gain) for a in found] == [
        ("practice", "sql", 35.0),
        ("assessment", "sql", 0.0),
    ]


# --- gains at their boundaries ---------------------------------------------------------------
def test_skill_gain_of_a_single_skill_role() -> None:
    # One skill of importance 1: 0.7 × 100 × 1 × (50/50 − 25/50) / 1 = 35
    role = Role(
        id="solo",
        title="Solo",
        onet_code="15-1253.00",
        onet_title="Testers",
        description="One skill.",
        skills=(RoleSkill(skill="sql", level=50, importance=1),),
    )
    assert actions.skill_gain(role, {"sql": 25.0}, "sql", 50.0) == pytest.approx(35.0)


def test_gap_gains_keep_gains_under_one_point() -> None:
    # sql 79 of 80: 0.7 × 100 × 5 × (1/80) / 10 = 0.4375; python and communication are met.
    gains = actions.gap_gains(ROLE, {"sql": 79.0, "python": 60.0, "communication": 50.0})
    assert gains == {"sql": pytest.approx(0.4375)}


# --- company levers (docs/insights.md: chance = 100 / (1 + e^−(readiness − 60 × difficulty)/10))
def _gain_to(chance: float) -> float:
    """Readiness points that take the chance from 50 (readiness 60, difficulty 1) to ``chance``."""
    return 10.0 * math.log(chance / (100.0 - chance))


# 10 × ln(51/49), the float at which the chance is exactly 51: one point exactly
_ONE_POINT = 0.4000533461369913


def test_company_lever_names_the_best_skill_and_the_path() -> None:
    gains = {"sql": _gain_to(75.0), "python": _gain_to(60.0), "git": _gain_to(75.0)}
    # sql and git both add 25 points: the first one found stays
    skill, points, text = actions.company_lever(ROLE, gains, _gain_to(65.0), 60.0, 1.0, {})
    assert (skill, points) == ("sql", 25.0)
    assert text == (
        "Closing the sql gap adds about 25 points (50% → 75%); "
        "finishing your learning path, about 15 points."
    )


@pytest.mark.parametrize(
    ("chance", "amount"),
    [
        (50.4, "less than 1 point"),
        (51.5, "about 2 points"),  # round(1.5) = 2
        (51.2, "about 1 point"),
    ],
)
def test_company_lever_amount_wording(chance: float, amount: str) -> None:
    _skill, _points, text = actions.company_lever(
        ROLE, {"sql": _gain_to(chance)}, 0.0, 60.0, 1.0, NAMES
    )
    assert text == f"Closing the SQL gap adds {amount} (50% → {round(chance)}%)."


def test_company_lever_exactly_one_point() -> None:
    skill, points, text = actions.company_lever(ROLE, {"sql": _ONE_POINT}, 0.0, 60.0, 1.0, NAMES)
    assert (skill, points, text) == (
        "sql",
        1.0,
        "Closing the SQL gap adds about 1 point (50% → 51%).",
    )
    # A path worth exactly one point is mentioned after the skill.
    _s, _p, text = actions.company_lever(
        ROLE, {"sql": _gain_to(75.0)}, _ONE_POINT, 60.0, 1.0, NAMES
    )
    assert text == (
        "Closing the SQL gap adds about 25 points (50% → 75%); "
        "finishing your learning path, about 1 point."
    )
    # under one point it is not
    _s, _p, text = actions.company_lever(
        ROLE, {"sql": _gain_to(75.0)}, _gain_to(50.9), 60.0, 1.0, NAMES
    )
    assert text == "Closing the SQL gap adds about 25 points (50% → 75%)."


def test_company_lever_a_zero_gain_is_no_lever() -> None:
    # A skill whose closing adds nothing does not become the lever: the path does.
    skill, points, text = actions.company_lever(
        ROLE, {"sql": 0.0}, _gain_to(75.37), 60.0, 1.0, NAMES
    )
    assert (skill, points) == (None, 25.4)  # 25.37 to one decimal
    assert text == "Finishing your learning path adds about 25 points (50% → 75%)."


@pytest.mark.parametrize(
    ("path_gain", "expected"),
    [
        (
            _gain_to(50.4),
            (None, 0.4, "Finishing your learning path adds less than 1 point (50% → 50%)."),
        ),
        (0.0, (None, 0.0, "You meet every skill target of Tester; keep practising.")),
    ],
)
def test_company_lever_path_only(path_gain: float, expected: tuple[object, ...]) -> None:
    assert actions.company_lever(ROLE, {}, path_gain, 60.0, 1.0, NAMES) == expected


def test_company_lever_without_a_role() -> None:
    assert actions.company_lever(None, {}, 0.0, 60.0, 1.0, NAMES) == (
        None,
        0.0,
        "Choose a target role to see what would raise this chance.",
    )


# --- the content action (docs/insights.md: share = 0.3 × 100 / items; rate = gain / hours) -----
def _content(
    cid: int,
    kind: str = "article",
    *,
    hours: float = 1.0,
    watched: float = 0.0,
    state: str = "NOT_STARTED",
    skills: tuple[str, ...] = (),
    position: int | None = None,
) -> PathItemInput:
    return PathItemInput(
        content_id=cid,
        title=f"Item {cid}",
        kind=kind,
        skills=skills,
        est_hours=hours,
        state=state,
        watched_fraction=watched,
        position=cid if position is None else position,
    )


def _pick(path: tuple[PathItemInput, ...], priority: dict[str, float] | None = None) -> int:
    action = actions._content_action(path, priority or {})
    assert action is not None
    assert action.content_id is not None
    return action.content_id


def test_content_equal_rates_go_to_the_larger_gain() -> None:
    # Two items: share 15. Video half watched: gain 7.5 over 0.5 h = 15/h; article: 15 over
    # 1 h = 15/h. Same rate, no gap: the larger gain (the article) wins.
    path = (_content(0, "video", watched=0.5), _content(1))
    action = actions._content_action(path, {})
    assert action is not None
    assert (action.content_id, action.readiness_gain) == (1, 15.0)
    assert action.detail == "article, about 1.0 h left"


def test_content_only_a_video_counts_as_watched() -> None:
    # An article's watched share means nothing: both have 15 to gain over 1 h, the earlier wins.
    assert _pick((_content(0, watched=0.9), _content(1))) == 0
    # …and a video's does: 1.5 over 0.1 h = 15/h ties with the article's 15/h, the article's
    # larger gain wins.
    assert _pick((_content(0, "video", watched=0.9), _content(1))) == 1


def test_content_a_shorter_rest_wins() -> None:
    # Video half watched of 1 h: 7.5 over 0.5 h = 15/h; article of 1.5 h: 15 / 1.5 = 10/h.
    assert _pick((_content(0, "video", watched=0.5), _content(1, hours=1.5))) == 0


def test_content_skips_fully_watched_videos() -> None:
    assert actions._content_action((_content(0, "video", watched=1.0),), {}) is None
    assert _pick((_content(0, "video", watched=1.0), _content(1))) == 1


def test_content_a_minimum_of_three_minutes_left() -> None:
    # Half an hour left is shown as such (the floor is 0.05 h).
    action = actions._content_action((_content(0, hours=0.5),), {})
    assert action is not None
    assert action.detail == "article, about 0.5 h left"
    tiny = actions._content_action((_content(0, hours=0.01),), {})
    assert tiny is not None
    assert tiny.detail == "article, about 0.1 h left"  # 0.05 h shown with one decimal


def test_content_a_better_rate_beats_relevance() -> None:
    # share 15: item 0 (sql gap, priority 50) 15/1.5 = 10/h; item 1 15/0.75 = 20/h.
    path = (_content(0, hours=1.5, skills=("sql",)), _content(1, hours=0.75))
    assert _pick(path, {"sql": 50.0}) == 1


def test_content_rates_are_compared_to_six_places() -> None:
    # 15/h and 15/0.99999998 = 15.0000003/h are the same rate to six places: the item for the
    # gap wins; 15/0.999 = 15.015/h is a better rate.
    gap = {"sql": 50.0}
    assert _pick((_content(0, skills=("sql",)), _content(1, hours=0.99999998)), gap) == 0
    assert _pick((_content(0, skills=("sql",)), _content(1, hours=0.999)), gap) == 1
    # 15/1.0 and 15/1.03 = 14.56/h: a whole-number rounding would call them equal
    assert _pick((_content(0, hours=1.03, skills=("sql",)), _content(1)), gap) == 1


def test_content_a_rate_just_below_does_not_stop_the_search() -> None:
    # item 1: 10/1.00000007 = 9.9999993/h, 9.999999 to six places: a hair below item 0's 10/h
    # (three items: share 10), not skipped early (within 1e-6), only by the rate check;
    # item 2 has the same rate as item 0 and is for the gap: it wins.
    path = (_content(0), _content(1, hours=1.00000007), _content(2, skills=("sql",)))
    assert _pick(path, {"sql": 50.0}) == 2


@pytest.mark.parametrize(
    ("priority", "expected"),
    [
        ({}, 0),  # an unknown skill counts 0, like no skill: position decides
        ({"git": 0.5}, 1),  # any priority beats none
    ],
)
def test_content_relevance_of_unknown_and_missing_skills(
    priority: dict[str, float], expected: int
) -> None:
    assert _pick((_content(0), _content(1, skills=("git",))), priority) == expected


def test_content_full_ties_keep_the_first() -> None:
    path = (_content(7, position=0), _content(8, position=0))
    assert _pick(path) == 7


def test_content_gain_is_rounded_to_one_decimal() -> None:
    # seven items: 30 / 7 = 4.2857 → 4.3
    action = actions._content_action(tuple(_content(n) for n in range(7)), {})
    assert action is not None
    assert action.readiness_gain == 4.3


@pytest.mark.parametrize(
    ("item", "title"),
    [
        (_content(0, "video", watched=0.3), "Finish “Item 0”"),
        (_content(0, "video"), "Start and finish “Item 0”"),
        (_content(0, state="IN_PROGRESS"), "Finish “Item 0”"),
        (_content(0), "Start and finish “Item 0”"),
        (_content(0, watched=0.5), "Start and finish “Item 0”"),  # not a video: not started
    ],
)
def test_content_verb(item: PathItemInput, title: str) -> None:
    action = actions._content_action((item,), {})
    assert action is not None
    assert action.title == title
