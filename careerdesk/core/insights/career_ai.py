"""Gemini-written career paths: the response schema, the prompts, and what is checked.

The AI gets the offline candidates and the learner's facts and writes richer paths. Its
answer is validated by the schema (structured output), role ids are kept only when they
exist in the catalogue, and any sentence about pay is dropped: CareerDesk has no source for
salaries, so none may be shown.
"""

from __future__ import annotations

import logging
import re

from pydantic import BaseModel, Field

from careerdesk.core.insights.career_rules import CareerPath, LearnerFacts, OccupationRef
from careerdesk.core.kernel.ports import AIError
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.onet import OnetData

log = logging.getLogger(__name__)

MAX_PATHS = 6

SYSTEM = (
    "You are a careers adviser inside CareerDesk, a desktop app for job seekers. Write "
    "concrete, encouraging career paths grounded ONLY in the facts given. Never mention "
    "salaries, pay, wages or earnings, and never invent statistics. Use the role ids given."
)

# Sentences that talk about money are removed: no source backs them.
_PAY = re.compile(
    r"salar|\bpay\b|\bpaid\b|wage|earn|income|compensation|per (year|annum|hour|month)"
    r"|[£$€₹¥]\s?\d|\d\s?(k|lpa|lakh)\b",
    re.IGNORECASE,
)


class AICareerPath(BaseModel):
    title: str = Field(description="Name of the career path")
    role_ids: list[str] = Field(description="Matching role ids from the candidate list")
    why_it_fits: str = Field(description="Two or three sentences tied to the learner's facts")
    key_skills: list[str] = Field(description="Four to six skills to build")
    first_steps: list[str] = Field(description="Three concrete first steps")


class AICareerPaths(BaseModel):
    paths: list[AICareerPath]


def learner_prompt(facts: LearnerFacts, candidates: list[CareerPath], catalog: Catalog) -> str:
    """The prompt for a learner's paths: facts plus the offline candidates to build on."""
    lines = [
        "Write 3 to 5 career paths for this learner.",
        f"Course or field of study: {facts.course or 'not given'}",
        f"Location: {facts.location or 'not given'}",
        f"Interests in their own words: {facts.interests_text or 'not given'}",
    ]
    if facts.riasec:
        profile = ", ".join(f"{k} {v:.1f}" for k, v in facts.riasec.items())
        lines.append(f"RIASEC interest profile (1-7): {profile}; code {facts.code}")
    if facts.levels:
        top = sorted(facts.levels.items(), key=lambda kv: -kv[1])[:8]
        lines.append(
            "Skill levels (0-100): " + ", ".join(f"{catalog.skill_name(k)} {v:.0f}" for k, v in top)
        )
    lines.append("Candidate roles (id: title, offline fit 0-100):")
    for path in candidates:
        lines.append(f"- {path.role_ids[0]}: {path.title}, fit {path.fit:.0f}")
    return "\n".join(lines)


def course_prompt(course: str, catalog: Catalog) -> str:
    """The prompt for the career paths of a course, whoever studies it."""
    roles = ", ".join(f"{r.id} ({r.title})" for r in catalog.roles.values())
    return (
        f"List 3 to 6 career paths open to someone who studied: {course}.\n"
        f"Use these role ids where they fit: {roles}."
    )


def strip_pay(text: str) -> str:
    """``text`` without the sentences that mention pay (logged when something is dropped)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if not _PAY.search(s)]
    if len(kept) != len(sentences):
        log.info("dropped %d AI sentence(s) about pay", len(sentences) - len(kept))
    return " ".join(kept)


def to_career_paths(
    answer: AICareerPaths,
    catalog: Catalog,
    onet: OnetData,
    offline: list[CareerPath],
) -> list[CareerPath]:
    """Checked CareerPaths from the AI's answer; raises AIError when nothing usable is left."""
    fit_by_role = {p.role_ids[0]: p for p in offline if p.role_ids}
    out: list[CareerPath] = []
    for item in answer.paths[:MAX_PATHS]:
        title = " ".join(item.title.split())[:120]
        if not title:
            continue
        role_ids = [r for r in dict.fromkeys(item.role_ids) if r in catalog.roles]
        occupations: list[OccupationRef] = []
        for role_id in role_ids:
            code = catalog.roles[role_id].onet_code
            if code in onet.occupations and all(o.code != code for o in occupations):
                known = fit_by_role.get(role_id)
                occupations.append(
                    OccupationRef(
                        code=code,
                        title=onet.occupations[code].title,
                        interest_fit=known.interest_fit if known else None,
                    )
                )
        base = fit_by_role.get(role_ids[0]) if role_ids else None
        why = strip_pay(item.why_it_fits)
        out.append(
            CareerPath(
                title=title,
                role_ids=role_ids,
                occupations=occupations,
                why=[why] if why else [],
                key_skills=[s for s in (strip_pay(k) for k in item.key_skills[:8]) if s],
                technologies=base.technologies if base else [],
                first_steps=[s for s in (strip_pay(x) for x in item.first_steps[:5]) if s],
                fit=base.fit if base else None,
                interest_fit=base.interest_fit if base else None,
                skill_match=base.skill_match if base else None,
                text_fit=base.text_fit if base else None,
                source="ai",
            )
        )
    if not out:
        raise AIError("Gemini's answer held no usable career path.", kind="malformed")
    return out
