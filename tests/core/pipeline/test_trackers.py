"""Six real-world export shapes (``trackers/``) import with every field and a dated history.

Expectations are written out by hand from the fixture files: a date without a time is
midday UTC; time in stage is the number of days between the dated moves, computed by the
analytics rules from the imported event log. The clock is fixed at 2 March 2026 12:00 UTC.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from careerdesk.core.pipeline.intel import analytics_rules as rules
from careerdesk.core.pipeline.intel import facts
from careerdesk.core.pipeline.io import json_io
from careerdesk.core.pipeline.io.service import ImportReport, PipelineTransfer
from careerdesk.core.pipeline.models import EDITABLE_FIELDS, ApplicationDetail
from careerdesk.core.pipeline.queries import jsonable
from careerdesk.core.pipeline.service import ApplicationService

HERE = Path(__file__).parent / "trackers"
DEFAULTS: dict[str, Any] = {
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
Log = list[tuple[str, str | None, str, str]]


def noon(day: str) -> str:
    return f"{day}T12:00:00+00:00"


def created(state: str, at: str) -> tuple[str, None, str, str]:
    return ("created", None, state, at)


def moves(start: str, *steps: tuple[str, str]) -> Log:
    out: Log = []
    before = start
    for state, at in steps:
        out.append(("state", before, state, at))
        before = state
    return out


# company -> (fields, log, time in stage in days, contacts, documents, kept lines,
#             interviews (start, outcome), offers (received on, status))
Expected = tuple[
    dict[str, Any],
    Log,
    dict[str, float],
    list[tuple[str, str]],
    list[tuple[str, str]],
    list[str],
    list[tuple[str, str]],
    list[tuple[str, str]],
]
EXPECTED: dict[str, dict[str, Expected]] = {
    "tracker14.csv": {
        "Monzo": (
            {
                "title": "Data Analyst",
                "source": "LinkedIn",
                "posting_url": "https://monzo.example/careers/123",
                "notes": "Strong team",
                "applied_on": "2026-01-12",
            },
            [
                created("APPLIED", noon("2026-01-12")),
                *moves("APPLIED", ("PHONE_INTERVIEW", noon("2026-01-20"))),
            ],
            {"APPLIED": 8.0},
            [("Priya Shah", "")],
            [("resume", "cv/monzo_v2.pdf"), ("cover_letter", "letters/monzo.pdf")],
            ["sector: Fintech", "role_type: Full-time", "fit_rating: 4"],
            [],
            [],
        ),
        "Octopus Energy": (
            {
                "title": "Analytics Engineer",
                "source": "Referral",
                "posting_url": "https://octopus.example/jobs/ae",
            },
            [created("SAVED", noon("2026-01-15"))],
            {},
            [],
            [],
            ["sector: Energy", "role_type: Full-time", "fit_rating: 3"],
            [],
            [],
        ),
        "BBC": (
            {
                "title": "Junior Data Scientist",
                "source": "Company site",
                "posting_url": "https://bbc.example/jobs/jds",
                "notes": "Assessment centre went badly",
                "applied_on": "2026-01-05",
            },
            [
                created("APPLIED", noon("2026-01-05")),
                *moves("APPLIED", ("REJECTED", noon("2026-02-02"))),
            ],
            {"APPLIED": 28.0},
            [],
            [("resume", "cv/bbc.pdf")],
            ["sector: Media", "role_type: Graduate scheme", "fit_rating: 5"],
            [],
            [],
        ),
        "Auto Trader": (
            {
                "title": "BI Developer",
                "source": "Indeed",
                "posting_url": "https://autotrader.example/j/77",
                "applied_on": "2025-12-01",
            },
            [
                created("APPLIED", noon("2025-12-01")),
                *moves("APPLIED", ("OFFER_RECEIVED", noon("2026-01-28"))),
            ],
            {"APPLIED": 58.0},
            [("Tom Reed", "")],
            [("resume", "cv/at.pdf"), ("cover_letter", "letters/at.pdf")],
            ["sector: Tech", "role_type: Contract", "fit_rating: 4"],
            [],
            [],
        ),
        "Co-op": (
            {
                "title": "Insight Analyst",
                "source": "LinkedIn",
                "posting_url": "https://coop.example/insight",
                "notes": "Salary too low",
                "applied_on": "2025-12-10",
            },
            [
                created("APPLIED", noon("2025-12-10")),
                *moves("APPLIED", ("WITHDRAWN", noon("2026-01-09"))),
            ],
            {"APPLIED": 30.0},
            [],
            [],
            ["sector: Retail", "role_type: Part-time", "fit_rating: 2"],
            [],
            [],
        ),
        "Sky": (
            {
                "title": "Data Analyst",
                "source": "Glassdoor",
                "posting_url": "https://sky.example/da",
                "applied_on": "2025-11-20",
            },
            [
                created("APPLIED", noon("2025-11-20")),
                *moves("APPLIED", ("GHOSTED", noon("2025-12-20"))),
            ],
            {"APPLIED": 30.0},
            [],
            [("resume", "cv/sky.pdf")],
            ["sector: Media", "role_type: Full-time", "fit_rating: 3"],
            [],
            [],
        ),
        "Booking.com": (
            {
                "title": "Product Analyst",
                "source": "LinkedIn",
                "posting_url": "https://booking.example/pa",
                "notes": "Relocation to Amsterdam",
                "applied_on": "2026-01-18",
            },
            [created("APPLIED", noon("2026-01-18"))],
            {},
            [("Anna de Vries", "")],
            [("resume", "cv/booking.pdf"), ("cover_letter", "letters/booking.pdf")],
            ["sector: Travel", "role_type: Full-time", "fit_rating: 4"],
            [],
            [],
        ),
    },
    "tracker19.csv": {
        "Stripe": (
            {
                "title": "Data Engineer",
                "source": "LinkedIn",
                "location": "Dublin",
                "remote": "no",
                "posting_url": "https://stripe.example/jobs/de",
                "salary_min": 85000,
                "salary_max": 105000,
                "notes": "Two rounds done",
                "tags": ["fintech", "python"],
                "applied_on": "2026-01-05",
            },
            [
                created("SAVED", "2026-01-03T18:20:00+00:00"),
                *moves(
                    "SAVED",
                    ("APPLIED", "2026-01-05T09:30:00+00:00"),
                    ("PHONE_INTERVIEW", "2026-01-19T14:00:00+00:00"),
                    ("OFFER_RECEIVED", "2026-02-02T16:45:00+00:00"),
                ),
            ],
            # 1 d 15 h 10 min; 14 d 4 h 30 min; 14 d 2 h 45 min
            {"SAVED": 1.6, "APPLIED": 14.2, "PHONE_INTERVIEW": 14.1},
            [],
            [],
            ["id: 101", "ai_match_score: 0.87"],
            [("2026-01-19T14:00:00+00:00", "completed")],
            [("2026-02-02", "pending")],
        ),
        "Deliveroo": (
            {
                "title": "Analytics Engineer",
                "source": "Company website",
                "location": "London",
                "remote": "yes",
                "posting_url": "https://deliveroo.example/ae",
                "salary_min": 60000,
                "salary_max": 75000,
                "tags": ["sql", "dbt"],
                "applied_on": "2026-01-08",
            },
            [
                created("SAVED", "2026-01-07T21:00:00+00:00"),
                *moves(
                    "SAVED",
                    ("APPLIED", "2026-01-08T08:00:00+00:00"),
                    ("PHONE_INTERVIEW", "2026-01-21T10:00:00+00:00"),
                    ("REJECTED", "2026-01-28T12:00:00+00:00"),
                ),
            ],
            {"SAVED": 0.5, "APPLIED": 13.1, "PHONE_INTERVIEW": 7.1},  # 11 h; 13 d 2 h; 7 d 2 h
            [],
            [],
            ["id: 102", "ai_match_score: 0.64"],
            [("2026-01-21T10:00:00+00:00", "completed")],
            [],
        ),
        "Revolut": (
            {
                "title": "Junior Analyst",
                "source": "Referral",
                "location": "Remote",
                "remote": "yes",
                "posting_url": "https://revolut.example/ja",
                "salary_min": 45000,
                "salary_max": 55000,
                "notes": "Take-home due",
                "applied_on": "2026-01-20",
            },
            [
                created("SAVED", "2026-01-20T11:00:00+00:00"),
                *moves(
                    "SAVED",
                    ("APPLIED", "2026-01-20T11:15:00+00:00"),
                    ("PHONE_INTERVIEW", "2026-02-03T09:00:00+00:00"),
                ),
            ],
            {"SAVED": 0.0, "APPLIED": 13.9},  # 15 min; 13 d 21 h 45 min
            [],
            [],
            ["id: 103", "ai_match_score: 0.71"],
            [("2026-02-03T09:00:00+00:00", "completed")],
            [],
        ),
        "GOV.UK": (
            {
                "title": "Data Scientist",
                "source": "Civil Service Jobs",
                "location": "Manchester",
                "remote": "no",
                "posting_url": "https://gov.example/ds",
                "salary_min": 52000,
                "salary_max": 61000,
                "tags": ["public-sector"],
                "applied_on": "2026-02-01",
            },
            [
                created("SAVED", "2026-01-30T10:00:00+00:00"),
                *moves("SAVED", ("APPLIED", "2026-02-01T15:00:00+00:00")),
            ],
            {"SAVED": 2.2},  # 2 d 5 h
            [],
            [],
            ["id: 104", "ai_match_score: 0.58"],
            [],
            [],
        ),
        "Skyscanner": (
            {
                "title": "ML Engineer",
                "source": "Glassdoor",
                "location": "Edinburgh",
                "remote": "yes",
                "posting_url": "https://skyscanner.example/ml",
                "tags": ["ml"],
            },
            [created("SAVED", "2026-02-10T19:30:00+00:00")],
            {},
            [],
            [],
            ["id: 105", "ai_match_score: 0.9"],
            [],
            [],
        ),
        "Ocado": (
            {
                "title": "Data Analyst",
                "source": "Indeed",
                "location": "Hatfield",
                "remote": "no",
                "posting_url": "https://ocado.example/da",
                "salary_min": 40000,
                "salary_max": 48000,
                "notes": "No interview",
                "applied_on": "2026-01-02",
            },
            [
                created("SAVED", "2026-01-02T09:00:00+00:00"),
                *moves(
                    "SAVED",
                    ("APPLIED", "2026-01-02T10:00:00+00:00"),
                    ("REJECTED", "2026-01-16T17:00:00+00:00"),
                ),
            ],
            {"SAVED": 0.0, "APPLIED": 14.3},  # 1 h; 14 d 7 h
            [],
            [],
            ["id: 106", "ai_match_score: 0.5"],
            [],
            [],
        ),
    },
    "uk_excel.csv": {
        "Nationwide": (
            {
                "title": "Data Analyst",
                "remote": "hybrid",
                "posting_url": "https://nationwide.example/jobs/da",
                "salary_min": 35000,
                "salary_max": 42000,
                "currency": "GBP",
                "notes": "Swindon office twice a week",
                "applied_on": "2026-01-14",
            },
            [
                created("APPLIED", noon("2026-01-14")),
                *moves("APPLIED", ("PHONE_INTERVIEW", noon("2026-01-14"))),
            ],
            {"APPLIED": 0.0},
            [("Sarah O'Neil", "sarah.oneil@nationwide.example")],
            [],
            [],
            [],
            [],
        ),
        "Rolls-Royce": (
            {
                "title": "Graduate Engineer",
                "remote": "no",
                "posting_url": "https://rolls.example/grad",
                "salary_min": 32000,
                "salary_max": 32000,
                "currency": "GBP",
                "applied_on": "2026-02-03",
            },
            [created("APPLIED", noon("2026-02-03"))],
            {},
            [],
            [],
            [],
            [],
            [],
        ),
        "Café Nero": (
            {
                "title": "Insight Analyst",
                "remote": "yes",
                "posting_url": "https://caffenero.example/ia",
                "salary_min": 45000,
                "salary_max": 45000,
                "currency": "GBP",
                "notes": "Feedback: more SQL",
                "applied_on": "2025-12-20",
            },
            [
                created("APPLIED", noon("2025-12-20")),
                *moves("APPLIED", ("REJECTED", noon("2025-12-20"))),
            ],
            {"APPLIED": 0.0},
            [("James Hart", "")],
            [],
            [],
            [],
            [],
        ),
    },
    "us_sheets.csv": {
        "Airbnb": (
            {
                "title": "Data Scientist",
                "remote": "yes",
                "posting_url": "https://airbnb.example/ds",
                "salary_min": 150000,
                "salary_max": 180000,
                "currency": "USD",
                "applied_on": "2026-01-06",
            },
            [
                created("APPLIED", noon("2026-01-06")),
                *moves(
                    "APPLIED",
                    ("PHONE_INTERVIEW", noon("2026-01-20")),
                    ("OFFER_RECEIVED", noon("2026-02-10")),
                    ("ACCEPTED", noon("2026-02-10")),
                ),
            ],
            {"APPLIED": 14.0, "PHONE_INTERVIEW": 21.0, "OFFER_RECEIVED": 0.0},
            [],
            [],
            ["Excitement: 5"],
            [(noon("2026-01-20"), "completed")],
            [("2026-02-10", "accepted")],
        ),
        "Netflix": (
            {
                "title": "Analytics Engineer",
                "remote": "yes",
                "posting_url": "https://netflix.example/ae",
                "salary_min": 170000,
                "salary_max": 170000,
                "currency": "USD",
                "applied_on": "2026-01-13",
            },
            [
                created("APPLIED", noon("2026-01-13")),
                *moves(
                    "APPLIED",
                    ("PHONE_INTERVIEW", noon("2026-01-27")),
                    ("REJECTED", noon("2026-02-03")),
                ),
            ],
            {"APPLIED": 14.0, "PHONE_INTERVIEW": 7.0},
            [],
            [],
            ["Excitement: 4"],
            [(noon("2026-01-27"), "completed")],
            [],
        ),
        "Square": (
            {"title": "Data Analyst", "remote": "no", "posting_url": "https://square.example/da"},
            [created("SAVED", noon("2026-02-02"))],
            {},
            [],
            [],
            ["Excitement: 3"],
            [],
            [],
        ),
    },
    "fr_utf16.tsv": {
        "Société Générale": (
            {
                "title": "Analyste de données",
                "location": "Paris",
                "remote": "hybrid",
                "salary_min": 45000,
                "salary_max": 52000,
                "currency": "EUR",
                "applied_on": "2026-01-08",
            },
            [
                created("APPLIED", noon("2026-01-08")),
                *moves("APPLIED", ("PHONE_INTERVIEW", noon("2026-01-08"))),
            ],
            {"APPLIED": 0.0},
            [("Claire Dubois", "claire.dubois@sg.example")],
            [("resume", "cv/sg.pdf"), ("cover_letter", "lettres/sg.pdf")],
            ["Secteur: Banque"],
            [],
            [],
        ),
        "Doctolib": (
            {
                "title": "Data Engineer",
                "location": "Paris",
                "remote": "yes",
                "salary_min": 55000,
                "salary_max": 55000,
                "currency": "EUR",
                "applied_on": "2026-01-15",
            },
            [
                created("APPLIED", noon("2026-01-15")),
                *moves("APPLIED", ("REJECTED", noon("2026-01-15"))),
            ],
            {"APPLIED": 0.0},
            [],
            [],
            ["Secteur: Santé"],
            [],
            [],
        ),
        "Décathlon": (
            {
                "title": "Chargé d'études",
                "location": "Lille",
                "remote": "no",
                "salary_min": 38000,
                "salary_max": 38000,
                "currency": "EUR",
                "applied_on": "2026-02-01",
            },
            [created("APPLIED", noon("2026-02-01"))],
            {},
            [],
            [],
            ["Secteur: Sport"],
            [],
            [],
        ),
    },
    "huntr_style.csv": {
        "Shopify": (
            {
                "title": "Senior Analyst",
                "remote": "yes",
                "posting_url": "https://shopify.example/sa",
                "salary_min": 120000,
                "salary_max": 140000,
                "currency": "CAD",
                "tags": ["analytics", "sql"],
                "description": "Own the merchant analytics roadmap",
                "applied_on": "2025-12-18",
            },
            [
                created("SAVED", noon("2025-12-15")),
                *moves(
                    "SAVED",
                    ("APPLIED", noon("2025-12-18")),
                    ("SCREENING", noon("2026-01-05")),
                    ("PHONE_INTERVIEW", noon("2026-01-12")),
                    ("WITHDRAWN", noon("2026-01-20")),
                ),
            ],
            {"SAVED": 3.0, "APPLIED": 18.0, "SCREENING": 7.0, "PHONE_INTERVIEW": 8.0},
            [("Maya Lee", "maya@shopify.example")],
            [("resume", "resumes/shopify.pdf")],
            ["Employment Type: Full-time", "Industry: E-commerce"],
            [(noon("2026-01-12"), "completed")],
            [],
        ),
        "Spotify": (
            {
                "title": "Data Analyst",
                "remote": "hybrid",
                "posting_url": "https://spotify.example/da",
                "currency": "SEK",
                "applied_on": "2026-01-11",
            },
            [
                created("SAVED", noon("2026-01-10")),
                *moves(
                    "SAVED",
                    ("APPLIED", noon("2026-01-11")),
                    ("PHONE_INTERVIEW", noon("2026-01-25")),
                    ("FINAL_INTERVIEW", noon("2026-01-25")),
                ),
            ],
            {"SAVED": 1.0, "APPLIED": 14.0, "PHONE_INTERVIEW": 0.0},
            [],
            [("resume", "resumes/spotify.pdf"), ("cover_letter", "letters/spotify.pdf")],
            ["Employment Type: Full-time", "Industry: Music"],
            [(noon("2026-01-25"), "completed")],
            [],
        ),
        "Canva": (
            {
                "title": "BI Analyst",
                "remote": "yes",
                "posting_url": "https://canva.example/bi",
                "currency": "AUD",
                "tags": ["bi", "tableau"],
                "applied_on": "2025-11-01",
            },
            [
                created("APPLIED", noon("2025-11-01")),
                *moves("APPLIED", ("GHOSTED", noon("2025-11-01"))),
            ],
            {"APPLIED": 0.0},
            [],
            [],
            ["Employment Type: Contract", "Industry: Design"],
            [],
            [],
        ),
        "DeepMind": (
            {
                "title": "ML Engineer",
                "remote": "no",
                "posting_url": "https://deepmind.example/mle",
                "salary_min": 95000,
                "salary_max": 110000,
                "currency": "GBP",
                "tags": ["ml"],
                "applied_on": "2025-11-25",
            },
            [
                created("SAVED", noon("2025-11-20")),
                *moves(
                    "SAVED",
                    ("APPLIED", noon("2025-11-25")),
                    ("SCREENING", noon("2025-12-02")),
                    ("PHONE_INTERVIEW", noon("2025-12-09")),
                    ("OFFER_RECEIVED", noon("2026-01-06")),
                    ("ACCEPTED", noon("2026-01-09")),
                ),
            ],
            {
                "SAVED": 5.0,
                "APPLIED": 7.0,
                "SCREENING": 7.0,
                "PHONE_INTERVIEW": 28.0,
                "OFFER_RECEIVED": 3.0,
            },
            [("Raj Patel", "raj@deepmind.example")],
            [("resume", "resumes/dm.pdf"), ("cover_letter", "letters/dm.pdf")],
            ["Employment Type: Full-time", "Industry: AI research"],
            [(noon("2025-12-09"), "completed")],
            [("2026-01-06", "accepted")],
        ),
    },
}


@pytest.fixture
def transfer(app, svc) -> PipelineTransfer:  # type: ignore[no-untyped-def]
    return app.service(PipelineTransfer)


def _kept(detail: ApplicationDetail) -> list[str]:
    notes = [e.note for e in detail.events if e.kind == "note"]
    if not notes:
        return []
    assert len(notes) == 1 and notes[0].startswith("Imported fields (")
    return notes[0].splitlines()[1:]


def _stays(app, pid: int, app_id: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    with app.db.read() as s:
        history = facts.state_history(s, pid)[app_id]
    one = rules.AppFacts(id=app_id, state=history[-1][0], states=history, attrs={})
    return rules.time_in_stage([one], app.clock.now())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_field_and_the_dated_history(
    app, transfer: PipelineTransfer, svc: ApplicationService, pid: int, name: str
) -> None:  # type: ignore[no-untyped-def]
    report = transfer.import_csv(pid, HERE / name)
    expected = EXPECTED[name]
    assert (report.records, report.imported, report.problems) == (len(expected), len(expected), [])
    rows = {r.company: r for r in svc.list(pid)}
    assert set(rows) == set(expected)
    for company, (fields, log, stays, contacts, docs, kept, interviews, offers) in expected.items():
        d = svc.get(rows[company].id)
        got = {k: jsonable(getattr(d, k)) for k in EDITABLE_FIELDS if k != "company"}
        assert got == {**DEFAULTS, **fields}, company
        states = [
            (e.kind, e.from_state, e.to_state, e.at.isoformat())
            for e in d.events
            if e.kind in ("created", "state")
        ]
        assert states == log, company
        assert d.state == log[-1][2]
        assert d.state_changed_at.isoformat() == log[-1][3]
        assert [e.at for e in d.events] == sorted(e.at for e in d.events), "time order"
        assert all(e.actor == "import" for e in d.events)
        assert _stays(app, pid, d.id) == stays, company
        assert [(c.name, c.email) for c in d.contacts] == contacts, company
        assert [(doc.kind, doc.path) for doc in d.documents] == docs, company
        assert _kept(d) == kept, company
        assert [(i.starts_at.isoformat(), i.outcome) for i in d.interviews] == interviews
        assert [(str(o.received_on), o.status) for o in d.offers] == offers
    # The lossless export holds all of it and replays to the same states.
    doc = transfer.json_document(pid)
    for item in doc["applications"]:
        json_io.validate_application(item)
    assert transfer.import_csv(pid, HERE / name).already_present == len(expected)


def _lines(report: ImportReport) -> str:
    return "\n".join(report.lines())


def test_reports_say_what_was_inferred_and_how_dates_were_read(
    transfer: PipelineTransfer, pid: int
) -> None:
    r14 = _lines(transfer.import_csv(pid, HERE / "tracker14.csv"))
    assert (
        "line 2: Phone interview on 2026-01-20 (status 'Interviewing', dated by last updated)"
        in r14
    )
    assert "line 3: status 'Draft' (Saved): date 2026-01-15 read as the day it was saved" in r14
    assert "column 'source' holds links: read as the posting URL" in r14
    assert "numeric dates" not in r14  # every date is ISO 8601: nothing to guess
    r19 = _lines(transfer.import_csv(pid, HERE / "tracker19.csv"))
    assert "history:" not in r19 and "numeric dates" not in r19  # every stage is dated
    us = _lines(transfer.import_csv(pid, HERE / "us_sheets.csv"))
    assert "numeric dates read as month/day/year (line 2 has 01/20/2026)" in us
    assert "line 2: Accepted on 2026-02-10 (status 'Offer Accepted', dated by the row's" in us
    fr = transfer.import_csv(pid, HERE / "fr_utf16.tsv")
    assert "read as utf-16-le" in fr.notes
    uk = transfer.import_csv(pid, HERE / "uk_excel.csv")
    assert "read as windows-1252" in uk.notes


def test_a_skipped_stage_is_inferred_and_reported(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int, tmp_path: Path
) -> None:
    path = tmp_path / "skips.csv"
    path.write_text(
        "company,title,status,offer_at,rejected_at\n"
        "Acme,Analyst,Negotiating,2026-02-01,\n"
        "Globex,Engineer,,2026-01-10,2026-01-05\n",
        encoding="utf-8",
    )
    report = transfer.import_csv(pid, path)
    rows = {r.company: r for r in svc.list(pid)}
    acme = svc.get(rows["Acme"].id)
    assert [(e.kind, e.to_state, e.at.isoformat()) for e in acme.events[:3]] == [
        ("created", "APPLIED", noon("2026-02-01")),
        ("state", "OFFER_RECEIVED", noon("2026-02-01")),
        ("state", "NEGOTIATING", noon("2026-02-01")),
    ]
    assert acme.applied_on is None  # an inferred stage invents no date
    assert acme.events[2].note == "Status 'Negotiating', dated by the row's latest date"
    text = _lines(report)
    assert "line 2: Applied on 2026-02-01 (inferred: offer_at skips it)" in text
    # Globex: rejected (5 Jan) before the offer (10 Jan): the offer cannot follow.
    globex = svc.get(rows["Globex"].id)
    assert globex.state == "REJECTED"
    assert "line 3: offer_at 2026-01-10 (Offer received) cannot follow Rejected" in text
    assert [str(o.received_on) for o in globex.offers] == ["2026-01-10"]


def test_unknown_statuses_are_asked_for_and_mappable(
    transfer: PipelineTransfer, svc: ApplicationService, pid: int, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Company,Title,Status,Applied\n"
        "Acme,Analyst,Pending review,2026-02-01\n"
        "Globex,Engineer,ÉCARTÉ,2026-01-20\n"
        "Initech,Developer,Closed,\n",
        encoding="utf-8",
    )
    report = transfer.import_csv(pid, path)
    assert report.imported == 3 and report.problems == []
    assert {r.company: r.state for r in svc.list(pid)} == {
        "Acme": "APPLIED",
        "Globex": "APPLIED",
        "Initech": "SAVED",
    }
    asked = [n for n in report.notes if n.startswith("status ")]
    assert len(asked) == 3 and "--status 'Closed'=STATE" in asked[2]
    mapped = tmp_path / "odd2.csv"
    mapped.write_text(
        "Company,Title,Status,Applied\n"
        "Hooli,Analyst,Pending review,2026-02-01\n"
        "Umbrella,Engineer,ÉCARTÉ,2026-01-20\n"
        "Wayne,Developer,Closed,\n",
        encoding="utf-8",
    )
    again = transfer.import_csv(
        pid,
        mapped,
        statuses={"pending review": "Screening", "écarté": "REJECTED", "closed": "Withdrawn"},
    )
    assert not [n for n in again.notes if n.startswith("status ")]
    states = {r.company: r.state for r in svc.list(pid) if r.id in again.imported_ids}
    assert states == {"Hooli": "SCREENING", "Umbrella": "REJECTED", "Wayne": "WITHDRAWN"}


CSV_HEADER = [
    "Company",
    "Title",
    "Status",
    "Applied on",
    "Location",
    "Remote",
    "Source",
    "Salary min",
    "Salary max",
    "Currency",
    "Deadline",
    "Priority",
    "Tags",
    "URL",
    "Notes",
    "Screening on",
    "Interview on",
    "Offer on",
    "Accepted on",
    "Rejected on",
    "Withdrawn on",
    "Ghosted on",
    "Contact",
    "Contact e-mail",
    "Résumé",
    "Cover letter",
    "Created",
    "Updated",
]


def test_csv_export_reads_back_with_its_stage_dates(
    app, transfer: PipelineTransfer, svc: ApplicationService, pid: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    transfer.import_csv(pid, HERE / "huntr_style.csv")
    transfer.import_csv(pid, HERE / "tracker19.csv")
    out = tmp_path / "back.csv"
    assert transfer.export_csv(pid, out) == 10
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_HEADER
    deepmind = next(r for r in rows if r["Company"] == "DeepMind")
    assert (deepmind["Status"], deepmind["Applied on"], deepmind["Offer on"]) == (
        "Accepted",
        "2025-11-25",
        "2026-01-06T12:00:00+00:00",
    )
    assert (deepmind["Contact"], deepmind["Résumé"], deepmind["Tags"]) == (
        "Raj Patel",
        "resumes/dm.pdf",
        "ml",
    )
    other = app.profiles.create("Back").id
    report = transfer.import_csv(other, out)
    assert (report.imported, report.problems) == (10, [])

    def dated(app_id: int) -> list[tuple[str, str | None, str | None, str]]:
        return [
            (e.kind, e.from_state, e.to_state, e.at.date().isoformat())
            for e in svc.get(app_id).events
            if e.kind in ("created", "state")
        ]

    mine = {r.company: r.id for r in svc.list(pid)}
    back = {r.company: r.id for r in svc.list(other)}
    assert set(mine) == set(back)
    for company, a_id in mine.items():
        a, b = svc.get(a_id), svc.get(back[company])
        fa, fb = a.fields().model_dump(), b.fields().model_dump()
        fa.pop("description"), fb.pop("description")  # JSON carries descriptions, CSV not
        assert fa == fb, company
        assert dated(a_id) == dated(back[company]), company
        assert [(c.name, c.email) for c in a.contacts] == [(c.name, c.email) for c in b.contacts]
        assert [(d.kind, d.path) for d in a.documents] == [(d.kind, d.path) for d in b.documents]
