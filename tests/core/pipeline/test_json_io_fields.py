"""json_io field by field: a hand-written export imported into an empty profile lands in
every column of every table, links its events to the new rows, and exports back in id order
(issue 23: the mutation run of json_io uses this file).

The document below is written out by hand; the expectations are the rules of json_io's
docstring and docs/pipeline.md ("What a JSON file may hold"): children get refs 1, 2, … per
application in id order, rounds are numbered across an application's offers in number order,
removed records are negative "ghost" refs, a note removal points at a position in the log.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from careerdesk.core.pipeline.io import json_io
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State
from careerdesk.core.storage.tables.pipeline import (
    Application,
    ApplicationEvent,
    Contact,
    Document,
    Interview,
    NegotiationRound,
    Offer,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _t(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def _s(month: int, day: int, hour: int = 9) -> str:
    return _t(month, day, hour).isoformat()


def _ev(kind: str, at: str, **extra: Any) -> dict[str, Any]:
    """One event with every key an export writes (the defaults of an export)."""
    return {
        "kind": kind,
        "from_state": None,
        "to_state": None,
        "changes": {},
        "note": "",
        "subject_type": "",
        "subject_ref": None,
        "at": at,
        "actor": "user",
        **extra,
    }


def _created(fields: dict[str, Any], at: str, to_state: str = "SAVED") -> dict[str, Any]:
    changes = {k: {"old": None, "new": v} for k, v in fields.items()}
    return _ev("created", at, to_state=to_state, changes=changes)


ACME_FIELDS: dict[str, Any] = {
    "company": "Acme",
    "title": "Analyst",
    "location": "Oslo",
    "remote": "hybrid",
    "posting_url": "https://acme.example/j/1",
    "source": "referral",
    "salary_min": 50_000,
    "salary_max": 60_000,
    "currency": "EUR",
    "description": "Numbers all day",
    "deadline": "2026-03-01",
    "priority": 3,
    "tags": ["data", "nordic"],
    "notes": "ask about travel",
    "applied_on": "2026-01-11",
}


def _beta_fields(company: str = "Beta") -> dict[str, Any]:
    return {
        "company": company,
        "title": "Engineer",
        "location": "",
        "remote": "",
        "posting_url": "",
        "source": "",
        "salary_min": None,
        "salary_max": None,
        "currency": "",
        "description": "",
        "deadline": None,
        "priority": 2,
        "tags": [],
        "notes": "",
        "applied_on": None,
    }


def _acme() -> dict[str, Any]:
    """Every child type twice with different values in every column; the interviews start,
    and the events happen, out of their id order (see test_export_order_*)."""
    return {
        "state": "APPLIED",
        "created_at": _s(1, 10),
        # Later than Beta's: an export by last change would put Acme second.
        "updated_at": _s(2, 28),
        "state_changed_at": _s(1, 11),
        "dedupe_key": "acme-analyst",
        "fields": ACME_FIELDS,
        "interviews": [
            {
                "ref": 1,
                "kind": "phone",
                "title": "Screen",
                "starts_at": _s(2, 5, 10),
                "duration_min": 30,
                "interviewers": ["Kim"],
                "location": "Call",
                "link": "https://meet.example/1",
                "outcome": "completed",
                "notes": "went well",
                "practice_id": 7,
                "communication": 70,
                "technical": 60,
                "problem_solving": 50,
                "code_quality": 40,
                "focus_skill_id": "python",
                "created_at": _s(1, 12),
                "updated_at": _s(2, 6),
            },
            {
                "ref": 2,
                "kind": "panel",
                "title": "Panel",
                "starts_at": _s(2, 1, 14),  # before the first interview
                "duration_min": 90,
                "interviewers": ["Lee", "Max"],
                "location": "HQ",
                "link": "",
                "outcome": "scheduled",
                "notes": "",
                "practice_id": None,
                "communication": None,
                "technical": None,
                "problem_solving": None,
                "code_quality": None,
                "focus_skill_id": None,
                "created_at": _s(1, 13),
                "updated_at": _s(1, 14),
            },
        ],
        "offers": [
            {
                "ref": 1,
                "base": 80_000,
                "bonus": 5_000,
                "equity": "0.1%",
                "currency": "EUR",
                "deadline": "2026-03-10",
                "received_on": "2026-02-20",
                "status": "negotiating",
                "notes": "first offer",
                "created_at": _s(2, 20),
                "updated_at": _s(2, 26),
                # Listed (so inserted) out of number order.
                "rounds": [
                    {
                        "ref": 1,
                        "requested_base": 90_000,
                        "requested_bonus": 6_000,
                        "requested_equity": "0.2%",
                        "response_base": 85_000,
                        "response_bonus": 5_500,
                        "response_equity": "0.15%",
                        "note": "second call",
                        "at": _s(2, 25),
                        "number": 2,
                    },
                    {
                        "ref": 2,
                        "requested_base": 88_000,
                        "requested_bonus": None,
                        "requested_equity": "",
                        "response_base": None,
                        "response_bonus": None,
                        "response_equity": "",
                        "note": "first call",
                        "at": _s(2, 22),
                        "number": 1,
                    },
                ],
            },
            {
                "ref": 2,
                "base": 70_000,
                "bonus": None,
                "equity": "",
                "currency": "USD",
                "deadline": None,
                "received_on": None,
                "status": "pending",
                "notes": "",
                "created_at": _s(2, 21),
                "updated_at": _s(2, 21),
                "rounds": [],  # an offer without rounds
            },
        ],
        "contacts": [
            {
                "ref": 1,
                "name": "Ola",
                "role": "Recruiter",
                "email": "ola@acme.example",
                "phone": "+47 1",
                "notes": "friendly",
                "created_at": _s(1, 15),
                "updated_at": _s(1, 16),
            },
            {
                "ref": 2,
                "name": "Per",
                "role": "Manager",
                "email": "",
                "phone": "+47 2",
                "notes": "",
                "created_at": _s(1, 17),
                "updated_at": _s(1, 17),
            },
        ],
        "documents": [
            {
                "ref": 1,
                "kind": "resume",
                "path": "/docs/cv.pdf",
                "version": "v3",
                "added_at": _s(1, 9),
            },
            {
                "ref": 2,
                "kind": "cover_letter",
                "path": "https://x.example/cl",
                "version": "",
                "added_at": _s(1, 18),
            },
        ],
        "events": [
            _created(ACME_FIELDS, _s(1, 10), to_state="SAVED"),  # 1
            _ev("state", _s(1, 11), from_state="SAVED", to_state="APPLIED", note="online"),  # 2
            _ev(  # 3
                "interview_added",
                _s(1, 12),
                subject_type="interview",
                subject_ref=1,
                changes={"kind": {"old": None, "new": "phone"}},
            ),
            # 4: written before event 3's time (a clock set back): the log keeps its order.
            _ev("interview_added", _s(1, 8), subject_type="interview", subject_ref=2),
            _ev("note", _s(1, 14), note="remember the badge", actor="sync"),  # 5
            _ev("offer_added", _s(2, 20), subject_type="offer", subject_ref=1),  # 6
            _ev("offer_added", _s(2, 21), subject_type="offer", subject_ref=2),  # 7
            _ev("round_added", _s(2, 22), subject_type="round", subject_ref=2),  # 8
            _ev("round_added", _s(2, 25), subject_type="round", subject_ref=1),  # 9
            _ev("contact_added", _s(1, 15), subject_type="contact", subject_ref=1),  # 10
            _ev("contact_added", _s(1, 17), subject_type="contact", subject_ref=2),  # 11
            _ev("document_added", _s(1, 9), subject_type="document", subject_ref=1),  # 12
            _ev("document_added", _s(1, 18), subject_type="document", subject_ref=2),  # 13
            _ev("note_removed", _s(2, 27), subject_type="event", subject_ref=5),  # 14
            _ev("interview_removed", _s(2, 28), subject_type="interview", subject_ref=-1),  # 15
        ],
    }


def _beta(company: str = "Beta", key: str = "beta-engineer") -> dict[str, Any]:
    fields = _beta_fields(company)
    return {
        "state": "SAVED",
        "created_at": _s(2, 1),
        "updated_at": _s(2, 2),
        "state_changed_at": _s(2, 1),
        "dedupe_key": key,
        "fields": fields,
        "interviews": [],
        "offers": [],
        "contacts": [],
        "documents": [],
        "events": [_created(fields, _s(2, 1))],
    }


def _document(*apps: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": "careerdesk.applications",
        "version": 1,
        "exported_at": NOW.isoformat(),
        "profile": "Copy",
        "count": len(apps),
        "applications": list(apps),
    }


@pytest.fixture
def transfer(app, svc: ApplicationService) -> PipelineTransfer:
    return app.service(PipelineTransfer)


def _import(app, pid: int, doc: dict[str, Any]) -> list[int]:
    apps = [json_io.validate_application(copy.deepcopy(a)) for a in doc["applications"]]
    with app.db.session() as s:
        return json_io.insert_applications(s, pid, apps)


@pytest.fixture
def copy_pid(app) -> int:
    return int(app.profiles.create("Copy").id)


def _rows(s: Session, table: type[Any], pid: int) -> list[Any]:
    return list(s.scalars(select(table).where(table.profile_id == pid).order_by(table.id)))


def test_every_column_of_every_row_is_imported(app, pid: int, copy_pid: int) -> None:
    acme_id, beta_id = _import(app, copy_pid, _document(_acme(), _beta()))
    with app.db.read() as s:
        (acme, beta) = _rows(s, Application, copy_pid)
        assert (acme.id, beta.id) == (acme_id, beta_id)
        assert [
            acme.company,
            acme.title,
            acme.location,
            acme.remote,
            acme.posting_url,
            acme.source,
            acme.salary_min,
            acme.salary_max,
            acme.currency,
            acme.description,
            acme.deadline,
            acme.priority,
            acme.tags,
            acme.notes,
            acme.applied_on,
            acme.state,
            acme.created_at,
            acme.updated_at,
            acme.state_changed_at,
            acme.dedupe_key,
            acme.company_key,
            acme.title_key,
        ] == [
            "Acme",
            "Analyst",
            "Oslo",
            "hybrid",
            "https://acme.example/j/1",
            "referral",
            50_000,
            60_000,
            "EUR",
            "Numbers all day",
            date(2026, 3, 1),
            3,
            ["data", "nordic"],
            "ask about travel",
            date(2026, 1, 11),
            "APPLIED",
            _t(1, 10),
            _t(2, 28),
            _t(1, 11),
            "acme-analyst",
            "acme",
            "analyst",
        ]
        assert (beta.state, beta.updated_at, beta.dedupe_key) == (
            "SAVED",
            _t(2, 2),
            "beta-engineer",
        )

        interviews = [
            (
                i.application_id,
                i.kind,
                i.title,
                i.starts_at,
                i.duration_min,
                i.interviewers,
                i.location,
                i.link,
                i.outcome,
                i.notes,
                i.practice_id,
                i.communication,
                i.technical,
                i.problem_solving,
                i.code_quality,
                i.focus_skill_id,
                i.created_at,
                i.updated_at,
            )
            for i in _rows(s, Interview, copy_pid)
        ]
        assert interviews == [
            (acme_id, "phone", "Screen", _t(2, 5, 10), 30, ["Kim"], "Call",
             "https://meet.example/1", "completed", "went well", 7, 70, 60, 50, 40, "python",
             _t(1, 12), _t(2, 6)),
            (acme_id, "panel", "Panel", _t(2, 1, 14), 90, ["Lee", "Max"], "HQ", "",
             "scheduled", "", None, None, None, None, None, None, _t(1, 13), _t(1, 14)),
        ]  # fmt: skip
        offers = _rows(s, Offer, copy_pid)
        assert [
            (
                o.application_id,
                o.base,
                o.bonus,
                o.equity,
                o.currency,
                o.deadline,
                o.received_on,
                o.status,
                o.notes,
                o.created_at,
                o.updated_at,
            )
            for o in offers
        ] == [
            (acme_id, 80_000, 5_000, "0.1%", "EUR", date(2026, 3, 10), date(2026, 2, 20),
             "negotiating", "first offer", _t(2, 20), _t(2, 26)),
            (acme_id, 70_000, None, "", "USD", None, None, "pending", "", _t(2, 21), _t(2, 21)),
        ]  # fmt: skip
        rounds = _rows(s, NegotiationRound, copy_pid)
        # Stored in the file's order (number 2 first); the export sorts them (below).
        assert [
            (
                r.offer_id,
                r.number,
                r.at,
                r.requested_base,
                r.requested_bonus,
                r.requested_equity,
                r.response_base,
                r.response_bonus,
                r.response_equity,
                r.note,
            )
            for r in rounds
        ] == [
            (offers[0].id, 2, _t(2, 25), 90_000, 6_000, "0.2%", 85_000, 5_500, "0.15%",
             "second call"),
            (offers[0].id, 1, _t(2, 22), 88_000, None, "", None, None, "", "first call"),
        ]  # fmt: skip
        contacts = _rows(s, Contact, copy_pid)
        assert [
            (
                c.application_id,
                c.name,
                c.role,
                c.email,
                c.phone,
                c.notes,
                c.created_at,
                c.updated_at,
            )
            for c in contacts
        ] == [
            (acme_id, "Ola", "Recruiter", "ola@acme.example", "+47 1", "friendly", _t(1, 15),
             _t(1, 16)),
            (acme_id, "Per", "Manager", "", "+47 2", "", _t(1, 17), _t(1, 17)),
        ]  # fmt: skip
        documents = _rows(s, Document, copy_pid)
        # A link is not a local document: kept as text only (docs/pipeline.md).
        assert [
            (d.application_id, d.kind, d.path, d.version, d.added_at, d.text_only)
            for d in documents
        ] == [
            (acme_id, "resume", "/docs/cv.pdf", "v3", _t(1, 9), False),
            (acme_id, "cover_letter", "https://x.example/cl", "", _t(1, 18), True),
        ]
        events = _rows(s, ApplicationEvent, copy_pid)
        iv, of, ct, dc = (
            [r.id for r in rows]
            for rows in (_rows(s, Interview, copy_pid), offers, contacts, documents)
        )
        rd = [r.id for r in rounds]  # round ref 1 is the first row, ref 2 the second
        acme_log = [e for e in events if e.application_id == acme_id]
        assert [
            (e.kind, e.from_state, e.to_state, e.note, e.subject_type, e.subject_id, e.at, e.actor)
            for e in acme_log
        ] == [
            ("created", None, "SAVED", "", "", None, _t(1, 10), "user"),
            ("state", "SAVED", "APPLIED", "online", "", None, _t(1, 11), "user"),
            ("interview_added", None, None, "", "interview", iv[0], _t(1, 12), "user"),
            ("interview_added", None, None, "", "interview", iv[1], _t(1, 8), "user"),
            ("note", None, None, "remember the badge", "", None, _t(1, 14), "sync"),
            ("offer_added", None, None, "", "offer", of[0], _t(2, 20), "user"),
            ("offer_added", None, None, "", "offer", of[1], _t(2, 21), "user"),
            ("round_added", None, None, "", "round", rd[1], _t(2, 22), "user"),
            ("round_added", None, None, "", "round", rd[0], _t(2, 25), "user"),
            ("contact_added", None, None, "", "contact", ct[0], _t(1, 15), "user"),
            ("contact_added", None, None, "", "contact", ct[1], _t(1, 17), "user"),
            ("document_added", None, None, "", "document", dc[0], _t(1, 9), "user"),
            ("document_added", None, None, "", "document", dc[1], _t(1, 18), "user"),
            # The note removal points at the note (5th in the log); the ghost keeps its -1.
            ("note_removed", None, None, "", "event", acme_log[4].id, _t(2, 27), "user"),
            ("interview_removed", None, None, "", "interview", -1, _t(2, 28), "user"),
        ]
        assert acme_log[0].changes["company"] == {"old": None, "new": "Acme"}
        assert acme_log[0].changes["tags"] == {"old": None, "new": ["data", "nordic"]}
        assert acme_log[2].changes == {"kind": {"old": None, "new": "phone"}}
        assert [e.changes for e in acme_log[3:]] == [{}] * 12
        beta_log = [(e.kind, e.to_state, e.at) for e in events if e.application_id == beta_id]
        assert beta_log == [("created", "SAVED", _t(2, 1))]


def _expected_export() -> dict[str, Any]:
    """What the imported document exports as: the same, except that the rounds come in number
    order and are numbered (refs) in that order, so the round events' refs swap."""
    acme = _acme()
    rounds = acme["offers"][0]["rounds"]
    rounds.reverse()
    rounds[0]["ref"], rounds[1]["ref"] = 1, 2
    assert [e["subject_ref"] for e in acme["events"][7:9]] == [2, 1]  # the file's refs
    acme["events"][7]["subject_ref"], acme["events"][8]["subject_ref"] = 1, 2
    return _document(acme, _beta())


def test_export_of_an_import_is_the_document_in_id_and_number_order(
    app, transfer: PipelineTransfer, copy_pid: int
) -> None:
    _import(app, copy_pid, _document(_acme(), _beta()))
    expected = _expected_export()
    assert transfer.json_document(copy_pid)["applications"] == expected["applications"]
    with app.db.read() as s:
        assert json_io.export_document(s, copy_pid, "Copy", NOW) == expected


def _export_with_other_plans(app, pid: int) -> dict[str, Any]:
    """The export, with the profile-only indexes of interviews and events out of reach.

    Without them the database reads interviews through (profile_id, starts_at) and events
    through (profile_id, at): another order than the ids, as another query plan (or
    PostgreSQL, which promises no order) may give. Dropped inside the transaction and rolled
    back, so the database keeps them.
    """
    with app.db.session() as s:
        s.execute(text("DROP INDEX ix_interviews_profile_id"))
        s.execute(text("DROP INDEX ix_application_events_profile_id"))
        doc = json_io.export_document(s, pid, "Copy", NOW)
        s.rollback()
    return doc


def test_export_order_is_the_id_order_whatever_the_query_plan(app, copy_pid: int) -> None:
    _import(app, copy_pid, _document(_acme(), _beta()))
    doc = _export_with_other_plans(app, copy_pid)
    assert doc == _expected_export()
    # The interviews start, and events 3 and 4 happen, in the other order.
    acme = doc["applications"][0]
    assert [i["title"] for i in acme["interviews"]] == ["Screen", "Panel"]
    assert [e["at"] for e in acme["events"][2:4]] == [_s(1, 12), _s(1, 8)]
    with app.db.read() as s:  # the indexes are back
        inspector = inspect(s.connection())
        names = {
            str(ix["name"])
            for table in ("interviews", "application_events")
            for ix in inspector.get_indexes(table)
        }
    assert {"ix_interviews_profile_id", "ix_application_events_profile_id"} <= names


def test_an_application_without_a_log_still_exports(app, pid: int) -> None:
    # CareerDesk always writes a 'created' event; a damaged database may not have it.
    fields = _beta_fields("Gamma")
    with app.db.session() as s:
        s.add(
            Application(
                profile_id=pid,
                **{k: v for k, v in fields.items() if k not in ("deadline", "applied_on")},
                company_key="gamma",
                title_key="engineer",
                state="SAVED",
                state_changed_at=_t(2, 1),
                created_at=_t(2, 1),
                updated_at=_t(2, 1),
                dedupe_key="gamma",
            )
        )
    with app.db.read() as s:
        doc = json_io.export_document(s, pid, "Ann", NOW)
    assert doc["count"] == 1
    (only,) = doc["applications"]
    assert (only["events"], only["interviews"], only["offers"]) == ([], [], [])
    assert only["fields"] == fields


def _ids_and_links(app, pid: int) -> list[tuple[str, str, int | None]]:
    with app.db.read() as s:
        return [(e.kind, e.subject_type, e.subject_id) for e in _rows(s, ApplicationEvent, pid)]


def test_note_removals_link_the_first_and_the_last_position_of_the_log(
    app, transfer: PipelineTransfer, copy_pid: int
) -> None:
    beta = _beta()
    # A hand-edited file: removals pointing at position 1 and at the last position (3).
    beta["events"] += [
        _ev("note_removed", _s(2, 3), subject_type="event", subject_ref=1),
        _ev("note_removed", _s(2, 4), subject_type="event", subject_ref=3),
    ]
    _import(app, copy_pid, _document(beta))
    links = _ids_and_links(app, copy_pid)
    with app.db.read() as s:
        first, _, last = (e.id for e in _rows(s, ApplicationEvent, copy_pid))
    assert links == [
        ("created", "", None),
        ("note_removed", "event", first),
        ("note_removed", "event", last),
    ]
    exported = transfer.json_document(copy_pid)["applications"][0]["events"]
    assert [e["subject_ref"] for e in exported] == [None, 1, 3]


def test_refs_that_point_at_nothing_import_without_a_subject(
    app, transfer: PipelineTransfer, copy_pid: int
) -> None:
    beta = _beta()
    beta["events"] += [
        # A note removal before the log: no link (only other records have ghosts).
        _ev("note_removed", _s(2, 3), subject_type="event", subject_ref=-1),
        # Ref 0 is neither a record (1, 2, …) nor a ghost (-1, -2, …).
        _ev("interview_removed", _s(2, 4), subject_type="interview", subject_ref=0),
        _ev("note_removed", _s(2, 5), subject_type="event", subject_ref=0),
        # A ghost keeps its number.
        _ev("contact_removed", _s(2, 6), subject_type="contact", subject_ref=-2),
    ]
    _import(app, copy_pid, _document(beta))
    assert _ids_and_links(app, copy_pid) == [
        ("created", "", None),
        ("note_removed", "event", None),
        ("interview_removed", "interview", None),
        ("note_removed", "event", None),
        ("contact_removed", "contact", -2),
    ]
    exported = transfer.json_document(copy_pid)["applications"][0]["events"]
    # The lone ghost of its type exports as -1 (ghosts are numbered per type on export).
    assert [e["subject_ref"] for e in exported] == [None, None, None, None, -1]


def test_progress_is_the_share_of_applications_saved(
    app, copy_pid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = [json_io.validate_application(_beta())]
    seen: list[float] = []
    with app.db.session() as s:
        json_io.insert_applications(s, copy_pid, one, progress=seen.append)
    assert seen == [1.0]
    # Five applications in chunks of two: after 2, 4 and 5 of them.
    monkeypatch.setattr(json_io, "CHUNK", 2)
    five = [json_io.validate_application(_beta(f"Co{n}", f"key-{n}")) for n in range(5)]
    seen.clear()
    with app.db.session() as s:
        ids = json_io.insert_applications(s, copy_pid, five, progress=seen.append)
    assert seen == [0.4, 0.8, 1.0]
    with app.db.read() as s:
        stored = {a.id: a.company for a in _rows(s, Application, copy_pid)}
    assert [stored[i] for i in ids] == [f"Co{n}" for n in range(5)]
    # Nothing to save: no progress to report.
    seen.clear()
    with app.db.session() as s:
        assert json_io.insert_applications(s, copy_pid, [], progress=seen.append) == []
    assert seen == []


def test_children_refuse_ids_that_do_not_match_the_applications_before_writing(
    app, svc: ApplicationService, copy_pid: int
) -> None:
    row = svc.create(copy_pid, {"company": "Delta", "title": "Dev", "state": State.SAVED})
    apps = [json_io.validate_application(_acme()), json_io.validate_application(_beta())]
    with app.db.session() as s:
        with pytest.raises(ValueError, match="zip"):
            json_io._insert_children(s, copy_pid, apps, [row.id])
        written = [s.scalar(select(func.count()).select_from(t)) for t in (Interview, Offer)]
        assert written == [0, 0]
        s.rollback()
