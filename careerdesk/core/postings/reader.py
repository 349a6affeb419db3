"""Turn a posting's text into a :class:`PostingProposal`: rules and catalogues, then Gemini.

Offline, the field rules (``rules.py``), the shared skill extractor
(``careerdesk.core.reference.skill_extractor``) and O*NET's title index do the whole job. When an AI
provider is available, Gemini reads the same text with a response schema; each value it
gives is checked (work mode one of three words, a real ISO date, a sane salary range, a
currency code) and the rest keeps the offline reading. A broken or failed reply leaves the
offline proposal as it was, with a note saying why.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date

from careerdesk.core.kernel.ports import AIError, AIProvider
from careerdesk.core.pipeline.io.parsing import CURRENCY_CODES
from careerdesk.core.postings.models import AIPostingReply, PostingProposal, ProposedSkill
from careerdesk.core.postings.rules import MAX_SALARY, MIN_SALARY, extract_fields
from careerdesk.core.postings.text import MAX_POSTING_CHARS, tidy
from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.skill_extractor import SkillMention
from careerdesk.core.reference.tech_names import mentioned

log = logging.getLogger(__name__)

AI_MAX_CHARS = 15_000  # a posting's substance fits; keeps the request small and quick
AI_SYSTEM = (
    "You read job postings and return their facts as JSON. Use only what the posting "
    "states; leave a field empty (or 0) when it is not stated. Salaries are yearly amounts in "
    "whole currency units (60k = 60000); leave them 0 for hourly, daily or monthly rates. "
    "Skills: short names (e.g. 'SQL', 'Python', 'Stakeholder management'); required are those "
    "the posting calls essential/required/minimum, preferred those it calls nice to have, "
    "desirable, preferred or bonus."
)


# Words too generic to show that a technology is really named ("Data" in "Data Team DDS").


def _skills(mentions: Sequence[SkillMention], seen: set[str], text: str) -> list[ProposedSkill]:
    out: list[ProposedSkill] = []
    for m in mentions:
        techs = [t for t in m.technologies if mentioned(t, text)]
        if m.skill_id is None and not techs and not mentioned(m.name, text):
            continue  # a technology-only mention the text does not really name
        key = (m.skill_id or m.name).casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(ProposedSkill(name=m.name, skill_id=m.skill_id, technologies=techs))
    return out


def map_occupation(title: str, catalog: Catalog, onet: OnetData) -> tuple[str, str]:
    """(O*NET code, occupation title) for a job title, preferring the catalogue's roles."""
    if not title.strip():
        return "", ""
    prefer = {r.onet_code for r in catalog.roles.values()}
    match = onet.map_title(title, prefer=prefer)
    return (match.code, match.occupation) if match else ("", "")


def read_posting(
    text: str,
    *,
    today: date,
    catalog: Catalog,
    onet: OnetData,
    source: str = "pasted",
) -> PostingProposal:
    """The offline reading of ``text`` (never raises for odd text; may be not ``useful()``)."""
    from careerdesk.core.reference.skill_extractor import extract_skills

    posting = tidy(text)
    notice = ""
    if len(posting) > MAX_POSTING_CHARS:
        posting = posting[:MAX_POSTING_CHARS]
        notice = f"The text was cut to its first {MAX_POSTING_CHARS:,} characters."
    f = extract_fields(posting, today)
    skills = extract_skills(posting, catalog, onet) if posting else None
    seen: set[str] = set()
    required = _skills(skills.required, seen, posting) if skills else []
    preferred = _skills(skills.preferred, seen, posting) if skills else []
    code, occupation = map_occupation(f.title, catalog, onet)
    return PostingProposal(
        company=f.company,
        title=f.title,
        location=f.location,
        remote=f.remote,
        salary_min=f.salary_min,
        salary_max=f.salary_max,
        currency=f.currency,
        deadline=f.deadline,
        posting_url=f.posting_url,
        required=required,
        preferred=preferred,
        technologies=[t for t in skills.technologies if mentioned(t, posting)] if skills else [],
        onet_code=code,
        onet_title=occupation,
        description=posting,
        source=source,
        notice=notice,
    )


def _skill_lookup(catalog: Catalog) -> dict[str, str]:
    """Catalogue skill names, ids and synonyms (casefolded) -> skill id, to tag AI names."""
    out: dict[str, str] = {}
    for s in catalog.skills.values():
        for name in (s.id, s.name, *s.synonyms):
            out.setdefault(name.casefold(), s.id)
    return out


def _clean_names(names: list[str], limit: int = 25) -> list[str]:
    out: list[str] = []
    for n in names:
        n = " ".join(str(n).split()).strip(" .,;-•")
        if n and len(n) <= 80 and n.casefold() not in {o.casefold() for o in out}:
            out.append(n)
    return out[:limit]


def merge_ai(
    base: PostingProposal,
    reply: AIPostingReply,
    *,
    catalog: Catalog,
    onet: OnetData,
) -> tuple[PostingProposal, list[str]]:
    """``base`` with each valid value Gemini gave; returns it and the labels it changed.

    Raises ValueError when the reply holds nothing usable at all (an empty object).
    """
    update: dict[str, object] = {}
    changed: list[str] = []

    def take(name: str, value: object, label: str) -> None:
        if value not in ("", None) and value != getattr(base, name):
            update[name] = value
            if label not in changed:
                changed.append(label)

    take("company", " ".join(reply.company.split())[:200], "company")
    take("title", " ".join(reply.title.split())[:300], "title")
    take("location", " ".join(reply.location.split())[:200], "location")
    remote = reply.remote.strip().lower()
    if remote in ("yes", "no", "hybrid"):
        take("remote", remote, "work mode")
    low, high = reply.salary_min or None, reply.salary_max or None
    currency = reply.currency.strip().upper()
    sane = all(MIN_SALARY <= v <= MAX_SALARY for v in (low, high) if v is not None)
    ordered = low is None or high is None or low <= high
    known_currency = currency in CURRENCY_CODES or (not currency and bool(base.currency))
    if (low or high) and sane and ordered and known_currency:
        take("salary_min", low, "salary")
        take("salary_max", high, "salary")
        take("currency", currency or base.currency, "salary")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", reply.deadline.strip()):
        try:
            take("deadline", date.fromisoformat(reply.deadline.strip()), "deadline")
        except ValueError:
            pass
    lookup = _skill_lookup(catalog)
    have = {(s.skill_id or s.name).casefold() for s in base.required + base.preferred}
    extra: dict[str, list[ProposedSkill]] = {"required": [], "preferred": []}
    for side, names in (("required", reply.required_skills), ("preferred", reply.preferred_skills)):
        for name in _clean_names(names):
            sid = lookup.get(name.casefold())
            key = (sid or name).casefold()
            if key not in have:
                have.add(key)
                extra[side].append(ProposedSkill(name=name, skill_id=sid))
    for side, label in (("required", "required skills"), ("preferred", "preferred skills")):
        if extra[side]:
            update[side] = [*getattr(base, side), *extra[side]]
            changed.append(label)
    techs = [t for t in _clean_names(reply.technologies, 40) if t not in base.technologies]
    if techs:
        update["technologies"] = [*base.technologies, *techs]
    nothing = not any(
        [reply.company, reply.title, reply.required_skills, reply.preferred_skills, reply.location]
    )
    if nothing:
        raise ValueError("the reply was empty")
    merged = base.model_copy(update=update)
    if "title" in update:
        code, occupation = map_occupation(merged.title, catalog, onet)
        merged = merged.model_copy(update={"onet_code": code, "onet_title": occupation})
    return merged, changed


def improve_with_ai(
    base: PostingProposal, ai: AIProvider, *, catalog: Catalog, onet: OnetData
) -> PostingProposal:
    """``base`` improved by Gemini; on any failure ``base`` with a note saying why."""
    if not ai.available():
        return base
    prompt = f"Job posting:\n\n{base.description[:AI_MAX_CHARS]}"
    fallback = "Showing CareerDesk's own reading."
    try:
        reply = ai.generate(prompt, AIPostingReply, system=AI_SYSTEM)
        merged, changed = merge_ai(base, reply, catalog=catalog, onet=onet)
    except AIError as exc:
        return base.model_copy(update={"notice": _join(base.notice, f"{exc.message} {fallback}")})
    except ValueError as exc:
        log.info("unusable AI reading of a posting: %s", exc)
        note = f"{ai.name}'s answer could not be used ({exc}). {fallback}"
        return base.model_copy(update={"notice": _join(base.notice, note)})
    what = ", ".join(changed) if changed else "nothing new"
    note = f"Improved by {ai.name} (AI): {what}. Check before saving."
    return merged.model_copy(update={"extracted_by": "gemini", "notice": _join(base.notice, note)})


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)
