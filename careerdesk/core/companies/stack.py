"""A company's tech stack: the technologies its postings mention (via the shared extractor)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)  # cards are rebuilt on every change; descriptions rarely change
def _technologies(description: str) -> tuple[str, ...]:
    from careerdesk.core.reference.catalog import load_catalog
    from careerdesk.core.reference.onet import onet
    from careerdesk.core.reference.skill_extractor import extract_skills
    from careerdesk.core.reference.tech_names import mentioned

    found = extract_skills(description, load_catalog(), onet()).technologies
    return tuple(t for t in found if mentioned(t, description))


def technologies_of(description: str) -> list[str]:
    """Technologies named in a posting's text (empty text: none)."""
    text = description.strip()
    return list(_technologies(text)) if text else []
