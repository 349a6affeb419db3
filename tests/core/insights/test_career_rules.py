"""The offline career recommender's pure parts by hand (docs/insights.md): the words it
compares, the course & interests fit, the levels it uses."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from careerdesk.core.insights import career_rules as cr
from careerdesk.core.reference.catalog import (
    Catalog,
    ContentSpec,
    Question,
    Role,
    RoleSkill,
    Skill,
    Technology,
)
from careerdesk.core.reference.onet import Occupation, OnetData


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lower case; "and", "for", "the" are stop words; "c#" is under three characters;
        # plurals lose their "s".
        ("Databases and SQL, C++ & C# for the Analysts", {"database", "sql", "c++", "analyst"}),
        ("class status analysis", {"class", "status", "analysis"}),  # -ss, -us, -is kept
        ("gas maps", {"gas", "map"}),  # three letters: too short to be a plural
        ("a BSc degree course in my studies", set()),  # course words say nothing
        ("", set()),
    ],
)
def test_words(text: str, expected: set[str]) -> None:
    assert cr.words(text) == expected


@pytest.mark.parametrize(
    ("learner", "role", "fit", "shared"),
    [
        (set(), {"sql"}, 0.0, []),
        ({"sql", "python", "art"}, {"python", "sql", "excel"}, 40.0, ["python", "sql"]),  # 2/5
        ({"a1", "a2", "a3", "a4"}, {"a1", "a2", "a3", "a4"}, 80.0, ["a1", "a2", "a3", "a4"]),
        (
            {f"w{n}" for n in range(5)},
            {f"w{n}" for n in range(5)},
            100.0,
            [f"w{n}" for n in range(5)],
        ),
        (
            {f"w{n}" for n in range(7)},
            {f"w{n}" for n in range(7)},
            100.0,
            [f"w{n}" for n in range(7)],
        ),
    ],
)
def test_text_fit(learner: set[str], role: set[str], fit: float, shared: list[str]) -> None:
    # 100 × min(1, shared words / 5), with the shared words sorted.
    assert cr.text_fit(learner, role) == (fit, shared)


def test_documented_weights_and_full_marks() -> None:
    assert cr.TEXT_FULL_MARKS == 5
    assert cr.WITH_INTERESTS == {"interest": 0.5, "skills": 0.3, "text": 0.2}
    assert cr.WITHOUT_INTERESTS == {"interest": 0.0, "skills": 0.6, "text": 0.4}


@dataclass
class _Info:
    best: float | None


def test_levels_for_recommendations() -> None:
    skills = {"sql": _Info(70), "python": _Info(None), "excel": object()}
    assert cr.levels_for_recommendations(skills) == {"sql": 70.0}


# --- the recommender on a small hand-made catalogue (docs/insights.md) -----------------------
# Every expectation below is worked out by hand from the formulas in docs/insights.md; the
# catalogue and the O*NET extract are written out here so nothing is read from the module.


_SKILLS = [
    Skill(
        id="sql",
        name="SQL",
        category="data",
        description="Queries.",
        synonyms=("structured query",),
    ),
    Skill(id="python", name="Python", category="code", description="A language."),
    Skill(id="statistics", name="Statistics", category="data", description="Numbers."),
    Skill(id="communication", name="Communication", category="people", description="Words."),
]
_ANALYST_CODE = "15-2051.00"
# Occupation profile (1-7) and a learner profile that is a linear transform of it
# (0.5 × x + 1): Pearson r = 1, interest fit 50 × (1 + 1) = 100.
_ANALYST_PROFILE = {"R": 2.0, "I": 7.0, "A": 3.0, "S": 4.0, "E": 1.0, "C": 6.0}
_LEARNER_PROFILE = {"R": 2.0, "I": 4.5, "A": 2.5, "S": 3.0, "E": 1.5, "C": 4.0}


def _rs(skill: str, level: int, importance: int) -> RoleSkill:
    return RoleSkill(skill=skill, level=level, importance=importance)


def _role(
    skills: tuple[RoleSkill, ...],
    *,
    id: str = "analyst",
    title: str = "Data Analyst",
    code: str = _ANALYST_CODE,
    onet_title: str = "Data Scientist",
    description: str = "Finds answers.",
    technologies: tuple[Technology, ...] = (),
) -> Role:
    return Role(
        id=id,
        title=title,
        onet_code=code,
        onet_title=onet_title,
        description=description,
        skills=skills,
        technologies=technologies,
    )


def _question(skill: str) -> Question:
    return Question(
        id=f"q-{skill}",
        skill=skill,
        difficulty="easy",
        prompt="Which one is right?",
        options=("one", "two", "three", "four"),
        answer=0,
        explanation="Because it is.",
    )


def _content(
    title: str, skill: str, level: str, provider: str = "", kind: str = "course"
) -> ContentSpec:
    return ContentSpec.model_validate(
        {
            "id": title.lower().replace(" ", "-"),
            "title": title,
            "kind": kind,
            "url": "https://example.org/x",
            "provider": provider,
            "skills": (skill,),
            "level": level,
            "est_hours": 1,
        }
    )


def _catalog(
    roles: list[Role],
    content: list[ContentSpec] | tuple[ContentSpec, ...] = (),
    assessable: tuple[str, ...] = (),
) -> Catalog:
    return Catalog(_SKILLS, roles, [_question(s) for s in assessable], content, None)


def _onet(
    occupations: dict[str, tuple[str, str]], interests: dict[str, dict[str, float]]
) -> OnetData:
    data = OnetData()
    data.__dict__["occupations"] = {
        code: Occupation(code=code, title=title, description=desc)
        for code, (title, desc) in occupations.items()
    }
    data.__dict__["interests"] = interests
    return data


_SET = "Set Data Analyst as a target role (Learning tab) to get a learning path."
_SAVE = "Save a few Data Analyst postings in the Pipeline to see real openings."


def test_first_steps_follow_the_largest_shortfalls() -> None:
    # Shortfall = importance × (1 − attainment): sql 5 × (1 − 30/60) = 2.5, python 3 × 1 = 3,
    # statistics 1 × 1 = 1 → python, then sql; only the two largest get a step.
    role = _role((_rs("sql", 60, 5), _rs("python", 50, 3), _rs("statistics", 40, 1)))
    content = [
        _content("SQL from Zero", "sql", "beginner", kind="video"),  # no provider: the kind
        _content("Python in Depth", "python", "advanced", provider="PyOrg"),
    ]
    catalog = _catalog([role], content, assessable=("statistics",))
    facts = cr.LearnerFacts(profile_id=1, levels={"sql": 30.0})
    assert cr._first_steps(role, facts, catalog) == [
        _SET,
        # python unknown and not assessable → level 0 → beginner wanted; none → any python item
        "Study Python: start with “Python in Depth” (PyOrg).",
        "Study SQL: start with “SQL from Zero” (video).",  # 30 < 40 → beginner
        _SAVE,
    ]


def test_first_steps_assessment_then_practice() -> None:
    # statistics 5 × 1 = 5 before sql 4 × 1 = 4. Unknown but assessable → take the
    # assessment; unknown, not assessable and no content → practise from 0.
    role = _role((_rs("statistics", 50, 5), _rs("sql", 60, 4)))
    catalog = _catalog([role], [], assessable=("statistics",))
    facts = cr.LearnerFacts(profile_id=1, target_role_ids=["analyst"])  # already a target
    assert cr._first_steps(role, facts, catalog) == [
        "Take the Statistics assessment to see where you stand.",
        "Practise SQL (0 → 60).",
        _SAVE,
    ]


def test_first_steps_skip_met_skills_but_go_on() -> None:
    # sql is met exactly (60 ≥ 60): no step, and the next skill still gets one. python's target
    # is 0 (always met, shortfall 0 too, so it sorts after sql) but its level is unknown and
    # an assessment exists: take it.
    role = _role((_rs("sql", 60, 5), _rs("python", 0, 1)))
    catalog = _catalog([role], assessable=("python",))
    facts = cr.LearnerFacts(profile_id=1, levels={"sql": 60.0}, target_role_ids=["analyst"])
    assert cr._first_steps(role, facts, catalog) == [
        "Take the Python assessment to see where you stand.",
        _SAVE,
    ]


@pytest.mark.parametrize(
    ("level", "wanted"),
    [
        (0.0, "beginner"),
        (39.0, "beginner"),
        (40.0, "intermediate"),
        (69.0, "intermediate"),
        (70.0, "advanced"),
        (79.0, "advanced"),
    ],
)
def test_first_steps_content_level_bands(level: float, wanted: str) -> None:
    # docs: below 40 beginner, 40 up to 70 intermediate, 70 and over advanced. The item at the
    # wanted level is listed last, after the other levels and another skill's beginner item.
    titles = {
        "beginner": "SQL for Beginners",
        "intermediate": "SQL in Practice",
        "advanced": "Advanced SQL",
    }
    order = [lv for lv in ("beginner", "intermediate", "advanced") if lv != wanted] + [wanted]
    content = [_content("Python Basics", "python", "beginner", provider="PyOrg")]
    content += [_content(titles[lv], "sql", lv, provider="DB Academy") for lv in order]
    role = _role((_rs("sql", 80, 5),))
    # sql is assessable, but a known level means no assessment step
    catalog = _catalog([role], content, assessable=("sql",))
    facts = cr.LearnerFacts(profile_id=1, levels={"sql": level}, target_role_ids=["analyst"])
    assert cr._first_steps(role, facts, catalog) == [
        f"Study SQL: start with “{titles[wanted]}” (DB Academy).",
        _SAVE,
    ]


_TECH = (
    Technology(name="Excel"),
    Technology(name="Tableau", hot=True),
    Technology(name="Power BI", in_demand=True),
    Technology(name="Pandas", hot=True, in_demand=True),
    Technology(name="Looker", hot=True, in_demand=True),
)
_ANALYST = _role(
    (
        _rs("python", 60, 5),
        _rs("sql", 60, 5),
        _rs("statistics", 50, 4),
        _rs("databases", 40, 4),  # not in the catalogue's skills: named by its id
        _rs("git", 30, 3),
        _rs("testing", 50, 2),
        _rs("code_quality", 20, 1),
    ),
    description=(
        "Cleans data and builds dashboards with charts, reports and forecasts for business teams."
    ),
    technologies=_TECH,
)
_ANALYST_OCC = ("Data Scientists", "Develop and implement ways to analyze large datasets.")


def test_role_words() -> None:
    onet = _onet({_ANALYST_CODE: _ANALYST_OCC}, {})
    expected = {
        "data", "analyst", "scientist",  # titles
        "clean", "build", "dashboard", "chart", "report", "forecast", "business", "team",
        "develop", "implement", "way", "analyze", "large", "dataset",  # the occupation's text
        "python", "sql", "structured", "query", "statistic",  # known skills and synonyms
        "excel", "tableau", "power", "panda", "looker",  # technologies ("bi" is too short)
    }  # fmt: skip
    assert cr.role_words(_ANALYST, _catalog([_ANALYST]), onet) == expected
    # Without the occupation in the extract its description is simply left out.
    assert cr.role_words(_ANALYST, _catalog([_ANALYST]), _onet({}, {})) == expected - {
        "develop", "implement", "way", "analyze", "large", "dataset"
    }  # fmt: skip


def test_score_role_by_hand() -> None:
    onet = _onet({_ANALYST_CODE: _ANALYST_OCC}, {_ANALYST_CODE: _ANALYST_PROFILE})
    catalog = _catalog([_ANALYST])
    facts = cr.LearnerFacts(
        profile_id=1,
        course="Computer Science",
        interests_text="dashboards charts reports forecasts business data python",
        riasec=_LEARNER_PROFILE,
        levels={"python": 60.0, "sql": 30.0, "statistics": 50.0, "git": 10.0},
    )
    learner = cr.words(f"{facts.course} {facts.interests_text}")
    # "computer" teaches python, dsa, git, code_quality, system_design, testing, databases
    taught = {"python", "dsa", "git", "code_quality", "system_design", "testing", "databases"}
    path = cr.score_role(_ANALYST, facts, learner, taught, catalog, onet)
    # skills: 100 × (5·1 + 5·0.5 + 4·1 + 4·0 + 3·(10/30) + 2·0 + 1·0) / 24 = 52.083 → 52.1
    # course cover: (5 + 4 + 3 + 2 + 1) / 24 = 62.5; shared words 7 → 100; text = 100
    # fit = 0.5 × 100 + 0.3 × 52.1 + 0.2 × 100 = 85.63 → 85.6
    assert path == cr.CareerPath(
        title="Data Analyst",
        role_ids=["analyst"],
        occupations=[
            cr.OccupationRef(code=_ANALYST_CODE, title="Data Scientists", interest_fit=100.0)
        ],
        why=[
            "Your interest code ICS against this occupation's ICS: interest fit 100/100 "
            "(strongest area: Investigative).",
            "You meet 2 of its 7 skill targets (skill match 52%).",
            "Your course (Computer Science) teaches Python, databases, git, testing.",
            "Your course and interests mention: "
            "business, chart, dashboard, data, forecast, python.",
        ],
        # importance first, then the higher target: python and sql (5), statistics 50 before
        # databases 40 (4), git (3)
        key_skills=["Python", "SQL", "Statistics", "databases", "git"],
        # hot and in demand first, then hot, then the rest, in catalogue order within each
        technologies=["Pandas", "Looker", "Tableau", "Excel"],
        first_steps=[
            _SET,
            # shortfalls: databases 4 × 1 = 4, sql 5 × 0.5 = 2.5, git 3 × 2/3 = 2, …
            "Practise databases (0 → 40).",
            "Practise SQL (30 → 60).",
            _SAVE,
        ],
        fit=85.6,
        interest_fit=100.0,
        skill_match=52.1,
        text_fit=100.0,
    )


def test_score_role_opposite_interests_and_no_occupation_row() -> None:
    # The learner's profile is 8 − the occupation's: r = −1, interest fit 0, so the fit is 0
    # (interest counts 0, not a default); the occupation is not in the extract: the catalogue's
    # O*NET title stands in.
    code = "27-3043.00"
    profile = {"R": 1.0, "I": 2.0, "A": 7.0, "S": 4.0, "E": 3.0, "C": 5.0}
    opposite = {k: 8.0 - v for k, v in profile.items()}
    role = _role((_rs("communication", 50, 1),), id="writer", title="Writer", code=code,
                 onet_title="Writers and Authors")  # fmt: skip
    facts = cr.LearnerFacts(profile_id=1, riasec=opposite)
    path = cr.score_role(role, facts, set(), set(), _catalog([role]), _onet({}, {code: profile}))
    assert path.fit == 0.0
    assert path.interest_fit == 0.0
    assert path.occupations[0].title == "Writers and Authors"
    assert len(path.why) == 1  # only the interest line: no levels, no course, no words


def test_score_role_without_interests_uses_the_shared_out_weights() -> None:
    role = _role((_rs("communication", 50, 1),), id="writer", title="Writer")
    facts = cr.LearnerFacts(profile_id=1, levels={"communication": 25.0})
    path = cr.score_role(role, facts, set(), set(), _catalog([role]), _onet({}, {}))
    # skills 100 × 25/50 = 50; fit = 0.6 × 50 + 0.4 × 0 = 30
    assert (path.skill_match, path.fit, path.interest_fit) == (50.0, 30.0, None)


# "Editor" needs 22 filler skills so that the one skill "English" teaches covers less than
# 1 %: 100 × 1 / (1 + 22 × 5) = 0.9.
_EDITOR = _role(
    (_rs("communication", 50, 1), *(_rs(f"f{n:02d}", 50, 5) for n in range(22))),
    id="editor",
    title="Editor",
    code="27-3041.00",
    onet_title="Editors",
    description="Plans and reviews publications.",
)
_QUERY = _role((_rs("sql", 50, 1),), id="querier", title="Query Writer", description="Queries.")


def test_recommend_offline_keeps_small_fits_and_drops_zero() -> None:
    catalog = _catalog([_EDITOR, _QUERY])
    onet = _onet({}, {})
    # Course only: text = max(0 shared words, cover 0.9) = 0.9; fit = 0.4 × 0.9 = 0.36 → 0.4.
    paths = cr.recommend_offline(cr.LearnerFacts(profile_id=1, course="English"), catalog, onet)
    assert [(p.title, p.fit, p.text_fit) for p in paths] == [("Editor", 0.4, 0.9)]
    assert paths[0].why == ["Your course (English) teaches Communication."]
    # Levels only: skills = 100 × 0.5 / 111 = 0.45 → 0.5; fit = 0.6 × 0.5 = 0.3. Query Writer
    # scores 0 and is left out.
    levels = cr.LearnerFacts(profile_id=1, levels={"communication": 25.0})
    assert [(p.title, p.fit) for p in cr.recommend_offline(levels, catalog, onet)] == [
        ("Editor", 0.3)
    ]


_CEO, _DEV = "11-1011.00", "15-1252.00"


@pytest.mark.parametrize(
    ("interests", "expected"),
    [
        # CEO: 0.5 × 100 + 0.5 × 0 = 50; developers: 0.5 × 0 + 0.5 × 80 (4 words) = 40
        ("software code test program", [_CEO, _DEV]),
        # 6 shared words: 0.5 × 100 = 50, a tie with the CEO: the code decides
        ("software code test program developer write", [_CEO, _DEV]),
    ],
)
def test_explore_occupations_mixes_interest_and_words(interests: str, expected: list[str]) -> None:
    ceo = {"R": 2.0, "I": 3.0, "A": 1.0, "S": 5.0, "E": 7.0, "C": 4.0}
    onet = _onet(
        {_DEV: ("Software Developers", "Write software code and test programs."),
         _CEO: ("Chief Executives", "Plan strategy.")},
        {_DEV: {k: 8.0 - v for k, v in ceo.items()}, _CEO: ceo},
    )  # fmt: skip
    facts = cr.LearnerFacts(profile_id=1, riasec=ceo, interests_text=interests)
    got = cr.explore_occupations(facts, onet)
    assert [(o.code, o.interest_fit) for o in got] == list(zip(expected, [100.0, 0.0], strict=True))


_SCIENTIST = _role(
    (_rs("statistics", 50, 3),),
    id="scientist",
    title="Lab Scientist",
    code="19-2031.00",  # not in the extract
    onet_title="Chemists",
    description=(
        "Natural science research: chemistry, biology and geology methods in the laboratory."
    ),
)


def test_course_paths_offline_by_hand() -> None:
    catalog = _catalog([_ANALYST, _EDITOR, _SCIENTIST])
    onet = _onet({_ANALYST_CODE: _ANALYST_OCC}, {})
    paths = cr.course_paths_offline("Computer Science", catalog, onet)
    assert paths == [
        cr.CareerPath(
            title="Data Analyst",
            role_ids=["analyst"],
            occupations=[cr.OccupationRef(code=_ANALYST_CODE, title="Data Scientists")],
            why=["Computer Science teaches Python, databases, git, testing."],
            # by importance only, catalogue order on ties
            key_skills=["Python", "SQL", "Statistics", "databases", "git"],
            fit=62.5,  # (5 + 4 + 3 + 2 + 1) / 24
            text_fit=62.5,
        ),
        cr.CareerPath(
            title="Lab Scientist",
            role_ids=["scientist"],
            occupations=[cr.OccupationRef(code="19-2031.00", title="Chemists")],
            why=["Computer Science covers: science."],
            key_skills=["Statistics"],
            fit=20.0,  # one shared word of five
            text_fit=20.0,
        ),
    ]
    # A cover under 1 % still counts (and is explained).
    english = cr.course_paths_offline("English", catalog, onet)
    assert [(p.title, p.fit, p.why) for p in english] == [
        ("Editor", 0.9, ["English teaches Communication."])
    ]
    # Eight shared words: the first six (sorted) are named.
    course = "Natural Sciences: Chemistry, Biology, Geology, Laboratory Research Methods"
    (science,) = cr.course_paths_offline(course, catalog, onet)
    assert science.why == [
        f"{course} covers: biology, chemistry, geology, laboratory, method, natural."
    ]
    assert science.fit == 100.0
