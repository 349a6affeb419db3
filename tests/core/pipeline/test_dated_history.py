"""dated_history.plan and build on their own (no database): the dated log an imported row
becomes, worked out by hand from docs/pipeline.md ("History, not a snapshot") and the
transition table written out in docs/pipeline.md ("States")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from careerdesk.core.pipeline.io.dated_history import ImportRow, Step, build, kept_note, plan
from careerdesk.core.pipeline.models import ApplicationInput, check
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
