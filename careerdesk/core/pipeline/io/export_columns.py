"""The spreadsheet CSV export's columns (pure; documented in docs/pipeline.md, "Export").

Plain names that spreadsheets, other trackers and CareerDesk's own importer read back. Stage
dates come from the event log: the first time the application entered that stage.
"""

from __future__ import annotations

from typing import Any

from careerdesk.core.pipeline.models import PRIORITY_LABELS
from careerdesk.core.pipeline.states import INTERVIEW_STATES, State

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("company", "Company"),
    ("title", "Title"),
    ("state", "Status"),
    ("applied_on", "Applied on"),
    ("location", "Location"),
    ("remote", "Remote"),
    ("source", "Source"),
    ("salary_min", "Salary min"),
    ("salary_max", "Salary max"),
    ("currency", "Currency"),
    ("deadline", "Deadline"),
    ("priority", "Priority"),
    ("tags", "Tags"),
    ("posting_url", "URL"),
    ("notes", "Notes"),
    ("screening_at", "Screening on"),
    ("interview_at", "Interview on"),
    ("offer_at", "Offer on"),
    ("accepted_at", "Accepted on"),
    ("rejected_at", "Rejected on"),
    ("withdrawn_at", "Withdrawn on"),
    ("ghosted_at", "Ghosted on"),
    ("contact_name", "Contact"),
    ("contact_email", "Contact e-mail"),
    ("resume", "Résumé"),
    ("cover_letter", "Cover letter"),
    ("created_at", "Created"),
    ("updated_at", "Updated"),
)
_STAGE_COLUMNS: dict[str, tuple[State, ...]] = {
    "screening_at": (State.SCREENING,),
    "interview_at": INTERVIEW_STATES,
    "offer_at": (State.OFFER_RECEIVED,),
    "accepted_at": (State.ACCEPTED,),
    "rejected_at": (State.REJECTED,),
    "withdrawn_at": (State.WITHDRAWN,),
    "ghosted_at": (State.GHOSTED,),
}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def export_values(entry: dict[str, Any]) -> dict[str, str]:
    """One application of the JSON export document -> the CSV cells by column name."""
    f = entry["fields"]
    out = {name: _text(f.get(name)) for name, _ in CSV_COLUMNS if name in f}
    out["state"] = State(entry["state"]).label
    out["priority"] = PRIORITY_LABELS.get(f["priority"], str(f["priority"]))
    out["tags"] = "; ".join(f["tags"])
    entered: dict[str, str] = {}
    for e in entry["events"]:
        if e["kind"] in ("created", "state") and e["to_state"]:
            entered.setdefault(e["to_state"], e["at"])
    for column, states in _STAGE_COLUMNS.items():
        stamps = [entered[s.value] for s in states if s.value in entered]
        out[column] = min(stamps) if stamps else ""
    contacts = entry["contacts"]
    out["contact_name"] = contacts[0]["name"] if contacts else ""
    out["contact_email"] = contacts[0]["email"] if contacts else ""
    for kind in ("resume", "cover_letter"):
        paths = [d["path"] for d in entry["documents"] if d["kind"] == kind]
        out[kind] = paths[0] if paths else ""
    out["created_at"], out["updated_at"] = entry["created_at"], entry["updated_at"]
    return out
