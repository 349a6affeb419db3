"""The context keeps the current learner as last read (careerdesk/ui/shell/context.py).

Screens ask ``ctx.profile()`` on every refresh; each read used to run on the GUI thread. These
tests count the SQL statements the calling thread sends, so a cache that never reads, or one
that keeps stale data, fails.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from careerdesk.core.kernel.events import DataRestored
from careerdesk.core.profiles.events import ProfileUpdated
from careerdesk.ui.shell.context import UiContext


class Statements:
    """SQL statements sent from this thread."""

    def __init__(self, engine: Any) -> None:
        self.count = 0
        self._engine = engine
        self._thread = threading.current_thread()
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: object) -> None:
        if threading.current_thread() is self._thread:
            self.count += 1

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._seen)


@pytest.fixture
def ctx(sqlite_app: Any, qtbot: Any) -> Iterator[UiContext]:
    context = UiContext(sqlite_app)
    yield context
    context.shutdown()


@pytest.fixture
def sql(sqlite_app: Any) -> Iterator[Statements]:
    counter = Statements(sqlite_app.db.engine)
    yield counter
    counter.close()


def test_a_learner_given_with_their_profile_is_not_read_again(
    sqlite_app: Any, ctx: UiContext, sql: Statements
) -> None:
    ann = sqlite_app.profiles.create("Ann")
    sql.count = 0
    ctx.set_profile(ann.id, ann)
    assert ctx.profile() == ann
    assert ctx.profile() == ann
    assert sql.count == 0


def test_a_learner_given_by_id_is_read_once(
    sqlite_app: Any, ctx: UiContext, sql: Statements
) -> None:
    ann = sqlite_app.profiles.create("Ann")
    sql.count = 0
    ctx.set_profile(ann.id)
    first = ctx.profile()
    after_first = sql.count
    assert first is not None and first.name == "Ann"
    assert after_first >= 1
    assert ctx.profile() == first
    assert sql.count == after_first


def test_a_profile_for_someone_else_is_not_taken(sqlite_app: Any, ctx: UiContext) -> None:
    ann = sqlite_app.profiles.create("Ann")
    bob = sqlite_app.profiles.create("Bob")
    ctx.set_profile(ann.id, bob)  # a caller's slip must not show Bob's name for Ann
    shown = ctx.profile()
    assert shown is not None and shown.name == "Ann"


def test_a_rename_and_a_new_pin_show_at_once(sqlite_app: Any, ctx: UiContext) -> None:
    ann = sqlite_app.profiles.create("Ann")
    ctx.set_profile(ann.id, ann)
    sqlite_app.profiles.rename(ann.id, "Ann Lee")
    renamed = ctx.profile()
    assert renamed is not None and renamed.name == "Ann Lee"
    assert not renamed.has_pin
    # The kiosk stores the hash, then announces it: the bar must offer "Change my PIN…".
    sqlite_app.profiles.set_pin_hash(ann.id, "hash")
    sqlite_app.bus.publish(ProfileUpdated(profile_id=ann.id, fields=("pin",)))
    with_pin = ctx.profile()
    assert with_pin is not None and with_pin.has_pin


def test_events_about_others_keep_it_and_a_restore_drops_it(
    sqlite_app: Any, ctx: UiContext, sql: Statements
) -> None:
    ann = sqlite_app.profiles.create("Ann")
    bob = sqlite_app.profiles.create("Bob")
    ctx.set_profile(ann.id, ann)
    sql.count = 0
    sqlite_app.bus.publish(ProfileUpdated(profile_id=bob.id, fields=("name",)))
    ctx.profile()
    assert sql.count == 0
    sqlite_app.bus.publish(DataRestored(profile_id=None))
    ctx.profile()
    assert sql.count >= 1


def test_a_change_during_the_read_is_not_hidden_by_it(sqlite_app: Any, ctx: UiContext) -> None:
    ann = sqlite_app.profiles.create("Ann")
    ctx.set_profile(ann.id)
    real_get = sqlite_app.profiles.get
    calls = []

    def get_while_someone_renames(profile_id: int) -> Any:
        calls.append(profile_id)
        before = real_get(profile_id)  # the read saw the old row...
        if len(calls) == 1:  # ...and the rename committed and was announced meanwhile
            sqlite_app.profiles.rename(ann.id, "Ann Lee")
        return before

    sqlite_app.profiles.get = get_while_someone_renames
    try:
        stale = ctx.profile()
        fresh = ctx.profile()
    finally:
        sqlite_app.profiles.get = real_get
    assert stale is not None and stale.name == "Ann"
    assert fresh is not None and fresh.name == "Ann Lee"  # the stale read was not kept
    assert len(calls) == 2


def test_after_shutdown_the_context_no_longer_listens(sqlite_app: Any, qtbot: Any) -> None:
    before = len(sqlite_app.bus._handlers)
    context = UiContext(sqlite_app)
    assert len(sqlite_app.bus._handlers) > before
    context.shutdown()
    assert len(sqlite_app.bus._handlers) == before
