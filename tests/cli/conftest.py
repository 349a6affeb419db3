"""The CLI's demo test of postings uses the posting fixtures' fixed clock."""

from tests.core.postings.conftest import clock

__all__ = ["clock"]
