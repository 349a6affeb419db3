"""Skills a job posting asks for: required vs preferred, with the level each one implies.

Pure and fast: no Qt, no database. The first call builds a phrase index from the catalogue
(skill names and synonyms, role technologies) and the O*NET technology names (with derived
aliases: "Structured query language SQL" is also "SQL", "Microsoft Excel" also "Excel",
"Jenkins CI" also "Jenkins"); later calls only tokenise and look phrases up, so a 5 kB
posting takes a few milliseconds (``benchmarks/job_skills.py`` measures it).

How a posting is read:

* **Sections.** Headings ("Requirements", "Must have", "What you'll need" vs "Nice to have",
  "Preferred qualifications", "Bonus points") switch between required and preferred; text
  before any heading and under "Responsibilities" counts as required; "Benefits", "About us"
  and similar sections name tools but not asks, so they add technologies only.
* **Clauses override sections.** "…, Go is a plus" is preferred even under "Requirements";
  "Python is required" is required even under "Nice to have".
* **Matching** is on token boundaries (so "Java" never matches inside "JavaScript", "C" not
  inside "C++", "Excel" not inside "excellent"). Names that are also English words or single
  letters ("Go", "R", "C", "Excel", "React", "Swift") match only in their own capitalisation,
  and not at the start of a sentence unless a list follows ("Go, Rust"), and single letters
  need a list or language context ("R and Python", "C/C++", "in R").
* **Implied level** (0–100, the bands of :mod:`careerdesk.core.reference.levels`): the nearest
  cue in
  the clause: "expert"/"7+ years" 90; "advanced"/"senior"/"deep"/"5+ years" 80;
  "proficient"/"strong"/"solid"/"3+ years" 65; "familiarity"/"exposure"/"basic" 30; 1–2
  years 45; otherwise 50 (intermediate).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pydantic import BaseModel

from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.onet import onet as shared_onet
from careerdesk.core.reference.skill_index import (
    BULLET,
    LANGUAGE_WORDS,
    LEVEL_WORDS,
    LIST_NEIGHBOURS,
    SENTENCE_END,
    IndexEntry,
    PhraseIndex,
    index_for,
    tokenise,
)

DEFAULT_LEVEL = 50


class SkillMention(BaseModel):
    """One skill (or uncatalogued technology) a posting asks for."""

    skill_id: str | None  # catalogue skill id; None for a technology with no catalogue skill
    name: str
    technologies: list[str]
    required: bool
    implied_level: int
    evidence: str


class ExtractedSkills(BaseModel):
    """Required and preferred skills of one posting, and every technology it names."""

    required: list[SkillMention]
    preferred: list[SkillMention]
    technologies: list[str]


# ---------------------------------------------------------------------------------------------
# Tokens


# Sections, clauses and levels

_PREFERRED_HEAD = re.compile(
    r"nice[ -]to[ -]have|preferred|bonus|desirable|pluses|\bplus\b|good to have|extra credit|"
    r"would be great|ideally|optional|not required|brownie points|stand out",
    re.I,
)
_IGNORED_HEAD = re.compile(
    r"benefit|perks|what we offer|we offer|about us|about the company|who we are|"
    r"equal opportunit|compensation|salary|how to apply|our values|why join|life at",
    re.I,
)
_REQUIRED_HEAD = re.compile(
    r"require|must[ -]have|what you.ll need|what you need|looking for|qualification|"
    r"you have|you bring|you.ll bring|skills|essential|experience|who you are|about you|"
    r"your profile|tech stack|responsibilit|what you.ll do|the role|your role|day to day|"
    r"you will|key duties|description",
    re.I,
)
_PREFERRED_CLAUSE = re.compile(
    r"\b(?:(?:is|are|would be|will be) (?:a )?(?:big |huge |strong )?(?:plus|bonus|advantage)|"
    r"a plus|nice\W+to\W+have|preferred|bonus|desirable|advantageous|ideally|"
    r"good to have|is an asset|an asset|not required|optional)\b",
    re.I,
)
_REQUIRED_CLAUSE = re.compile(r"\b(?:required|must|mandatory|essential|need to have)\b", re.I)

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _years_level(years: int) -> int:
    if years >= 7:
        return 90
    if years >= 5:
        return 80
    if years >= 3:
        return 65
    return 45


def _level_cues(tokens: list[str]) -> list[tuple[int, int]]:
    """(token index, level) for every level cue in a clause."""
    cues: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in LEVEL_WORDS:
            cues.append((i, LEVEL_WORDS[low]))
            continue
        m = re.fullmatch(r"(\d{1,2})\+?", low)
        number = int(m.group(1)) if m else _NUMBER_WORDS.get(low)
        if number is not None:
            after = [t.lower() for t in tokens[i + 1 : i + 4]]
            if any(t in {"years", "year", "yrs", "yr"} for t in after):
                cues.append((i, _years_level(number)))
    return cues


def _implied_level(cues: list[tuple[int, int]], at: list[int], start: int, end: int) -> int:
    """The cue nearest before the mention (any distance in the clause), else shortly after.

    ``cues`` are in token order and ``at`` holds their token indexes, so both look-ups are
    binary searches (a long list of skills in one sentence stays linear).
    """
    before = bisect_left(at, start)  # cues[:before] are the ones before the mention
    if before:
        return cues[before - 1][1]
    after = bisect_left(at, end)
    return cues[after][1] if after < len(cues) and at[after] <= end + 6 else DEFAULT_LEVEL


def _heading(line: str) -> tuple[str | None, str]:
    """(mode, rest) when the line is a heading (optionally "Heading: content"), else (None, line).

    mode is "required", "preferred" or "ignored".
    """
    marker = BULLET.match(line)
    listed = marker is not None and not marker.group(0).strip().startswith("#")
    stripped = BULLET.sub("", line).strip().strip("*_").strip()
    head, sep, rest = stripped.partition(":")
    candidate = head.strip().strip("*_").strip() if sep else stripped
    words = candidate.split()
    if not words or len(words) > 7:
        return None, line
    # A bullet item is a heading only in the "Nice to have: Go, Rust" form.
    if not sep and (listed or candidate.endswith((".", ",")) or len(words) > 5):
        return None, line
    for pattern, mode in (
        (_PREFERRED_HEAD, "preferred"),
        (_IGNORED_HEAD, "ignored"),
        (_REQUIRED_HEAD, "required"),
    ):
        if pattern.search(candidate):
            return mode, rest.strip() if sep else ""
    return None, line


_CLAUSE_WORDS = {"but", "while", "whereas", "although", "though"}


def _clause_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Token spans of the clauses whose own required/preferred wording overrides the section.

    Lists stay whole ("Python, SQL, Docker is a plus" is all preferred); a clause ends at
    ";", "but"/"while"/"whereas"/"though", or ", and".
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for i, tok in enumerate(tokens):
        low = tok.lower()
        nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if low == ";" or low in _CLAUSE_WORDS or (low == "," and nxt in {"and", *_CLAUSE_WORDS}):
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


# ---------------------------------------------------------------------------------------------
# Matching


def _accept_wordlike(tokens: list[str], i: int, key: tuple[str, ...]) -> bool:
    """Context rules for names that are also words or letters ("Go", "Excel", "R", "C")."""
    prev = tokens[i - 1].lower() if i > 0 else None
    nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else None
    if nxt in {"-", "&", "'"} or prev in {"&", "-"}:
        return False
    if len(key[0]) == 1:
        near = {prev, nxt}
        return bool(near & LIST_NEIGHBOURS or near & LANGUAGE_WORDS or nxt is None)
    if prev is None or prev in {":", "(", "!", "?"}:
        return nxt is None or nxt in {",", "/", "(", ")", "and", "or", ":"}
    return True


def _match(index: PhraseIndex, tokens: list[str]) -> list[tuple[int, int, IndexEntry]]:
    """Longest non-overlapping phrase matches: (start, end, entry)."""
    lower = [t.lower() for t in tokens]
    out: list[tuple[int, int, IndexEntry]] = []
    i, n = 0, len(tokens)
    while i < n:
        hit: tuple[int, IndexEntry] | None = None
        tok = tokens[i]
        longest = max(
            index.longest_sensitive.get(tok, 0),
            index.longest_insensitive.get(lower[i], 0),
            1 if tok.isupper() and (tok.capitalize(),) in index.sensitive else 0,
        )
        for size in range(min(longest, n - i), 0, -1):
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


@dataclass
class _Acc:
    skill_id: str | None
    name: str
    required: bool
    level: int
    evidence: str
    technologies: list[str] = field(default_factory=list)


def _sentences(text: str) -> list[tuple[str | None, str]]:
    """(section mode, sentence) pairs; mode None means no heading seen yet (= required)."""
    out: list[tuple[str | None, str]] = []
    mode: str | None = None
    for raw in text.splitlines():
        if not raw.strip():
            continue
        head_mode, rest = _heading(raw)
        line_mode = mode
        if head_mode is not None:
            if not rest:
                mode = head_mode
                continue
            line_mode = head_mode  # "Nice to have: Go, Rust" applies to this line only
        body = BULLET.sub("", rest if head_mode else raw).strip()
        for sentence in SENTENCE_END.split(body):
            if sentence.strip():
                out.append((line_mode, sentence.strip()))
    return out


def extract_skills(
    text: str, catalog: Catalog | None = None, onet: OnetData | None = None
) -> ExtractedSkills:
    """Required and preferred skills in a job description, with the level each implies.

    Catalogue skills are reported once each (required wins over preferred, the higher level
    wins, the first evidence is kept); technologies without a catalogue skill are reported
    under their canonical O*NET name with ``skill_id=None``. ``technologies`` lists every
    technology named anywhere in the text (benefits included), canonical spelling, in order
    of first appearance.
    """
    index = index_for(catalog or load_catalog(), onet or shared_onet())
    found: dict[str, _Acc] = {}
    technologies: dict[str, None] = {}
    for section, sentence in _sentences(text):
        tokens = tokenise(sentence)
        matches = _match(index, tokens)
        if not matches:
            continue
        for _s, _e, entry in matches:
            if entry.tech:
                technologies.setdefault(entry.tech, None)
        if section == "ignored":
            continue
        cues = _level_cues(tokens)  # levels read across the sentence ("5+ years: A, B")
        cue_at = [i for i, _level in cues]
        evidence = sentence if len(sentence) <= 240 else sentence[:237] + "…"
        spans = _clause_spans(tokens)
        span_starts = [a for a, _b in spans]
        # (required wording, preferred wording) per clause, read once per clause rather than
        # once per match: a 1 MB list of skills is one clause (issue 19: that was quadratic).
        wording: dict[tuple[int, int], tuple[bool, bool]] = {}
        for start, end, entry in matches:
            k = bisect_right(span_starts, start) - 1
            c0, c1 = spans[k] if k >= 0 and start < spans[k][1] else (0, len(tokens))
            said = wording.get((c0, c1))
            if said is None:
                clause = " ".join(tokens[c0:c1])
                said = wording[(c0, c1)] = (
                    _REQUIRED_CLAUSE.search(clause) is not None,
                    _PREFERRED_CLAUSE.search(clause) is not None,
                )
            if said[0] and not said[1]:
                required = True
            elif said[1]:
                required = False
            else:
                required = section != "preferred"
            level = _implied_level(cues, cue_at, start, end)
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
