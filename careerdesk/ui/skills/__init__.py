"""Skill widgets: the target-role and self-rating dialog."""
