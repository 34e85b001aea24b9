"""Invitations at service level: the journey from the call to the confirmed expert, every
refusal (with nothing stored), the signed link, reminders and expiry, and every move."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.queries import experts_of
from taiex.reference.models import Country
from taiex.staffing.enums import INVITATION_VALID_DAYS, REMINDER_AFTER_DAYS, InvitationState
from taiex.staffing.models import ExpertCall, Interest, Invitation
from taiex.staffing.queries.calls import calls_fitting
from taiex.staffing.queries.invitations import (
    accepted_invitations_of,
    split_by_date,
)
from taiex.staffing.services.calls import default_call_description, express_interest, publish_call
from taiex.staffing.services.invitations import (
    InvitationError,
    InvitationExpired,
    InvitationLinkError,
    accept_invitation,
    decline_invitation,
    expire_overdue_invitations,
    invitation_from_link,
    invite_expert,
    link_path,
    send_due_reminders,
    withdraw_invitation,
)
from taiex.staffing.workflow import INVITATION_MOVES, invitation_workflow
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    expert_named,
    fitting_expert,
    in_days,
    other_expert,
    peer_to_peer_window,
    planned_event,
)

pytestmark = pytest.mark.django_db


def make_invitation(event, expert, case_handler, **fields):
    now = timezone.now()
    values = {
        "role": "expert",
        "invited_by": case_handler,
        "invited_at": now,
        "expires_at": now + timedelta(days=INVITATION_VALID_DAYS),
        **fields,
    }
    return Invitation.objects.create(event=event, expert=expert, **values)


def token_of(path):
    return path.rstrip("/").rsplit("/", 1)[1]


def test_journey_from_call_to_confirmed_expert(
    event, fitting_expert, other_expert, case_handler, django_capture_on_commit_callbacks
):
    call = publish_call(event, actor=case_handler, description=default_call_description(event))
    assert call.description == "Interview techniques for asylum officers"
    assert list(calls_fitting(fitting_expert)) == [call]
    assert list(calls_fitting(other_expert)) == []

    interest = express_interest(call, expert=fitting_expert, motivation="I train interviewers.")
    assert list(call.interests.values_list("expert", "motivation")) == [
        (fitting_expert.pk, "I train interviewers.")
    ]

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_expert(event, fitting_expert, actor=case_handler, role="lead_expert")
    assert (invitation.state, invitation.role) == ("invited", "lead_expert")
    assert invitation.expires_at == invitation.invited_at + timedelta(days=INVITATION_VALID_DAYS)
    assert [message.to for message in mail.outbox] == [["sara@gov.example"]]
    assert (
        mail.outbox[0].subject == "[taiex] Invitation to WS-2026-0042: Asylum interview techniques"
    )
    path = link_path(invitation)
    link_line = next(line for line in mail.outbox[0].body.splitlines() if "/link/" in line)
    assert link_line.startswith("Accept or decline the invitation: http")
    linked = invitation_from_link(token_of(link_line.split(": ", 1)[1]))
    assert linked == invitation
    assert path.startswith("/experts/invitations/link/")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accept_invitation(linked, actor=fitting_expert.user, via_link=True)
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    assert invitation.link_used_at is not None
    assert invitation.responded_at is not None
    assert [message.to for message in mail.outbox] == [[case_handler.email]]
    assert mail.outbox[0].subject == (
        "[taiex] WS-2026-0042: Sara Slovenska accepted the invitation"
    )
    assert [(p.expert, p.role) for p in experts_of(event)] == [(fitting_expert, invitation.role)]
    future, past = split_by_date(accepted_invitations_of(fitting_expert))
    assert (future, past) == ([invitation], [])
    assert interest.expert == fitting_expert


def test_invite_logs_the_invitation(event, fitting_expert, case_handler):
    invitation = invite_expert(event, fitting_expert, actor=case_handler, role="expert")

    entries = ActivityLog.objects.filter(object_id=str(invitation.pk), action="invite")
    assert list(entries.values_list("actor", "to_state")) == [(case_handler.pk, "invited")]


def assert_refused(event, expert, case_handler, message, role="expert"):
    before = Invitation.objects.count()
    with pytest.raises(InvitationError) as error:
        invite_expert(event, expert, actor=case_handler, role=role)
    assert str(error.value) == message
    assert Invitation.objects.count() == before
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"verification_state": "pending"},
            "Sara Slovenska is not a verified expert: only verified experts can be invited.",
        ),
        (
            {"is_active": False},
            "Sara Slovenska has deactivated their profile and cannot be invited.",
        ),
        (
            {"erased_at": timezone.now()},
            "Sara Slovenska has deactivated their profile and cannot be invited.",
        ),
    ],
)
def test_invite_refuses_an_expert_who_is_not_verified_and_active(
    event, case_handler, fields, message
):
    expert = expert_named("Sara Slovenska", **fields)

    assert_refused(event, expert, case_handler, message)


def test_invite_refuses_the_same_expert_twice(event, fitting_expert, case_handler):
    make_invitation(event, fitting_expert, case_handler)

    assert_refused(
        event, fitting_expert, case_handler, "Sara Slovenska is already invited to this event."
    )


def test_invite_refuses_an_expert_who_already_accepted(event, fitting_expert, case_handler):
    make_invitation(event, fitting_expert, case_handler, state="accepted")

    assert_refused(
        event, fitting_expert, case_handler, "Sara Slovenska has already accepted this event."
    )


def test_invite_again_after_a_decline_is_allowed(event, fitting_expert, case_handler):
    make_invitation(event, fitting_expert, case_handler, state="declined")

    invitation = invite_expert(event, fitting_expert, actor=case_handler, role="expert")

    assert invitation.state == "invited"


@pytest.mark.parametrize(
    ("state", "days", "message"),
    [
        ("invited", (61, 62), "Sara Slovenska is already invited to WS-OVERLAP, whose dates "
         "overlap this event."),
        ("accepted", (59, 60), "Sara Slovenska is already confirmed for WS-OVERLAP, whose dates "
         "overlap this event."),
    ],
)  # fmt: skip
def test_invite_refuses_an_expert_busy_on_an_overlapping_event(
    event, fitting_expert, case_handler, state, days, message
):
    other = planned_event(
        reference="WS-OVERLAP", start_date=in_days(days[0]), end_date=in_days(days[1])
    )
    make_invitation(other, fitting_expert, case_handler, state=state)

    assert_refused(event, fitting_expert, case_handler, message)


@pytest.mark.parametrize("state", ["declined", "expired", "withdrawn"])
def test_invite_ignores_an_overlapping_event_no_longer_held(
    event, fitting_expert, case_handler, state
):
    other = planned_event(reference="WS-OVERLAP", start_date=in_days(60), end_date=in_days(60))
    make_invitation(other, fitting_expert, case_handler, state=state)

    assert invite_expert(event, fitting_expert, actor=case_handler, role="chair").role == "chair"


def test_invite_accepts_an_event_right_after_another(event, fitting_expert, case_handler):
    other = planned_event(reference="WS-BEFORE", start_date=in_days(58), end_date=in_days(59))
    make_invitation(other, fitting_expert, case_handler, state="accepted")

    assert invite_expert(event, fitting_expert, actor=case_handler, role="expert").pk


def test_invite_refuses_an_unknown_role(event, fitting_expert, case_handler):
    assert_refused(
        event,
        fitting_expert,
        case_handler,
        "Choose a role: lead expert, expert, chair or speaker.",
        role="guest",
    )


def test_invite_refuses_an_event_that_is_not_planned(event, fitting_expert, case_handler):
    event.state = "implemented"
    event.save(update_fields=["state"])

    assert_refused(
        event,
        fitting_expert,
        case_handler,
        "Experts can be invited only to a planned or postponed event.",
    )


def test_invite_refuses_an_expert_of_the_beneficiary_in_a_peer_to_peer_event(
    fitting_expert, case_handler
):
    event = planned_event(beneficiary=Country.objects.get(code="SI"), window=peer_to_peer_window())

    assert_refused(
        event,
        fitting_expert,
        case_handler,
        "Sara Slovenska works for the administration of a beneficiary of this peer-to-peer "
        "event and cannot be its expert.",
    )


# -- the signed link ----------------------------------------------------------------------------


def test_link_after_the_deadline_is_refused_and_expires_the_invitation(
    event, fitting_expert, case_handler
):
    invitation = make_invitation(
        event, fitting_expert, case_handler, expires_at=timezone.now() - timedelta(minutes=1)
    )
    token = token_of(link_path(invitation))

    with pytest.raises(InvitationExpired) as error:
        invitation_from_link(token)

    expected_day = f"{timezone.localtime(invitation.expires_at):%d %B %Y}".lstrip("0")
    assert str(error.value) == (
        f"This invitation expired on {expected_day}. Contact the case handler of the event if "
        "you still wish to take part."
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.responded_at, invitation.link_used_at) == (
        "expired",
        None,
        None,
    )


def test_link_used_twice_is_refused(event, fitting_expert, case_handler):
    invitation = make_invitation(event, fitting_expert, case_handler)
    token = token_of(link_path(invitation))
    decline_invitation(
        invitation_from_link(token), actor=fitting_expert.user, reason="Busy.", via_link=True
    )

    with pytest.raises(InvitationLinkError) as error:
        invitation_from_link(token)

    assert str(error.value) == (
        "This link was already used: your answer is recorded. Log in to see your invitations."
    )
    invitation.refresh_from_db()
    assert (invitation.state, invitation.decline_reason) == ("declined", "Busy.")


def test_answer_by_a_spent_link_is_refused_and_changes_nothing(event, fitting_expert, case_handler):
    used_at = timezone.now() - timedelta(hours=1)
    invitation = make_invitation(event, fitting_expert, case_handler, link_used_at=used_at)

    with pytest.raises(InvitationLinkError):
        accept_invitation(invitation, actor=fitting_expert.user, via_link=True)

    invitation.refresh_from_db()
    assert (invitation.state, invitation.link_used_at) == ("invited", used_at)


def test_tampered_link_is_refused(event, fitting_expert, case_handler):
    invitation = make_invitation(event, fitting_expert, case_handler)

    with pytest.raises(InvitationLinkError) as error:
        invitation_from_link(token_of(link_path(invitation)) + "x")

    assert str(error.value) == (
        "This link is not valid. Log in to answer the invitation on your home page."
    )


def test_accept_on_the_home_after_the_deadline_is_refused(event, fitting_expert, case_handler):
    invitation = make_invitation(
        event, fitting_expert, case_handler, expires_at=timezone.now() - timedelta(seconds=1)
    )

    with pytest.raises(InvitationExpired):
        accept_invitation(invitation, actor=fitting_expert.user)

    invitation.refresh_from_db()
    assert invitation.state == "expired"


def test_decline_tells_the_case_handler_with_the_reason(
    event, fitting_expert, case_handler, django_capture_on_commit_callbacks
):
    invitation = make_invitation(event, fitting_expert, case_handler)

    with django_capture_on_commit_callbacks(execute=True):
        decline_invitation(invitation, actor=fitting_expert.user, reason="On leave that week.")

    assert [message.to for message in mail.outbox] == [[case_handler.email]]
    assert "Reason given:\nOn leave that week." in mail.outbox[0].body
    assert (invitation.state, invitation.decline_reason) == ("declined", "On leave that week.")


def test_withdraw_needs_a_reason_and_tells_the_expert(
    event, fitting_expert, case_handler, django_capture_on_commit_callbacks
):
    invitation = make_invitation(event, fitting_expert, case_handler)
    with pytest.raises(InvitationError) as error:
        withdraw_invitation(invitation, actor=case_handler, reason=" ")
    assert str(error.value) == "Say why the invitation is withdrawn."
    assert Invitation.objects.get(pk=invitation.pk).state == "invited"

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_invitation(invitation, actor=case_handler, reason="The event is online now.")

    assert Invitation.objects.get(pk=invitation.pk).state == "withdrawn"
    assert [message.to for message in mail.outbox] == [["sara@gov.example"]]
    assert "Reason:\nThe event is online now." in mail.outbox[0].body


@pytest.mark.parametrize("state", ["implemented", "closed", "cancelled"])
def test_withdraw_is_refused_once_the_event_is_past_its_preparation(
    event, fitting_expert, case_handler, state
):
    invitation = make_invitation(event, fitting_expert, case_handler)
    Invitation.objects.filter(pk=invitation.pk).update(state="accepted")
    type(event).objects.filter(pk=event.pk).update(state=state, cancellation_reason="Reason.")
    invitation = Invitation.objects.select_related("event").get(pk=invitation.pk)

    with pytest.raises(InvitationError) as error:
        withdraw_invitation(invitation, actor=case_handler, reason="Too late.")

    assert str(error.value) == (f"The event is {state}: its experts can no longer be withdrawn.")
    assert Invitation.objects.get(pk=invitation.pk).state == "accepted"
    assert mail.outbox == []


# -- reminders and expiry -----------------------------------------------------------------------


def test_reminder_goes_out_after_the_delay_only_once(
    event, fitting_expert, case_handler, django_capture_on_commit_callbacks
):
    invited_at = timezone.now()
    invitation = make_invitation(event, fitting_expert, case_handler, invited_at=invited_at)
    almost = invited_at + timedelta(days=REMINDER_AFTER_DAYS) - timedelta(minutes=1)
    due = invited_at + timedelta(days=REMINDER_AFTER_DAYS)

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(almost) == []
        assert send_due_reminders(due) == [invitation]
        assert send_due_reminders(due + timedelta(days=1)) == []

    assert [message.subject for message in mail.outbox] == [
        "[taiex] Reminder: invitation to WS-2026-0042"
    ]
    assert "/experts/invitations/link/" in mail.outbox[0].body
    invitation.refresh_from_db()
    assert invitation.reminder_sent_at == due


def test_no_reminder_for_an_answered_invitation(event, fitting_expert, case_handler):
    make_invitation(
        event,
        fitting_expert,
        case_handler,
        state="accepted",
        invited_at=timezone.now() - timedelta(days=REMINDER_AFTER_DAYS + 1),
    )

    assert send_due_reminders() == []


def test_command_reminds_and_expires(
    event, fitting_expert, other_expert, case_handler, django_capture_on_commit_callbacks
):
    now = timezone.now()
    waiting = make_invitation(
        event, fitting_expert, case_handler, invited_at=now - timedelta(days=REMINDER_AFTER_DAYS)
    )
    overdue = make_invitation(
        event,
        other_expert,
        case_handler,
        invited_at=now - timedelta(days=INVITATION_VALID_DAYS + 1),
        expires_at=now - timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_invitation_reminders", stdout=(output := io.StringIO()))

    assert output.getvalue() == "1 reminder(s) sent, 1 invitation(s) expired.\n"
    waiting.refresh_from_db()
    overdue.refresh_from_db()
    assert (waiting.state, overdue.state) == ("invited", "expired")
    assert waiting.reminder_sent_at is not None
    assert sorted(message.subject for message in mail.outbox) == [
        "[taiex] Reminder: invitation to WS-2026-0042",
        "[taiex] WS-2026-0042: Ivo Ribar did not answer the invitation before its deadline",
    ]
    assert list(
        ActivityLog.objects.filter(object_id=str(overdue.pk), action="expire").values_list(
            "actor", "from_state", "to_state"
        )
    ) == [(None, "invited", "expired")]


def test_expire_overdue_leaves_open_invitations(event, fitting_expert, case_handler):
    invitation = make_invitation(event, fitting_expert, case_handler)

    assert expire_overdue_invitations() == []
    assert Invitation.objects.get(pk=invitation.pk).state == "invited"


# -- the workflow ----------------------------------------------------------------------------


ALL_PAIRS = [
    (source, target)
    for source in InvitationState.values
    for target in InvitationState.values
    if source != target
]


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_every_pair_of_the_invitation_workflow(event, fitting_expert, case_handler, source, target):
    invitation = make_invitation(event, fitting_expert, case_handler, state=source)

    if (source, target) in INVITATION_MOVES:
        invitation_workflow.transition(invitation, target, actor=case_handler, note="test")
        assert Invitation.objects.get(pk=invitation.pk).state == target
        entry = ActivityLog.objects.get(object_id=str(invitation.pk))
        assert (entry.action, entry.from_state, entry.to_state) == (
            INVITATION_MOVES[(source, target)],
            source,
            target,
        )
    else:
        with pytest.raises(TransitionNotAllowed):
            invitation_workflow.transition(invitation, target, actor=case_handler)
        assert Invitation.objects.get(pk=invitation.pk).state == source
        assert not ActivityLog.objects.filter(object_id=str(invitation.pk)).exists()


def test_call_and_interest_rows(event, fitting_expert, case_handler):
    call = publish_call(event, actor=case_handler, description="Asylum interviews")
    express_interest(call, expert=fitting_expert, motivation="Ten years of interviews.")

    assert list(ExpertCall.objects.values_list("event", "description", "published_by")) == [
        (event.pk, "Asylum interviews", case_handler.pk)
    ]
    assert Interest.objects.count() == 1


DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_invite_queues_the_reminder_when_the_backend_can_defer(
    event, fitting_expert, case_handler, settings, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    settings.TASKS = DUMMY_TASKS
    backend = task_backends["default"]
    backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_expert(event, fitting_expert, actor=case_handler, role="expert")

    reminders = [
        result for result in backend.results if result.task.name == "send_invitation_reminders_task"
    ]
    assert [(result.args, result.task.run_after) for result in reminders] == [
        ([invitation.pk], invitation.invited_at + timedelta(days=REMINDER_AFTER_DAYS))
    ]
