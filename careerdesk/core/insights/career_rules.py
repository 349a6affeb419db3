"""The offline career recommender (docs/insights.md), no network: pure functions.

Each catalogue role is scored on three signals, all 0–100:

* **interest fit** — the learner's RIASEC profile against the role's O*NET occupation
  (:func:`careerdesk.core.insights.riasec.interest_fit`);
* **skill match** — importance-weighted attainment of the role's skills (measured levels,
  else self-ratings), the same formula as the Insights role matches;
* **course & interests fit** — the larger of: words of the learner's course and free-text
  interests found in the role's description, O*NET title and description, skills and
  technologies (``100 × min(1, shared words / 5)``); and the share of the role's skill
  importance the course teaches (:mod:`careerdesk.core.insights.course_lexicon`).

``fit = 0.5 × interest + 0.3 × skills + 0.2 × text``; without questionnaire answers the
interest weight is shared out (skills 0.6, text 0.4). The five best roles become career
paths with why they fit, the occupation, key skills and first steps. No salary is ever
given: nothing CareerDesk ships is a source for pay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, Field

from careerdesk.core.insights.course_lexicon import course_skills, coverage
from careerdesk.core.insights.formulas import attainment, weighted_attainment
from careerdesk.core.insights.riasec import AREA_NAMES, high_point_code
from careerdesk.core.insights.riasec import interest_fit as riasec_fit
from careerdesk.core.reference.catalog import Catalog, Role
from careerdesk.core.reference.onet import OnetData

PATHS = 5
EXPLORE = 5
WITH_INTERESTS = {"interest": 0.5, "skills": 0.3, "text": 0.2}
WITHOUT_INTERESTS = {"interest": 0.0, "skills": 0.6, "text": 0.4}
TEXT_FULL_MARKS = 5  # shared words for a full course & interests fit

_WORD = re.compile(r"[a-z0-9+#]+")
_STOP_WORDS = (
    "the and for with from that this into your you are was were has have had not but all any",
    "can our out use using used work working job jobs bsc msc ba ma hnd degree course",
    "studies study student year years level new other such like love enjoy",
)
_STOP = frozenset(w for line in _STOP_WORDS for w in line.split())


class OccupationRef(BaseModel):
    code: str
    title: str
    interest_fit: float | None = None


class CareerPath(BaseModel):
    """One recommended career path (offline or AI-written)."""

    title: str
    role_ids: list[str] = Field(default_factory=list)
    occupations: list[OccupationRef] = Field(default_factory=list)
    why: list[str] = Field(default_factory=list)
    key_skills: list[str] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    first_steps: list[str] = Field(default_factory=list)
    fit: float | None = None
    interest_fit: float | None = None
    skill_match: float | None = None
    text_fit: float | None = None
    source: Literal["offline", "ai"] = "offline"


class LearnerFacts(BaseModel):
    """What the recommender knows about a learner."""

    profile_id: int
    course: str = ""
    location: str = ""
    interests_text: str = ""
    riasec: dict[str, float] | None = None
    levels: dict[str, float] = Field(default_factory=dict)
    target_role_ids: list[str] = Field(default_factory=list)

    @property
    def code(self) -> str:
        return high_point_code(self.riasec) if self.riasec else ""


def words(text: str) -> set[str]:
    """Meaningful lower-case words, crudely singular ("databases" -> "database")."""
    out = set()
    for w in _WORD.findall(text.lower()):
        if len(w) < 3 or w in _STOP:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.add(w)
    return out


def role_words(role: Role, catalog: Catalog, onet: OnetData) -> set[str]:
    """Every word that describes ``role``: titles, descriptions, skills, technologies."""
    parts = [role.title, role.onet_title, role.description]
    occ = onet.occupations.get(role.onet_code)
    if occ is not None:
        parts.append(occ.description)
    for rs in role.skills:
        skill = catalog.skills.get(rs.skill)
        if skill is not None:
            parts.extend([skill.name, *skill.synonyms])
    parts.extend(t.name for t in role.technologies)
    return words(" ".join(parts))


def text_fit(learner: set[str], role_bag: set[str]) -> tuple[float, list[str]]:
    """``100 × min(1, shared / 5)`` and the shared words (sorted)."""
    shared = sorted(learner & role_bag)
    return round(100.0 * min(1.0, len(shared) / TEXT_FULL_MARKS), 1), shared


def _first_steps(role: Role, facts: LearnerFacts, catalog: Catalog) -> list[str]:
    steps = []
    if role.id not in facts.target_role_ids:
        steps.append(f"Set {role.title} as a target role (Learning tab) to get a learning path.")
    shortfalls = sorted(
        role.skills,
        key=lambda rs: -rs.importance * (1 - attainment(facts.levels.get(rs.skill), rs.level)),
    )
    assessable = {k for k, v in catalog.question_counts().items() if sum(v.values())}
    for rs in shortfalls[:2]:
        name = catalog.skill_name(rs.skill)
        level = facts.levels.get(rs.skill)
        if level is None and rs.skill in assessable:
            steps.append(f"Take the {name} assessment to see where you stand.")
            continue
        if level is not None and level >= rs.level:
            continue
        level = level or 0.0
        wanted = "beginner" if level < 40 else "intermediate" if level < 70 else "advanced"
        item = next(
            (c for c in catalog.content if rs.skill in c.skills and c.level == wanted),
            next((c for c in catalog.content if rs.skill in c.skills), None),
        )
        if item is not None:
            steps.append(f"Study {name}: start with “{item.title}” ({item.provider or item.kind}).")
        else:
            steps.append(f"Practise {name} ({level:.0f} → {rs.level}).")
    steps.append(f"Save a few {role.title} postings in the Pipeline to see real openings.")
    return steps


def score_role(
    role: Role,
    facts: LearnerFacts,
    learner_words: set[str],
    taught: set[str],
    catalog: Catalog,
    onet: OnetData,
) -> CareerPath:
    """One role as a career path, with its three signals and the combined fit.

    ``taught`` holds the catalogue skills the learner's course teaches.
    """
    profile = onet.interests.get(role.onet_code)
    interest = riasec_fit(facts.riasec, profile) if facts.riasec and profile else None
    skills = round(weighted_attainment(role, facts.levels), 1)
    words_fit, shared = text_fit(learner_words, role_words(role, catalog, onet))
    course_cover = coverage(role, taught)
    text = max(words_fit, course_cover)
    weights = WITH_INTERESTS if interest is not None else WITHOUT_INTERESTS
    fit = weights["interest"] * (interest or 0.0) + weights["skills"] * skills
    fit += weights["text"] * text
    why = []
    if interest is not None and profile is not None:
        occ_code = high_point_code(profile)
        why.append(
            f"Your interest code {facts.code} against this occupation's {occ_code}: "
            f"interest fit {interest:.0f}/100 (strongest area: {AREA_NAMES[facts.code[0]]})."
        )
    met = [rs for rs in role.skills if attainment(facts.levels.get(rs.skill), rs.level) >= 1]
    if facts.levels:
        why.append(
            f"You meet {len(met)} of its {len(role.skills)} skill targets "
            f"(skill match {skills:.0f}%)."
        )
    if course_cover > 0:
        names = [catalog.skill_name(rs.skill) for rs in role.skills if rs.skill in taught]
        why.append(f"Your course ({facts.course}) teaches {', '.join(names[:4])}.")
    if shared:
        why.append(f"Your course and interests mention: {', '.join(shared[:6])}.")
    occupation = onet.occupations.get(role.onet_code)
    top_skills = sorted(role.skills, key=lambda rs: (-rs.importance, -rs.level))[:5]
    # The catalogue's curated technologies for the role (from O*NET, hot and in demand
    # first); O*NET's full list is alphabetical and starts with office software.
    ranked = sorted(role.technologies, key=lambda t: (not (t.hot and t.in_demand), not t.hot))
    hot = [t.name for t in ranked][:4]
    return CareerPath(
        title=role.title,
        role_ids=[role.id],
        occupations=[
            OccupationRef(
                code=role.onet_code,
                title=occupation.title if occupation else role.onet_title,
                interest_fit=interest,
            )
        ],
        why=why,
        key_skills=[catalog.skill_name(rs.skill) for rs in top_skills],
        technologies=hot,
        first_steps=_first_steps(role, facts, catalog),
        fit=round(fit, 1),
        interest_fit=interest,
        skill_match=skills,
        text_fit=text,
    )


def recommend_offline(
    facts: LearnerFacts, catalog: Catalog, onet: OnetData, limit: int = PATHS
) -> list[CareerPath]:
    """The ``limit`` best-fitting roles as career paths; [] when nothing is known yet."""
    learner_words = words(f"{facts.course} {facts.interests_text}")
    if not facts.riasec and not facts.levels and not learner_words:
        return []
    taught = course_skills(words(facts.course))
    paths = [
        score_role(r, facts, learner_words, taught, catalog, onet) for r in catalog.roles.values()
    ]
    paths.sort(key=lambda p: (-(p.fit or 0.0), p.title))
    return [p for p in paths if (p.fit or 0.0) > 0][:limit]


def explore_occupations(
    facts: LearnerFacts, onet: OnetData, exclude: Iterable[str] = (), limit: int = EXPLORE
) -> list[OccupationRef]:
    """Other O*NET occupations worth a look: ideas beyond the catalogue's roles.

    Ranked by interest fit alone, a computing graduate with investigative and social
    interests was sent to Neuropsychologists and Historians (issue 18): the interests say
    *how* someone likes to work, not *in which field*. So when the learner's course or
    interests are known, the rank is ``0.5 × interest fit + 0.5 × course & interests fit``
    (the words shared with the occupation's title and description, as for the roles); with
    no words, interests alone.
    """
    if not facts.riasec:
        return []
    skip = set(exclude)
    learner_words = words(f"{facts.course} {facts.interests_text}")
    scored: list[tuple[float, str, float]] = []
    for code, profile in onet.interests.items():
        occupation = onet.occupations.get(code)
        if code in skip or occupation is None:
            continue
        fit = riasec_fit(facts.riasec, profile)
        rank = fit
        if learner_words:
            bag = words(f"{occupation.title} {occupation.description}")
            rank = 0.5 * fit + 0.5 * text_fit(learner_words, bag)[0]
        scored.append((rank, code, fit))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [
        OccupationRef(code=code, title=onet.occupations[code].title, interest_fit=fit)
        for _rank, code, fit in scored[:limit]
    ]


def course_paths_offline(
    course: str, catalog: Catalog, onet: OnetData, limit: int = PATHS
) -> list[CareerPath]:
    """Career paths for a course on its own: roles whose descriptions share its words."""
    course_words = words(course)
    if not course_words:
        return []
    taught = course_skills(course_words)
    scored = []
    for role in catalog.roles.values():
        words_fit, shared = text_fit(course_words, role_words(role, catalog, onet))
        cover = coverage(role, taught)
        text = max(words_fit, cover)
        if text <= 0:
            continue
        why = []
        if cover > 0:
            names = [catalog.skill_name(rs.skill) for rs in role.skills if rs.skill in taught]
            why.append(f"{course} teaches {', '.join(names[:4])}.")
        if shared:
            why.append(f"{course} covers: {', '.join(shared[:6])}.")
        occupation = onet.occupations.get(role.onet_code)
        scored.append(
            CareerPath(
                title=role.title,
                role_ids=[role.id],
                occupations=[
                    OccupationRef(
                        code=role.onet_code,
                        title=occupation.title if occupation else role.onet_title,
                    )
                ],
                why=why,
                key_skills=[
                    catalog.skill_name(rs.skill)
                    for rs in sorted(role.skills, key=lambda rs: -rs.importance)[:5]
                ],
                fit=text,
                text_fit=text,
            )
        )
    scored.sort(key=lambda p: (-(p.fit or 0.0), p.title))
    return scored[:limit]


def levels_for_recommendations(skills: Mapping[str, object]) -> dict[str, float]:
    """Measured levels where known, else self-ratings (SkillInput-like objects)."""
    out = {}
    for skill_id, info in skills.items():
        best = getattr(info, "best", None)
        if best is not None:
            out[skill_id] = float(best)
    return out
