"""json_io on its own: the export's header, refs, ghosts and note positions, and the exact
messages of validate_application (issue 23's mutation run uses this file).

Expectations follow the rules in json_io's docstring and docs/pipeline.md ("What a JSON
file may hold"), worked out by hand for the pipelines built here."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from careerdesk.core.kernel.errors import ValidationError
from careerdesk.core.pipeline.io.json_io import validate_application
from careerdesk.core.pipeline.io.service import PipelineTransfer
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.core.pipeline.states import State


@pytest.fixture
def transfer(app, svc) -> PipelineTransfer:  # type: ignore[no-untyped-def]
    return app.service(PipelineTransfer)


def _refs(doc: dict[str, Any], n: int = 0) -> list[tuple[str, str, int | None]]:
    return [
        (e["kind"], e["subject_type"], e["subject_ref"]) for e in doc["applications"][n]["events"]
    ]


def _busy(svc: ApplicationService, pid: int, clock, live: bool = False) -> int:  # type: ignore[no-untyped-def]
    a = svc.create(pid, {"company": "Acme", "title": "Analyst", "state": State.APPLIED})
    i1 = svc.add_interview(a.id, {"kind": "phone", "starts_at": clock.now() + timedelta(days=2)})
    i2 = svc.add_interview(a.id, {"kind": "panel", "starts_at": clock.now() + timedelta(days=3)})
    if live:
        # Added before anything is removed: SQLite may reuse a removed row's id for a row
        # added later (no AUTOINCREMENT), which would tie the old events to the new record.
        kept = svc.add_interview(a.id, {"kind": "onsite", "starts_at": clock.now()})
        svc.update_interview(kept.id, {"outcome": "completed"})
    c = svc.add_contact(a.id, {"name": "Ola"})
    svc.remove_interview(i1.id)
    svc.remove_contact(c.id)
    o1 = svc.add_offer(a.id, {"base": 1, "currency": "EUR"})
    svc.add_round(o1.id, {"requested_base": 2})
    o2 = svc.add_offer(a.id, {"base": 3, "currency": "EUR"})
    svc.add_round(o2.id, {"requested_base": 4})
    svc.add_round(o2.id, {"requested_base": 5})
    note = svc.add_note(a.id, "hi")
    svc.remove_note(note.id)
    svc.remove_interview(i2.id)
    return a.id


# What the log above must export as (json_io's docstring): live children get refs 1, 2, …
# per type in id order; rounds are numbered across the application's offers; removed
# records are ghosts -1, -2, … per type in order of appearance; a note removal points at
# the note's 1-based position in the log (the note is the 12th event).
BUSY_REFS = [
    ("created", "", None),
    ("interview_added", "interview", -1),
    ("interview_added", "interview", -2),
    ("contact_added", "contact", -1),
    ("interview_removed", "interview", -1),
    ("contact_removed", "contact", -1),
    ("offer_added", "offer", 1),
    ("round_added", "round", 1),
    ("offer_added", "offer", 2),
    ("round_added", "round", 2),
    ("round_added", "round", 3),
    ("note", "", None),
    ("note_removed", "event", 12),
    ("interview_removed", "interview", -2),
]


def test_export_header_refs_ghosts_and_note_positions(
    app, transfer: PipelineTransfer, svc: ApplicationService, pid: int, clock
) -> None:  # type: ignore[no-untyped-def]
    _busy(svc, pid, clock)
    second = svc.create(pid, {"company": "Beta", "title": "Dev"})
    gone = svc.add_interview(second.id, {"kind": "phone", "starts_at": clock.now()})
    svc.remove_interview(gone.id)
    doc = transfer.json_document(pid)
    assert (doc["format"], doc["version"], doc["profile"], doc["count"]) == (
        "careerdesk.applications",
        1,
        "Ann",
        2,
    )
    assert doc["exported_at"] == "2026-03-02T12:00:00+00:00"  # the fixed clock, ISO 8601
    assert _refs(doc) == BUSY_REFS
    acme = doc["applications"][0]
    assert acme["interviews"] == [] and acme["contacts"] == []
    assert [(o["ref"], o["base"]) for o in acme["offers"]] == [(1, 1), (2, 3)]
    assert [[(r["ref"], r["number"]) for r in o["rounds"]] for o in acme["offers"]] == [
        [(1, 1)],
        [(2, 1), (3, 2)],
    ]
    assert acme["created_at"] == acme["updated_at"] == "2026-03-02T12:00:00+00:00"
    assert acme["offers"][0]["created_at"] == "2026-03-02T12:00:00+00:00"
    # Ghost numbers start again for each application.
    assert _refs(doc, 1)[-2:] == [
        ("interview_added", "interview", -1),
        ("interview_removed", "interview", -1),
    ]
    assert doc["applications"][1]["fields"]["company"] == "Beta"


def test_import_keeps_ghosts_rounds_and_note_links(
    app, transfer: PipelineTransfer, svc: ApplicationService, pid: int, clock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a_id = _busy(svc, pid, clock, live=True)
    svc.add_document(a_id, {"kind": "resume", "path": "https://x.example/cv"})
    out = tmp_path / "p.json"
    transfer.export_json(pid, out)
    other = app.profiles.create("Copy").id
    report = transfer.import_json(other, out)
    assert report.imported == 1
    doc = transfer.json_document(other)
    # BUSY_REFS with the live interview (ref 1) after the two ghosts, so the note is now
    # the 14th event, and the document at the end.
    assert _refs(doc) == [
        *BUSY_REFS[:3],
        ("interview_added", "interview", 1),
        ("interview_updated", "interview", 1),
        *BUSY_REFS[3:11],
        ("note", "", None),
        ("note_removed", "event", 14),
        ("interview_removed", "interview", -2),
        ("document_added", "document", 1),
    ]
    (copy_app,) = svc.list(other)
    detail = svc.get(copy_app.id)
    assert [i.kind for i in detail.interviews] == ["onsite"]
    assert [len(o.rounds) for o in detail.offers] == [1, 2]
    # A link is not a local document: imported as text only (docs/pipeline.md).
    assert [d.text_only for d in detail.documents] == [True]
    removal = next(e for e in detail.events if e.kind == "note_removed")
    note = next(e for e in detail.events if e.kind == "note")
    assert removal.subject_id == note.id
    ghosts = [e.subject_id for e in detail.events if e.subject_type == "interview"][:2]
    assert ghosts == [-1, -2]


# --- validate_application --------------------------------------------------------------------
def _valid(transfer: PipelineTransfer, svc: ApplicationService, pid: int) -> dict[str, Any]:
    svc.create(pid, {"company": "Acme", "title": "Analyst", "state": State.APPLIED})
    item: dict[str, Any] = transfer.json_document(pid)["applications"][0]
    validate_application(copy.deepcopy(item))  # the untouched export is valid
    return item


def test_shape_problems_name_their_json_path(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int
) -> None:
    item = _valid(transfer, svc, pid)
    bad = {**item, "state": "NOPE", "dedupe_key": ""}
    with pytest.raises(ValidationError) as info:
        validate_application(bad, ("applications", 3))
    problems = str(info.value).split("; ")
    assert [p.split(":")[0] for p in problems] == [
        "applications[3].state",
        "applications[3].dedupe_key",
    ]
    # Without a location, a problem of the whole item says so.
    with pytest.raises(ValidationError, match=r"^the application: Input should be a valid"):
        validate_application([])


def test_at_most_twenty_problems_are_listed(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int
) -> None:
    item = _valid(transfer, svc, pid)
    bad = {**item, **{f"extra{n}": n for n in range(25)}}
    with pytest.raises(ValidationError) as info:
        validate_application(bad)
    assert len(str(info.value).split("; ")) == 20
    assert "Value error" not in str(info.value)


def test_value_error_prefix_is_dropped(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int
) -> None:
    item = _valid(transfer, svc, pid)
    bad = copy.deepcopy(item)
    bad["fields"]["posting_url"] = "ftp://x"  # refused by a validator's ValueError
    with pytest.raises(ValidationError) as info:
        validate_application(bad)
    assert "Value error, " not in str(info.value)
    assert (
        str(info.value) == "fields.posting_url: the posting URL must start with http:// or https://"
    )


def test_history_problems_are_explained(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int
) -> None:
    item = _valid(transfer, svc, pid)
    kind = copy.deepcopy(item)
    kind["events"][0]["kind"] = "teleported"
    with pytest.raises(ValidationError, match=r"^unknown event kind 'teleported'$"):
        validate_application(kind)
    state = {**copy.deepcopy(item), "state": "SCREENING"}
    with pytest.raises(ValidationError) as info:
        validate_application(state)
    assert str(info.value) == ("its history ends in APPLIED but the application says SCREENING")
    fields = copy.deepcopy(item)
    fields["fields"]["title"] = "Boss"
    fields["fields"]["location"] = "Mars"
    with pytest.raises(ValidationError) as info:
        validate_application(fields)
    assert str(info.value) == "its history disagrees with its fields (location, title)"


def test_a_file_with_events_referring_to_a_missing_record_imports_without_a_subject(
    app, transfer: PipelineTransfer, svc: ApplicationService, pid: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    item = _valid(transfer, svc, pid)
    item["events"][0]["subject_type"] = "event"
    item["events"][0]["subject_ref"] = 5  # past the end of a one-event log: no link
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"format": "careerdesk.applications", "version": 1, "applications": [item]}),
        encoding="utf-8",
    )
    other = app.profiles.create("Other").id
    assert transfer.import_json(other, path).imported == 1
    (row,) = svc.list(other)
    assert svc.get(row.id).events[0].subject_id is None
