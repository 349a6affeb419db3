"""Which column of an imported CSV goes to which field (pure; see docs/pipeline.md, "Import").

Headers are compared case- and accent-insensitively, ignoring spaces, ``_``, ``-`` and
punctuation, against the aliases job trackers and spreadsheets use. Besides the
application's own fields, a column can carry a stage date (``interview_at``), the record's
creation or last-update time, a contact, a résumé or cover-letter path, or something
CareerDesk keeps as an *imported field* (sector, employment type, any unknown column).
Nothing is dropped unless the learner says so (``ignore``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence

from careerdesk.core.kernel.errors import ValidationError

KEEP = "keep"  # shown on the application as an imported field
IGNORE = "ignore"  # dropped, because the learner chose so

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "company": (
        "company",
        "company name",
        "employer",
        "employer name",
        "organisation",
        "organization",
        "org",
        "hiring company",
        "entreprise",
        "societe",
        "unternehmen",
        "firma",
        "empresa",
    ),
    "title": (
        "title",
        "job title",
        "position",
        "role",
        "job",
        "position title",
        "job role",
        "role title",
        "job name",
        "vacancy",
        "opening",
        "poste",
        "stelle",
        "puesto",
    ),
    "state": (
        "status",
        "stage",
        "state",
        "pipeline stage",
        "application status",
        "current status",
        "application stage",
        "statut",
        "estado",
    ),
    "applied_on": (
        "applied on",
        "date applied",
        "applied",
        "application date",
        "applied date",
        "date of application",
        "applied at",
        "date",
        "submitted",
        "submitted on",
        "submitted at",
        "date submitted",
        "application sent",
        "date de candidature",
        "beworben am",
    ),
    "location": ("location", "city", "place", "office", "job location", "region", "lieu", "ort"),
    "remote": (
        "remote",
        "is remote",
        "remote ok",
        "work mode",
        "workplace",
        "workplace type",
        "remote/hybrid",
        "work type",
        "work arrangement",
        "work setup",
        "teletravail",
        "location type",
        "remote work",
    ),
    "posting_url": (
        "url",
        "link",
        "job url",
        "posting url",
        "job link",
        "posting",
        "job posting",
        "posting link",
        "listing url",
        "application url",
        "apply url",
        "job posting url",
        "website",
    ),
    "source": (
        "source",
        "found via",
        "found on",
        "channel",
        "job board",
        "platform",
        "where found",
        "job site",
        "application source",
    ),
    "salary": (
        "salary",
        "salary range",
        "compensation",
        "pay",
        "pay range",
        "expected salary",
        "base salary",
        "compensation range",
        "salaire",
        "gehalt",
        "salario",
    ),
    "salary_min": (
        "salary min",
        "min salary",
        "minimum salary",
        "salary from",
        "salary minimum",
        "salary range min",
        "salary low",
        "salary lower",
        "compensation min",
        "pay min",
    ),
    "salary_max": (
        "salary max",
        "max salary",
        "maximum salary",
        "salary to",
        "salary maximum",
        "salary range max",
        "salary high",
        "salary upper",
        "compensation max",
        "pay max",
    ),
    "currency": ("currency", "salary currency", "pay currency", "ccy"),
    "deadline": (
        "deadline",
        "apply by",
        "closing date",
        "closes",
        "application deadline",
        "due date",
    ),
    "priority": ("priority", "importance"),
    "tags": ("tags", "labels", "keywords", "tag", "label", "categories"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "my notes"),
    "description": ("description", "job description", "jd", "details", "summary"),
    "created_at": (
        "created",
        "created at",
        "created on",
        "date created",
        "added",
        "added on",
        "date added",
        "saved on",
        "saved at",
        "date saved",
        "bookmarked on",
    ),
    "updated_at": (
        "updated",
        "updated at",
        "last updated",
        "last modified",
        "modified",
        "modified at",
        "last update",
        "updated on",
    ),
    "screening_at": (
        "screening at",
        "screening on",
        "screening date",
        "screen date",
        "screened on",
        "screened at",
    ),
    "interview_at": (
        "interview at",
        "interview date",
        "interview",
        "interviewed on",
        "interviewed at",
        "interview on",
        "first interview",
        "first interview date",
    ),
    "offer_at": (
        "offer at",
        "offer date",
        "offer received",
        "offer received on",
        "offered at",
        "offered on",
        "offer on",
    ),
    "accepted_at": ("accepted at", "accepted on", "accepted date", "hired on", "hired at"),
    "rejected_at": (
        "rejected at",
        "rejected on",
        "rejected date",
        "rejection date",
        "date rejected",
    ),
    "withdrawn_at": (
        "withdrawn at",
        "withdrawn on",
        "withdrawn date",
        "withdrew on",
        "declined on",
        "declined at",
    ),
    "ghosted_at": ("ghosted at", "ghosted on", "ghosted date"),
    "contact_name": (
        "contact",
        "contact person",
        "contact name",
        "recruiter",
        "recruiter name",
        "hiring manager",
        "point of contact",
    ),
    "contact_email": ("contact email", "recruiter email", "email", "e mail", "contact e mail"),
    "contact_phone": ("contact phone", "recruiter phone", "phone", "phone number"),
    "contact_role": ("contact role", "contact title", "recruiter title"),
    "resume": (
        "resume",
        "cv",
        "cv file",
        "resume file",
        "resume path",
        "cv path",
        "resume used",
        "cv used",
        "resume version",
    ),
    "cover_letter": (
        "cover letter",
        "cover letter file",
        "cover letter path",
        "cover letter used",
        "motivation letter",
        "lettre de motivation",
        "anschreiben",
    ),
    "industry": (
        "industry",
        "sector",
        "secteur",
        "company sector",
        "company industry",
        "domain",
        "branche",
    ),
    "employment_type": (
        "employment type",
        "role type",
        "job type",
        "contract type",
        "contract",
        "type",
        "employment",
        "position type",
    ),
}
FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "title": "Title",
    "state": "Status",
    "applied_on": "Applied on",
    "location": "Location",
    "remote": "Remote",
    "posting_url": "URL",
    "source": "Source",
    "salary": "Salary (free text)",
    "salary_min": "Salary min",
    "salary_max": "Salary max",
    "currency": "Currency",
    "deadline": "Deadline",
    "priority": "Priority",
    "tags": "Tags",
    "notes": "Notes",
    "description": "Description",
    "created_at": "Created (date)",
    "updated_at": "Last updated (date)",
    "screening_at": "Screening date",
    "interview_at": "Interview date",
    "offer_at": "Offer date",
    "accepted_at": "Accepted date",
    "rejected_at": "Rejected date",
    "withdrawn_at": "Withdrawn date",
    "ghosted_at": "Ghosted date",
    "contact_name": "Contact name",
    "contact_email": "Contact e-mail",
    "contact_phone": "Contact phone",
    "contact_role": "Contact role",
    "resume": "Résumé file",
    "cover_letter": "Cover letter file",
    "industry": "Industry / sector (kept)",
    "employment_type": "Employment type (kept)",
    KEEP: "Keep as imported field",
    IGNORE: "Ignore (drop)",
}
REQUIRED = ("company", "title")
# Fields read as dates; the history ones become dated events.
DATE_FIELDS = ("applied_on", "deadline", "created_at", "updated_at")
STAGE_FIELDS = (
    "screening_at",
    "interview_at",
    "offer_at",
    "accepted_at",
    "rejected_at",
    "withdrawn_at",
    "ghosted_at",
)
# Recognised, but CareerDesk has no column for them: kept as imported fields, with the label.
KEPT_FIELDS = ("industry", "employment_type")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form: ``"Résumé"`` -> ``"resume"``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\ufeff", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def header_key(text: str) -> str:
    """``" Job_Title "`` -> ``"job title"``: how headers are compared."""
    t = fold_text(text).strip().replace("_", " ").replace("-", " ")
    return " ".join(re.sub(r"[^\w/ ]+", " ", t).split())


_ALIAS_INDEX = {header_key(a): f for f, aliases in FIELD_ALIASES.items() for a in aliases}
_ALIAS_INDEX.update({header_key(f): f for f in FIELD_ALIASES})
_LABEL_INDEX = {header_key(label): f for f, label in FIELD_LABELS.items()}


def shape_key(header: Sequence[str]) -> str:
    """A short id of a file's shape (its headers), to remember the mapping chosen for it."""
    joined = "\x1f".join(header_key(h) for h in header)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def field_from_text(text: str) -> str:
    """``"Applied on"``, ``"applied_on"`` or an alias -> the field key; ValidationError else."""
    key = header_key(text)
    found = _LABEL_INDEX.get(key) or _ALIAS_INDEX.get(key)
    if found is None and key.replace(" ", "_") in FIELD_LABELS:
        found = key.replace(" ", "_")
    if found is None:
        names = ", ".join(f for f in FIELD_LABELS)
        raise ValidationError(f"Unknown field {text!r}; fields are: {names}.")
    return found


def _looks_like_urls(values: Sequence[str]) -> bool:
    filled = [v.strip() for v in values if v.strip()]
    return bool(filled) and sum(1 for v in filled if _URL.match(v)) >= 0.8 * len(filled)


def auto_mapping(
    header: Sequence[str], samples: Sequence[Sequence[str]] = ()
) -> tuple[dict[int, str], list[str]]:
    """Column index -> field for every column, and notes on what was guessed.

    A column whose values are links goes to the posting URL whatever its header says
    (trackers put the posting link in "source"); columns nobody recognises are kept as
    imported fields, never dropped.
    """
    mapping: dict[int, str] = {}
    notes: list[str] = []
    taken: dict[str, int] = {}
    url_cols = [
        i
        for i in range(len(header))
        if _looks_like_urls([r[i] for r in samples if i < len(r)])
        and _ALIAS_INDEX.get(header_key(header[i])) in (None, "source", "posting_url", KEEP)
    ]
    # A column named like a URL wins over a link-valued "source".
    url_cols.sort(key=lambda i: _ALIAS_INDEX.get(header_key(header[i])) != "posting_url")
    for i, name in enumerate(header):
        target = _ALIAS_INDEX.get(header_key(name))
        if url_cols and i == url_cols[0] and target != "posting_url":
            notes.append(f"column {name.strip()!r} holds links: read as the posting URL")
            target = "posting_url"
        if target is None:
            if name.strip():
                notes.append(f"column {name.strip()!r} is kept as an imported field")
            mapping[i] = KEEP
            continue
        if target in taken:
            notes.append(
                f"column {name.strip()!r} is kept as an imported field: "
                f"{header[taken[target]].strip()!r} already gives the "
                f"{FIELD_LABELS[target].lower()}"
            )
            mapping[i] = KEEP
            continue
        taken[target] = i
        mapping[i] = target
    return mapping, notes


def apply_overrides(
    header: Sequence[str], mapping: Mapping[int, str], overrides: Mapping[str, str]
) -> dict[int, str]:
    """``--map COLUMN=FIELD`` on top of ``mapping``; the field's previous column is kept."""
    out = dict(mapping)
    by_key = {header_key(h): i for i, h in enumerate(header)}
    for column, target in overrides.items():
        index = by_key.get(header_key(column))
        if index is None:
            cols = ", ".join(repr(h.strip()) for h in header)
            raise ValidationError(f"--map: the file has no column {column!r} (columns: {cols}).")
        field = field_from_text(target)
        if field not in (KEEP, IGNORE):
            for i, f in list(out.items()):
                if f == field and i != index:
                    out[i] = KEEP
        out[index] = field
    return out


def check_mapping(mapping: Mapping[int, str]) -> None:
    """Company and title mapped, each real field mapped once; ValidationError otherwise."""
    fields = [f for f in mapping.values() if f not in (KEEP, IGNORE)]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        wanted = "; ".join(
            f"{FIELD_LABELS[f].lower()} (e.g. {', '.join(FIELD_ALIASES[f][:3])})" for f in missing
        )
        raise ValidationError(f"The file has no column for {wanted}. Nothing was imported.")
    if len(set(fields)) != len(fields):
        raise ValidationError("Two columns are mapped to the same field; map each field once.")
