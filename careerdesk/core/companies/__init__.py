"""Company cards (issue 12): shared by all applications to a company; cached online research."""
