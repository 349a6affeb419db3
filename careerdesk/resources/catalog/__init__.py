"""Read-only reference catalog: skills, target roles, learning content and the RIASEC interest questionnaire."""
