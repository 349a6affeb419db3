"""Status words of other trackers and spreadsheets -> CareerDesk states (pure).

Compared case- and accent-insensitively, ignoring spaces and punctuation, so "Entretien",
"ENTRETIEN" and "entretien " are one word. Words that mean nothing to us are not an error:
the import asks for a mapping (``--status VALUE=STATE``, or the dialog's status table) and,
until it has one, dates the row from its other columns (see ``io/dated_history.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.columns import fold_text
from careerdesk.core.pipeline.states import AMBIGUOUS_STATUSES, State, state_from_text

_S = State
_WORDS: dict[State, tuple[str, ...]] = {
    _S.SAVED: (
        "draft",
        "saved",
        "wishlist",
        "wish list",
        "bookmarked",
        "bookmark",
        "interested",
        "to apply",
        "not applied",
        "not yet applied",
        "planned",
        "planning",
        "considering",
        "lead",
        "idea",
        "a postuler",
    ),
    _S.APPLYING: ("applying", "in progress", "preparing", "drafting", "preparing application"),
    _S.APPLIED: (
        "applied",
        "submitted",
        "sent",
        "application sent",
        "application submitted",
        "awaiting response",
        "waiting",
        "under review",
        "in review",
        "postule",
        "candidature envoyee",
        "beworben",
        "aplicado",
        "enviado",
    ),
    _S.SCREENING: (
        "screening",
        "screen",
        "recruiter call",
        "recruiter screen",
        "hr call",
        "hr screen",
        "intro call",
        "initial call",
    ),
    _S.PHONE_INTERVIEW: (
        "interview",
        "interviewing",
        "interviews",
        "in interview",
        "in interviews",
        "first interview",
        "1st interview",
        "interview scheduled",
        "phone interview",
        "phone screen",
        "video interview",
        "entretien",
        "vorstellungsgesprach",
        "entrevista",
    ),
    _S.TECHNICAL_INTERVIEW: (
        "technical",
        "technical interview",
        "tech interview",
        "coding interview",
        "take home",
        "technical test",
        "coding challenge",
        "assessment",
        "case study",
        "second interview",
        "2nd interview",
    ),
    _S.ONSITE_INTERVIEW: (
        "onsite",
        "on site",
        "in person",
        "in person interview",
        "assessment centre",
        "assessment center",
        "superday",
    ),
    _S.FINAL_INTERVIEW: (
        "final",
        "final round",
        "final interview",
        "last round",
        "third interview",
    ),
    _S.OFFER_RECEIVED: (
        "offer",
        "offered",
        "offer received",
        "offer extended",
        "got offer",
        "offre",
        "angebot",
        "oferta",
    ),
    _S.NEGOTIATING: ("negotiating", "negotiation", "in negotiation", "counter offer"),
    _S.ACCEPTED: ("accepted", "hired", "offer accepted", "joined", "signed", "zusage"),
    _S.REJECTED: (
        "rejected",
        "rejection",
        "not selected",
        "no offer",
        "unsuccessful",
        "not progressed",
        "position filled",
        "role filled",
        "refuse",
        "absage",
        "abgelehnt",
        "rechazado",
    ),
    _S.WITHDRAWN: (
        "withdrawn",
        "withdrew",
        "declined",  # the learner declined; an employer's "no" is "Rejected"
        "offer declined",
        "declined offer",
        "not interested",
        "cancelled",
        "canceled",
        "retracted",
    ),
    _S.GHOSTED: (
        "ghosted",
        "no response",
        "no reply",
        "no answer",
        "no news",
        "unanswered",
        "silence",
    ),
}
_NOT_KEY = re.compile(r"[^\w]+")


def status_key(text: str) -> str:
    """``" Entretien-RH "`` -> ``"entretienrh"``."""
    return _NOT_KEY.sub("", fold_text(text)).replace("_", "")


SYNONYMS: dict[str, State] = {status_key(w): s for s, words in _WORDS.items() for w in words}


def read_status(text: str, overrides: Mapping[str, State] | None = None) -> State | None:
    """The state ``text`` means, or None when it is unknown (or ambiguous, like "Closed").

    ``overrides`` (the learner's mapping, keyed by ``status_key``) win over everything.
    """
    key = status_key(text)
    if overrides and key in overrides:
        return overrides[key]
    if key in SYNONYMS:
        return SYNONYMS[key]
    if key in AMBIGUOUS_STATUSES:
        return None
    return state_from_text(fold_text(text))


def state_from_name(text: str) -> State:
    """``"OFFER_RECEIVED"``, ``"Offer received"`` or a synonym -> a state (for ``--status``)."""
    found = read_status(text)
    if found is None:
        known = ", ".join(s.value for s in State)
        raise ValidationError(f"Unknown state {text!r}; states are: {known}.")
    return found


def parse_status_overrides(pairs: Mapping[str, str]) -> dict[str, State]:
    """``{"Pending review": "APPLIED"}`` -> ``{"pendingreview": State.APPLIED}``."""
    return {status_key(value): state_from_name(target) for value, target in pairs.items()}
