"""Shipped reference data (catalogue, O*NET, levels) and the job-posting skill extractor."""
