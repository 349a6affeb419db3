"""Reusable widgets (seek bar, playlist, player pieces)."""
