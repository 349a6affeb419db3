"""The O*NET extract shipped in ``careerdesk/resources/onet`` (CC BY 4.0, credit in About).

Loaded lazily (the alternate-titles file is 2 MB) and once per process. Provides occupations,
RIASEC interest profiles, technologies per occupation, and :func:`OnetData.map_title`, which
maps a job title as employers write it ("Sr. Data Engineer II") to an occupation through
O*NET's alternate titles.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, cached_property

from pydantic import BaseModel

from careerdesk.resources_access import read_text

RIASEC = ("R", "I", "A", "S", "E", "C")
_RIASEC_COLUMNS = (
    "realistic",
    "investigative",
    "artistic",
    "social",
    "enterprising",
    "conventional",
)

# Words that describe seniority or contract terms, not the occupation.
_NOISE = {
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "principal",
    "staff",
    "chief",
    "head",
    "associate",
    "assistant",
    "trainee",
    "intern",
    "internship",
    "graduate",
    "grad",
    "entry",
    "level",
    "mid",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "1",
    "2",
    "3",
    "remote",
    "hybrid",
    "contract",
    "temporary",
    "part",
    "full",
    "time",
    "the",
    "of",
    "and",
    "for",
    "a",
    "an",
    "m",
    "f",
    "d",
}
_WORD = re.compile(r"[a-z0-9+#]+")


# Words that name a kind of job in many fields: sharing only these says nothing.
_GENERIC = {
    "engineer",
    "developer",
    "analyst",
    "manager",
    "specialist",
    "consultant",
    "officer",
    "administrator",
    "associate",
    "technician",
    "designer",
    "architect",
    "assistant",
    "director",
    "coordinator",
    "scientist",
    "programmer",
    "tester",
    "head",
}


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise_title(title: str) -> str:
    """Lowercase singular words minus seniority noise: "Sr. Data Analysts II" -> "data analyst"."""
    words = [_singular(w) for w in _WORD.findall(title.lower()) if w not in _NOISE]
    return " ".join(words)


class Occupation(BaseModel):
    code: str
    title: str
    description: str


class TitleMatch(BaseModel):
    code: str
    occupation: str
    matched: str  # the O*NET title or alternate title that matched
    score: float  # 1.0 = exact match of the normalised title


@dataclass(frozen=True)
class TechnologyRow:
    code: str
    technology: str
    category: str
    hot: bool
    in_demand: bool


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(read_text("onet", name))))


class OnetData:
    """Lazy, read-only access to the O*NET extract."""

    @cached_property
    def occupations(self) -> dict[str, Occupation]:
        return {
            r["code"]: Occupation(code=r["code"], title=r["title"], description=r["description"])
            for r in _rows("occupations.csv")
        }

    @cached_property
    def interests(self) -> dict[str, dict[str, float]]:
        """RIASEC profile per occupation on O*NET's 1–7 scale."""
        out: dict[str, dict[str, float]] = {}
        for r in _rows("interests.csv"):
            out[r["code"]] = {
                letter: float(r[col]) for letter, col in zip(RIASEC, _RIASEC_COLUMNS, strict=True)
            }
        return out

    @cached_property
    def technologies(self) -> dict[str, list[TechnologyRow]]:
        out: dict[str, list[TechnologyRow]] = defaultdict(list)
        for r in _rows("technology_skills.csv"):
            out[r["code"]].append(
                TechnologyRow(
                    r["code"],
                    r["technology"],
                    r["category"],
                    r["hot_technology"] == "Y",
                    r["in_demand"] == "Y",
                )
            )
        return dict(out)

    @cached_property
    def technology_names(self) -> set[str]:
        return {t.technology for rows in self.technologies.values() for t in rows}

    @cached_property
    def _title_index(self) -> tuple[dict[str, Counter[str]], dict[str, set[str]]]:
        """normalised title -> how often each occupation lists it; word -> titles containing it."""
        exact: dict[str, Counter[str]] = defaultdict(Counter)
        for occ in self.occupations.values():
            exact[normalise_title(occ.title)][occ.code] += (
                3  # the occupation's own title weighs more
            )
        for r in _rows("alternate_titles.csv"):
            if r["code"] not in self.occupations:
                continue
            for title in {r["alternate_title"], r.get("short_title") or ""}:
                key = normalise_title(title)
                if key:
                    exact[key][r["code"]] += 1
        by_word: dict[str, set[str]] = defaultdict(set)
        for key in exact:
            for word in key.split():
                by_word[word].add(key)
        return dict(exact), dict(by_word)

    def _pick(self, key: str, codes: Counter[str], prefer: Collection[str]) -> str:
        """Among occupations sharing a title: the caller's pick, then title overlap, then count."""
        words = set(key.split())

        def rank(code: str) -> tuple[bool, int, int, str]:
            occ_words = set(normalise_title(self.occupations[code].title).split())
            return (code in prefer, len(words & occ_words), codes[code], code)

        return max(codes, key=rank)

    def map_title(
        self, title: str, *, prefer: Collection[str] = (), minimum: float = 0.5
    ) -> TitleMatch | None:
        """The occupation a job title most likely means, or None when nothing is close enough.

        Exact match of the normalised title first; otherwise the known title sharing the most
        words (Jaccard similarity), preferring shorter candidates on ties. When several
        occupations list the same title, codes in ``prefer`` win (callers pass the codes of
        the catalogue's roles), then the occupation whose own title shares most words.
        """
        key = normalise_title(title)
        if not key:
            return None
        exact, by_word = self._title_index
        score = 1.0
        if key not in exact:
            words = set(key.split())
            candidates: set[str] = set()
            for word in words:
                candidates |= by_word.get(word, set())
            best: tuple[float, int, str] | None = None
            for cand in candidates:
                cw = set(cand.split())
                if not (words & cw) - _GENERIC:
                    continue  # "Backend Engineer" is not "Engineer" of any kind
                rank = (len(words & cw) / len(words | cw), -len(cw), cand)
                if best is None or rank > best:
                    best = rank
            if best is None or best[0] < minimum:
                return None
            score, key = round(best[0], 3), best[2]
        # Titles like "QA Engineer" are listed by several occupations; without a preference,
        # the ones CareerDesk has roles for are what a job seeker here means.
        code = self._pick(key, exact[key], set(prefer) or _catalogue_role_codes())
        return TitleMatch(
            code=code, occupation=self.occupations[code].title, matched=key, score=score
        )


@cache
def _catalogue_role_codes() -> frozenset[str]:
    from careerdesk.core.reference.catalog import load_catalog

    return frozenset(r.onet_code for r in load_catalog().roles.values())


_lock = threading.Lock()
_instance: OnetData | None = None


def onet() -> OnetData:
    """The process-wide O*NET data (each table parsed on first use)."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = OnetData()
        return _instance
