"""Cover-letter drafts: an offline template, and Gemini's richer draft (docs/resumes.md).

Pure: the posting, the company's facts and the learner's best-matched evidence in, a draft
out. The learner edits the draft; CareerDesk never sends it. Gemini answers through
structured output (:class:`AICoverLetter`), then the reply is checked here (it must name the
company, stay within a letter's length and contain no "[placeholders]"); any failure gives
the offline draft with a note saying why.
"""

from __future__ import annotations

import logging
import re
from typing import Literal

from pydantic import BaseModel, Field

from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.reference.levels import band
from careerdesk.core.resumes.models import MatchReport, PostingSkills, SkillEstimate

log = logging.getLogger(__name__)

MIN_WORDS = 80
MAX_WORDS = 600
MAX_EVIDENCE = 3

AI_SYSTEM = (
    "You write honest, specific cover letters for job seekers. Use only the facts given: "
    "never invent employers, degrees, numbers or skills. Plain text, no placeholders, "
    "British English, 180 to 350 words."
)


class CompanyFacts(BaseModel):
    """What the company card says that a letter can use."""

    name: str
    industry: str = ""
    location: str = ""


class Evidence(BaseModel):
    """One matched skill with what backs it: the résumé line and the measured level."""

    skill: str
    resume_line: str = ""
    level: float | None = None  # measured level (0–100) when the skill model has evidence


class CoverLetterDraft(BaseModel):
    """A draft for the learner to edit; ``by`` says who wrote it."""

    text: str
    by: Literal["template", "gemini"]
    notice: str = ""


class AICoverLetter(BaseModel):
    """Gemini's draft (structured output)."""

    greeting: str = Field(description="Salutation line, e.g. 'Dear Hiring Team at Monzo,'")
    paragraphs: list[str] = Field(description="Two to four body paragraphs, plain text")
    closing: str = Field(description="Closing line before the name, e.g. 'Kind regards,'")


def best_evidence(
    report: MatchReport, estimates: dict[str, SkillEstimate], limit: int = MAX_EVIDENCE
) -> list[Evidence]:
    """The posting's skills the résumé names, required first, measured-strongest first."""

    def strength(skill_id: str | None) -> float:
        est = estimates.get(skill_id or "")
        return est.level if est is not None and est.evidence_count > 0 else -1.0

    hits = sorted(report.found, key=lambda h: (not h.required, -strength(h.skill_id)))
    out: list[Evidence] = []
    for hit in hits[:limit]:
        level = strength(hit.skill_id)
        out.append(
            Evidence(
                skill=hit.name,
                resume_line=hit.where.strip(),
                level=level if level >= 0 else None,
            )
        )
    return out


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def offline_letter(
    *,
    learner: str,
    posting: PostingSkills,
    company: CompanyFacts,
    evidence: list[Evidence],
    missing_required: list[str],
) -> str:
    """The template draft: every sentence comes from the posting, card or evidence."""
    role = posting.title or "advertised"
    lines = [f"Dear Hiring Team at {company.name},", ""]
    opening = f"I am writing to apply for the {role} role at {company.name}."
    if company.industry:
        opening += f" Your work in {company.industry.lower()} is a large part of why I am applying."
    if company.location:
        opening += f" I would be glad to work with your team in {company.location}."
    lines += [opening, ""]
    if evidence:
        names = _join_names([e.skill for e in evidence])
        para = [f"The role asks for {names}, and these are strengths I can show."]
        for e in evidence:
            if e.resume_line:
                para.append(f"{e.skill}: {e.resume_line.rstrip('.')}.")
            if e.level is not None:
                para.append(
                    f"My measured {e.skill} level is {round(e.level)}/100 ({band(e.level)})."
                )
        lines += [" ".join(para), ""]
    if missing_required:
        lines += [
            "I am also building my experience in "
            f"{_join_names(missing_required[:3])}, which the role asks for, and I am keen "
            "to keep learning on the job.",
            "",
        ]
    lines += [
        f"Thank you for considering my application. I would welcome the chance to talk "
        f"about how I could contribute to {company.name}.",
        "",
        "Kind regards,",
        learner,
    ]
    return "\n".join(lines)


def ai_prompt(
    *,
    learner: str,
    posting: PostingSkills,
    company: CompanyFacts,
    evidence: list[Evidence],
    missing_required: list[str],
) -> str:
    """What Gemini is told: facts only, so it has nothing to make up."""
    facts = [
        f"Applicant: {learner}",
        f"Role: {posting.title or 'not stated'}",
        f"Company: {company.name}",
        f"Industry: {company.industry or 'not stated'}",
        f"Location: {company.location or 'not stated'}",
        "Matched skills with evidence:",
    ]
    for e in evidence:
        level = f"; measured level {round(e.level)}/100" if e.level is not None else ""
        facts.append(f"- {e.skill}: résumé says {e.resume_line or '(named)'}{level}")
    if missing_required:
        facts.append(
            "Required skills the applicant is still building: " + ", ".join(missing_required)
        )
    return "Write a cover letter from these facts.\n\n" + "\n".join(facts)


def checked_ai_letter(reply: AICoverLetter, *, company: str, learner: str) -> str:
    """The letter text from Gemini's reply; ValueError when it is not usable as a draft."""
    paragraphs = [p.strip() for p in reply.paragraphs if p.strip()]
    if not paragraphs or not reply.greeting.strip():
        raise ValueError("it had no greeting or no paragraphs")
    text = "\n\n".join(
        [reply.greeting.strip(), *paragraphs, reply.closing.strip() or "Kind regards,"]
    )
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise ValueError(f"it was {words} words long")
    if company.casefold() not in text.casefold():
        raise ValueError("it did not name the company")
    if re.search(r"\[[^\]]{1,40}\]|<[A-Za-z ]{2,30}>", text):
        raise ValueError("it contained placeholders")
    return f"{text}\n{learner}"


def draft(
    *,
    learner: str,
    posting: PostingSkills,
    company: CompanyFacts,
    evidence: list[Evidence],
    missing_required: list[str],
    ai: AIProvider | None,
) -> CoverLetterDraft:
    """Gemini's draft when available and sound, else the template (with a note why)."""
    offline = offline_letter(
        learner=learner,
        posting=posting,
        company=company,
        evidence=evidence,
        missing_required=missing_required,
    )
    if ai is None or not ai.available():
        return CoverLetterDraft(text=offline, by="template")
    fallback = "Showing CareerDesk's template draft instead."
    prompt = ai_prompt(
        learner=learner,
        posting=posting,
        company=company,
        evidence=evidence,
        missing_required=missing_required,
    )
    try:
        reply = ai.generate(prompt, AICoverLetter, system=AI_SYSTEM)
        text = checked_ai_letter(reply, company=company.name, learner=learner)
    except AIError as exc:
        return CoverLetterDraft(text=offline, by="template", notice=f"{exc.message} {fallback}")
    except ValueError as exc:
        log.info("unusable AI cover letter: %s", exc)
        note = f"{ai.name}'s draft could not be used ({exc}). {fallback}"
        return CoverLetterDraft(text=offline, by="template", notice=note)
    return CoverLetterDraft(
        text=text,
        by="gemini",
        notice=f"Drafted by {ai.name} (AI) from your matched skills. Check every sentence.",
    )
