"""Tailoring suggestions and applying them to a résumé's text (pure; docs/resumes.md).

Only skills the learner has *shown* (measured, see ``rules.SHOWN_LEVEL``) are suggested for
adding: a résumé tailored by CareerDesk should never claim what the learner has not shown.
The posting's missing skills without evidence become "learn or assess first" notes, which
cannot be accepted into the text.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from careerdesk.core.resumes.models import MatchReport
from careerdesk.core.resumes.rules import HEADINGS


class Suggestion(BaseModel):
    """One change the learner can accept (``kind="add"``) or a note (``kind="note"``)."""

    kind: Literal["add", "note"]
    skill_id: str | None
    name: str
    reason: str


def suggestions(report: MatchReport) -> list[Suggestion]:
    """Adds for shown skills (the posting's first), then notes for missing unshown skills."""
    out = [
        Suggestion(
            kind="add",
            skill_id=s.skill_id,
            name=s.name,
            reason=(
                f"{'The posting asks for it and y' if s.in_posting else 'Y'}ou have shown it: "
                f"measured {s.level:.0f}/100 ({s.evidence_count} record"
                f"{'s' if s.evidence_count != 1 else ''})."
            ),
        )
        for s in report.shown_not_mentioned
    ]
    shown = {s.skill_id for s in report.shown_not_mentioned}
    for hit in report.missing:
        if hit.skill_id in shown:
            continue
        ask = "required" if hit.required else "preferred"
        out.append(
            Suggestion(
                kind="note",
                skill_id=hit.skill_id,
                name=hit.name,
                reason=f"The posting lists it as {ask}; you have no evidence yet: "
                "learn or take an assessment before claiming it.",
            )
        )
    return out


def _is_skills_heading(line: str) -> bool:
    words = line.strip().strip("#*_ ").rstrip(":").strip().lower()
    return words in HEADINGS["skills"]


def apply_suggestion(text: str, suggestion: Suggestion) -> str:
    """``text`` with the skill added to its Skills section (a new section when there is none).

    The first non-empty line under the Skills heading is a comma list: the name is appended
    to it; a bulleted section gets a new bullet. Notes change nothing.
    """
    if suggestion.kind != "add":
        return text
    lines = text.splitlines()
    name = suggestion.name
    for i, line in enumerate(lines):
        if not _is_skills_heading(line):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and re.match(r"^\s*[-*•]\s+", lines[j]):
            bullet = re.match(r"^\s*[-*•]\s+", lines[j])
            assert bullet is not None
            lines.insert(j, f"{bullet.group(0)}{name}")
        elif j < len(lines) and lines[j].strip():
            lines[j] = f"{lines[j].rstrip().rstrip(',')}, {name}"
        else:
            lines.insert(i + 1, name)
        return "\n".join(lines) + ("\n" if text.endswith("\n") else "")
    tail = "" if text.endswith("\n") or not text else "\n"
    return f"{text}{tail}\nSkills\n{name}\n"
