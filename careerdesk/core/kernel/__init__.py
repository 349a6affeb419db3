"""Shared by every feature: clock, errors, events and bus, paths, settings, ports, plug-ins."""
