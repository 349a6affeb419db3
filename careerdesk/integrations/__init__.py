"""Adapters that implement the Protocols in careerdesk.core.kernel.ports."""
