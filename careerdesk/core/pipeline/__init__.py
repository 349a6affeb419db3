"""The job pipeline: applications with a validated lifecycle and an event-sourced history.

- ``states``: the 14 states and the transition table (pure).
- ``history``: event kinds and ``replay(events) -> state`` (pure).
- ``models``: the pydantic models the service returns and accepts.
- ``service``: ``ApplicationService`` (create, edit, move, interviews, offers, list, detail).
- ``transfer``: CSV/JSON import and export; ``parsing`` reads messy dates and salaries.
"""
