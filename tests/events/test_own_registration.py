"""A participant's own registration through their signed personal link: the link (tampered,
of another purpose, erased, past the retention period), cancelling it themself (every state,
the waiting list moving up in order, the e-mails and the audit log), and sending the links
again on request."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from taiex.core.models import ActivityLog, RetentionRule
from taiex.events.enums import ParticipantState
from taiex.events.services.own_registration import (
    INVALID_LINK,
    RegistrationLinkError,
    cancel_own_registration,
    registration_from_link,
    send_registration_links,
)
from taiex.events.services.participants import (
    ParticipantError,
    anonymise_participant,
    approve_participant,
    register_participant,
)
from taiex.events.services.personal_links import registration_path, registration_token
from taiex.events.services.travellers import traveller_token
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    committed,
    details,
    log_of,
    participant,
    sent,
    serbia,
    workshop,
)

pytestmark = pytest.mark.django_db
S = ParticipantState
REASON = "My minister needs me in Belgrade that week."


def full_workshop(workshop):
    """Two seats, both approved, and two on the waiting list: the one registered first has the
    higher id, so the order of the list is by registration time, not by id."""
    workshop.capacity = 2
    workshop.save(update_fields=["capacity"])
    seated = [participant(workshop, n, state=S.APPROVED) for n in (1, 2)]
    second = participant(workshop, 3, state=S.WAITLISTED)
    first = participant(workshop, 4, state=S.WAITLISTED)
    now = timezone.now()
    type(first).objects.filter(pk=first.pk).update(registered_at=now - timedelta(days=2))
    type(second).objects.filter(pk=second.pk).update(registered_at=now - timedelta(days=1))
    return seated, first, second


# The link


def test_the_link_opens_the_registration_it_was_made_for(workshop):
    person = participant(workshop)

    own = registration_from_link(registration_token(person))

    assert own.participant == person
    assert own.rule == RetentionRule.objects.get(kind="participant_contact_data")


@pytest.mark.parametrize(
    "token",
    ["", "nonsense", "eyJwYXJ0aWNpcGFudCI6MX0:forged"],
    ids=["empty", "garbage", "forged"],
)
def test_an_altered_link_opens_nothing(workshop, token):
    participant(workshop)

    with pytest.raises(RegistrationLinkError, match=re.escape(INVALID_LINK)) as raised:
        registration_from_link(token)

    assert raised.value.expired is False


def test_a_link_changed_by_one_character_opens_nothing(workshop):
    token = registration_token(participant(workshop))
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    with pytest.raises(RegistrationLinkError, match=re.escape(INVALID_LINK)):
        registration_from_link(altered)


def test_the_travel_costs_link_does_not_open_the_registration_page(workshop):
    person = participant(workshop)

    with pytest.raises(RegistrationLinkError, match=re.escape(INVALID_LINK)):
        registration_from_link(traveller_token(person))


def test_the_link_of_an_erased_registration_opens_nothing(workshop):
    person = participant(workshop, state=S.CANCELLED)
    token = registration_token(person)

    anonymise_participant(person)

    with pytest.raises(RegistrationLinkError, match=re.escape(INVALID_LINK)):
        registration_from_link(token)


def test_the_link_works_to_the_last_day_of_the_retention_period_and_not_after(workshop):
    # The default rule: 5 years after the end of the event (10 March 2027).
    token = registration_token(participant(workshop))

    assert registration_from_link(token, today=date(2032, 3, 10)).participant.event == workshop
    with pytest.raises(RegistrationLinkError) as raised:
        registration_from_link(token, today=date(2032, 3, 11))

    assert raised.value.expired is True
    assert str(raised.value) == (
        "This link has expired: the details of the registration are kept for 5 years after "
        "the end of the event, and that period is over."
    )


def test_the_link_follows_the_rule_as_administrators_change_it(workshop):
    token = registration_token(participant(workshop))
    RetentionRule.objects.filter(kind="participant_contact_data").update(period=1)

    with pytest.raises(RegistrationLinkError):
        registration_from_link(token, today=date(2028, 3, 11))
    RetentionRule.objects.filter(kind="participant_contact_data").update(is_active=False)
    assert registration_from_link(token, today=date(2040, 1, 1)).rule is None


# Cancelling


def test_cancelling_a_seat_moves_up_the_first_registered_on_the_waiting_list(workshop, committed):
    (leaving, _), first, second = full_workshop(workshop)

    with committed():
        cancel_own_registration(leaving, reason=REASON, today=date(2027, 3, 8))

    states = {p.full_name: p.state for p in type(leaving).objects.filter(event=workshop)}
    assert states == {
        "Participant 1": S.CANCELLED,
        "Participant 2": S.APPROVED,
        "Participant 3": S.WAITLISTED,
        "Participant 4": S.APPROVED,
    }
    assert sent() == [
        (["p1@mup.gov.rs"], "[taiex] WS-2027-0007: your registration is cancelled"),
        (
            ["p4@mup.gov.rs"],
            "[taiex] WS-2027-0007: a seat became free: your participation is confirmed",
        ),
    ]
    assert log_of(leaving)[-1] == ("cancel", S.APPROVED, S.CANCELLED)
    row = ActivityLog.objects.filter(object_id=str(leaving.pk), action="cancel").get()
    assert (row.actor, row.note) == (
        None,
        f"Cancelled by the participant through their personal link: {REASON}",
    )
    assert log_of(first)[-1] == ("move_up", S.WAITLISTED, S.APPROVED)
    assert log_of(second) == []
    assert registration_path(first) in mail.outbox[1].body


def test_cancelling_a_place_on_the_waiting_list_moves_nobody_up(workshop, committed):
    _, first, second = full_workshop(workshop)

    with committed():
        cancel_own_registration(second, reason=REASON, today=date(2027, 3, 1))

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.state, first.state) == (S.CANCELLED, S.WAITLISTED)
    assert sent() == [(["p3@mup.gov.rs"], "[taiex] WS-2027-0007: your registration is cancelled")]


def test_a_registration_waiting_for_approval_can_be_cancelled(workshop):
    person = participant(workshop, state=S.REQUESTED)

    cancel_own_registration(person, reason=REASON, today=date(2027, 3, 1))

    person.refresh_from_db()
    assert person.state == S.CANCELLED


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (S.CANCELLED, "Your registration is already cancelled; nothing was changed."),
        (
            S.REJECTED,
            "Your registration is rejected: there is nothing to cancel; nothing was changed.",
        ),
        (
            S.REPLACED,
            "Your registration is replaced: there is nothing to cancel; nothing was changed.",
        ),
    ],
)
def test_a_registration_no_longer_live_cannot_be_cancelled(workshop, state, message):
    person = participant(workshop, state=state)

    with pytest.raises(ParticipantError, match=f"^{re.escape(message)}$"):
        cancel_own_registration(person, reason=REASON, today=date(2027, 3, 1))

    person.refresh_from_db()
    assert (person.state, log_of(person), mail.outbox) == (state, [], [])


def test_cancelling_twice_changes_nothing_the_second_time(workshop, committed):
    person = participant(workshop)
    with committed():
        cancel_own_registration(person, reason=REASON, today=date(2027, 3, 1))

    with pytest.raises(ParticipantError, match="already cancelled; nothing was changed"):
        cancel_own_registration(person, reason="again", today=date(2027, 3, 1))

    assert log_of(person) == [("cancel", S.APPROVED, S.CANCELLED)]
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("today", [date(2027, 3, 9), date(2027, 3, 10), date(2027, 3, 20)])
def test_a_registration_cannot_be_cancelled_once_the_event_started(workshop, today):
    (person, _), first, _ = full_workshop(workshop)

    with pytest.raises(ParticipantError) as raised:
        cancel_own_registration(person, reason=REASON, today=today)

    assert str(raised.value) == (
        "The event started on 9 Mar 2027: a registration can no longer be cancelled here; "
        "nothing was changed. Tell the event's organisers."
    )
    person.refresh_from_db()
    first.refresh_from_db()
    assert (person.state, first.state, log_of(person)) == (S.APPROVED, S.WAITLISTED, [])


def test_a_registration_of_an_implemented_event_cannot_be_cancelled(workshop):
    workshop.state = "implemented"
    workshop.save(update_fields=["state"])
    person = participant(workshop)

    with pytest.raises(ParticipantError, match=r"^The event is implemented: a registration can"):
        cancel_own_registration(person, reason=REASON, today=date(2027, 1, 1))

    person.refresh_from_db()
    assert person.state == S.APPROVED


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancelling_needs_a_reason(workshop, reason):
    person = participant(workshop)

    with pytest.raises(ParticipantError, match=r"^Say why you can no longer come\.$") as raised:
        cancel_own_registration(person, reason=reason, today=date(2027, 3, 1))

    assert raised.value.field == "reason"
    person.refresh_from_db()
    assert (person.state, log_of(person)) == (S.APPROVED, [])


# The e-mails carry the link


def test_the_approval_and_the_waiting_list_e_mails_carry_the_personal_link(
    workshop, case_handler, committed
):
    workshop.capacity = 1
    workshop.save(update_fields=["capacity"])
    with committed():
        seated = register_participant(workshop, actor=case_handler, **details(1))
        waiting = register_participant(workshop, actor=case_handler, **details(2))
        approve_participant(seated, actor=case_handler)

    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("[taiex] WS-2027-0007: you are on the waiting list", ["milica2@mup.gov.rs"]),
        ("[taiex] WS-2027-0007: your participation is confirmed", ["milica1@mup.gov.rs"]),
    ]
    assert registration_path(waiting) in mail.outbox[0].body
    assert registration_path(seated) in mail.outbox[1].body


# Sending the links again


def test_the_links_of_every_registration_under_an_address_go_in_one_e_mail(workshop, committed):
    person = participant(workshop, email="ana@mup.gov.rs")
    other = participant(type(workshop).objects.get(pk=workshop.pk), 2, email="other@mup.gov.rs")

    with committed():
        count = send_registration_links("ANA@mup.gov.rs", today=date(2027, 1, 1))

    assert count == 1
    assert sent() == [(["ana@mup.gov.rs"], "[taiex] Your registrations: your personal links")]
    assert registration_path(person) in mail.outbox[0].body
    assert registration_path(other) not in mail.outbox[0].body
    assert log_of(person) == [("send_own_registration_link", "", "")]


@pytest.mark.parametrize(
    "email", ["nobody@mup.gov.rs", "not an address", ""], ids=["unknown", "invalid", "empty"]
)
def test_an_unknown_address_gets_nothing(workshop, email):
    participant(workshop)

    assert send_registration_links(email, today=date(2027, 1, 1)) == 0
    assert mail.outbox == []


def test_the_event_reference_narrows_the_links_sent(workshop, committed):
    participant(workshop, email="ana@mup.gov.rs")

    with committed():
        wrong = send_registration_links(
            "ana@mup.gov.rs", event_reference="WS-2027-0099", today=date(2027, 1, 1)
        )
        right = send_registration_links(
            "ana@mup.gov.rs", event_reference="ws-2027-0007", today=date(2027, 1, 1)
        )

    assert (wrong, right, len(mail.outbox)) == (0, 1, 1)


def test_expired_and_erased_registrations_get_no_link(workshop):
    person = participant(workshop, email="ana@mup.gov.rs")

    assert send_registration_links("ana@mup.gov.rs", today=date(2032, 3, 11)) == 0
    anonymise_participant(person)
    assert send_registration_links(person.email, today=date(2027, 1, 1)) == 0
    assert mail.outbox == []
