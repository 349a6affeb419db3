"""0015_skills_evidence_ledger: earlier levels, answers, practices and ratings become evidence.

A database at 0013 with a learner's history (a submitted assessment with three answers, an
older measured level without answers, two self-ratings, an interview practice and a real
interview, an insights snapshot) is upgraded; every earlier row is still there, unchanged, the
ledger holds the evidence written out below, and the stored insights document still reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from careerdesk.core.storage import migrations as mig
from careerdesk.core.storage.engine import Database, sqlite_url

AT = "2026-01-05 09:00:00"
LATER = "2026-01-06 10:00:00"

ROWS: list[tuple[str, dict[str, Any]]] = [
    ("profiles", {"id": 1, "name": "Ada", "full_name": "", "location": "", "field_of_study": "",
                  "interests": "", "target_role_ids": json.dumps(["data_analyst"]),
                  "pin_hash": None, "last_active_at": AT, "created_at": AT, "updated_at": AT}),
    ("assessment_sessions", {"id": 1, "profile_id": 1, "state": "submitted", "role_id": None,
                             "skills": json.dumps(["sql"]), "length": 3, "time_limit_s": None,
                             "elapsed_s": 60.0, "question_ids": json.dumps(["q1", "q2", "q3"]),
                             "source": "bank", "notice": "", "current_index": 2,
                             "overall_score": 66.7, "started_at": AT, "updated_at": AT,
                             "ended_at": AT}),
    *[
        ("assessment_answers", {"id": i, "profile_id": 1, "session_id": 1, "position": i - 1,
                                "question_id": f"q{i}", "skill_id": "sql", "difficulty": diff,
                                "source": "bank", "prompt": "Which clause?",
                                "options": json.dumps(["a", "b", "c", "d"]), "correct_index": 0,
                                "explanation": "Because.", "chosen": chosen, "flagged": False,
                                "answered_at": AT})
        for i, diff, chosen in ((1, "easy", 0), (2, "medium", 1), (3, "hard", None))
    ],
    ("assessment_results", {"id": 1, "profile_id": 1, "session_id": 1, "skill_id": "sql",
                            "score": 16.7, "correct": 1, "total": 3, "points": 1.0,
                            "max_points": 6.0}),
    ("skill_levels", {"id": 1, "profile_id": 1, "skill_id": "sql", "level": 16.7,
                      "source": "assessment", "measured_at": AT, "session_id": 1}),
    ("skill_levels", {"id": 2, "profile_id": 1, "skill_id": "python", "level": 55.0,
                      "source": "assessment", "measured_at": AT, "session_id": None}),
    ("skill_levels", {"id": 3, "profile_id": 1, "skill_id": "communication", "level": 50.0,
                      "source": "self", "measured_at": AT, "session_id": None}),
    ("skill_levels", {"id": 4, "profile_id": 1, "skill_id": "communication", "level": 70.0,
                      "source": "self", "measured_at": LATER, "session_id": None}),
    ("interview_practices", {"id": 1, "profile_id": 1, "held_at": AT, "kind": "mock", "title": "",
                             "application_id": None, "focus_skill_id": "sql",
                             "communication": 60, "technical": 40, "problem_solving": None,
                             "code_quality": None, "notes": "", "transcript": "",
                             "created_at": AT, "updated_at": AT}),
    ("interview_practices", {"id": 2, "profile_id": 1, "held_at": LATER, "kind": "onsite",
                             "title": "Globex", "application_id": 9, "focus_skill_id": None,
                             "communication": 80, "technical": None, "problem_solving": None,
                             "code_quality": None, "notes": "", "transcript": "",
                             "created_at": LATER, "updated_at": LATER}),
    ("interview_skill_levels", {"id": 1, "profile_id": 1, "practice_id": 1,
                                "dimension": "communication", "skill_id": "communication",
                                "level": 60.0, "measured_at": AT}),
    ("interview_skill_levels", {"id": 2, "profile_id": 1, "practice_id": 1,
                                "dimension": "technical", "skill_id": "sql", "level": 40.0,
                                "measured_at": AT}),
    ("interview_skill_levels", {"id": 3, "profile_id": 1, "practice_id": 2,
                                "dimension": "communication", "skill_id": "communication",
                                "level": 80.0, "measured_at": LATER}),
    ("insight_snapshots", {"id": 1, "profile_id": 1, "computed_at": AT,
                           "target_role_id": "data_analyst", "readiness": 12.5,
                           "assessment_component": 17.9, "learning_component": 0.0,
                           "chances": json.dumps({"Google": 0.2}), "fingerprint": "f" * 64,
                           "document": json.dumps({"old": "document"})}),
]  # fmt: skip

# (kind, skill, value, difficulty, ref, observed_at), written out from the docstring's rules
EXPECTED = {
    ("quiz_answer", "sql", 1.0, 25.0, "answer:1", AT),
    ("quiz_answer", "sql", 0.0, 50.0, "answer:2", AT),
    ("quiz_answer", "sql", 0.0, 75.0, "answer:3", AT),
    ("assessment_score", "python", 55.0, None, "level:2", AT),
    ("self_rating", "communication", 50.0, None, "self", AT),
    ("self_rating", "communication", 70.0, None, "self", LATER),
    ("interview_practice", "communication", 60.0, None, "interview:1:communication", AT),
    ("interview_practice", "sql", 40.0, None, "interview:1:technical", AT),
    ("interview_real", "communication", 80.0, None, "interview:2:communication", LATER),
}


def _insert(db: Database) -> None:
    with db.engine.begin() as conn:
        for table, row in ROWS:
            cols = ", ".join(row)
            conn.execute(
                text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in row)})"),
                row,
            )


def test_upgrade_turns_history_into_evidence_and_keeps_every_row(tmp_path: Path) -> None:
    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        mig.upgrade(db.engine, "0013_merge_heads")
        _insert(db)
        mig.upgrade(db.engine, "0015_skills_evidence_ledger")
        with db.engine.connect() as conn:
            for table, row in ROWS:
                got = conn.execute(
                    text(f"SELECT {', '.join(row)} FROM {table} WHERE id = :id"), {"id": row["id"]}
                ).all()
                assert [tuple(r) for r in got] == [tuple(row.values())], table
            evidence = conn.execute(
                text(
                    "SELECT kind, skill_id, value, difficulty, ref, observed_at, profile_id"
                    " FROM skill_evidence"
                )
            ).all()
        assert {tuple(r[:6]) for r in evidence} == EXPECTED
        assert len(evidence) == len(EXPECTED)
        assert {r[6] for r in evidence} == {1}
    finally:
        db.dispose()


def test_the_model_reads_the_migrated_ledger(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from careerdesk.core.skills.ledger import read_evidence
    from careerdesk.core.skills.model_rules import estimate_all

    db = Database(sqlite_url(tmp_path / "old.sqlite3"))
    try:
        mig.upgrade(db.engine, "0013_merge_heads")
        _insert(db)
        mig.upgrade(db.engine)
        with db.read() as s:
            got = estimate_all(read_evidence(s, 1), datetime(2026, 1, 6, 10, tzinfo=UTC))
        # python: one assessment score of 55 (sd 12), a day old: 55
        assert got["python"].estimate == 55.0 and got["python"].sources == ("assessment_score",)
        # communication: the newest self-rating (70) as prior, practice 60 (sd 15) and the
        # real interview 80 (sd 12) a day later
        assert got["communication"].sources == (
            "interview_practice",
            "interview_real",
            "self_rating",
        )
        assert got["communication"].evidence_count == 3
        # prior N(70, 25²); practice: k = 625/850 → 62.65, var 165.4; a day (+0.52 var) later
        # the real interview: k = 165.9/(165.9 + 144) = 0.5354 → 62.65 + 0.5354 × 17.35 = 71.9
        assert got["communication"].estimate == 71.9
    finally:
        db.dispose()
