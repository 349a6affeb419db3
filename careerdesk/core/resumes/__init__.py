"""Résumés and cover letters: library, match report, tailoring (docs/resumes.md)."""
