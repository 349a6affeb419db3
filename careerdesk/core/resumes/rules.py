"""Pure rules of the résumé match report (docs/resumes.md, "Match report").

No database, no clock, no I/O: a résumé's text, a posting's skills and the skill model's
estimates in, a :class:`MatchReport` out. Skills are read from the résumé by the same
extractor as postings (``core/reference/skill_extractor.py``), so "Postgres" in a résumé and
"PostgreSQL" in a posting are the same skill (SQL), as are "JS" and "JavaScript".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from careerdesk.core.postings.models import ProposedSkill
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.skill_extractor import extract_skills
from careerdesk.core.reference.tech_names import mentioned
from careerdesk.core.resumes.models import (
    MatchReport,
    PostingSkills,
    ShownSkill,
    SkillEstimate,
    SkillHit,
    StructureCheck,
    UnbackedClaim,
)

REQUIRED_WEIGHT = 2
PREFERRED_WEIGHT = 1
# "Rates well": the floor of the "advanced" band (core/reference/levels.py), measured at
# least once; a self-rating alone is not something the learner has shown.
SHOWN_LEVEL = 65.0
SHOWN_MIN_EVIDENCE = 1

FORMULA = (
    "score = round(100 × (2 × required found + preferred found) "
    "/ (2 × required asked + preferred asked))"
)


@dataclass
class ResumeSkills:
    """Catalogue skills and technologies a résumé names, each with the line that names it."""

    skill_ids: dict[str, str] = field(default_factory=dict)
    technologies: dict[str, str] = field(default_factory=dict)


def resume_skills(text: str, catalog: Catalog, onet: OnetData) -> ResumeSkills:
    """What the shared extractor finds in a résumé.

    A résumé has no "required"/"preferred" sections, so both lists count. Technology-only
    mentions are kept only when the text really names them (``tech_names.mentioned``), as the
    postings reader does.
    """
    out = ResumeSkills()
    extracted = extract_skills(text, catalog, onet)
    for m in [*extracted.required, *extracted.preferred]:
        techs = [t for t in m.technologies if mentioned(t, text)]
        if m.skill_id is None:
            if not techs and not mentioned(m.name, text):
                continue
        else:
            out.skill_ids.setdefault(m.skill_id, m.evidence)
        for tech in techs:
            out.technologies.setdefault(tech, m.evidence)
    for tech in extracted.technologies:
        if mentioned(tech, text):
            out.technologies.setdefault(tech, "")
    return out


def _where(skill: ProposedSkill, found: ResumeSkills) -> str | None:
    """The résumé line naming the posting's skill, "" when named without a line, else None."""
    if skill.skill_id and skill.skill_id in found.skill_ids:
        return found.skill_ids[skill.skill_id]
    for tech in [*skill.technologies, *([] if skill.skill_id else [skill.name])]:
        if tech in found.technologies:
            return found.technologies[tech]
    return None


def match_score(
    required_found: int, required: int, preferred_found: int, preferred: int
) -> int | None:
    """The match score (0–100) by :data:`FORMULA`; None when the posting asks for nothing."""
    asked = REQUIRED_WEIGHT * required + PREFERRED_WEIGHT * preferred
    if asked == 0:
        return None
    got = REQUIRED_WEIGHT * required_found + PREFERRED_WEIGHT * preferred_found
    return round(100 * got / asked)


def match_report(
    *,
    resume_label: str,
    resume_text: str,
    posting: PostingSkills,
    estimates: Mapping[str, SkillEstimate],
    catalog: Catalog,
    onet: OnetData,
    image_only_pages: int = 0,
    pages: int = 0,
    images: int = 0,
) -> MatchReport:
    """The whole report of one résumé against one posting."""
    found_skills = resume_skills(resume_text, catalog, onet)
    found: list[SkillHit] = []
    missing: list[SkillHit] = []
    for required, skills in ((True, posting.required), (False, posting.preferred)):
        for skill in skills:
            where = _where(skill, found_skills)
            hit = SkillHit(
                name=skill.name, skill_id=skill.skill_id, required=required, where=where or ""
            )
            (found if where is not None else missing).append(hit)
    rf = sum(1 for h in found if h.required)
    pf = len(found) - rf
    r, p = len(posting.required), len(posting.preferred)
    score = match_score(rf, r, pf, p)
    if score is None:
        formula = f"{FORMULA}: the posting names no skills, so there is no score"
    else:
        formula = (
            f"{FORMULA} = round(100 × ({REQUIRED_WEIGHT} × {rf} + {pf}) / "
            f"({REQUIRED_WEIGHT} × {r} + {p})) = {score}"
        )
    asked = {s.skill_id for s in [*posting.required, *posting.preferred] if s.skill_id}
    names = {sid: skill.name for sid, skill in catalog.skills.items()}
    shown = [
        ShownSkill(
            skill_id=sid,
            name=names.get(sid, sid),
            level=round(est.level, 1),
            evidence_count=est.evidence_count,
            in_posting=sid in asked,
        )
        for sid, est in estimates.items()
        if est.evidence_count >= SHOWN_MIN_EVIDENCE
        and est.level >= SHOWN_LEVEL
        and sid not in found_skills.skill_ids
    ]
    shown.sort(key=lambda s: (not s.in_posting, -s.level, s.name))
    claims: list[UnbackedClaim] = []
    for sid in found_skills.skill_ids:
        if sid not in names:
            continue
        est = estimates.get(sid)
        if est is not None and est.evidence_count > 0:
            continue
        claims.append(
            UnbackedClaim(
                skill_id=sid,
                name=names[sid],
                self_rated=round(est.level, 1) if est is not None else None,
                action=f"Take a {names[sid]} assessment or interview practice to back this claim",
            )
        )
    title = " at ".join(x for x in (posting.title, posting.company) if x) or posting.source
    return MatchReport(
        resume_label=resume_label,
        posting=title,
        score=score,
        formula=formula,
        found=found,
        missing=missing,
        shown_not_mentioned=shown,
        claimed_without_evidence=claims,
        checks=structure_checks(
            resume_text, pages=pages, image_only_pages=image_only_pages, images=images
        ),
    )


# ---------------------------------------------------------------------------------------------
# Structure checks (what applicant tracking systems commonly rely on; checks, not promises)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{7,}\d(?![\w])")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b{_MONTHS}\.?\s+(?:19|20)\d\d\b|\b(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b|"
    rf"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b|"
    r"\b(?:19|20)\d\d\s*(?:-|–|—|to)\s*(?:(?:19|20)\d\d|present|now|current)\b",
    re.IGNORECASE,
)
HEADINGS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "relevant experience",
        "employment",
        "employment history",
        "work history",
        "career history",
    ),
    "education": (
        "education",
        "education and training",
        "qualifications",
        "academic background",
        "education & qualifications",
        "education and qualifications",
    ),
    "skills": (
        "skills",
        "technical skills",
        "key skills",
        "core skills",
        "skills and tools",
        "skills & tools",
        "competencies",
        "core competencies",
        "technologies",
    ),
}


def _phone_ok(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return 9 <= len(digits) <= 15 and not re.fullmatch(
        r"(?:19|20)\d\d\D+(?:19|20)\d\d", match.strip()
    )


def _headings(text: str) -> set[str]:
    have: set[str] = set()
    for line in text.splitlines():
        words = line.strip().strip("#*_ ").rstrip(":").strip().lower()
        if not words or len(words.split()) > 5:
            continue
        for group, names in HEADINGS.items():
            if words in names:
                have.add(group)
    return have


def structure_checks(
    text: str, *, pages: int = 0, image_only_pages: int = 0, images: int = 0
) -> list[StructureCheck]:
    """Contact details, dates, standard section headings and a readable text layer."""
    email = _EMAIL.search(text)
    phone = next((m.group(0).strip() for m in _PHONE.finditer(text) if _phone_ok(m.group(0))), "")
    dates = [m.group(0) for m in _DATE.finditer(text)]
    have = _headings(text)
    lacking = [g for g in HEADINGS if g not in have]
    checks = [
        StructureCheck(
            id="contact_email",
            label="Contact: email address",
            passed=email is not None,
            detail=f"Found {email.group(0)}" if email else "No email address found in the text.",
        ),
        StructureCheck(
            id="contact_phone",
            label="Contact: phone number",
            passed=bool(phone),
            detail=f"Found {phone}" if phone else "No phone number found in the text.",
        ),
        StructureCheck(
            id="dates",
            label="Dates on roles and studies",
            passed=len(dates) >= 2,
            detail=(
                f"{len(dates)} dates found (e.g. {dates[0]!r})."
                if dates
                else "No dates found: give each role and course its dates "
                "(e.g. 'Mar 2021 – Present')."
            ),
        ),
        StructureCheck(
            id="headings",
            label="Standard section headings (Experience, Education, Skills)",
            passed=not lacking,
            detail=(
                "Found " + ", ".join(g.capitalize() for g in HEADINGS if g in have) + "."
                if not lacking
                else "Missing a heading for: " + ", ".join(g.capitalize() for g in lacking) + "."
            ),
        ),
    ]
    if image_only_pages:
        detail = (
            f"{image_only_pages} of {pages} pages are only pictures: their text cannot be read "
            "by an applicant tracking system."
        )
    elif images:
        detail = (
            f"The text is readable; the file has {images} picture(s), and any words inside "
            "pictures cannot be read."
        )
    else:
        detail = "All text is readable as text (no pictures)."
    checks.append(
        StructureCheck(
            id="text_layer",
            label="Text readable as text (none only in pictures)",
            passed=image_only_pages == 0,
            detail=detail,
        )
    )
    return checks
