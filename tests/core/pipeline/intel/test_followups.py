"""Follow-ups: timing strategies across weekends, automatic start/cancel, templates, compose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from careerdesk.core.kernel.errors import UserError, ValidationError
from careerdesk.core.pipeline.intel import followup_rules as rules
from careerdesk.core.pipeline.intel.followup_service import FollowUpService
from careerdesk.core.pipeline.models import ApplicationInput, ContactInput, InterviewInput
from careerdesk.core.pipeline.states import State
from careerdesk.core.profiles.service import ProfileDetails

FRI = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)  # a Friday


def _days(start: datetime, dues: list[datetime]) -> list[str]:
    return [d.strftime("%a %d") for d in dues]


def test_fixed_days_land_on_weekends_too() -> None:
    dues = rules.schedule(FRI, [1, 3, 7, 14], "fixed")
    assert _days(FRI, dues) == ["Sat 07", "Mon 09", "Fri 13", "Fri 20"]
    assert all(d.hour == 10 for d in dues)


def test_business_days_skip_weekends() -> None:
    dues = rules.schedule(FRI, [1, 3, 7, 14], "business")
    assert _days(FRI, dues) == ["Mon 09", "Wed 11", "Tue 17", "Thu 26"]
    assert all(d.weekday() < 5 for d in dues)
    saturday = FRI + timedelta(days=1)
    assert rules.add_business_days(saturday, 1).strftime("%a %d") == "Mon 09"
    assert rules.add_business_days(saturday, 0) == saturday


def test_exponential_backoff_doubles() -> None:
    dues = rules.schedule(FRI, [3, 7, 14], "backoff")
    assert [(d - FRI).days for d in dues] == [3, 6, 12]
    assert rules.schedule(FRI, [], "fixed") == []


def test_render_with_missing_variables_is_a_clear_error() -> None:
    text = "Dear {name}, about {role} at {company}"
    assert rules.render(text, {"name": "Ann", "role": "Analyst", "company": "Monzo"}) == (
        "Dear Ann, about Analyst at Monzo"
    )
    # Missing values fall back to the built-in defaults (docs/intel.md, Templates).
    assert rules.render(text, {"name": " ", "role": "Analyst"}) == (
        "Dear hiring team, about Analyst at your company"
    )
    # Only a variable without value or default refuses: {me} (the learner's own name).
    with pytest.raises(rules.TemplateError) as err:
        rules.render("From {me} and {me}", {"name": " "})
    assert err.value.missing == ["me"]
    assert "{me}" in str(err.value) and "Nothing was sent" in str(err.value)
    with pytest.raises(rules.TemplateError, match="Unknown variable"):
        rules.check_template("Hi {nmae}", "")
    with pytest.raises(rules.TemplateError, match="unmatched"):
        rules.check_template("Hi {name", "")


def test_builtin_templates_match_the_docs() -> None:
    """docs/intel.md: post-application 3/7/14 calendar days, thank-you 1 day, no-response
    nudges 7/14 days, offer follow-up 2 business days."""
    got = {t.key: (t.scenario, t.offsets, t.strategy) for t in rules.BUILTIN_TEMPLATES}
    assert got == {
        "post_application": ("post_application", [3, 7, 14], "fixed"),
        "thank_you": ("thank_you", [1], "fixed"),
        "no_response": ("no_response", [7, 14], "fixed"),
        "offer": ("offer", [2], "business"),
    }


def test_mailto_encodes_everything() -> None:
    url = rules.mailto("jo@x.com", "Re: Analyst & more", "Line 1\nLine 2 ?&=")
    parsed = urlparse(url)
    assert parsed.scheme == "mailto" and parsed.path == "jo@x.com"
    q = parse_qs(parsed.query)
    assert q["subject"] == ["Re: Analyst & more"]
    assert q["body"] == ["Line 1\r\nLine 2 ?&="]


@pytest.fixture
def fu(app, clock) -> FollowUpService:  # type: ignore[no-untyped-def]
    return app.service(FollowUpService)


def test_applied_starts_post_application_and_reply_cancels(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Monzo", title="Data Analyst"))
    assert fu.pending(pid) == []  # saved: nothing yet
    svc.move(a.id, State.APPLIED)  # Monday 2 March 12:00
    pending = fu.pending(pid)
    assert [p.scenario for p in pending] == ["post_application"] * 3
    # Built-in post-application timing is fixed calendar days: 3, 7, 14 from Monday 2 March.
    assert [p.due_at.strftime("%a %d") for p in pending] == ["Thu 05", "Mon 09", "Mon 16"]
    assert fu.due(pid) == []
    clock.advance(days=3)
    assert [d.step for d in fu.due(pid)] == [0]
    assert fu.record_reply(a.id) == 3
    assert fu.pending(pid) == []
    statuses = {f.status for f in fu.for_application(a.id)}
    assert statuses == {"cancelled"}


def test_state_change_cancels_and_revert_undoes(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="BBC", title="Analyst", state=State.APPLIED))
    assert len(fu.pending(pid)) == 3  # created as Applied starts it too
    clock.advance(days=1)
    svc.move(a.id, State.SCREENING)
    assert fu.pending(pid) == []
    reasons = {f.cancel_reason for f in fu.for_application(a.id)}
    assert reasons == {"response: moved to screening"}
    # Offer received starts the offer follow-up; reverting the move cancels it.
    svc.move(a.id, State.OFFER_RECEIVED)
    assert [p.scenario for p in fu.pending(pid)] == ["offer"]
    # Offer follow-up: 2 business days after Tuesday 3 March 12:00 is Thursday 5 March.
    assert [p.due_at for p in fu.pending(pid)] == [datetime(2026, 3, 5, 12, 0, tzinfo=UTC)]
    svc.revert_state(a.id)
    assert fu.pending(pid) == []


def test_interview_outcome_starts_thank_you_and_nudges(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Stripe", title="Analyst", state=State.APPLIED))
    svc.move(a.id, State.PHONE_INTERVIEW)
    iv = svc.add_interview(
        a.id,
        InterviewInput(
            kind="phone", starts_at=clock.now() - timedelta(hours=2), interviewers=["Sam"]
        ),
    )
    assert fu.pending(pid) == []  # scheduled: no outcome yet
    ivid = iv.interviews[0].id if hasattr(iv, "interviews") else iv.id
    svc.update_interview(ivid, {"outcome": "completed"})
    scen = [p.scenario for p in fu.pending(pid)]
    assert scen == ["thank_you", "no_response", "no_response"]
    # docs/intel.md: thank-you 1 day, nudges 7 and 14 calendar days after the interview
    # (anchored when the outcome was saved, Monday 2 March 12:00, the interview having ended
    # at 11:00 but been updated later).
    assert [p.due_at for p in fu.pending(pid)] == [
        datetime(2026, 3, 3, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 9, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 16, 12, 0, tzinfo=UTC),
    ]
    svc.update_interview(ivid, {"notes": "went well"})  # same trigger: not started twice
    assert len(fu.pending(pid)) == 3


def test_compose_fills_template_or_refuses(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Monzo", title="Data Analyst"))
    svc.move(a.id, State.APPLIED)
    first = fu.pending(pid)[0]
    plain = fu.compose(first.id)  # no contact: the greeting falls back, nothing refuses
    assert plain.to == ""
    assert plain.body.startswith("Dear hiring team,\n\nI applied for the Data Analyst ")
    assert plain.body.endswith("Best regards,\nAnn")  # the profile's name
    assert fu.pending(pid)[0].status == "pending"  # composing sends nothing
    svc.add_contact(a.id, ContactInput(name="Jo Recruiter", email="jo@monzo.com"))
    app.profiles.update_details(pid, ProfileDetails(full_name="Ann Lee"))
    msg = fu.compose(first.id)
    assert msg.to == "jo@monzo.com"
    assert "Dear Jo Recruiter" in msg.body and msg.body.endswith("Ann Lee")
    assert "2 March 2026" in msg.body
    assert msg.url.startswith("mailto:jo@monzo.com?subject=")


def test_snooze_mark_sent_and_notifications(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Monzo", title="Analyst", state=State.APPLIED))
    clock.advance(days=3)
    due = fu.due(pid)
    assert len(due) == 1
    assert [d.id for d in fu.take_new_due(pid)] == [due[0].id]
    assert fu.take_new_due(pid) == []  # announced once
    fu.snooze(due[0].id, days=2)
    assert fu.due(pid) == []
    clock.advance(days=2, minutes=1)
    assert [d.id for d in fu.take_new_due(pid)] == [due[0].id]  # announced again
    fu.mark_sent(due[0].id)
    with pytest.raises(ValidationError):
        fu.mark_sent(due[0].id)
    with pytest.raises(ValidationError):
        fu.snooze(fu.pending(pid)[0].id, days=0)
    assert a.id


def test_templates_are_editable_and_validated(app, pid, fu) -> None:  # type: ignore[no-untyped-def]
    templates = fu.templates(pid)
    assert [t.scenario for t in templates] == [
        "post_application",
        "thank_you",
        "no_response",
        "offer",
    ]
    post = templates[0]
    assert post.offsets == [3, 7, 14]
    changed = fu.update_template(post.id, offsets=[2, 5], strategy="backoff", body="Hi {name}")
    assert changed.offsets == [2, 5] and changed.strategy == "backoff"
    with pytest.raises(rules.TemplateError):
        fu.update_template(post.id, body="Hi {nobody}")
    with pytest.raises(ValidationError):
        fu.update_template(post.id, strategy="weekly")
    assert fu.reset_template(post.id).offsets == [3, 7, 14]


def test_backoff_starts_at_the_first_offset_and_never_below_a_day() -> None:
    assert [(d - FRI).days for d in rules.schedule(FRI, [1, 5, 9], "backoff")] == [1, 2, 4]
    assert [(d - FRI).days for d in rules.schedule(FRI, [0, 5], "backoff")] == [1, 2]


def test_template_errors_word_for_word() -> None:
    with pytest.raises(UserError) as err:
        rules.schedule(FRI, [1], "weekly")  # type: ignore[arg-type]
    assert str(err.value) == (
        "Unknown timing strategy 'weekly'; use one of fixed, business, backoff."
    )
    with pytest.raises(rules.TemplateError) as err:
        rules.check_template("Hi {name", "")
    assert str(err.value) == "The template has an unmatched { or }."
    with pytest.raises(rules.TemplateError) as err:
        rules.check_template("Hi {nmae}", "From {mee}")
    assert str(err.value) == (
        "Unknown variable(s): {nmae}, {mee}. Known: {name}, {company}, {role}, {interviewer}, "
        "{applied_on}, {reply_by}, {me}, {location}, {greeting}."
    )
    # Each text is balanced on its own; braces never pair across subject and body.
    with pytest.raises(rules.TemplateError) as err:
        rules.check_template("a}{b", "c}{d")
    assert str(err.value).startswith("Unknown variable(s): {b\nc}. ")
    with pytest.raises(rules.TemplateError) as err:
        rules.render("Yours, {me}", {})
    assert str(err.value) == (
        "Cannot fill {me}: add the missing details (for example your own name in the "
        "profile) or edit the template. Nothing was sent."
    )


def test_mailto_escapes_slashes_too() -> None:
    url = rules.mailto("jo@x.com", "CV/cover letter", "see a/b")
    assert url == "mailto:jo@x.com?subject=CV%2Fcover%20letter&body=see%20a%2Fb"


# -- issue 20: fixed default, strategies per application, next step only, no contact ------

FRI_APPLIED = datetime(2026, 2, 27, 12, 0, tzinfo=UTC)  # Friday 27 February 2026


def test_applied_on_a_friday_follows_up_after_3_7_14_calendar_days(
    app, svc, pid, clock, fu
) -> None:  # type: ignore[no-untyped-def]
    clock.set(FRI_APPLIED)
    svc.create(pid, ApplicationInput(company="Monzo", title="Analyst", state=State.APPLIED))
    # Written out by hand: Fri 27 Feb + 3 = Mon 2 Mar, + 7 = Fri 6 Mar, + 14 = Fri 13 Mar.
    assert [p.due_at for p in fu.pending(pid)] == [
        datetime(2026, 3, 2, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 6, 12, 0, tzinfo=UTC),
        datetime(2026, 3, 13, 12, 0, tzinfo=UTC),
    ]


def test_business_days_per_profile_and_backoff_per_application(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    clock.set(FRI_APPLIED)
    post = fu.templates(pid)[0]
    fu.update_template(post.id, strategy="business")  # the profile's choice
    a = svc.create(pid, ApplicationInput(company="BBC", title="Analyst", state=State.APPLIED))
    # Business days from Fri 27 Feb: 3 → Wed 4 Mar, 7 → Tue 10 Mar, 14 → Thu 19 Mar.
    assert [p.due_at.date().isoformat() for p in fu.pending(pid)] == [
        "2026-03-04",
        "2026-03-10",
        "2026-03-19",
    ]
    # This application backs off instead: 3, 6, 12 days → Mon 2, Thu 5, Wed 11 March.
    assert fu.set_strategy(a.id, "backoff") == 3
    assert fu.strategy_of(a.id) == "backoff"
    assert [p.due_at.date().isoformat() for p in fu.pending(pid)] == [
        "2026-03-02",
        "2026-03-05",
        "2026-03-11",
    ]
    # Back to the profile's timing; a new application uses the profile's business days.
    fu.set_strategy(a.id, None)
    assert fu.strategy_of(a.id) is None
    assert fu.pending(pid)[0].due_at.date().isoformat() == "2026-03-04"
    with pytest.raises(ValidationError):
        fu.set_strategy(a.id, "weekly")


def test_only_the_next_step_of_a_sequence_is_due(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    clock.set(FRI_APPLIED)
    svc.create(pid, ApplicationInput(company="Monzo", title="Analyst", state=State.APPLIED))
    clock.set(datetime(2026, 3, 7, 9, 0, tzinfo=UTC))  # steps 1 (2 Mar) and 2 (6 Mar) are past
    due = fu.due(pid)
    assert [d.step for d in due] == [0]
    first_step = due[0].id
    fu.skip(first_step)  # skipped by hand, as "Skip this step" does
    assert [d.step for d in fu.due(pid)] == [1]  # step 2 after step 1 was skipped
    fu.mark_sent(fu.due(pid)[0].id)
    assert fu.due(pid) == []  # step 3 (13 March) not yet
    assert [p.step for p in fu.pending(pid)] == [2]


def test_every_builtin_template_composes_without_a_contact(app, svc, pid, clock, fu) -> None:  # type: ignore[no-untyped-def]
    a = svc.create(pid, ApplicationInput(company="Stripe", title="Analyst", state=State.APPLIED))
    svc.move(a.id, State.PHONE_INTERVIEW)
    iv = svc.add_interview(a.id, InterviewInput(kind="phone", starts_at=clock.now()))
    ivid = iv.interviews[0].id if hasattr(iv, "interviews") else iv.id
    svc.update_interview(ivid, {"outcome": "completed"})
    svc.move(a.id, State.OFFER_RECEIVED)
    bodies = {f.scenario: fu.compose(f.id).body for f in fu.for_application(a.id)}
    assert set(bodies) == {"post_application", "thank_you", "no_response", "offer"}
    assert bodies["thank_you"].startswith("Hello,\n\nThank you for taking the time")
    assert bodies["no_response"].startswith("Dear hiring team,\n\n")
    # No offer deadline recorded: "by {reply_by}" reads "by the date we agreed".
    assert "get back to you by the date we agreed." in bodies["offer"]
    assert all("{" not in b for b in bodies.values())


def test_greeting_and_inline_defaults() -> None:
    assert rules.greeting("  Jo   Smith ", "post_application") == "Dear Jo Smith,"
    assert rules.greeting("", "post_application") == "Dear hiring team,"
    assert rules.greeting("", "thank_you") == "Hello,"
    assert rules.render("Hi {name|team} at {company}", {"company": "BBC"}) == "Hi team at BBC"
    assert rules.variables_in("Hi {name|team}") == ["name"]
    rules.check_template("Hi {name|team}", "")  # a default does not make the name unknown
    assert rules.strategy_for("business", None) == "business"
    assert rules.strategy_for("business", "backoff") == "backoff"
    assert rules.next_steps(
        [(("a",), 0, "sent"), (("a",), 1, "pending"), (("a",), 2, "pending")]
    ) == {(("a",), 1)}
