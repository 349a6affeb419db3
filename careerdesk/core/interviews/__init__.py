"""Interview practice: scores, notes, per-skill feedback (Gemini or the offline rules)."""
