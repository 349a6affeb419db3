"""Extraction precision and recall against the hand labels of ``corpus.py``.

Run: ``python -m tests.core.resumes.measure`` (prints a table and the totals; also used by
``test_corpus.py``). Counts are of catalogue skill ids per document, micro-averaged.
"""

from __future__ import annotations

from dataclasses import dataclass

from careerdesk.core.postings.reader import read_posting
from careerdesk.core.reference.catalog import load_catalog
from careerdesk.core.reference.onet import onet
from careerdesk.core.resumes.rules import resume_skills
from tests.core.resumes.corpus import POSTINGS, RESUMES


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, found: set[str], labels: set[str]) -> tuple[set[str], set[str]]:
        self.tp += len(found & labels)
        self.fp += len(found - labels)
        self.fn += len(labels - found)
        return found - labels, labels - found

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def resume_texts() -> dict[str, str]:
    return {r.key: r.text for r in RESUMES}


def measure(resume_text: dict[str, str] | None = None) -> tuple[Score, Score, list[str]]:
    """(résumé score, posting score, per-document lines). ``resume_text`` overrides the
    corpus texts (e.g. the text read back from the PDF/DOCX files)."""
    from datetime import date

    catalog, data = load_catalog(), onet()
    texts = resume_text or resume_texts()
    rs, ps = Score(), Score()
    lines: list[str] = []
    for r in RESUMES:
        found = set(resume_skills(texts[r.key], catalog, data).skill_ids)
        extra, missed = rs.add(found, set(r.skills))
        lines.append(f"résumé  {r.key:<20} extra={sorted(extra)} missed={sorted(missed)}")
    for p in POSTINGS:
        read = read_posting(p.text, today=date(2026, 3, 2), catalog=catalog, onet=data)
        found = {s.skill_id for s in [*read.required, *read.preferred] if s.skill_id}
        extra, missed = ps.add(found, set(p.required | p.preferred))
        lines.append(f"posting {p.key:<20} extra={sorted(extra)} missed={sorted(missed)}")
    return rs, ps, lines


def main() -> None:
    rs, ps, lines = measure()
    print("\n".join(lines))
    for name, s in (("résumés", rs), ("postings", ps)):
        print(
            f"{name}: precision {s.precision:.3f} recall {s.recall:.3f} "
            f"(tp {s.tp}, fp {s.fp}, fn {s.fn})"
        )


if __name__ == "__main__":
    main()
