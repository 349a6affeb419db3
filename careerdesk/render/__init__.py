"""Drawing without Qt (matplotlib): the skill and pipeline charts, the learner report."""
