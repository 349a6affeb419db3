"""Follow-up rules (pure): built-in templates, timing strategies, rendering, mailto links.

Timing strategies turn a trigger time and a template's day offsets into due times:

* ``fixed``: trigger + N calendar days (offsets 3, 7, 14 → days 3, 7 and 14);
* ``business``: trigger + N business days, Saturdays and Sundays skipped (a Friday trigger
  with offset 1 is due on Monday);
* ``backoff``: exponential backoff from the first offset: step *i* is due after
  ``first · 2^i`` days (3 → 3, 6, 12), so reminders thin out while nobody answers.

The time of day of the trigger is kept; weekends are judged on the UTC date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import quote

from pydantic import BaseModel

from careerdesk.core.kernel.errors import UserError

Strategy = Literal["fixed", "business", "backoff"]
STRATEGIES: tuple[Strategy, ...] = ("fixed", "business", "backoff")
Scenario = Literal["post_application", "thank_you", "no_response", "offer"]


class TemplateSpec(BaseModel):
    key: str
    name: str
    scenario: Scenario
    subject: str
    body: str
    offsets: list[int]
    strategy: Strategy = "fixed"


# The built-in templates of docs/intel.md (Follow-ups): post-application (3, 7, 14 days),
# post-interview thank-you (1 day), no-response nudges (7, 14 days), offer follow-ups.
BUILTIN_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        key="post_application",
        name="After applying",
        scenario="post_application",
        subject="Following up on my application: {role}",
        body=(
            "Dear {name},\n\nI applied for the {role} position at {company} on {applied_on} "
            "and wanted to check whether you need anything else from me. I am still very "
            "interested in the role.\n\nBest regards,\n{me}"
        ),
        offsets=[3, 7, 14],
        strategy="business",
    ),
    TemplateSpec(
        key="thank_you",
        name="Thank you after an interview",
        scenario="thank_you",
        subject="Thank you for the interview: {role}",
        body=(
            "Dear {interviewer},\n\nThank you for taking the time to talk with me about the "
            "{role} role at {company}. I enjoyed our conversation and I am even more excited "
            "about the team.\n\nBest regards,\n{me}"
        ),
        offsets=[1],
        strategy="fixed",
    ),
    TemplateSpec(
        key="no_response",
        name="No response yet",
        scenario="no_response",
        subject="Checking in: {role} at {company}",
        body=(
            "Dear {name},\n\nI wanted to check in on the {role} position after my interview. "
            "I would be glad to answer any further questions.\n\nBest regards,\n{me}"
        ),
        offsets=[7, 14],
        strategy="fixed",
    ),
    TemplateSpec(
        key="offer",
        name="Offer follow-up",
        scenario="offer",
        subject="Your offer for {role}",
        body=(
            "Dear {name},\n\nThank you for the offer for the {role} position at {company}. "
            "I am reviewing it and will get back to you by {reply_by}.\n\nBest regards,\n{me}"
        ),
        offsets=[2],
        strategy="business",
    ),
)
VARIABLES: tuple[str, ...] = (
    "name",
    "company",
    "role",
    "interviewer",
    "applied_on",
    "reply_by",
    "me",
    "location",
)


class TemplateError(UserError):
    """A template cannot be rendered (unknown or missing variables); nothing is sent."""

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.missing = list(missing)


def add_business_days(start: datetime, days: int) -> datetime:
    """``start`` + ``days`` working days (Mon–Fri); a weekend start counts from Monday."""
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def schedule(anchor: datetime, offsets: Sequence[int], strategy: Strategy) -> list[datetime]:
    """Due times of the steps of a sequence started at ``anchor`` (see the module docstring)."""
    if not offsets:
        return []
    if strategy == "fixed":
        return [anchor + timedelta(days=d) for d in offsets]
    if strategy == "business":
        return [add_business_days(anchor, d) for d in offsets]
    if strategy == "backoff":
        first = max(1, offsets[0])
        return [anchor + timedelta(days=first * 2**i) for i in range(len(offsets))]
    raise UserError(f"Unknown timing strategy {strategy!r}; use one of {', '.join(STRATEGIES)}.")


_FIELD = re.compile(r"\{([^{}]*)\}")


def variables_in(text: str) -> list[str]:
    """Variable names used in a template, in order of first use."""
    seen: dict[str, None] = {}
    for name in _FIELD.findall(text):
        seen.setdefault(name.strip(), None)
    return list(seen)


def check_template(subject: str, body: str) -> None:
    """Raise TemplateError for unknown variables or unbalanced braces."""
    for text in (subject, body):
        if text.count("{") != text.count("}"):
            raise TemplateError("The template has an unmatched { or }.")
    unknown = [v for v in variables_in(subject + "\n" + body) if v not in VARIABLES]
    if unknown:
        raise TemplateError(
            f"Unknown variable(s): {', '.join('{' + u + '}' for u in unknown)}. "
            f"Known: {', '.join('{' + v + '}' for v in VARIABLES)}."
        )


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill ``{variables}``; a missing or empty value raises TemplateError naming all of them."""
    missing = [v for v in variables_in(text) if not str(values.get(v, "")).strip()]
    if missing:
        names = ", ".join("{" + m + "}" for m in missing)
        raise TemplateError(
            f"Cannot fill {names}: add the missing details (for example a contact with a "
            "name, or your own name in the profile) or edit the template. Nothing was sent.",
            missing,
        )
    return _FIELD.sub(lambda m: str(values[m.group(1).strip()]), text)


def mailto(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068) that opens the mail client with the message filled in."""
    return (
        f"mailto:{quote(to, safe='@,')}?subject={quote(subject, safe='')}"
        f"&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    )
