"""Status words of other trackers -> CareerDesk states (pure; docs/pipeline.md, "Statuses").

The table below is written by hand, in the spelling trackers and spreadsheets show (case,
accents, hyphens and spaces as a person types them), from what each word means: the
documented groups (Draft/Wishlist/Bookmarked/Interested → Saved, …, No response/No reply →
Ghosted) and, for the rest, the stage the word names.
"""

from __future__ import annotations

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.statuses import (
    parse_status_overrides,
    read_status,
    state_from_name,
    status_key,
)
from careerdesk.core.pipeline.states import State

S = State
WORDS: dict[State, list[str]] = {
    S.SAVED: [
        "Draft", "Saved", "Wishlist", "Wish list", "Bookmarked", "Bookmark", "Interested",
        "To apply", "Not applied", "Not yet applied", "Planned", "Planning", "Considering",
        "Lead", "Idea", "À postuler",
    ],
    S.APPLYING: ["Applying", "In progress", "Preparing", "Drafting", "Preparing application"],
    S.APPLIED: [
        "Applied", "Submitted", "Sent", "Application sent", "Application submitted",
        "Awaiting response", "Waiting", "Under review", "In review", "Postulé",
        "Candidature envoyée", "Beworben", "Aplicado", "Enviado",
    ],
    S.SCREENING: [
        "Screening", "Screen", "Recruiter call", "Recruiter screen", "HR call", "HR screen",
        "Intro call", "Initial call",
    ],
    S.PHONE_INTERVIEW: [
        "Interview", "Interviewing", "Interviews", "In interview", "In interviews",
        "First interview", "1st interview", "Interview scheduled", "Phone interview",
        "Phone screen", "Video interview", "Entretien", "Vorstellungsgespräch", "Entrevista",
    ],
    S.TECHNICAL_INTERVIEW: [
        "Technical", "Technical interview", "Tech interview", "Coding interview", "Take-home",
        "Technical test", "Coding challenge", "Assessment", "Case study", "Second interview",
        "2nd interview",
    ],
    S.ONSITE_INTERVIEW: [
        "Onsite", "On-site", "In person", "In-person interview", "Assessment centre",
        "Assessment center", "Superday",
    ],
    S.FINAL_INTERVIEW: ["Final", "Final round", "Final interview", "Last round", "Third interview"],
    S.OFFER_RECEIVED: [
        "Offer", "Offered", "Offer received", "Offer extended", "Got offer", "Offre", "Angebot",
        "Oferta",
    ],
    S.NEGOTIATING: ["Negotiating", "Negotiation", "In negotiation", "Counter-offer"],
    S.ACCEPTED: ["Accepted", "Hired", "Offer accepted", "Joined", "Signed", "Zusage"],
    S.REJECTED: [
        "Rejected", "Rejection", "Not selected", "No offer", "Unsuccessful", "Not progressed",
        "Position filled", "Role filled", "Refusé", "Absage", "Abgelehnt", "Rechazado",
    ],
    S.WITHDRAWN: [
        "Withdrawn", "Withdrew", "Declined", "Offer declined", "Declined offer",
        "Not interested", "Cancelled", "Canceled", "Retracted",
    ],
    S.GHOSTED: [
        "Ghosted", "No response", "No reply", "No answer", "No news", "Unanswered", "Silence",
    ],
}  # fmt: skip

CASES = [(word, state) for state, words in WORDS.items() for word in words]


@pytest.mark.parametrize(("word", "state"), CASES, ids=[w for w, _ in CASES])
def test_tracker_words_read_as_their_state(word: str, state: State) -> None:
    assert read_status(word) is state
    # Shouting, stray spaces and punctuation change nothing.
    assert read_status(f"  {word.upper()}. ") is state


def test_status_key_folds_case_accents_spaces_and_punctuation() -> None:
    assert status_key(" Entretien-RH ") == "entretienrh"
    assert status_key("Candidature_envoyée!") == "candidatureenvoyee"


def test_overrides_win_and_ambiguous_words_are_unknown() -> None:
    assert read_status("Closed") is None
    assert read_status("Done") is None
    assert read_status("Pending review") is None
    overrides = {"pendingreview": S.SCREENING, "applied": S.APPLYING}
    assert read_status("Pending Review", overrides) is S.SCREENING
    assert read_status("Applied", overrides) is S.APPLYING  # the learner's choice wins
    # Canonical names and labels still read when no synonym lists them.
    assert read_status("OFFER_RECEIVED") is S.OFFER_RECEIVED


def test_state_from_name_and_parsed_overrides() -> None:
    assert state_from_name("Offer received") is S.OFFER_RECEIVED
    assert state_from_name("hired") is S.ACCEPTED
    with pytest.raises(ValidationError, match="Unknown state 'Limbo'; states are: SAVED, "):
        state_from_name("Limbo")
    assert parse_status_overrides({"Pending review": "Screening", "Écarté": "REJECTED"}) == {
        "pendingreview": S.SCREENING,
        "ecarte": S.REJECTED,
    }
