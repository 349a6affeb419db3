"""Learner profiles (several people per install) and the workflow progress bar."""
