"""The job pipeline: applications with a validated lifecycle and an event-sourced history.

- ``states``: the 14 states and the transition table (pure).
- ``history``: event kinds and ``replay(events) -> state`` (pure).
- ``models``: the pydantic models the service returns and accepts.
- ``service``: ``ApplicationService`` (create, edit, move, interviews, offers, list, detail).
- ``queries``: the read side (board/table rows, details, next actions).
- ``events``: the domain events published after each commit.
- ``io/``: CSV/JSON import and export (``io.service``); ``io.parsing`` reads messy dates and
  salaries.
- ``intel/``: pipeline intelligence (follow-ups, fit, job recommendations, analytics).
"""
