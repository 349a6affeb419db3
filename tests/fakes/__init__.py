"""Loopback fakes for the outside world (Gemini, Google Calendar, keyring)."""
