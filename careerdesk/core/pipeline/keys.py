"""Normalised names and the dedupe key (pure).

``company_key("Google LLC") == company_key("google")`` so the duplicate warning (and later the
company cards) group the same employer however it was typed. The dedupe key identifies "the
same application" for imports: company, title, the date applied and the posting URL.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from functools import lru_cache

_LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "bv",
        "nv",
        "ab",
        "oy",
        "as",
        "spa",
        "srl",
        "corp",
        "corporation",
        "co",
        "company",
        "pty",
        "kk",
    }
)
_TITLE_WORDS = {
    "sr": "senior",
    "jr": "junior",
    "snr": "senior",
    "eng": "engineer",
    "dev": "developer",
}


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    # \w keeps letters of every script (Ünïcödé, 株式会社), so non-Latin names still match.
    return re.findall(r"\w+", text.replace("&", " and "))


@lru_cache(maxsize=8192)  # imports repeat the same employers and titles many times
def company_key(name: str) -> str:
    """``"Google, LLC"`` -> ``"google"``; legal suffixes and punctuation do not count."""
    words = _words(name)
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)[:200]


@lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """``"Sr. Software Eng."`` -> ``"senior software engineer"``."""
    return " ".join(_TITLE_WORDS.get(w, w) for w in _words(title))[:300]


def url_key(url: str) -> str:
    """A posting URL without scheme, ``www.``, fragment, tracking query or trailing slash."""
    url = url.strip()
    if not url:
        return ""
    rest = url.split("://", 1)[-1].split("#", 1)[0]
    base, _, query = rest.partition("?")
    host, slash, path = base.partition("/")
    host = host.lower().removeprefix("www.")
    kept = "&".join(
        q for q in query.split("&") if q and not q.lower().startswith(("utm_", "ref=", "src="))
    )
    return f"{host}{slash}{path}".rstrip("/") + (f"?{kept}" if kept else "")


def dedupe_key_of(ckey: str, tkey: str, applied_on: date | None, posting_url: str) -> str:
    """The dedupe key from already normalised company and title keys."""
    day = applied_on.isoformat() if applied_on else ""
    raw = f"{ckey}|{tkey}|{day}|{url_key(posting_url)}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def dedupe_key(company: str, title: str, applied_on: date | None, posting_url: str) -> str:
    """Stable identity of an application for imports (40 hex characters)."""
    return dedupe_key_of(company_key(company), title_key(title), applied_on, posting_url)
