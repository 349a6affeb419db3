"""ApplicationService: duplicates, edits with old/new events, moves with side effects, revert,
child records on the timeline, delete, listing, domain events after commit."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.pipeline import history
from careerdesk.core.pipeline.events import (
    ApplicationChanged,
    ApplicationStateChanged,
    ApplicationUpdated,
    InterviewChanged,
    OfferChanged,
)
from careerdesk.core.pipeline.models import ApplicationFilter
from careerdesk.core.pipeline.queries import next_action
from careerdesk.core.pipeline.service import ApplicationService, DuplicateApplicationError
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.tables.pipeline import ApplicationEvent, Interview

from .conftest import START


def test_create_normalises_and_logs_every_initial_field(svc: ApplicationService, pid: int) -> None:
    app = svc.create(
        pid,
        {
            "company": "  Société Générale ",
            "title": "Data Analyst",
            "currency": "eur",
            "tags": "python; SQL, python",
            "posting_url": "www.example.com/jobs/1",
            "remote": "Hybrid",
        },
    )
    assert app.company == "Société Générale"
    assert (app.currency, app.tags, app.remote) == ("EUR", ["python", "SQL"], "hybrid")
    assert app.posting_url == "https://www.example.com/jobs/1"
    assert app.state == State.SAVED and app.created_at == START
    [created] = app.events
    assert created.kind == "created" and created.to_state == State.SAVED
    assert created.changes["company"] == {"old": None, "new": "Société Générale"}


def test_invalid_input_is_refused_with_every_problem(svc: ApplicationService, pid: int) -> None:
    with pytest.raises(ValidationError) as info:
        svc.create(pid, {"company": "", "title": "X", "salary_min": 90, "salary_max": 10})
    assert "company" in str(info.value)
    with pytest.raises(ValidationError, match="minimum salary"):
        svc.create(pid, {"company": "A", "title": "X", "salary_min": 90, "salary_max": 10})
    with pytest.raises(NotFoundError):
        svc.create(pid + 99, {"company": "A", "title": "B"})
    assert svc.list(pid) == []


def test_duplicate_warning_says_when_and_can_be_overridden(
    svc: ApplicationService, pid: int, clock
) -> None:  # type: ignore[no-untyped-def]
    first = svc.create(pid, {"company": "Google LLC", "title": "Sr. Data Analyst"})
    svc.move(first.id, State.APPLIED)
    clock.advance(days=3)
    with pytest.raises(DuplicateApplicationError) as info:
        svc.create(pid, {"company": "google", "title": "Senior data analyst"})
    [match] = info.value.matches
    assert match.id == first.id
    assert "already applied on 2 Mar 2026" in match.describe()
    assert "already applied on 2 Mar 2026" in str(info.value)
    second = svc.create(
        pid, {"company": "google", "title": "Senior data analyst"}, allow_duplicate=True
    )
    assert second.id != first.id
    assert len(svc.find_duplicates(pid, "Google", "Sr Data Analyst")) == 2


def test_duplicates_are_per_profile(app, svc: ApplicationService, pid: int) -> None:  # type: ignore[no-untyped-def]
    other = app.profiles.create("Bo").id
    svc.create(pid, {"company": "Acme", "title": "Dev"})
    svc.create(other, {"company": "Acme", "title": "Dev"})  # no warning
    assert [r.company for r in svc.list(other)] == ["Acme"]


def test_update_logs_old_and_new_and_ignores_no_ops(svc: ApplicationService, pid: int) -> None:
    app = svc.create(pid, {"company": "Acme", "title": "Dev", "salary_max": 80000})
    svc.update(app.id, {"salary_max": 80000})
    assert len(svc.events(app.id)) == 1
    updated = svc.update(
        app.id, {"salary_max": 95000, "deadline": date(2026, 3, 20), "title": "Developer"}
    )
    last = updated.events[-1]
    assert last.kind == "updated"
    assert last.changes == {
        "title": {"old": "Dev", "new": "Developer"},
        "salary_max": {"old": 80000, "new": 95000},
        "deadline": {"old": None, "new": "2026-03-20"},
    }
    assert "Maximum salary: 80000 → 95000" in history.describe(last)
    with pytest.raises(ValidationError, match="Unknown field"):
        svc.update(app.id, {"state": "APPLIED"})
    assert svc.find_duplicates(pid, "Acme", "developer")[0].id == app.id


def test_move_to_applied_sets_the_date_and_revert_undoes_it(
    svc: ApplicationService, pid: int, clock
) -> None:  # type: ignore[no-untyped-def]
    app = svc.create(pid, {"company": "Acme", "title": "Dev"})
    clock.advance(days=1)
    moved = svc.move(app.id, "applied", note="via referral")
    assert moved.applied_on == date(2026, 3, 3)
    assert moved.state_changed_at == clock.now()
    assert moved.can_revert
    reverted = svc.revert_state(app.id)
    assert reverted.state == State.SAVED and reverted.applied_on is None
    assert not reverted.can_revert
    with pytest.raises(ValidationError, match="no move to undo"):
        svc.revert_state(app.id)
    kinds = [e.kind for e in svc.events(app.id)]
    assert kinds == ["created", "state", "state_reverted"]


def test_revert_corrects_a_final_state(svc: ApplicationService, pid: int) -> None:
    app = svc.create(pid, {"company": "Acme", "title": "Dev", "state": State.APPLIED})
    svc.move(app.id, State.REJECTED)
    assert svc.get(app.id).allowed_moves == []
    assert svc.revert_state(app.id).state == State.APPLIED


def test_child_records_appear_on_the_timeline(svc: ApplicationService, pid: int, clock) -> None:  # type: ignore[no-untyped-def]
    app = svc.create(pid, {"company": "Acme", "title": "Dev", "state": State.APPLIED})
    start = clock.now() + timedelta(days=2)
    interview = svc.add_interview(
        app.id,
        {
            "kind": "video",
            "starts_at": start,
            "interviewers": "Ana Pérez; Li Wei",
            "practice_id": 7,
        },
    )
    assert interview.interviewers == ["Ana Pérez", "Li Wei"] and interview.practice_id == 7
    svc.update_interview(interview.id, {"outcome": "passed"})
    offer = svc.add_offer(app.id, {"base": 70000, "currency": "gbp", "deadline": date(2026, 3, 9)})
    r1 = svc.add_round(offer.id, {"requested_base": 78000, "response_base": 74000})
    r2 = svc.add_round(offer.id, {"requested_base": 76000})
    contact = svc.add_contact(
        app.id, {"name": "Jo Smith", "role": "Recruiter", "email": "jo@acme.io"}
    )
    doc = svc.add_document(app.id, {"kind": "resume", "path": "/cv/v3.pdf", "version": "v3"})
    note = svc.add_note(app.id, "Recruiter said two more rounds")
    detail = svc.get(app.id)
    assert (r1.number, r2.number) == (1, 2)
    assert [r.number for r in detail.offers[0].rounds] == [1, 2]
    assert detail.offers[0].currency == "GBP"
    assert [c.name for c in detail.contacts] == ["Jo Smith"]
    assert detail.documents[0].version == "v3"
    kinds = [e.kind for e in detail.events]
    assert kinds == [
        "created",
        "interview_added",
        "interview_updated",
        "offer_added",
        "round_added",
        "round_added",
        "contact_added",
        "document_added",
        "note",
    ]
    assert detail.events[2].changes == {"outcome": {"old": "scheduled", "new": "passed"}}
    assert detail.events[1].subject_type == "interview"
    assert detail.events[1].subject_id == interview.id
    svc.remove_note(note.id)
    svc.remove_contact(contact.id)
    svc.remove_document(doc.id)
    svc.remove_interview(interview.id)
    detail = svc.get(app.id)
    assert detail.contacts == [] and detail.documents == [] and detail.interviews == []
    shown = [e.kind for e in history.visible_timeline(detail.events)]
    assert "note" not in shown and "note_removed" not in shown
    removed = next(e for e in detail.events if e.kind == "interview_removed")
    assert removed.changes["kind"] == {"old": "video", "new": None}
    with pytest.raises(ValidationError):
        svc.add_contact(app.id, {"name": "X", "email": "not an email"})
    with pytest.raises(ValidationError):
        svc.add_note(app.id, "   ")
    with pytest.raises(ValidationError):
        svc.add_interview(app.id, {"starts_at": datetime(2026, 3, 4, 10, 0)})  # naive


def test_next_action_and_upcoming_interviews(svc: ApplicationService, pid: int, clock) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, {"company": "A", "title": "X", "deadline": date(2026, 3, 20)})
    b = svc.create(pid, {"company": "B", "title": "X", "state": State.SCREENING})
    svc.move(b.id, State.PHONE_INTERVIEW)
    svc.add_interview(b.id, {"kind": "phone", "starts_at": clock.now() + timedelta(days=1)})
    rows = {r.id: r for r in svc.list(pid)}
    assert rows[a.id].next_action == "Apply by 20 Mar 2026"
    assert rows[b.id].next_action == "Interview tomorrow"
    assert rows[b.id].next_interview_at == clock.now() + timedelta(days=1)
    assert [i.application_id for i in svc.upcoming_interviews(pid)] == [b.id]


def test_next_action_rules() -> None:
    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert next_action(State.APPLIED, now=now, applied_on=date(2026, 2, 20)).startswith("Follow up")
    assert next_action(State.APPLIED, now=now, applied_on=date(2026, 2, 28)) == "Wait for a reply"
    assert next_action(State.SAVED, now=now, deadline=date(2026, 3, 1)) == "Deadline passed"
    offer = next_action(State.OFFER_RECEIVED, now=now, offer_deadline=date(2026, 3, 4))
    assert offer == "Reply to offer within 2 days"
    assert next_action(State.SAVED, now=now, deadline=date(2026, 3, 3)) == "Apply by tomorrow"
    assert next_action(State.NEGOTIATING, now=now) == "Negotiate"
    assert next_action(State.SCREENING, now=now, next_interview_at=now) == "Interview today"
    assert next_action(State.REJECTED, now=now) == ""


def test_delete_removes_history_and_children(app, svc: ApplicationService, pid: int, clock) -> None:  # type: ignore[no-untyped-def]
    x = svc.create(pid, {"company": "A", "title": "X", "state": State.APPLIED})
    svc.add_interview(x.id, {"starts_at": clock.now()})
    svc.delete(x.id)
    with pytest.raises(NotFoundError):
        svc.get(x.id)
    with app.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ApplicationEvent)) == 0
        assert s.scalar(select(func.count()).select_from(Interview)) == 0


def test_list_filters(svc: ApplicationService, pid: int) -> None:
    svc.create(pid, {"company": "Acme", "title": "Data Analyst", "source": "LinkedIn"})
    svc.create(
        pid, {"company": "Globex", "title": "Engineer", "state": State.REJECTED, "remote": "yes"}
    )
    assert [r.company for r in svc.list(pid, ApplicationFilter(text="data acme"))] == ["Acme"]
    assert [r.company for r in svc.list(pid, ApplicationFilter(active_only=True))] == ["Acme"]
    assert [r.company for r in svc.list(pid, ApplicationFilter(remote="yes"))] == ["Globex"]
    assert [r.company for r in svc.list(pid, ApplicationFilter(source="linkedin"))] == ["Acme"]
    assert svc.counts(pid)[State.REJECTED] == 1


def test_domain_events_are_published_after_commit(
    app, svc: ApplicationService, pid: int, clock
) -> None:  # type: ignore[no-untyped-def]
    seen: list[ApplicationChanged] = []
    committed: list[bool] = []

    def on_event(event: ApplicationChanged) -> None:
        seen.append(event)
        # The change is visible to a fresh read when the event arrives.
        committed.append(
            bool(svc.events(event.application_id)) if event.change != "deleted" else True
        )

    app.bus.subscribe(ApplicationChanged, on_event)
    a = svc.create(pid, {"company": "A", "title": "X"})
    svc.update(a.id, {"location": "Leeds"})
    svc.move(a.id, State.APPLIED)
    i = svc.add_interview(a.id, {"starts_at": clock.now()})
    o = svc.add_offer(a.id, {"base": 1})
    svc.delete(a.id)
    assert [type(e) for e in seen] == [
        ApplicationChanged,
        ApplicationUpdated,
        ApplicationStateChanged,
        InterviewChanged,
        OfferChanged,
        ApplicationChanged,
    ]
    assert [e.change for e in seen] == [
        "created",
        "updated",
        "state",
        "interview",
        "offer",
        "deleted",
    ]
    assert seen[1].fields == ("location",)
    assert (seen[2].from_state, seen[2].to_state) == ("SAVED", "APPLIED")
    assert seen[3].interview_id == i.id and seen[4].offer_id == o.id
    assert all(committed)
