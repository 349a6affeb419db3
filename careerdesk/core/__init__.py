"""Domain rules and services: no Qt, ui, integrations or render imports (tests/test_layers.py)."""
