"""Technology names as people write them, and whether a text really names one.

Shared by the posting reader, company tech stacks and the screens that show technologies.
"""

from __future__ import annotations

import re

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
