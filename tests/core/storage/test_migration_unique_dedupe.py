"""Migration 0014: duplicate applications are merged with their histories, then kept unique.

A database at 0013 holds two rows of one profile with the same dedupe key (what two
concurrent imports used to leave behind), each with its own records and events, plus a row
with the same key in another profile. After the upgrade there is one row per key and
profile; everything the duplicate owned points at the surviving row; its notes and record
events are on the surviving timeline, its own moves are summarised in one note; the
surviving history still replays to its state; a second row with the key is refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import (
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    column,
    insert,
    select,
    table,
)
from sqlalchemy.exc import IntegrityError

from careerdesk.core.pipeline import history as h
from careerdesk.core.pipeline.io import json_io as jsonio
from careerdesk.core.pipeline.models import EDITABLE_FIELDS
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.intel import FollowUp, JobFit, Outcome
from careerdesk.core.storage.tables.pipeline import (
    Application,
    ApplicationEvent,
    Contact,
    Document,
    Interview,
)
from careerdesk.core.storage.tables.profiles import Profile

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
DOCUMENTS_AT_0013 = table(
    "application_documents",
    column("profile_id", Integer),
    column("application_id", Integer),
    column("kind", String),
    column("path", String),
    column("version", String),
    column("added_at", DateTime),
)
KEY = "k" * 40


def _app(profile_id: int, key: str, company: str = "Globex") -> Application:
    return Application(
        profile_id=profile_id,
        company=company,
        company_key=company.lower(),
        title="Data Analyst",
        title_key="data analyst",
        state="APPLIED",
        state_changed_at=T0,
        created_at=T0,
        updated_at=T0,
        applied_on=date(2026, 2, 2),
        dedupe_key=key,
        tags=[],
    )


def _created(app: Application, at: datetime) -> ApplicationEvent:
    return ApplicationEvent(
        profile_id=app.profile_id,
        application_id=app.id,
        kind=h.CREATED,
        to_state="SAVED",
        changes={k: {"old": None, "new": jsonable(getattr(app, k))} for k in EDITABLE_FIELDS},
        at=at,
        actor="user",
    )


def _moved(app: Application, at: datetime) -> ApplicationEvent:
    return ApplicationEvent(
        profile_id=app.profile_id,
        application_id=app.id,
        kind=h.STATE,
        from_state="SAVED",
        to_state="APPLIED",
        changes={},
        at=at,
        actor="user",
    )


def _note(app: Application, text: str, at: datetime) -> ApplicationEvent:
    return ApplicationEvent(
        profile_id=app.profile_id,
        application_id=app.id,
        kind=h.NOTE,
        note=text,
        changes={},
        at=at,
        actor="user",
    )


def test_duplicates_are_merged_with_their_histories_then_the_key_is_unique(db_url: str) -> None:
    db = Database(db_url)
    try:
        mig.upgrade(db.engine, "0013_merge_heads")
        with db.session() as s:
            p1, p2 = Profile(name="Ann"), Profile(name="Bob")
            s.add_all([p1, p2])
            s.flush()
            kept, dup, other = _app(p1.id, KEY), _app(p1.id, KEY), _app(p1.id, "x" * 40, "Acme")
            elsewhere = _app(p2.id, KEY)
            dup.created_at = T0 + timedelta(days=1)
            s.add_all([kept, dup, other, elsewhere])
            s.flush()
            s.add_all([_created(kept, T0), _moved(kept, T0), _note(kept, "kept's note", T0)])
            s.flush()
            s.add_all([_created(a, T0) for a in (other, elsewhere)])
            s.add_all([_moved(a, T0) for a in (other, elsewhere)])
            s.flush()
            later = T0 + timedelta(days=1)
            s.add_all([_created(dup, later), _moved(dup, later)])
            s.flush()
            s.add(_note(dup, "dup's note", later))
            # Tables later migrations add columns to are written as they stood at 0013
            # (read from the database itself), not through today's models.
            at_0013 = MetaData()
            interviews = Table("interviews", at_0013, autoload_with=s.connection())
            followups = Table("followups", at_0013, autoload_with=s.connection())
            naive = later.replace(tzinfo=None)
            interview_id_0 = s.execute(
                insert(interviews)
                .values(
                    profile_id=p1.id,
                    application_id=dup.id,
                    kind="video",
                    title="",
                    starts_at=naive,
                    duration_min=60,
                    interviewers=[],
                    location="",
                    link="",
                    outcome="scheduled",
                    notes="",
                    created_at=naive,
                    updated_at=naive,
                )
                .returning(interviews.c.id)
            ).scalar_one()
            s.add(
                ApplicationEvent(
                    profile_id=p1.id,
                    application_id=dup.id,
                    kind=h.INTERVIEW_ADDED,
                    changes={},
                    subject_type="interview",
                    subject_id=interview_id_0,
                    at=later,
                )
            )
            s.add_all(
                [
                    Contact(
                        profile_id=p1.id,
                        application_id=dup.id,
                        name="Rae Recruiter",
                        created_at=later,
                        updated_at=later,
                    ),
                    JobFit(profile_id=p1.id, application_id=kept.id, verdict="apply_now"),
                    JobFit(profile_id=p1.id, application_id=dup.id, verdict="reconsider"),
                    Outcome(profile_id=p1.id, application_id=dup.id, success=True, state="APPLIED"),
                ]
            )
            s.execute(
                insert(followups).values(
                    profile_id=p1.id,
                    application_id=dup.id,
                    scenario="post_application",
                    trigger="state:APPLIED",
                    step=0,
                    due_at=naive,
                    status="pending",
                    cancel_reason="",
                    created_at=naive,
                )
            )
            # Without the model: 0014 adds a column to application_documents.
            s.execute(
                insert(DOCUMENTS_AT_0013).values(
                    profile_id=p1.id,
                    application_id=dup.id,
                    kind="resume",
                    path="/home/ann/cv.pdf",
                    version="",
                    added_at=later.replace(tzinfo=None),
                )
            )
            ids = (p1.id, p2.id, kept.id, dup.id, other.id, elsewhere.id, interview_id_0)
        p1_id, p2_id, kept_id, dup_id, other_id, elsewhere_id, interview_id = ids

        mig.upgrade(db.engine)

        with db.read() as s:
            rows = s.scalars(select(Application.id).where(Application.profile_id == p1_id))
            assert sorted(rows) == sorted([kept_id, other_id])
            assert s.get(Application, elsewhere_id) is not None  # other profile: not a duplicate
            moved = s.get(Interview, interview_id)
            assert moved is not None and moved.application_id == kept_id
            for table in (Contact, Document, FollowUp, Outcome):
                owners = set(s.scalars(select(table.application_id)))
                assert owners == {kept_id}, table.__tablename__
            fits = list(s.scalars(select(JobFit).where(JobFit.profile_id == p1_id)))
            assert [(f.application_id, f.verdict) for f in fits] == [(kept_id, "apply_now")]
            log = list(
                s.scalars(
                    select(ApplicationEvent)
                    .where(ApplicationEvent.application_id == kept_id)
                    .order_by(ApplicationEvent.id)
                )
            )
            kinds = [e.kind for e in log]
            assert kinds == ["created", "state", "note", "note", "interview_added", "note"]
            assert [e.note for e in log[2:4]] == ["kept's note", "dup's note"]
            merge = log[-1]
            assert merge.actor == "merge" and merge.at == T0 + timedelta(days=1)
            assert f"#{dup_id}" in merge.note and "Saved → Applied" in merge.note
            assert h.replay(log).value == "APPLIED"
            doc = jsonio.export_document(s, p1_id, "Ann", T0)
        for item in doc["applications"]:  # the merged history is a valid export again
            jsonio.validate_application(item)
        with pytest.raises(IntegrityError), db.session() as s:
            s.add(_app(p1_id, KEY))
        with db.session() as s:  # same key in another profile is fine
            s.add(_app(p2_id, "k" * 39 + "z"))
    finally:
        db.dispose()
