"""A learner's skill levels and target roles, gap analysis, and skill-series analytics."""
