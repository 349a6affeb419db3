"""dated_history.plan and build on their own (no database): the dated log an imported row
becomes, worked out by hand from docs/pipeline.md ("History, not a snapshot") and the
transition table written out in docs/pipeline.md ("States")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.dated_history import (
    ImportRow,
    Step,
    _sentence,
    build,
    check_contact,
    kept_note,
    plan,
)
from careerdesk.core.pipeline.models import ApplicationInput, ContactInput, DocumentInput, check
from careerdesk.core.pipeline.states import State

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def day(d: int, month: int = 2, hour: int = 12) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def row(
    stages: list[tuple[str, datetime, str]],
    status: State | None = None,
    status_text: str = "",
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
    kept: list[tuple[str, str]] | None = None,
    applied_on: date | None = None,
    contact: ContactInput | None = None,
    documents: list[DocumentInput] | None = None,
) -> ImportRow:
    value = check(
        ApplicationInput,
        {
            "company": "Acme",
            "title": "Analyst",
            "state": status or State.SAVED,
            "applied_on": applied_on,
        },
    )
    return ImportRow(
        line=7,
        value=value,
        key="k",
        status=status,
        status_text=status_text,
        created_at=created_at,
        updated_at=updated_at,
        stages=stages,
        kept=kept or [],
        contact=contact,
        documents=documents or [],
    )


def test_an_offer_without_an_applied_date_infers_applied() -> None:
    # Saved → Offer received is not a move; Saved → Applied → Offer received is.
    p = plan(row([("offer_at", day(10), "Offer date")]), NOW)
    assert (p.created_state, p.created_at, p.state) == (
        State.APPLIED,
        day(10),
        State.OFFER_RECEIVED,
    )
    assert p.steps == [Step(State.OFFER_RECEIVED, day(10), "")]
    assert p.reports == ["Applied on 2026-02-10 (inferred: Offer date skips it)"]


def test_a_date_after_a_final_state_is_reported_not_moved() -> None:
    p = plan(
        row([("offer_at", day(10), "Offer date"), ("rejected_at", day(1), "Rejected on")]), NOW
    )
    assert [s.state for s in p.steps] == [State.REJECTED]
    assert p.state == State.REJECTED
    # reports come in the order they are found: the dates' first, then the creation's
    assert p.reports == [
        "Offer date 2026-02-10 (Offer received) cannot follow Rejected: the date is kept on "
        "the records, not as a move",
        "Applied on 2026-02-01 (inferred: Rejected on skips it)",
    ]


def test_a_status_further_along_is_dated_by_last_updated() -> None:
    base = [("applied_on", day(1), "Applied")]
    p = plan(row(base, State.PHONE_INTERVIEW, "Interviewing", updated_at=day(5)), NOW)
    assert (p.created_state, p.created_at) == (State.APPLIED, day(1))
    assert p.steps == [
        Step(State.PHONE_INTERVIEW, day(5), "(status 'Interviewing', dated by last updated)")
    ]
    assert p.reports == [
        "Phone interview on 2026-02-05 (status 'Interviewing', dated by last updated)"
    ]
    # last updated exactly at the last date still counts; before it, the latest date is used
    same = plan(row(base, State.PHONE_INTERVIEW, "Interviewing", updated_at=day(1)), NOW)
    assert same.steps[-1].why == "(status 'Interviewing', dated by last updated)"
    early = plan(row(base, State.PHONE_INTERVIEW, "Interviewing", updated_at=day(1, 1)), NOW)
    assert early.steps[-1] == Step(
        State.PHONE_INTERVIEW, day(1), "(status 'Interviewing', dated by the row's latest date)"
    )
    # a "last updated" in the future is not used either
    future = plan(
        row(base, State.PHONE_INTERVIEW, "Interviewing", updated_at=NOW + timedelta(1)), NOW
    )
    assert future.steps[-1].at == day(1)
    # exactly now is fine
    at_now = plan(row(base, State.PHONE_INTERVIEW, "Interviewing", updated_at=NOW), NOW)
    assert at_now.steps[-1].at == NOW


def test_a_status_with_no_dates_is_dated_by_the_import() -> None:
    p = plan(row([], State.SCREENING, "HR screen"), NOW)
    # Saved → Applied → Screening, both at the import time
    assert (p.created_state, p.created_at) == (State.APPLIED, NOW)
    assert p.steps == [Step(State.SCREENING, NOW, "(status 'HR screen', dated by import)")]
    assert p.reports == [
        "Applied on 2026-03-02 (inferred on the way to Screening)",
        "Screening on 2026-03-02 (status 'HR screen', dated by import)",
    ]


def test_a_status_that_cannot_follow_the_dates_is_kept_at_the_dates() -> None:
    p = plan(row([("rejected_at", day(3), "Rejected")], State.OFFER_RECEIVED, "Offer"), NOW)
    assert p.state == State.REJECTED
    assert p.reports == [
        "status 'Offer' (Offer received) cannot follow Rejected from the dates: kept Rejected",
        "Applied on 2026-02-03 (inferred: Rejected skips it)",
    ]


def test_moves_are_never_in_the_future_and_ties_follow_the_pipeline() -> None:
    later = NOW + timedelta(days=5)
    p = plan(
        row(
            [
                ("interview_at", day(4), "Interview"),
                ("screening_at", day(4), "Screening"),
                ("applied_on", later, "Applied"),
            ]
        ),
        NOW,
    )
    # applied is clamped to now, after the two stages of 4 February: Applied is inferred
    # before Screening, and the dated Applied cannot follow Phone interview
    assert [(s.state, s.at) for s in p.steps] == [
        (State.SCREENING, day(4)),
        (State.PHONE_INTERVIEW, day(4)),
    ]
    assert p.created_state == State.APPLIED and p.created_at == day(4)
    assert p.reports == [
        "Applied 2026-03-02 (Applied) cannot follow Phone interview: the date is kept on "
        "the records, not as a move",
        "Applied on 2026-02-04 (inferred: Screening skips it)",
    ]


def test_creation_time_starts_the_log_only_when_it_is_earlier() -> None:
    stages = [("applied_on", day(10), "Applied")]
    earlier = plan(row(stages, created_at=day(3)), NOW)
    assert (earlier.created_state, earlier.created_at) == (State.SAVED, day(3))
    assert earlier.steps == [Step(State.APPLIED, day(10), "")]
    same = plan(row(stages, created_at=day(10)), NOW)
    assert (same.created_state, same.created_at, same.steps) == (State.APPLIED, day(10), [])
    # nothing dated at all: Saved at the import time
    empty = plan(row([]), NOW)
    assert (empty.created_state, empty.created_at, empty.steps) == (State.SAVED, NOW, [])
    # a creation time in the future is clamped to now
    future = plan(row([], created_at=NOW + timedelta(days=1)), NOW)
    assert future.created_at == NOW


def test_build_writes_the_log_and_the_report() -> None:
    r = row(
        [("applied_on", day(1), "Applied"), ("interview_at", day(9, 3), "Interview")],
        State.PHONE_INTERVIEW,
        "Interviewing",
        created_at=day(1, 1),
        kept=[("Rating", "5")],
        applied_on=date(2026, 2, 1),
    )
    built, report = build(r, "tracker.csv", NOW)
    kinds = [(e["kind"], e["from_state"], e["to_state"], e["at"]) for e in built.events]
    # created Saved on 1 Jan with the kept-fields note; Applied on 1 Feb; the interview of
    # 9 March is in the future, so its move is dated now (never in the future) and the
    # interview record, scheduled, is added now too.
    assert kinds == [
        ("created", None, "SAVED", day(1, 1)),
        ("note", None, None, day(1, 1)),
        ("state", "SAVED", "APPLIED", day(1)),
        ("state", "APPLIED", "PHONE_INTERVIEW", NOW),
        ("interview_added", None, None, NOW),
    ]
    assert built.events[0]["note"] == "Imported from tracker.csv, line 7"
    assert built.events[0]["changes"]["applied_on"] == {"old": None, "new": None}
    assert built.events[2]["changes"] == {"applied_on": {"old": None, "new": "2026-02-01"}}
    assert built.events[1]["note"] == kept_note("tracker.csv", 7, [("Rating", "5")])
    assert kept_note("f.csv", 3, [("A", "1"), ("B", "2")]) == (
        "Imported fields (f.csv, line 3):\nA: 1\nB: 2"
    )
    assert all(e["actor"] == "import" for e in built.events)
    (interview,) = built.children["interview"]
    assert interview["outcome"] == "scheduled" and interview["ref"] == 1
    assert built.columns["state"] == "PHONE_INTERVIEW"
    assert built.columns["created_at"] == day(1, 1)
    assert built.columns["state_changed_at"] == NOW == built.columns["updated_at"]
    assert built.columns["dedupe_key"] == "k"
    assert report == []  # every move is dated by the row itself
    assert interview["starts_at"] == day(9, 3)


# --- issue 23: the cases the mutation run found untested ---------------------------------


def test_a_ghosted_date_alone_infers_applied() -> None:
    # Saved → Ghosted is not a move; Saved → Applied → Ghosted is (docs: "once applied it
    # may end as ... GHOSTED"). Withdrawn, reachable from Saved, is seen before Ghosted on
    # the way, so the search must step over it, not stop at it.
    p = plan(row([("ghosted_at", day(5), "Ghosted on")]), NOW)
    assert (p.created_state, p.created_at, p.state) == (State.APPLIED, day(5), State.GHOSTED)
    assert p.steps == [Step(State.GHOSTED, day(5), "")]
    assert p.reports == ["Applied on 2026-02-05 (inferred: Ghosted on skips it)"]


def test_a_date_that_cannot_fit_does_not_stop_the_later_dates() -> None:
    # Applied on 5 Feb cannot follow Screening on 4 Feb (nothing leads back to Applied);
    # the offer of 9 Feb still follows Screening.
    p = plan(
        row(
            [
                ("screening_at", day(4), "Screening"),
                ("applied_on", day(5), "Applied"),
                ("offer_at", day(9), "Offer"),
            ]
        ),
        NOW,
    )
    assert (p.created_state, p.created_at, p.state) == (
        State.APPLIED,
        day(4),
        State.OFFER_RECEIVED,
    )
    assert p.steps == [
        Step(State.SCREENING, day(4), ""),
        Step(State.OFFER_RECEIVED, day(9), ""),
    ]
    assert p.reports == [
        "Applied 2026-02-05 (Applied) cannot follow Screening: the date is kept on the "
        "records, not as a move",
        "Applied on 2026-02-04 (inferred: Screening skips it)",
    ]


def test_the_same_stage_twice_is_one_move_and_the_later_dates_still_count() -> None:
    # Two dates read as the same stage (a first and a second interview): one move, at the
    # first; the offer after them is still a move.
    p = plan(
        row(
            [
                ("interview_at", day(3), "First interview"),
                ("interview_at", day(6), "Second interview"),
                ("offer_at", day(9), "Offer"),
            ]
        ),
        NOW,
    )
    assert p.steps == [
        Step(State.PHONE_INTERVIEW, day(3), ""),
        Step(State.OFFER_RECEIVED, day(9), ""),
    ]
    assert p.state == State.OFFER_RECEIVED
    assert p.reports == ["Applied on 2026-02-03 (inferred: First interview skips it)"]


def test_an_applied_status_without_dates_is_created_applied_at_the_import() -> None:
    # The only move is the status's own: it becomes the creation, and the report says why.
    p = plan(row([], State.APPLIED, "Submitted"), NOW)
    assert (p.created_state, p.created_at, p.steps, p.state) == (
        State.APPLIED,
        NOW,
        [],
        State.APPLIED,
    )
    assert p.reports == ["Applied on 2026-03-02 (status 'Submitted', dated by import)"]


def test_a_first_move_that_is_not_applied_starts_saved_at_its_date() -> None:
    # Withdrawn straight from Saved is a move: the log starts Saved at that date (not at the
    # import), with no creation time or with one that is not earlier.
    for created in (None, day(5)):
        p = plan(row([("withdrawn_at", day(5), "Withdrawn")], created_at=created), NOW)
        assert (p.created_state, p.created_at, p.state) == (
            State.SAVED,
            day(5),
            State.WITHDRAWN,
        )
        assert p.steps == [Step(State.WITHDRAWN, day(5), "")]
        assert p.reports == []


def test_sentence_drops_only_the_parentheses() -> None:
    # docs: each inferred or re-dated move "carries the reason as its note".
    assert _sentence("(status 'Offer', dated by last updated)") == (
        "Status 'Offer', dated by last updated"
    )
    assert _sentence("(inferred: Offer date skips it)") == "Inferred: Offer date skips it"
    assert _sentence("") == ""
    # what is inside the parentheses stays, letters at its ends included
    assert _sentence("(XING date skips it)") == "XING date skips it"
    assert _sentence("(skipped by XX)") == "Skipped by XX"


def _contact_event(at: datetime, ref: int, name: str, email: str) -> dict[str, object]:
    return {
        "kind": "contact_added",
        "from_state": None,
        "to_state": None,
        "changes": {
            "name": {"old": None, "new": name},
            "role": {"old": None, "new": ""},
            "email": {"old": None, "new": email},
            "phone": {"old": None, "new": ""},
            "notes": {"old": None, "new": ""},
        },
        "note": "",
        "subject_type": "contact",
        "subject_ref": ref,
        "at": at,
        "actor": "import",
    }


def test_build_adds_contacts_documents_and_interviews_with_their_events() -> None:
    r = row(
        [("applied_on", day(1), "Applied"), ("interview_at", day(10), "Interview")],
        applied_on=date(2026, 2, 1),
        contact=ContactInput(name="Ana Ruiz", email="ana@acme.example"),
        documents=[
            DocumentInput(kind="resume", path="cv.pdf"),
            DocumentInput(kind="cover_letter", path="letter.pdf", version="v2"),
        ],
    )
    built, report = build(r, "tracker.csv", NOW)
    # created Applied on 1 Feb (the first stage); contact and documents join at creation;
    # Phone interview on 10 Feb with its interview record (completed: before now).
    assert [(e["kind"], e["at"]) for e in built.events] == [
        ("created", day(1)),
        ("contact_added", day(1)),
        ("document_added", day(1)),
        ("document_added", day(1)),
        ("state", day(10)),
        ("interview_added", day(10)),
    ]
    assert report == []
    assert built.events[0]["to_state"] == "APPLIED"
    assert built.events[0]["subject_type"] == "" and built.events[0]["subject_ref"] is None
    assert built.children["contact"] == [
        {
            "name": "Ana Ruiz",
            "role": "",
            "email": "ana@acme.example",
            "phone": "",
            "notes": "",
            "ref": 1,
            "created_at": day(1),
            "updated_at": day(1),
        }
    ]
    assert built.events[1] == _contact_event(day(1), 1, "Ana Ruiz", "ana@acme.example")
    # documents carry when they were added, nothing else
    assert built.children["document"] == [
        {"kind": "resume", "path": "cv.pdf", "version": "", "ref": 1, "added_at": day(1)},
        {
            "kind": "cover_letter",
            "path": "letter.pdf",
            "version": "v2",
            "ref": 2,
            "added_at": day(1),
        },
    ]
    assert built.events[3] == {
        "kind": "document_added",
        "from_state": None,
        "to_state": None,
        "changes": {
            "kind": {"old": None, "new": "cover_letter"},
            "path": {"old": None, "new": "letter.pdf"},
            "version": {"old": None, "new": "v2"},
        },
        "note": "",
        "subject_type": "document",
        "subject_ref": 2,
        "at": day(1),
        "actor": "import",
    }
    # a move dated by the row itself: no note, no changes (created Applied: the applied
    # date is in the creation already)
    assert built.events[4] == {
        "kind": "state",
        "from_state": "APPLIED",
        "to_state": "PHONE_INTERVIEW",
        "changes": {},
        "note": "",
        "subject_type": "",
        "subject_ref": None,
        "at": day(10),
        "actor": "import",
    }
    assert built.events[0]["changes"]["applied_on"] == {"old": None, "new": "2026-02-01"}
    (interview,) = built.children["interview"]
    assert "added_at" not in interview
    assert {
        k: interview[k]
        for k in ("title", "starts_at", "outcome", "ref", "created_at", "updated_at")
    } == {
        "title": "Imported interview",
        "starts_at": day(10),
        "outcome": "completed",
        "ref": 1,
        "created_at": day(10),
        "updated_at": day(10),
    }
    added = built.events[5]
    assert (added["note"], added["subject_type"], added["subject_ref"], added["actor"]) == (
        "",
        "interview",
        1,
        "import",
    )
    assert added["changes"]["title"] == {"old": None, "new": "Imported interview"}
    assert added["changes"]["starts_at"] == {"old": None, "new": "2026-02-10T12:00:00+00:00"}
    assert added["changes"]["outcome"] == {"old": None, "new": "completed"}
    assert built.columns["updated_at"] == day(10) == built.columns["state_changed_at"]


def test_an_interview_is_scheduled_only_when_after_now() -> None:
    # exactly now: it has happened (completed); a minute later: scheduled
    for when, outcome in ((NOW, "completed"), (NOW + timedelta(minutes=1), "scheduled")):
        built, _ = build(row([("interview_at", when, "Interview")]), "t.csv", NOW)
        (interview,) = built.children["interview"]
        assert (interview["outcome"], interview["starts_at"]) == (outcome, when)
        # the record is added at the interview, never later than now
        assert interview["created_at"] == NOW == interview["updated_at"]


def test_an_inferred_applied_move_carries_no_applied_date() -> None:
    # docs: "an offer without an applied date gets an Applied move at the offer's date,
    # with no invented applied date"
    r = row([("offer_at", day(10), "Offer")], created_at=day(1, 1))
    built, report = build(r, "t.csv", NOW)
    assert [(e["kind"], e["from_state"], e["to_state"], e["at"]) for e in built.events] == [
        ("created", None, "SAVED", day(1, 1)),
        ("state", "SAVED", "APPLIED", day(10)),
        ("state", "APPLIED", "OFFER_RECEIVED", day(10)),
        ("offer_added", None, None, day(10)),
    ]
    assert built.events[0]["changes"]["applied_on"] == {"old": None, "new": None}
    assert built.events[1]["changes"] == {}
    assert built.events[1]["note"] == "Inferred: Offer skips it"
    assert built.events[2]["changes"] == {} and built.events[2]["note"] == ""
    assert report == ["line 7: Applied on 2026-02-10 (inferred: Offer skips it)"]
    (offer,) = built.children["offer"]
    assert (offer["received_on"], offer["status"], offer["ref"]) == (
        date(2026, 2, 10),
        "pending",
        1,
    )
    assert offer["created_at"] == day(10) == offer["updated_at"]
    assert built.events[3]["subject_ref"] == 1 and built.events[3]["subject_type"] == "offer"


def test_an_applied_date_that_cannot_be_a_move_stays_on_the_creation() -> None:
    # Screening on 4 Feb, applied on 5 Feb, created 1 Jan: Applied is inferred on 4 Feb (no
    # date of its own), the real applied date cannot follow Screening, so the applied date
    # is recorded where the application is created, not dropped.
    r = row(
        [("screening_at", day(4), "Screening"), ("applied_on", day(5), "Applied")],
        created_at=day(1, 1),
        applied_on=date(2026, 2, 5),
    )
    built, report = build(r, "t.csv", NOW)
    assert [(e["kind"], e["to_state"], e["at"]) for e in built.events] == [
        ("created", "SAVED", day(1, 1)),
        ("state", "APPLIED", day(4)),
        ("state", "SCREENING", day(4)),
    ]
    assert built.events[0]["changes"]["applied_on"] == {"old": None, "new": "2026-02-05"}
    assert built.events[1]["changes"] == {} == built.events[2]["changes"]
    assert built.columns["applied_on"] == date(2026, 2, 5)
    assert report == [
        "line 7: Applied 2026-02-05 (Applied) cannot follow Screening: the date is kept on "
        "the records, not as a move",
        "line 7: Applied on 2026-02-04 (inferred: Screening skips it)",
    ]


def test_updated_at_is_the_later_of_last_updated_and_the_last_event() -> None:
    stages = [("applied_on", day(1), "Applied")]
    later, _ = build(row(stages, State.APPLIED, "Applied", updated_at=day(20)), "t.csv", NOW)
    assert later.columns["updated_at"] == day(20)
    assert later.columns["state_changed_at"] == day(1)  # created Applied: no move after it
    earlier, _ = build(row(stages, State.APPLIED, "Applied", updated_at=day(1, 1)), "t.csv", NOW)
    assert earlier.columns["updated_at"] == day(1)
    none, _ = build(row(stages, State.APPLIED, "Applied"), "t.csv", NOW)
    assert none.columns["updated_at"] == day(1)


def test_a_contact_is_named_by_name_else_email_else_phone() -> None:
    blank = {"name": "", "email": "", "phone": "", "role": ""}
    assert check_contact(blank) is None
    full = {"name": "Ana Ruiz", "email": "ana@acme.example", "phone": "+44 20 7946 0000"}
    assert check_contact({**blank, **full}) == ContactInput(**full)
    no_name = {**blank, "email": "ana@acme.example", "phone": "+44 20 7946 0000"}
    assert check_contact(no_name) == ContactInput(
        name="ana@acme.example", email="ana@acme.example", phone="+44 20 7946 0000"
    )
    phone_only = {**blank, "phone": "+44 20 7946 0000", "role": "Recruiter"}
    assert check_contact(phone_only) == ContactInput(
        name="+44 20 7946 0000", phone="+44 20 7946 0000", role="Recruiter"
    )
    # a role alone names nobody: the contact is refused (the row reports it), not invented
    with pytest.raises(ValidationError, match="name"):
        check_contact({**blank, "role": "Recruiter"})
