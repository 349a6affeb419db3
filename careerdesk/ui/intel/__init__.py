"""Widgets of the pipeline-intelligence feature (follow-ups, fit, recommendations)."""
