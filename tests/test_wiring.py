"""The composition root: every service has a factory, one instance each, events wired at start."""

from __future__ import annotations

import importlib

import pytest

from careerdesk.app import App
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.service import ApplicationService
from careerdesk.wiring import FACTORIES


def _class(key: str) -> type:
    module, _, name = key.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    assert isinstance(cls, type)
    return cls


@pytest.mark.parametrize("key", sorted(FACTORIES))
def test_each_factory_builds_its_class_once(sqlite_app: App, key: str) -> None:
    cls = _class(key)
    first = sqlite_app.service(cls)
    assert isinstance(first, cls)
    assert sqlite_app.service(cls) is first


def test_a_class_that_is_not_a_service_is_refused(sqlite_app: App) -> None:
    with pytest.raises(LookupError, match="not a service"):
        sqlite_app.service(dict)


def test_follow_ups_react_without_anyone_asking_for_them_first(sqlite_app: App) -> None:
    # Nothing has built FollowUpService yet; the subscription was made when the app started.
    assert FollowUpService not in sqlite_app._services
    pid = sqlite_app.profiles.create("Ann").id
    sqlite_app.service(ApplicationService).create(
        pid, {"company": "Acme", "title": "Data Analyst", "state": "APPLIED"}
    )
    pending = sqlite_app.service(FollowUpService).pending(pid)
    # Applying starts the post-application sequence: three steps (docs/intel.md).
    assert [p.scenario for p in pending] == ["post_application"] * 3
