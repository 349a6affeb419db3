"""The career recommendations CSV (docs/insights.md): columns, neutralised cells, one row per
profile, by hand.

The stored recommendations are given by a small lookup standing in for the service's ``get``
(the service itself is tested in test_career_service.py); the profiles are real rows.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerdesk.app import App
from careerdesk.core.insights.career_export import (
    COLUMNS,
    export_csv,
    neutralise,
    recommendation_rows,
    to_csv,
)
from careerdesk.core.insights.career_models import RecommendationSet
from careerdesk.core.insights.career_rules import CareerPath, OccupationRef
from careerdesk.core.profiles.service import ProfileDetails

# docs/insights.md: the export's columns, in order.
HEADER = (
    "user_id,username,name,hometown,course,interests,career_recommendations,last_updated,"
    "recommendation_count"
)


def test_columns_are_the_documented_ones() -> None:
    assert ",".join(COLUMNS) == HEADER


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 113", "'+44 113"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=b", "a=b"),  # only a leading mark is a formula
        (" =1", " =1"),
        ("", ""),
        (None, ""),
        (0, "0"),
        (-1, "'-1"),
    ],
)
def test_neutralise(value: object, cell: str) -> None:
    assert neutralise(value) == cell


def test_to_csv_header_rows_and_line_ends() -> None:
    rows = [
        {"user_id": "1", "username": "=bad", "interests": "a, b", "last_updated": "x"},
        {"user_id": "2"},
    ]
    assert (
        to_csv(rows)
        == (
            HEADER + "\r\n"
            '1,\'=bad,,,,"a, b",,x,\r\n'  # missing columns are empty; commas quoted
            "2,,,,,,,,\r\n"
        )
    )
    assert to_csv([]) == HEADER + "\r\n"


def test_export_csv_writes_utf8_with_a_bom(tmp_path: Path) -> None:
    target = tmp_path / "recs.csv"
    assert export_csv(target, [{"user_id": "7", "name": "Zoë"}]) == 1
    assert target.read_bytes() == (
        b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n7,,Zo\xc3\xab,,,,,,\r\n"
    )
    assert export_csv(target, []) == 0
    assert target.read_bytes() == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"


class _Stored:
    """The service's ``get``: the stored set per profile, None for the others."""

    def __init__(self, sets: dict[int, RecommendationSet]) -> None:
        self.sets = sets

    def get(self, profile_id: int) -> RecommendationSet | None:
        return self.sets.get(profile_id)


def test_recommendation_rows_by_hand(app: App) -> None:
    # Created out of name order, so the sort is the export's own.
    carl = app.profiles.create("carl", ProfileDetails(interests="chess"))
    bob = app.profiles.create("Bob", ProfileDetails(interests=""))
    ann = app.profiles.create(
        "ann",
        ProfileDetails(
            full_name="Ann Émile",
            location="Leeds",
            field_of_study="BSc Computing",
            interests="  puzzles,\n  data  ",
        ),
    )
    path = CareerPath(
        title="Data Analyst",
        role_ids=["data_analyst"],
        occupations=[OccupationRef(code="15-2051.01", title="Business Intelligence Analysts")],
        why=["Your course teaches SQL."],
        key_skills=["SQL"],
        first_steps=["Take the SQL assessment."],
        fit=71.5,
    )
    when = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    stored = _Stored(
        {
            ann.id: RecommendationSet(
                profile_id=ann.id,
                source="offline",
                paths=[path],
                count=3,
                last_updated=when,
                code="ICR",
            ),
            bob.id: RecommendationSet(
                profile_id=bob.id, source="offline", paths=[], count=1, last_updated=when, code="SA"
            ),
        }
    )
    rows = recommendation_rows(app.db, stored)  # type: ignore[arg-type]
    # Sorted by name whatever its case: ann, Bob, carl.
    assert [r["username"] for r in rows] == ["ann", "Bob", "carl"]
    assert rows[0] == {
        "user_id": str(ann.id),
        "username": "ann",
        "name": "Ann Émile",
        "hometown": "Leeds",
        "course": "BSc Computing",
        "interests": "puzzles, data; RIASEC code ICR",  # white space collapsed
        "career_recommendations": json.dumps(
            [
                {
                    "title": "Data Analyst",
                    "roles": ["data_analyst"],
                    "occupations": ["15-2051.01"],
                    "why": ["Your course teaches SQL."],
                    "key_skills": ["SQL"],
                    "first_steps": ["Take the SQL assessment."],
                    "fit": 71.5,
                    "source": "offline",
                }
            ]
        ),
        "last_updated": "2026-01-05T09:00:00+00:00",
        "recommendation_count": "3",
    }
    assert "Émile" not in rows[0]["career_recommendations"]  # the name is not in the paths
    assert rows[1]["interests"] == "RIASEC code SA"  # no interests of their own
    assert (rows[1]["career_recommendations"], rows[1]["recommendation_count"]) == ("[]", "1")
    # Nothing stored for carl: no paths, no date, count 0.
    assert rows[2] == {
        "user_id": str(carl.id),
        "username": "carl",
        "name": "",
        "hometown": "",
        "course": "",
        "interests": "chess",
        "career_recommendations": "[]",
        "last_updated": "",
        "recommendation_count": "0",
    }
    only = recommendation_rows(app.db, stored, [carl.id, bob.id])  # type: ignore[arg-type]
    assert [r["username"] for r in only] == ["Bob", "carl"]
    assert recommendation_rows(app.db, stored, []) == []  # type: ignore[arg-type]


def test_recommendation_rows_keep_accents_readable(app: App) -> None:
    zoe = app.profiles.create("zoe", ProfileDetails())
    path = CareerPath(title="Analyste de données", why=["Café"])
    when = datetime(2026, 1, 5, tzinfo=UTC)
    stored = _Stored(
        {
            zoe.id: RecommendationSet(
                profile_id=zoe.id, source="ai", paths=[path], count=1, last_updated=when
            )
        }
    )
    (row,) = recommendation_rows(app.db, stored)  # type: ignore[arg-type]
    assert "Analyste de données" in row["career_recommendations"]  # not \u00e9
    assert row["interests"] == ""  # no interests and no code


def test_recommendation_rows_sort_names_lower_cased(app: App) -> None:
    # Names compare lower-cased: "ann_lee" before "annz" ("_" is U+005F, "z" U+007A; with
    # punctuation ignored, as some collations do, "annlee" is still before "annz").
    # Upper-cased they would swap ("Z" is U+005A, before "_"). Created in the other order.
    annz = app.profiles.create("Annz")
    ann_lee = app.profiles.create("ann_lee")
    rows = recommendation_rows(app.db, _Stored({}))  # type: ignore[arg-type]
    assert [(r["user_id"], r["username"]) for r in rows] == [
        (str(ann_lee.id), "ann_lee"),
        (str(annz.id), "Annz"),
    ]
