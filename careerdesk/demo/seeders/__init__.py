"""Demo seeders, one module per feature (see careerdesk.demo)."""
