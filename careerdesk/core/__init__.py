"""Domain rules and services. Never imports Qt (tests/core/test_layers.py enforces it)."""
