"""Adapters that implement the Protocols in careerdesk.core.ports."""
