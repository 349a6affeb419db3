"""Skill suggestions for the learner's own videos, from names and title metadata (pure rules).

A video's file name (``03 - SQL Joins Explained.mp4``), the folders it sits in
(``Data Analysis/Excel``) and the title stored in the file are read by **the same skill
extractor the job postings use** (:func:`careerdesk.core.reference.skill_extractor.
extract_skills`), after removing what names carry besides their subject: the extension,
numbering ("03 -", "Lesson 4", "part2", "S01E02"), years, resolutions and codecs, underscores
and dotted or dashed word separators. Only catalogue skill ids are suggested; the learner
confirms or edits them (docs/player.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath

from careerdesk.core.reference.catalog import Catalog, load_catalog
from careerdesk.core.reference.onet import OnetData
from careerdesk.core.reference.skill_extractor import extract_skills

_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}$")
# "node.js", "ASP.NET" keep their dot; other dots separate words ("sql.joins.explained").
_DOT = re.compile(r"\.(?!(?:js|net|io)\b)", re.I)
_NOISE = re.compile(
    r"\b(?:"
    r"(?:19|20)\d{2}"  # years
    r"|\d{3,4}p|[48]k|uhd|fhd|hd|sd|hdr|x26[45]|h26[45]|hevc|av1|aac|web[- ]?dl|webrip"
    r"|s\d{1,2}e\d{1,3}"  # S01E02
    r"|(?:part|pt|lesson|lecture|episode|ep|chapter|ch|module|mod|unit|video|clip|day|week"
    r"|section|sec|session|class|no|number|vol|volume|v)\s*\.?\s*\d+[a-z]?"
    r"(?:\s*(?:of|/)\s*\d+)?"  # "Part 3 of 5"
    r"|\d+(?:[.\-]\d+)*"  # standalone numbers ("03", "1.2", "(1)")
    r")\b",
    re.I,
)
_SEPARATORS = re.compile(r"[_\[\](){}#~|]+|\s[-–—:]+\s|^[-–—:\s]+|[-–—:\s]+$|\s+-+|-+\s+")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[A-Za-z]")


def normalise_name(name: str, *, strip_extension: bool = True) -> str:
    """The subject a file or folder name carries: ``03 - SQL Joins Explained.mp4`` →
    ``SQL Joins Explained``; ``excel_pivot_tables_part2.webm`` → ``Excel Pivot Tables``.

    A name written all in lower case is title-cased, so names the extractor matches only
    in their own capitalisation ("Excel", "React") are found in ``excel_basics.mp4`` too.
    """
    text = name.strip()
    if strip_extension:
        text = _EXTENSION.sub("", text)
    text = _DOT.sub(" ", text)
    text = text.replace("_", " ")
    text = _NOISE.sub(" ", text)
    text = _SEPARATORS.sub(" ", f" {text} ")
    # a hyphen joining two lower-case words is a separator ("pivot-tables"), one inside a
    # name ("scikit-learn", "T-SQL") stays
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text) if text.islower() else text
    text = _SPACES.sub(" ", text).strip(" -.,")
    if text.islower():
        text = " ".join(w[:1].upper() + w[1:] for w in text.split())
    return text if _WORDS.search(text) else ""


def name_parts(path: PurePath, root: PurePath | None = None, *, folders: int = 1) -> list[str]:
    """The file name, then its folders nearest first (up to ``root``, or ``folders`` of them),
    each normalised; empty ones dropped."""
    parts = [normalise_name(path.name)]
    parents = list(path.parents)
    if root is not None:
        above = [p for p in parents if p == root or root in p.parents]
        parents = above
    else:
        parents = parents[:folders]
    parts += [normalise_name(p.name, strip_extension=False) for p in parents if p.name]
    return [p for p in parts if p]


def suggest_from_texts(
    texts: Iterable[str], catalog: Catalog | None = None, onet: OnetData | None = None
) -> list[str]:
    """Catalogue skill ids named by any of ``texts`` (names, titles), in order of first mention.

    Each text is read as the subject of a lesson ("A lesson on …."), so a title-cased first
    word is read as a name rather than as the start of a sentence.
    """
    cat = catalog or load_catalog()
    lines = [f"A lesson on {t.strip()}." for t in texts if t and t.strip()]
    if not lines:
        return []
    found = extract_skills("\n".join(lines), cat, onet)
    ordered: dict[str, None] = {}
    # extract_skills keeps each group in order of first mention; restore one overall order
    mentions = sorted(
        (m for m in [*found.required, *found.preferred] if m.skill_id),
        key=lambda m: _first_index(lines, m.evidence),
    )
    for m in mentions:
        if m.skill_id in cat.skills:
            ordered.setdefault(str(m.skill_id), None)
    return list(ordered)


def suggest_skills(
    path: PurePath,
    *,
    root: PurePath | None = None,
    title: str | None = None,
    catalog: Catalog | None = None,
    onet: OnetData | None = None,
) -> list[str]:
    """Suggested skill ids for one video: its name, its title metadata, then its folders."""
    parts = name_parts(path, root)
    texts = parts[:1] + ([normalise_name(title, strip_extension=False)] if title else [])
    return suggest_from_texts([*texts, *parts[1:]], catalog, onet)


def unknown_skills(skill_ids: Sequence[str], catalog: Catalog | None = None) -> list[str]:
    """The ids in ``skill_ids`` that are not catalogue skills."""
    cat = catalog or load_catalog()
    return [k for k in skill_ids if k not in cat.skills]


def _first_index(lines: list[str], evidence: str) -> int:
    for i, line in enumerate(lines):
        if evidence.rstrip("…") and line.startswith(evidence.rstrip("…").rstrip(".")[:60]):
            return i
    return len(lines)
