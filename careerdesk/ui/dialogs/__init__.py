"""Dialogs shared across tabs."""
