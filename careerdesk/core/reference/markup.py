"""The question bank's text markup: prose with `inline code` and fenced code blocks.

A question or option is prose in which ```` ```lang ```` … ```` ``` ```` lines fence a block
of code (shown in a monospace block with its line breaks kept) and `backticks` mark inline
code, as in Markdown. Pure: the quiz screen and the review turn the segments into widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FENCE = "```"
_FENCED = re.compile(r"^```([\w+-]*)[ \t]*\n(.*?)\n```[ \t]*$", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Segment:
    """A run of prose or one code block (``lang`` as written after the fence, maybe empty)."""

    kind: Literal["text", "code"]
    text: str
    lang: str = ""


def segments(text: str) -> list[Segment]:
    """``text`` split into prose and fenced code blocks, in order (empty prose dropped)."""
    out: list[Segment] = []
    at = 0
    for m in _FENCED.finditer(text):
        prose = text[at : m.start()].strip("\n")
        if prose.strip():
            out.append(Segment("text", prose))
        out.append(Segment("code", m.group(2), m.group(1)))
        at = m.end()
    rest = text[at:].strip("\n")
    if rest.strip():
        out.append(Segment("text", rest))
    return out


def fences_balanced(text: str) -> bool:
    """True when every opening fence line has its closing one (the catalogue checks this)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip().startswith(FENCE)]
    return (
        len(lines) % 2 == 0
        and sum(1 for s in segments(text) if s.kind == "code") == len(lines) // 2
    )


def plain(text: str) -> str:
    """The text without fences (for one-line summaries, accessible names, the CLI)."""
    return "\n".join(s.text for s in segments(text))
