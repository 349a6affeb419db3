"""Pages of the Assessments tab: start (setup, history), quiz, review."""
