"""The Résumés tab: match report and tailoring editor (docs/resumes.md)."""
