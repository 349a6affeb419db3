"""The linear-time skill extractor and posting rules give the results they gave before.

Issue 19 made the posting reader and the skill extractor linear (a clause's wording is read
once per clause, cue and clause look-ups are binary searches, the matcher tries only phrase
lengths that can start at a token, and the company-name and amount patterns are bounded).
None of that may change a result: this module keeps the code as it was before (the
functions ``*_before`` below, copied from the earlier revision, and the earlier patterns) and
compares both on the realistic postings of the tests and on generated text.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk.core.postings import rules
from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.onet import onet as shared_onet
from careerdesk.core.reference.skill_extractor import (
    _PREFERRED_CLAUSE,
    _REQUIRED_CLAUSE,
    DEFAULT_LEVEL,
    ExtractedSkills,
    SkillMention,
    _Acc,
    _accept_wordlike,
    _clause_spans,
    _level_cues,
    _sentences,
    extract_skills,
)
from careerdesk.core.reference.skill_index import IndexEntry, PhraseIndex, index_for, tokenise
from tests.core.postings.corpus import POSTINGS, TODAY
from tests.core.reference.test_skill_extractor import (
    BACKEND,
    DATA_ANALYST,
    DEVOPS,
    FRONTEND,
    PRODUCT,
)


# --- the code before issue 19 --------------------------------------------------------------
def _implied_level_before(cues: list[tuple[int, int]], start: int, end: int) -> int:
    """The cue nearest before the mention (any distance in the clause), else shortly after."""
    before = [c for c in cues if c[0] < start]
    if before:
        return before[-1][1]
    after = [c for c in cues if end <= c[0] <= end + 6]
    return after[0][1] if after else DEFAULT_LEVEL


def _match_before(index: PhraseIndex, tokens: list[str]) -> list[tuple[int, int, IndexEntry]]:
    """Longest non-overlapping phrase matches: (start, end, entry)."""
    lower = [t.lower() for t in tokens]
    out: list[tuple[int, int, IndexEntry]] = []
    i, n = 0, len(tokens)
    while i < n:
        hit: tuple[int, IndexEntry] | None = None
        for size in range(min(index.max_len, n - i), 0, -1):
            exact = tuple(tokens[i : i + size])
            entry = index.sensitive.get(exact)
            if entry is None and size == 1 and exact[0].isupper() and len(exact[0]) > 1:
                entry = index.sensitive.get((exact[0].capitalize(),))  # "EXCEL" -> "Excel"
            if entry is not None:
                if exact in index.wordlike and not _accept_wordlike(tokens, i, exact):
                    entry = None
                else:
                    hit = (size, entry)
                    break
            entry = index.insensitive.get(tuple(lower[i : i + size]))
            if entry is not None:
                hit = (size, entry)
                break
        if hit is None:
            i += 1
            continue
        out.append((i, i + hit[0], hit[1]))
        i += hit[0]
    return out


def extract_skills_before(
    text: str, catalog: Catalog | None = None, onet: OnetData | None = None
) -> ExtractedSkills:
    """extract_skills as it was before issue 19 (quadratic in a long clause)."""
    index = index_for(catalog or load_catalog(), onet or shared_onet())
    found: dict[str, _Acc] = {}
    technologies: dict[str, None] = {}
    for section, sentence in _sentences(text):
        tokens = tokenise(sentence)
        matches = _match_before(index, tokens)
        if not matches:
            continue
        for _s, _e, entry in matches:
            if entry.tech:
                technologies.setdefault(entry.tech, None)
        if section == "ignored":
            continue
        cues = _level_cues(tokens)  # levels read across the sentence ("5+ years: A, B")
        evidence = sentence if len(sentence) <= 240 else sentence[:237] + "…"
        spans = _clause_spans(tokens)
        for start, end, entry in matches:
            c0, c1 = next(((a, b) for a, b in spans if a <= start < b), (0, len(tokens)))
            clause = " ".join(tokens[c0:c1])
            if _REQUIRED_CLAUSE.search(clause) and not _PREFERRED_CLAUSE.search(clause):
                required = True
            elif _PREFERRED_CLAUSE.search(clause):
                required = False
            else:
                required = section != "preferred"
            level = _implied_level_before(cues, start, end)
            skill_ids: list[str] | list[None] = sorted(entry.skills) if entry.skills else [None]
            for skill_id in skill_ids:
                key = skill_id or f"tech:{entry.tech}"
                name = index.skill_names.get(skill_id, "") if skill_id else entry.tech
                acc = found.get(key)
                if acc is None:
                    acc = found[key] = _Acc(skill_id, name or key, required, level, evidence)
                elif required and not acc.required:
                    acc.required, acc.level, acc.evidence = True, level, evidence
                elif required == acc.required and level > acc.level:
                    acc.level, acc.evidence = level, evidence  # keep the strongest ask
                if entry.tech and entry.tech not in acc.technologies:
                    acc.technologies.append(entry.tech)
    mentions = [
        SkillMention(
            skill_id=a.skill_id,
            name=a.name,
            technologies=a.technologies,
            required=a.required,
            implied_level=a.level,
            evidence=a.evidence,
        )
        for a in found.values()
        if a.skill_id is not None or a.technologies
    ]
    return ExtractedSkills(
        required=[m for m in mentions if m.required],
        preferred=[m for m in mentions if not m.required],
        technologies=list(technologies),
    )


# The posting-rule patterns before issue 19 (unbounded names and amounts).
_NAME_BEFORE = r"[A-Z0-9][\w&.'’+-]*(?:\s+(?:[A-Z0-9][\w&.'’+-]*|&|of|and|de|the))*"
_AMOUNT_BEFORE = r"\d{1,3}(?:[,.' \u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?\s*[kK]?"


def _rules_patterns(name: str, amount: str) -> dict[str, Any]:
    """rules.py's patterns built from a name and an amount pattern (as rules.py builds them)."""
    cur = rules._CUR
    return {
        "_COMPANY_SENTENCES": (
            re.compile(rf"^About\s+(?:us\s*[-–—:]\s*)?({name})\s*$", re.MULTILINE),
            re.compile(rf"\b(?:Join|join)\s+({name})(?=\s+(?:as|and|in|on|to|where|—|-)\b|[.!,])"),
            re.compile(rf"(?:^|\.\s+)({name})\s+is\s+(?:hiring|looking|seeking|recruiting)\b"),
            re.compile(rf"\bAt\s+({name}),\s+(?:we|our|you)\b"),
            re.compile(
                rf"(?:^|\n)({name})\s+(?:is|are)\s+(?:a|an|the|one of)\s+"
                r"(?:leading|global|fast|growing|award|fintech|uk|european|[a-z-]+)",
            ),
        ),
        "_LOCATION_SENTENCES": (
            re.compile(rf"\b(?:based|located)\s+(?:in|at)\s+(?:our\s+)?({name})", re.UNICODE),
            re.compile(rf"\bin\s+our\s+({name})\s+(?:office|hub|HQ|headquarters|studio)"),
            re.compile(rf"\boffice\s+in\s+({name})"),
        ),
        "_SALARY": re.compile(
            rf"{cur}\s?(?:{amount})(?:\s*[kK])?(?:\s*(?:-|–|—|to)\s*{cur}?\s?(?:{amount})(?:\s*[kK])?)?"
            rf"(?:\s*{cur})?"
            r"|(?:" + amount + r")\s*" + cur + r"?\s*(?:-|–|—|to)\s*(?:" + amount + r")\s*" + cur,
        ),
    }


def _rules_before() -> dict[str, Any]:
    return _rules_patterns(_NAME_BEFORE, _AMOUNT_BEFORE)


# --- the comparisons ---------------------------------------------------------------------
REALISTIC = [p[1] for p in POSTINGS] + [BACKEND, DATA_ANALYST, FRONTEND, DEVOPS, PRODUCT]
# Longer texts: every posting at once, and postings with their lists run together.
REALISTIC += ["\n\n".join(REALISTIC), "\n".join(t.replace("\n- ", ", ") for t in REALISTIC)]


def test_the_copied_patterns_are_rules_py_with_the_old_bounds() -> None:
    """The reference is faithful: built with today's bounds it is exactly rules.py."""
    now = _rules_patterns(rules._NAME, rules._AMOUNT)
    assert [p.pattern for p in now["_COMPANY_SENTENCES"]] == [
        p.pattern for p in rules._COMPANY_SENTENCES
    ]
    assert [p.pattern for p in now["_LOCATION_SENTENCES"]] == [
        p.pattern for p in rules._LOCATION_SENTENCES
    ]
    assert now["_SALARY"].pattern == rules._SALARY.pattern


@pytest.mark.parametrize("text", REALISTIC, ids=range(len(REALISTIC)))
def test_skills_are_the_same_as_before_on_realistic_postings(text: str) -> None:
    assert extract_skills(text) == extract_skills_before(text)


@pytest.mark.parametrize("text", REALISTIC, ids=range(len(REALISTIC)))
def test_posting_fields_are_the_same_as_before_on_realistic_postings(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = rules.extract_fields(text, TODAY)
    for name, value in _rules_before().items():
        monkeypatch.setattr(rules, name, value)
    assert rules.extract_fields(text, TODAY) == after


WORDS = [
    "Python",
    "SQL",
    "Go",
    "R",
    "C",
    "C++",
    "Excel",
    "excellent",
    "React",
    "Java",
    "JavaScript",
    "Docker",
    "Kubernetes",
    "Power BI",
    "Tableau",
    "statistics",
    "A/B testing",
    "AWS",
    "Rust",
    "required",
    "must",
    "a plus",
    "nice to have",
    "preferred",
    "is a plus",
    "bonus",
    "ideally",
    "5+ years",
    "3 years",
    "expert",
    "strong",
    "familiarity",
    "basic",
    "senior",
    "of",
    "and",
    "or",
    "with",
    "in",
    "using",
    "but",
    "while",
    ",",
    ", and",
    ";",
    ".",
    ":",
    "(",
    ")",
    "/",
    "-",
    "Join",
    "Acme",
    "Data",
    "Corp",
    "is hiring",
    "At",
    "we",
    "based in",
    "London",
    "£45,000",
    "$120k",
    "-",
    "£55,000",
    "per annum",
    "per hour",
    "USD",
    "1234,567",
    "100,000",
    "12345678901234567890",
    "Closing date:",
    "27 March 2026",
    "\n",
    "\n",
    "\n- ",
    "Requirements",
    "Nice to have",
    "Benefits",
    "About us",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=80))
def test_generated_postings_read_the_same_as_before(words: list[str]) -> None:
    text = " ".join(words)
    assert extract_skills(text) == extract_skills_before(text)
    after = rules.extract_fields(text, TODAY)
    saved = {name: getattr(rules, name) for name in _rules_before()}
    try:
        for name, value in _rules_before().items():
            setattr(rules, name, value)
        before = rules.extract_fields(text, TODAY)
    finally:
        for name, value in saved.items():
            setattr(rules, name, value)
    assert before == after
