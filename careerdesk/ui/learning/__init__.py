"""Widgets of the Learning tab (path, gap analysis) and helpers shared with Assessments."""
