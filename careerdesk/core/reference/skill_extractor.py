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

import json
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from pydantic import BaseModel

from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.onet import onet as shared_onet
from careerdesk.resources_access import read_text

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

_TOKEN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9])|'(?=[a-z]))*(?:\+\+|\+|#)?"
    r"|(?<![A-Za-z0-9])\.[A-Za-z][A-Za-z0-9]*"
    r"|[/&,;:()\-!?]"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])|;\s+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●–—>]+|\d+[.)]|#+)\s*")
_LIST_NEIGHBOURS = {",", "/", "(", ")", "and", "or", "&", "with", "in", "using", "plus"}
_LANGUAGE_WORDS = {"programming", "language", "languages", "code", "coding", "scripting"}


def _tokens(text: str) -> list[str]:
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
_LEVEL_WORDS: dict[str, int] = dict(_VOCAB["level_words"])

# Matching modes: "i" case-insensitive; "s" exact spelling; "w" exact spelling plus context.
Mode = str


@dataclass
class _Entry:
    """What a phrase means: a canonical technology name and/or catalogue skills."""

    tech: str | None = None
    skills: set[str] = field(default_factory=set)
    tech_rank: int = 0


@dataclass
class _Index:
    insensitive: dict[tuple[str, ...], _Entry]  # lower-case token tuple -> entry
    sensitive: dict[tuple[str, ...], _Entry]  # exact token tuple -> entry
    wordlike: set[tuple[str, ...]]  # sensitive keys that read as English words
    max_len: int
    skill_names: dict[str, str]


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
            out.append((alias, _single_mode(alias) if len(_tokens(alias)) == 1 else "i"))

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
            one_word = len(_tokens(rest)) == 1
            if not (one_word and rest.lower() in _ENGLISH and rest.lower() not in _WORDY_ALLOWED):
                add(rest)  # "Apache Kafka" -> "Kafka"; not "Microsoft Word" -> "Word"
            break
    return out


def _build(catalog: Catalog, onet: OnetData) -> _Index:
    insensitive: dict[tuple[str, ...], _Entry] = {}
    sensitive: dict[tuple[str, ...], _Entry] = {}
    wordlike: set[tuple[str, ...]] = set()

    def put(alias: str, mode: Mode, tech: str | None, skills: set[str], rank: int) -> None:
        toks = _tokens(alias)
        key = tuple(toks) if mode != "i" else tuple(t.lower() for t in toks)
        if not key:
            return
        table = sensitive if mode != "i" else insensitive
        entry = table.setdefault(key, _Entry())
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
    return _Index(insensitive, sensitive, wordlike, max_len, names)


_lock = threading.Lock()
_indexes: dict[tuple[int, int], tuple[Catalog, OnetData, _Index]] = {}


def _index_for(catalog: Catalog, onet: OnetData) -> _Index:
    key = (id(catalog), id(onet))
    with _lock:
        hit = _indexes.get(key)
        if hit is None:
            # Keep the objects alive with the index so their ids cannot be reused.
            hit = (catalog, onet, _build(catalog, onet))
            _indexes[key] = hit
        return hit[2]


# ---------------------------------------------------------------------------------------------
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
        if low in _LEVEL_WORDS:
            cues.append((i, _LEVEL_WORDS[low]))
            continue
        m = re.fullmatch(r"(\d{1,2})\+?", low)
        number = int(m.group(1)) if m else _NUMBER_WORDS.get(low)
        if number is not None:
            after = [t.lower() for t in tokens[i + 1 : i + 4]]
            if any(t in {"years", "year", "yrs", "yr"} for t in after):
                cues.append((i, _years_level(number)))
    return cues


def _implied_level(cues: list[tuple[int, int]], start: int, end: int) -> int:
    """The cue nearest before the mention (any distance in the clause), else shortly after."""
    before = [c for c in cues if c[0] < start]
    if before:
        return before[-1][1]
    after = [c for c in cues if end <= c[0] <= end + 6]
    return after[0][1] if after else DEFAULT_LEVEL


def _heading(line: str) -> tuple[str | None, str]:
    """(mode, rest) when the line is a heading (optionally "Heading: content"), else (None, line).

    mode is "required", "preferred" or "ignored".
    """
    marker = _BULLET.match(line)
    listed = marker is not None and not marker.group(0).strip().startswith("#")
    stripped = _BULLET.sub("", line).strip().strip("*_").strip()
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
        return bool(near & _LIST_NEIGHBOURS or near & _LANGUAGE_WORDS or nxt is None)
    if prev is None or prev in {":", "(", "!", "?"}:
        return nxt is None or nxt in {",", "/", "(", ")", "and", "or", ":"}
    return True


def _match(index: _Index, tokens: list[str]) -> list[tuple[int, int, _Entry]]:
    """Longest non-overlapping phrase matches: (start, end, entry)."""
    lower = [t.lower() for t in tokens]
    out: list[tuple[int, int, _Entry]] = []
    i, n = 0, len(tokens)
    while i < n:
        hit: tuple[int, _Entry] | None = None
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
        body = _BULLET.sub("", rest if head_mode else raw).strip()
        for sentence in _SENTENCE_END.split(body):
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
    index = _index_for(catalog or load_catalog(), onet or shared_onet())
    found: dict[str, _Acc] = {}
    technologies: dict[str, None] = {}
    for section, sentence in _sentences(text):
        tokens = _tokens(sentence)
        matches = _match(index, tokens)
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
            level = _implied_level(cues, start, end)
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


_VENDOR_SUFFIX = re.compile(r"\s+(software|programming language|framework)$", re.IGNORECASE)


def short_tech_name(name: str) -> str:
    """The name people use for an O*NET technology, for display.

    O*NET spells technologies out ("Structured query language SQL", "Amazon Web Services AWS
    software"); when the name ends in an acronym of its own words, the acronym is what
    postings and people say. Otherwise a trailing "software" is dropped. Matching and
    storage keep the canonical name; only what is shown changes.
    """
    base = _VENDOR_SUFFIX.sub("", name.strip()) or name.strip()
    words = base.split()
    last = words[-1] if words else ""
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{2,6}", last):
        spelled = "".join(words[:-1]).lower()
        rest = iter(spelled)
        # "Hypertext markup language HTML": the acronym's letters appear in order.
        if all(ch in rest for ch in last.lower()):
            return last
    return base


# Words too generic to prove a technology is named on their own (see ``mentioned``).
_GENERIC = frozenset(
    [
        "data",
        "team",
        "teams",
        "software",
        "system",
        "systems",
        "service",
        "services",
        "cloud",
        "web",
        "platform",
        "management",
        "analytics",
        "studio",
        "server",
        "tools",
        "online",
        "office",
        "business",
        "intelligence",
        "language",
        "query",
        "structured",
        "microsoft",
        "google",
        "amazon",
        "apache",
        "oracle",
        "ibm",
        "sap",
        "adobe",
        "the",
        "and",
        "for",
        "of",
    ]
)


def mentioned(name: str, text: str) -> bool:
    """Is the technology ``name`` really in ``text``? Its full name (any case), or one of its
    distinctive words ("Airflow" of "Apache Airflow", "SQL" of "Structured query language
    SQL") as written. Works around O*NET names the shared extractor matches loosely."""
    if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
        return True
    for token in re.findall(r"[\w.+#/-]+", name):
        if len(token) < 2 or token.casefold() in _GENERIC or token.islower():
            continue
        if re.search(rf"(?<![\w.]){re.escape(token)}(?![\w])", text):
            return True
    return False
