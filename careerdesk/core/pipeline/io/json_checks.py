"""Checks on a JSON export before the models see it: shape, depth, numbers, text, dates (pure).

A JSON file is user input: anything it holds must end in a clear message naming where it
is (``applications[3].events[0].changes``), never in a traceback. pydantic validates the
shape of each application; these checks cover what it would let through or crash on:

- nesting deeper than any export has (a recursion bomb), numbers a database column cannot
  hold, ``NaN``/``Infinity``;
- NUL and other control characters in text (tab, newline and carriage return are text);
- date fields given as anything but an ISO 8601 string (pydantic reads ``12345`` as 1970);
- document paths that are not plain local files (network shares, URLs, programs): kept as
  text only, so nothing ever opens them.

See docs/pipeline.md (Import and export).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from careerdesk.core.kernel.errors import ValidationError

MAX_DEPTH = 12  # an export nests 7 deep (applications[].offers[].rounds[].field)
INT_LIMIT = 2**31 - 1  # the INTEGER columns on PostgreSQL
DATE_KEYS = frozenset(
    {
        "created_at",
        "updated_at",
        "state_changed_at",
        "at",
        "added_at",
        "starts_at",
        "deadline",
        "received_on",
        "applied_on",
        "exported_at",
    }
)
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x1b": "ESC", "\x7f": "DEL"}
# What a résumé or cover letter is saved as; anything else is not opened from CareerDesk.
DOCUMENT_SUFFIXES = frozenset(
    {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".md", ".pages", ".tex"}
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def json_path(loc: Sequence[str | int]) -> str:
    """``("applications", 3, "changes")`` -> ``applications[3].changes``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def refuse_constant(name: str) -> float:
    """``json.loads(parse_constant=...)``: NaN and Infinity are not numbers we can store."""
    raise ValidationError(f"the file holds {name}, which is not a number CareerDesk can store")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``?`` (for messages about bad input)."""
    return _CONTROL.sub("?", text)


def _control_name(ch: str) -> str:
    return _CONTROL_NAMES.get(ch, f"U+{ord(ch):04X}")


def screen(value: Any, loc: tuple[str | int, ...] = ()) -> None:
    """Raise ValidationError naming the JSON path of the first thing no export can hold."""
    stack: list[tuple[Any, tuple[str | int, ...], bool]] = [(value, loc, False)]
    while stack:  # iterative: the depth limit is checked before anything recurses
        item, where, in_changes = stack.pop()
        if len(where) - len(loc) > MAX_DEPTH:
            raise ValidationError(f"{json_path(where)}: nested deeper than any export")
        if isinstance(item, dict):
            for key, child in item.items():
                here = (*where, key)
                if (
                    key in DATE_KEYS
                    and not in_changes
                    and child is not None
                    and not (isinstance(child, str) and _ISO_START.match(child))
                ):
                    raise ValidationError(
                        f"{json_path(here)}: must be a date written as an ISO 8601 string "
                        f"(e.g. 2026-03-02T12:00:00+00:00), not {child!r:.40}"
                    )
                stack.append((child, here, in_changes or key == "changes"))
        elif isinstance(item, list):
            stack.extend((child, (*where, i), in_changes) for i, child in enumerate(item))
        elif isinstance(item, str):
            bad = _CONTROL.search(item)
            if bad:
                raise ValidationError(
                    f"{json_path(where)}: contains the control character "
                    f"{_control_name(bad.group(0))}, which text cannot hold"
                )
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int) and abs(item) > INT_LIMIT:
            raise ValidationError(f"{json_path(where)}: the number {item:.3g} is too large")


def plain_local_document(path: str) -> bool:
    """Whether a document path may be opened: an absolute local path to a document file.

    Network paths (``\\\\host\\share\\x``, ``//host/x``), URLs and other schemes, relative
    paths and programs (``/usr/bin/xterm``) are not.
    """
    p = path.strip()
    if not p or p.startswith(("\\\\", "//")) or "\n" in p:
        return False
    if _DRIVE.match(p):
        local = True
    elif _SCHEME.match(p):
        return False
    else:
        local = p.startswith("/")
    name = re.split(r"[\\/]", p)[-1]
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return local and suffix in DOCUMENT_SUFFIXES
