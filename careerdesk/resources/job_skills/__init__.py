"""Vocabulary for the job-posting skill extractor (careerdesk.core.reference.skill_extractor)."""
