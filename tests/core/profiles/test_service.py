"""Profiles: create/rename/delete rules, isolation between learners, cascade on delete."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from careerdesk.core.kernel.errors import NotFoundError, ValidationError
from careerdesk.core.profiles.events import ProfileCreated, ProfileDeleted
from careerdesk.core.profiles.service import ProfileDetails
from careerdesk.core.skills.events import TargetRoleChanged
from careerdesk.core.storage.tables import load_all
from careerdesk.core.storage.tables.content import ContentItem, ContentProgress
from careerdesk.core.storage.tables.profiles import LearningEvent


def test_create_rename_list(app) -> None:  # type: ignore[no-untyped-def]
    seen = []
    app.bus.subscribe(ProfileCreated, seen.append)
    a = app.profiles.create("  Ann   Lee ")
    assert a.name == "Ann Lee"
    app.profiles.create("bob")
    assert [p.name for p in app.profiles.list()] == ["Ann Lee", "bob"]
    app.profiles.rename(a.id, "Annie")
    assert app.profiles.by_name("annie").id == a.id
    assert len(seen) == 2


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81, "tab\x07bell"])
def test_bad_names_refused(app, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        app.profiles.create(bad)
    assert app.profiles.list() == []


def test_duplicate_names_refused_case_insensitively(app) -> None:  # type: ignore[no-untyped-def]
    app.profiles.create("Ann")
    with pytest.raises(ValidationError, match="already exists"):
        app.profiles.create("ANN")
    b = app.profiles.create("Bob")
    with pytest.raises(ValidationError):
        app.profiles.rename(b.id, "ann")


def test_unknown_profile_names_the_existing_ones(app) -> None:  # type: ignore[no-untyped-def]
    app.profiles.create("Ann")
    with pytest.raises(NotFoundError, match="Ann"):
        app.profiles.by_name("Zed")


def test_details_and_target_roles(app) -> None:  # type: ignore[no-untyped-def]
    events = []
    app.bus.subscribe(TargetRoleChanged, events.append)
    p = app.profiles.create("Ann")
    app.profiles.update_details(p.id, ProfileDetails(location="Leeds", interests="maps"))
    app.profiles.set_target_roles(p.id, ["data_analyst", "data_analyst", " "])
    got = app.profiles.get(p.id)
    assert got.location == "Leeds" and got.target_role_ids == ["data_analyst"]
    assert events[0].role_ids == ("data_analyst",)


def _owned_counts(app, profile_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    with app.db.read() as s:
        for table in load_all().metadata.sorted_tables:
            if "profile_id" in table.c:
                counts[table.name] = s.scalar(
                    select(func.count()).select_from(table).where(table.c.profile_id == profile_id)
                )
    return counts


def _give_data(app, profile_id: int) -> None:  # type: ignore[no-untyped-def]
    with app.db.session() as s:
        item = ContentItem(profile_id=profile_id, kind="video", title="mine", skills=[])
        s.add(item)
        s.flush()
        s.add(ContentProgress(profile_id=profile_id, content_id=item.id, state="DONE"))
        s.add(LearningEvent(profile_id=profile_id, kind="content_completed"))


def test_profiles_never_see_each_others_rows(app) -> None:  # type: ignore[no-untyped-def]
    a = app.profiles.create("Ann")
    b = app.profiles.create("Bob")
    _give_data(app, a.id)
    assert sum(_owned_counts(app, a.id).values()) == 3
    assert sum(_owned_counts(app, b.id).values()) == 0


def test_delete_removes_every_row_of_that_profile_only(app) -> None:  # type: ignore[no-untyped-def]
    deleted = []
    app.bus.subscribe(ProfileDeleted, deleted.append)
    a = app.profiles.create("Ann")
    b = app.profiles.create("Bob")
    _give_data(app, a.id)
    _give_data(app, b.id)
    app.profiles.delete(a.id)
    assert sum(_owned_counts(app, a.id).values()) == 0
    assert sum(_owned_counts(app, b.id).values()) == 3
    assert [p.name for p in app.profiles.list()] == ["Bob"]
    assert deleted[0].name == "Ann"
    with pytest.raises(NotFoundError):
        app.profiles.get(a.id)
