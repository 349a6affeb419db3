"""Pipeline-intelligence fixtures: the pipeline's own (service on a fixed clock, Monday 2 March
2026, and a profile), shared rather than copied."""

from __future__ import annotations

from tests.core.pipeline.conftest import START, clock, pid, svc

__all__ = ["START", "clock", "pid", "svc"]
