"""Vocabulary for the job-posting skill extractor (careerdesk.core.job_skills)."""
