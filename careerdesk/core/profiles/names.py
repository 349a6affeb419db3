"""Profile names as people see them (pure): one person, one tile.

A kiosk shows learners as name tiles, so two names that *look* the same are the same name.
Before the duplicate check a name is reduced to a *key*:

1. Unicode NFKC (full-width "Ｂｅｎ", ligatures and compatibility forms become plain letters);
2. invisible characters removed: format characters (Unicode category Cf — zero-width space,
   joiners, direction marks, the BOM, soft hyphen), variation selectors and the
   "filler" letters that render as nothing (Hangul fillers, U+3164, U+115F/U+1160);
3. confusable letters mapped to the Latin letter they imitate (Cyrillic "е", Greek "ο",
   …) — a hand-written table of the look-alikes of a–z found in Unicode's confusables list
   for the Cyrillic, Greek and Armenian scripts, which are the ones a keyboard can produce;
4. accents kept (Zoë and Zoe are different people) but case folded and spaces collapsed.

The *stored* name keeps the person's own spelling after steps 1–2 (no one's Cyrillic name
is rewritten into Latin); only the comparison uses the key. See docs/kiosk.md.
"""

from __future__ import annotations

import unicodedata

# Characters that draw nothing but are not category Cf.
_INVISIBLE_EXTRA = frozenset(
    {
        "\u115f",  # HANGUL CHOSEONG FILLER
        "\u1160",  # HANGUL JUNGSEONG FILLER
        "\u3164",  # HANGUL FILLER
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\u034f",  # COMBINING GRAPHEME JOINER
        "\u2800",  # BRAILLE PATTERN BLANK
    }
)

# Look-alikes of Latin letters (lower case after casefold), from the Cyrillic, Greek and
# Armenian blocks. Upper-case forms casefold to these first.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a",
    "в": "b",  # small capital-like в only looks like "B" in upper case; folded pairs match
    "е": "e",
    "ё": "e",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "м": "m",
    "н": "h",  # "Н" looks like "H"
    "о": "o",
    "р": "p",
    "с": "c",
    "ѕ": "s",
    "т": "t",
    "у": "y",
    "х": "x",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ɡ": "g",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "μ": "m",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ζ": "z",
    # Armenian
    "օ": "o",
    "ս": "u",
    "հ": "h",
    "ո": "n",
    "ց": "g",
    # Latin look-alikes of other Latin letters
    "ı": "i",  # dotless i
    "ſ": "s",  # long s (NFKC already maps it; kept for clarity)
    "ℓ": "l",
}


def _invisible(ch: str) -> bool:
    if ch in _INVISIBLE_EXTRA:
        return True
    if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef":
        return True  # variation selectors
    return unicodedata.category(ch) == "Cf"


def visible_name(name: str) -> str:
    """``name`` in NFKC with invisible characters removed and spaces collapsed: what is
    stored and shown (the person's own letters, nothing hidden)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not _invisible(ch))
    return " ".join(text.split())


def name_key(name: str) -> str:
    """The comparison key: two names with the same key look alike on a tile."""
    text = visible_name(name).casefold()
    # Decompose so a Cyrillic "й" keeps its accent while its base letter is mapped.
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(_CONFUSABLES.get(ch, ch) for ch in decomposed)
    return unicodedata.normalize("NFC", mapped)


def looks_like(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` would be indistinguishable on a learner tile."""
    return name_key(a) == name_key(b)
