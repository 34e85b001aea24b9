"""The dated limits of an event kept at every step (details, postponement, confirmation,
invitations and acceptance), and the exceptions that lift one limit for one event."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.models import Event, LimitException
from taiex.events.services import confirm_event, postpone_event
from taiex.events.services.details import update_event_details, version_of
from taiex.events.services.errors import EventError
from taiex.events.services.limits import (
    decide_limit_exception,
    limit_problems,
    limits_summary,
    request_limit_exception,
)
from taiex.reference.models import AssistanceLimit, Country, ThematicTeam, Window
from taiex.staffing.enums import INVITATION_VALID_DAYS
from taiex.staffing.models import Invitation
from taiex.staffing.services.invitations import InvitationError, accept_invitation, invite_expert
from tests.factories import EventFactory, ExpertFactory, UserFactory
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert

pytestmark = pytest.mark.django_db

START = date(2026, 9, 7)
MISSION_DAYS = (
    "Expert mission: at most 5 days; this would make 6 days. Ask the head of unit for an "
    "exception to go beyond the limit."
)
MISSION_EXPERTS = (
    "Expert mission: at most 2 experts; this would make 3 experts. Ask the head of unit for an "
    "exception to go beyond the limit."
)


@pytest.fixture
def mission(db, case_handler):
    return EventFactory(
        reference="EM-2026-0007",
        event_type="expert_mission",
        state="planned",
        title="Risk analysis on illegal migration",
        start_date=START,
        end_date=START + timedelta(days=2),
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        experts_needed=2,
        participants_count=None,
    )


def exception_for(event, user, limit="max_days", value=7, state="granted"):
    return LimitException.objects.create(
        event=event,
        limit=limit,
        allowed_value=value,
        reason="A second region joins the mission.",
        requested_by=user,
        state=state,
    )


def test_days_at_the_limit_pass_and_one_more_is_refused(mission):
    assert limit_problems(mission, start_date=START, end_date=START + timedelta(days=4)) == []
    problems = limit_problems(mission, start_date=START, end_date=START + timedelta(days=5))
    assert [(p.code, p.field, p.message) for p in problems] == [
        ("max_days", "end_date", MISSION_DAYS)
    ]


def test_experts_and_participants_at_the_limit_pass_and_one_more_is_refused(mission):
    assert limit_problems(mission, experts=2) == []
    assert [p.message for p in limit_problems(mission, experts=3)] == [MISSION_EXPERTS]
    visit = EventFactory(
        event_type="study_visit", state="planned", start_date=START, end_date=START
    )
    assert limit_problems(visit, participants=5) == []
    assert [p.message for p in limit_problems(visit, participants=6)] == [
        "Study visit: at most 5 participants; this would make 6 participants. Ask the head of "
        "unit for an exception to go beyond the limit."
    ]


def test_peer_to_peer_window_reads_its_own_limit(mission):
    visit = EventFactory(
        event_type="study_visit",
        state="planned",
        start_date=START,
        end_date=START,
        window=Window.objects.filter(is_peer_to_peer=True).first(),
    )
    assert limit_problems(visit, participants=3) == []
    assert [p.message for p in limit_problems(visit, participants=4)] == [
        "Study visit in a peer-to-peer window: at most 3 participants; this would make 4 "
        "participants. Ask the head of unit for an exception to go beyond the limit."
    ]


def test_a_new_limit_applies_from_its_first_day_not_the_day_before(mission):
    AssistanceLimit.objects.create(
        assistance_type="expert_mission", max_days=3, max_experts=2, valid_from=date(2027, 1, 1)
    )
    day_before = date(2026, 12, 31)
    assert limit_problems(mission, start_date=day_before, end_date=day_before + timedelta(4)) == []
    first_day = date(2027, 1, 1)
    problems = limit_problems(mission, start_date=first_day, end_date=first_day + timedelta(3))
    assert [p.message for p in problems] == [
        "Expert mission: at most 3 days; this would make 4 days. Ask the head of unit for an "
        "exception to go beyond the limit."
    ]


def test_changing_the_dates_beyond_the_limit_is_refused_and_saves_nothing(mission, case_handler):
    with pytest.raises(EventError) as error:
        update_event_details(
            mission,
            actor=case_handler,
            version=version_of(mission),
            values={"start_date": START, "end_date": START + timedelta(days=5)},
        )
    assert (str(error.value), error.value.field) == (MISSION_DAYS, "end_date")
    assert Event.objects.values_list("end_date", flat=True).get() == START + timedelta(days=2)

    changed = update_event_details(
        mission,
        actor=case_handler,
        version=version_of(mission),
        values={"start_date": START, "end_date": START + timedelta(days=4)},
    )
    assert changed == ["end_date"]


def test_more_experts_needed_than_the_limit_is_refused(mission, case_handler):
    with pytest.raises(EventError) as error:
        update_event_details(
            mission, actor=case_handler, version=version_of(mission), values={"experts_needed": 3}
        )
    assert (str(error.value), error.value.field) == (MISSION_EXPERTS, "experts_needed")
    assert Event.objects.values_list("experts_needed", flat=True).get() == 2


def test_an_unchanged_limit_is_not_checked_again(mission, case_handler):
    Event.objects.filter(pk=mission.pk).update(end_date=START + timedelta(days=6))
    mission.refresh_from_db()
    changed = update_event_details(
        mission, actor=case_handler, version=version_of(mission), values={"place": "Niš"}
    )
    assert changed == ["place"]


def test_postponing_beyond_the_limit_is_refused(mission, case_handler):
    new_start = START + timedelta(days=14)
    with pytest.raises(EventError) as error:
        postpone_event(
            mission,
            actor=case_handler,
            start_date=new_start,
            end_date=new_start + timedelta(days=5),
            reason="The minister's agenda.",
        )
    assert (str(error.value), error.value.field) == (MISSION_DAYS, "end_date")
    assert Event.objects.values_list("state", "start_date").get() == ("planned", START)


def test_a_granted_exception_lets_exactly_that_limit_go_up_to_its_value(
    mission, case_handler, head_of_unit
):
    exception_for(mission, case_handler, value=7)
    new_start = START + timedelta(days=14)
    with pytest.raises(EventError) as error:
        postpone_event(
            mission,
            actor=case_handler,
            start_date=new_start,
            end_date=new_start + timedelta(days=7),
            reason="The minister's agenda.",
        )
    assert str(error.value) == (
        "Expert mission: at most 5 days (an exception allows 7); this would make 8 days. Ask "
        "the head of unit for an exception to go beyond the limit."
    )
    postpone_event(
        mission,
        actor=case_handler,
        start_date=new_start,
        end_date=new_start + timedelta(days=6),
        reason="The minister's agenda.",
    )
    assert Event.objects.values_list("state", "end_date").get() == (
        "postponed",
        new_start + timedelta(days=6),
    )
    # The exception is for the days only: the experts' limit still holds.
    assert [p.code for p in limit_problems(mission, experts=3)] == ["max_experts"]


def test_requested_and_refused_exceptions_lift_nothing(mission, case_handler):
    exception_for(mission, case_handler, state="requested")
    exception_for(mission, case_handler, value=9, state="refused")
    problems = limit_problems(mission, start_date=START, end_date=START + timedelta(days=5))
    assert [p.message for p in problems] == [MISSION_DAYS]


def test_an_exception_for_another_event_lifts_nothing(mission, case_handler):
    other = EventFactory(event_type="expert_mission", state="planned")
    exception_for(other, case_handler, value=9)
    problems = limit_problems(mission, start_date=START, end_date=START + timedelta(days=5))
    assert [p.code for p in problems] == ["max_days"]


def test_confirmation_lists_an_exceeded_limit(mission, case_handler):
    Event.objects.filter(pk=mission.pk).update(end_date=START + timedelta(days=5))
    mission.refresh_from_db()
    accept_expert(mission, full_name="Ana One")
    accept_expert(mission, full_name="Ben Two")
    AgendaSessionFactory(event=mission)
    with pytest.raises(EventError) as error:
        confirm_event(mission, actor=case_handler)
    assert str(error.value) == "The event cannot be confirmed yet. " + MISSION_DAYS
    assert Event.objects.values_list("state", flat=True).get() == "planned"


def invited(event, case_handler, state="invited"):
    now = timezone.now()
    return Invitation.objects.create(
        event=event,
        expert=ExpertFactory(user=UserFactory()),
        role="expert",
        state=state,
        invited_by=case_handler,
        invited_at=now,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )


def test_inviting_beyond_the_experts_limit_is_refused_counting_open_invitations(
    mission, case_handler
):
    invited(mission, case_handler, state="accepted")
    invited(mission, case_handler)
    third = ExpertFactory(user=UserFactory(full_name="Tea Third"))
    with pytest.raises(InvitationError) as error:
        invite_expert(mission, third, actor=case_handler, role="expert")
    assert (str(error.value), error.value.field) == (MISSION_EXPERTS, "expert")
    assert Invitation.objects.filter(expert=third).count() == 0

    exception_for(mission, case_handler, limit="max_experts", value=3)
    assert invite_expert(mission, third, actor=case_handler, role="expert").state == "invited"


def test_accepting_beyond_the_experts_limit_is_refused(mission, case_handler):
    invited(mission, case_handler, state="accepted")
    second = invited(mission, case_handler)
    third = invited(mission, case_handler)
    accept_invitation(second, actor=second.expert.user)
    with pytest.raises(InvitationError) as error:
        accept_invitation(third, actor=third.expert.user)
    assert str(error.value) == (
        "The event already has as many experts as its limits allow, so your acceptance cannot "
        "be recorded. Contact the case handler of the event."
    )
    assert Invitation.objects.get(pk=third.pk).state == "invited"


def test_request_an_exception_writes_both_audit_logs(mission, case_handler):
    exception = request_limit_exception(
        mission, actor=case_handler, limit="max_days", allowed_value=7, reason=" Two regions. "
    )
    assert (exception.state, exception.reason, exception.allowed_value) == (
        "requested",
        "Two regions.",
        7,
    )
    rows = ActivityLog.objects.order_by("id").values_list("object_repr", "action", "note")
    assert list(rows) == [
        ("EM-2026-0007: Days up to 7", "request_limit_exception", "Two regions."),
        (
            "EM-2026-0007",
            "request_limit_exception",
            "Exception asked: 7 days instead of at most 5 days. Reason: Two regions.",
        ),
    ]


@pytest.mark.parametrize(
    ("values", "message", "field"),
    [
        ({"reason": "  "}, "Give the reason for the exception.", "reason"),
        ({"limit": "max_hotels"}, "Choose the limit: days, experts or participants.", "limit"),
        ({"allowed_value": 5}, "The limit is 5 days; an exception asks for more.", "allowed_value"),
        (
            {"limit": "max_participants", "allowed_value": 9},
            "This expert mission has no limit of participants.",
            "limit",
        ),
    ],
)
def test_an_exception_request_is_refused_with_its_reason(
    mission, case_handler, values, message, field
):
    arguments = {"limit": "max_days", "allowed_value": 7, "reason": "Two regions.", **values}
    with pytest.raises(EventError) as error:
        request_limit_exception(mission, actor=case_handler, **arguments)
    assert (str(error.value), error.value.field) == (message, field)
    assert LimitException.objects.count() == 0
    assert ActivityLog.objects.count() == 0


def test_a_second_open_request_for_the_same_limit_is_refused(mission, case_handler):
    request_limit_exception(
        mission, actor=case_handler, limit="max_days", allowed_value=7, reason="Two regions."
    )
    with pytest.raises(EventError) as error:
        request_limit_exception(
            mission, actor=case_handler, limit="max_days", allowed_value=8, reason="Three."
        )
    assert str(error.value) == (
        "An exception for the days of this event is already waiting for the head of unit."
    )
    assert LimitException.objects.count() == 1


def test_no_exception_once_the_event_took_place(mission, case_handler):
    Event.objects.filter(pk=mission.pk).update(state="implemented")
    mission.refresh_from_db()
    with pytest.raises(EventError) as error:
        request_limit_exception(
            mission, actor=case_handler, limit="max_days", allowed_value=7, reason="Late."
        )
    assert str(error.value) == "The event is implemented: its limits can no longer change."


def test_grant_and_refuse_are_moves_with_the_decision_in_the_audit_log(
    mission, case_handler, head_of_unit
):
    asked = exception_for(mission, case_handler, state="requested")
    granted = decide_limit_exception(asked, actor=head_of_unit, grant=True)
    assert (granted.state, granted.decided_by, granted.decision_note) == (
        "granted",
        head_of_unit,
        "",
    )
    moves = ActivityLog.objects.order_by("id").values_list("action", "from_state", "to_state")
    assert list(moves) == [
        ("grant_limit_exception", "requested", "granted"),
        ("grant_limit_exception", "", ""),
    ]
    assert ActivityLog.objects.order_by("id").last().note == (
        "Exception granted: 7 days (asked for: A second region joins the mission.)."
    )
    with pytest.raises(TransitionNotAllowed):
        decide_limit_exception(asked, actor=head_of_unit, grant=False, note="No.")
    assert limits_summary(mission) == [("Days", 5, 7), ("Experts", 2, 2)]


def test_refusing_needs_a_note(mission, case_handler, head_of_unit):
    asked = exception_for(mission, case_handler, state="requested")
    with pytest.raises(EventError) as error:
        decide_limit_exception(asked, actor=head_of_unit, grant=False, note=" ")
    assert (str(error.value), error.value.field) == ("Say why the exception is refused.", "note")
    assert LimitException.objects.get().state == "requested"
    refused = decide_limit_exception(asked, actor=head_of_unit, grant=False, note="Split it.")
    assert (refused.state, refused.decision_note) == ("refused", "Split it.")
    assert ActivityLog.objects.order_by("id").last().note == (
        "Exception refused: 7 days (asked for: A second region joins the mission.). Split it."
    )
