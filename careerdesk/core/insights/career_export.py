"""CSV export of career recommendations in the columns listed in docs/insights.md.

Cells are neutralised against formula injection: a spreadsheet treats a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula, so such cells get a
leading apostrophe (OWASP's advice). The file is UTF-8 with a BOM so Excel reads accents.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sqlalchemy import func, select

from careerdesk.core.insights.career_service import CareerRecommendationService
from careerdesk.core.kernel.files import atomic_write_text
from careerdesk.core.storage.engine import Database
from careerdesk.core.storage.tables.profiles import Profile

COLUMNS = (
    "user_id",
    "username",
    "name",
    "hometown",
    "course",
    "interests",
    "career_recommendations",
    "last_updated",
    "recommendation_count",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """The cell text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def recommendation_rows(
    db: Database, service: CareerRecommendationService, profile_ids: list[int] | None = None
) -> list[dict[str, str]]:
    """One row per profile (all profiles by default), in the export's columns."""
    with db.read() as s:
        query = select(Profile).order_by(func.lower(Profile.name))
        if profile_ids is not None:
            query = query.where(Profile.id.in_(profile_ids))
        profiles = [
            (p.id, p.name, p.full_name, p.location, p.field_of_study, p.interests)
            for p in s.scalars(query)
        ]
    rows = []
    for pid, name, full_name, location, course, interests in profiles:
        rec = service.get(pid)
        text = " ".join(interests.split())
        if rec is not None and rec.code:
            text = f"{text}; RIASEC code {rec.code}" if text else f"RIASEC code {rec.code}"
        paths = (
            [
                {
                    "title": p.title,
                    "roles": p.role_ids,
                    "occupations": [o.code for o in p.occupations],
                    "why": p.why,
                    "key_skills": p.key_skills,
                    "first_steps": p.first_steps,
                    "fit": p.fit,
                    "source": p.source,
                }
                for p in rec.paths
            ]
            if rec is not None
            else []
        )
        rows.append(
            {
                "user_id": str(pid),
                "username": name,
                "name": full_name,
                "hometown": location,
                "course": course,
                "interests": text,
                "career_recommendations": json.dumps(paths, ensure_ascii=False),
                "last_updated": rec.last_updated.isoformat() if rec is not None else "",
                "recommendation_count": str(rec.count if rec is not None else 0),
            }
        )
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    """The CSV text (header + rows) with every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([neutralise(row.get(c, "")) for c in COLUMNS])
    return buffer.getvalue()


def export_csv(path: Path, rows: list[dict[str, str]]) -> int:
    """Write ``rows`` to ``path`` atomically (UTF-8 with BOM); returns the row count."""
    atomic_write_text(path, "\ufeff" + to_csv(rows))
    return len(rows)
