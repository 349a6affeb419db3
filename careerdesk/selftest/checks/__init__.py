"""Self-test checks, one module per area; each exposes ``CHECKS``."""
