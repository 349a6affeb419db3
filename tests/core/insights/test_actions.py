"""Next actions and their building blocks by hand (docs/insights.md, "Next actions").

Readiness = 0.7 × assessment + 0.3 × learning; every expected number is worked out in the
comment beside it, never read from insights/actions.
"""

from __future__ import annotations

import pytest

from careerdesk.core.insights import actions
from careerdesk.core.insights.models import PathItemInput, SkillGap, SkillInput
from careerdesk.core.reference.catalog import Role, RoleSkill

NAMES = {"sql": "SQL", "python": "Python", "communication": "Communication"}
# Importance adds up to 10.
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
