"""Printable documents rendered with matplotlib (no Qt, so the CLI can make them too)."""
