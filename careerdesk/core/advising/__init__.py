"""The advisor's cohort view: flags, one Protocol per fact, adapters, learner-report data."""
