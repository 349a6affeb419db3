"""Pipeline intelligence (issue 8): follow-ups, per-job fit, recommendations, outcome analytics."""
