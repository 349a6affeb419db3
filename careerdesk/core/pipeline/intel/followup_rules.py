"""Follow-up rules (pure): built-in templates, timing strategies, rendering, mailto links.

Timing strategies turn a trigger time and a template's day offsets into due times:

* ``fixed``: trigger + N calendar days (offsets 3, 7, 14 → days 3, 7 and 14);
* ``business``: trigger + N business days, Saturdays and Sundays skipped (a Friday trigger
  with offset 1 is due on Monday);
* ``backoff``: exponential backoff from the first offset: step *i* is due after
  ``first · 2^i`` days (3 → 3, 6, 12), so reminders thin out while nobody answers.

The default is ``fixed`` (docs/intel.md): a Friday application is followed up on the Monday,
the Friday after and two weeks later. The strategy is a choice per profile (the template's
timing) and per application (``followup_choices``), the application's choice winning.

The time of day of the trigger is kept; weekends are judged on the UTC date.

Templates read well without a contact: ``{greeting}`` is "Dear Jo Smith," with a contact and a
scenario's fallback ("Dear hiring team," / "Hello,") without one; any variable may carry its
own default, ``{name|hiring team}``; and the known variables have built-in defaults
(:data:`DEFAULTS`), so a template never refuses to compose for a missing contact name.
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
            "{greeting}\n\nI applied for the {role} position at {company} on {applied_on} "
            "and wanted to check whether you need anything else from me. I am still very "
            "interested in the role.\n\nBest regards,\n{me}"
        ),
        offsets=[3, 7, 14],
        strategy="fixed",
    ),
    TemplateSpec(
        key="thank_you",
        name="Thank you after an interview",
        scenario="thank_you",
        subject="Thank you for the interview: {role}",
        body=(
            "{greeting}\n\nThank you for taking the time to talk with me about the "
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
            "{greeting}\n\nI wanted to check in on the {role} position after my interview. "
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
            "{greeting}\n\nThank you for the offer for the {role} position at {company}. "
            "I am reviewing it and will get back to you by {reply_by}.\n\nBest regards,\n{me}"
        ),
        offsets=[2],
        strategy="business",
    ),
)
# The texts the built-in templates had before greetings (migration 0017 replaces them where
# the learner never edited them).
OLD_BODIES: dict[str, str] = {
    "post_application": (
        "Dear {name},\n\nI applied for the {role} position at {company} on {applied_on} "
        "and wanted to check whether you need anything else from me. I am still very "
        "interested in the role.\n\nBest regards,\n{me}"
    ),
    "thank_you": (
        "Dear {interviewer},\n\nThank you for taking the time to talk with me about the "
        "{role} role at {company}. I enjoyed our conversation and I am even more excited "
        "about the team.\n\nBest regards,\n{me}"
    ),
    "no_response": (
        "Dear {name},\n\nI wanted to check in on the {role} position after my interview. "
        "I would be glad to answer any further questions.\n\nBest regards,\n{me}"
    ),
    "offer": (
        "Dear {name},\n\nThank you for the offer for the {role} position at {company}. "
        "I am reviewing it and will get back to you by {reply_by}.\n\nBest regards,\n{me}"
    ),
}
VARIABLES: tuple[str, ...] = (
    "name",
    "company",
    "role",
    "interviewer",
    "applied_on",
    "reply_by",
    "me",
    "location",
    "greeting",
)
# What a variable becomes when CareerDesk has no value for it (docs/intel.md, Templates).
DEFAULTS: dict[str, str] = {
    "name": "hiring team",
    "interviewer": "hiring team",
    "company": "your company",
    "role": "the role",
    "applied_on": "recently",
    "reply_by": "the date we agreed",
    "me": "",
    "location": "the advertised location",
    "greeting": "Hello,",
}
# The greeting without a contact: the hiring team for an application or an offer, a plain
# "Hello," after an interview (the learner met people but may not have their names).
GREETING_FALLBACK: dict[str, str] = {
    "post_application": "Dear hiring team,",
    "no_response": "Dear hiring team,",
    "offer": "Dear hiring team,",
    "thank_you": "Hello,",
}


def greeting(name: str, scenario: str) -> str:
    """``Dear <name>,`` with a name; the scenario's fallback (docs/intel.md) without one."""
    name = " ".join(name.split())
    if name:
        return f"Dear {name},"
    return GREETING_FALLBACK.get(scenario, "Hello,")


def strategy_for(template_strategy: str, application_choice: str | None) -> Strategy:
    """The timing of one application's sequence: its own choice, else the profile's."""
    for choice in (application_choice, template_strategy):
        if choice in STRATEGIES:
            return choice
    return "fixed"


def next_steps(items: Sequence[tuple[tuple[object, ...], int, str]]) -> set[tuple[object, int]]:
    """Which steps may be due: per sequence only the lowest step still pending.

    ``items`` are ``(sequence key, step, status)``; the result holds ``(key, step)`` of the
    step each sequence waits on. Step 2 waits until step 1 is sent or skipped (cancelled).
    """
    lowest: dict[tuple[object, ...], int] = {}
    for key, step, status in items:
        if status == "pending" and (key not in lowest or step < lowest[key]):
            lowest[key] = step
    return {(key, step) for key, step in lowest.items()}


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
        seen.setdefault(name.split("|", 1)[0].strip(), None)
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


def _value(field: str, values: Mapping[str, str]) -> str | None:
    name, _, inline = field.partition("|")
    name = name.strip()
    given = str(values.get(name, "")).strip()
    if given:
        return given
    if inline.strip():
        return inline.strip()
    return DEFAULTS.get(name) or None


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill ``{variables}``: the value, else the inline ``{name|default}``, else the built-in
    default (:data:`DEFAULTS`); a variable with none of these raises TemplateError naming all
    of them."""
    missing: dict[str, None] = {}
    for field in _FIELD.findall(text):
        if _value(field, values) is None:
            missing.setdefault(field.split("|", 1)[0].strip(), None)
    if missing:
        names = ", ".join("{" + m + "}" for m in missing)
        raise TemplateError(
            f"Cannot fill {names}: add the missing details (for example your own name in "
            "the profile) or edit the template. Nothing was sent.",
            list(missing),
        )
    return _FIELD.sub(lambda m: _value(m.group(1), values) or "", text)


def mailto(to: str, subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068) that opens the mail client with the message filled in."""
    return (
        f"mailto:{quote(to, safe='@,')}?subject={quote(subject, safe='')}"
        f"&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    )
