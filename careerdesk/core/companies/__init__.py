"""Company cards (docs/postings.md): shared by all applications to a company; cached research."""
