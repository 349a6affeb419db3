"""The phrase index behind the skill extractor: vocabulary, aliases, and the built index.

Built once per (catalogue, O*NET) pair from the catalogue's skill names and synonyms, the
roles' technologies and O*NET's technology names, with derived aliases ("Structured query
language SQL" is also "SQL"); :mod:`careerdesk.core.reference.skill_extractor` looks phrases
up in it.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from careerdesk.core.reference.catalog import Catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.resources_access import read_text

_TOKEN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9])|'(?=[a-z]))*(?:\+\+|\+|#)?"
    r"|(?<![A-Za-z0-9])\.[A-Za-z][A-Za-z0-9]*"
    r"|[/&,;:()\-!?]"
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|;\s+")
BULLET = re.compile(r"^\s*(?:[-*•·▪◦●–—>]+|\d+[.)]|#+)\s*")
LIST_NEIGHBOURS = {",", "/", "(", ")", "and", "or", "&", "with", "in", "using", "plus"}
LANGUAGE_WORDS = {"programming", "language", "languages", "code", "coding", "scripting"}


def tokenise(text: str) -> list[str]:
    return _TOKEN.findall(text)


# Vocabulary (resources/job_skills/vocabulary.json):
# - english_words: technology names that are also ordinary English words, matched only in
#   their own capitalisation and with context (see _accept_wordlike), so "go to", "excel at",
#   "react to", "a swift reply" or "Word of mouth" do not count;
# - wordy_allowed: such words still worth matching once a vendor is dropped ("Excel");
# - cased_synonyms: lower-case catalogue synonym -> the only spelling accepted (null: never);
# - skip_names / skip_acronyms: O*NET names too vague or word-like to count on their own;
# - vendors: prefixes dropped to get the everyday name ("Apache Kafka" -> "Kafka");
# - level_words: cue word -> implied level.
_VOCAB = json.loads(read_text("job_skills", "vocabulary.json"))
_ENGLISH: set[str] = set(_VOCAB["english_words"])
_WORDY_ALLOWED: set[str] = set(_VOCAB["wordy_allowed"])
_CASED_SYNONYMS: dict[str, str | None] = dict(_VOCAB["cased_synonyms"])
_SKIP_NAMES: set[str] = set(_VOCAB["skip_names"])
_SKIP_ACRONYMS: set[str] = set(_VOCAB["skip_acronyms"])
_VENDORS: tuple[str, ...] = tuple(_VOCAB["vendors"])
LEVEL_WORDS: dict[str, int] = dict(_VOCAB["level_words"])

# Matching modes: "i" case-insensitive; "s" exact spelling; "w" exact spelling plus context.
Mode = str


@dataclass
class IndexEntry:
    """What a phrase means: a canonical technology name and/or catalogue skills."""

    tech: str | None = None
    skills: set[str] = field(default_factory=set)
    tech_rank: int = 0


@dataclass
class PhraseIndex:
    insensitive: dict[tuple[str, ...], IndexEntry]  # lower-case token tuple -> entry
    sensitive: dict[tuple[str, ...], IndexEntry]  # exact token tuple -> entry
    wordlike: set[tuple[str, ...]]  # sensitive keys that read as English words
    max_len: int
    skill_names: dict[str, str]
    # First token -> the longest phrase starting with it, so the matcher tries only lengths
    # that can match at a position (most tokens start no phrase at all).
    longest_insensitive: dict[str, int] = field(default_factory=dict)
    longest_sensitive: dict[str, int] = field(default_factory=dict)


def _single_mode(alias: str) -> Mode:
    """How a one-token name must be matched."""
    if alias.lower() in _ENGLISH or (len(alias) <= 2 and alias.isalpha()):
        return "w"
    if re.fullmatch(r"[A-Z]{2,6}", alias):
        return "s"  # acronyms: "SAS" yes, "sas" (a word in some languages) no
    return "i"


def _onet_aliases(name: str, curated: bool = False) -> list[tuple[str, Mode]]:
    """(alias, mode) spellings under which an O*NET technology appears in postings."""
    out: list[tuple[str, Mode]] = []

    def add(alias: str) -> None:
        alias = alias.strip()
        if alias and alias not in _SKIP_NAMES:
            out.append((alias, _single_mode(alias) if len(tokenise(alias)) == 1 else "i"))

    add(name)
    words = name.split()
    base = name
    if len(words) > 1 and words[-1] in {"software", "CI"}:
        rest = " ".join(words[:-1])
        # "MEDITECH software" -> "MEDITECH", but not "Statistics software" -> "Statistics":
        # a generic category unless curated (catalogue) or spelled like a product name.
        if curated or re.search(r"[A-Z]", rest[1:]):
            base = rest
            add(base)
    bwords = base.split()
    if len(bwords) >= 3 and re.fullmatch(r"[A-Z]{2,6}", bwords[-1]):
        add(" ".join(bwords[:-1]))  # "Structured query language SQL" -> both halves
        if bwords[-1] not in _SKIP_ACRONYMS:
            out.append((bwords[-1], "s"))
    for vendor in _VENDORS:
        if base.startswith(vendor + " "):
            rest = base[len(vendor) + 1 :]
            one_word = len(tokenise(rest)) == 1
            if not (one_word and rest.lower() in _ENGLISH and rest.lower() not in _WORDY_ALLOWED):
                add(rest)  # "Apache Kafka" -> "Kafka"; not "Microsoft Word" -> "Word"
            break
    return out


def _build(catalog: Catalog, onet: OnetData) -> PhraseIndex:
    insensitive: dict[tuple[str, ...], IndexEntry] = {}
    sensitive: dict[tuple[str, ...], IndexEntry] = {}
    wordlike: set[tuple[str, ...]] = set()

    def put(alias: str, mode: Mode, tech: str | None, skills: set[str], rank: int) -> None:
        toks = tokenise(alias)
        key = tuple(toks) if mode != "i" else tuple(t.lower() for t in toks)
        if not key:
            return
        table = sensitive if mode != "i" else insensitive
        entry = table.setdefault(key, IndexEntry())
        entry.skills |= skills
        if tech and (entry.tech is None or rank > entry.tech_rank):
            entry.tech, entry.tech_rank = tech, rank
        if mode == "w":
            wordlike.add(key)

    # Catalogue skills: names and synonyms.
    synonym_skill: dict[str, set[str]] = {}
    for skill in catalog.skills.values():
        for form in (skill.name, skill.id.replace("_", " "), *skill.synonyms):
            low = form.lower()
            if low in _CASED_SYNONYMS:
                cased = _CASED_SYNONYMS[low]
                if cased:
                    put(cased, "w" if low in _ENGLISH else "s", None, {skill.id}, 0)
            else:
                put(form, "i", None, {skill.id}, 0)
            synonym_skill.setdefault(low, set()).add(skill.id)

    # Technologies: how many occupations list each (to settle alias collisions), and the
    # catalogue's role technologies, which say which skills a technology is evidence of.
    counts: Counter[str] = Counter()
    for rows in onet.technologies.values():
        counts.update(r.technology for r in rows)
    tech_skills: dict[str, set[str]] = {}
    for role in catalog.roles.values():
        for tech in role.technologies:
            tech_skills.setdefault(tech.name, set()).update(tech.skills)
            counts[tech.name] += 1000  # catalogue technologies win collisions
    for name in sorted(counts):
        if name in _SKIP_NAMES:
            continue
        aliases = _onet_aliases(name, curated=name in tech_skills)
        skills = set(tech_skills.get(name, set()))
        for alias, _mode in aliases:
            skills |= synonym_skill.get(alias.lower(), set())
        for alias, mode in aliases:
            put(alias, mode, name, skills, counts[name])

    # A catalogue synonym spelled like a technology ("docker", "python") names it too.
    for key, entry in list(sensitive.items()) + list(insensitive.items()):
        if entry.tech is None:
            continue
        other = insensitive.get(tuple(t.lower() for t in key))
        if other is not None and other.tech is None:
            other.tech, other.tech_rank = entry.tech, entry.tech_rank
            other.skills |= entry.skills

    max_len = max(len(k) for k in (*insensitive, *sensitive))
    names = {s.id: s.name for s in catalog.skills.values()}
    longest: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for table, out in ((insensitive, longest[0]), (sensitive, longest[1])):
        for k in table:
            out[k[0]] = max(out.get(k[0], 0), len(k))
    return PhraseIndex(insensitive, sensitive, wordlike, max_len, names, *longest)


_lock = threading.Lock()
_indexes: dict[tuple[int, int], tuple[Catalog, OnetData, PhraseIndex]] = {}


def index_for(catalog: Catalog, onet: OnetData) -> PhraseIndex:
    key = (id(catalog), id(onet))
    with _lock:
        hit = _indexes.get(key)
        if hit is None:
            # Keep the objects alive with the index so their ids cannot be reused.
            hit = (catalog, onet, _build(catalog, onet))
            _indexes[key] = hit
        return hit[2]
