"""Company-card tests use the posting fixtures (cards are made from saved postings)."""

from tests.core.postings.conftest import START, clock, companies, pid, postings

__all__ = ["START", "clock", "companies", "pid", "postings"]
