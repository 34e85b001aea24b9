"""The host of a study visit: the case handler asks a Member State administration, records its
answer (agreed, declined with a reason) or withdraws the ask; the event is confirmed only once its
host agreed; who may arrange the host (others get a 404); the data migration of existing study
visits."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.events import services
from taiex.events.models import Event, HostAgreement
from taiex.events.services.errors import EventError
from taiex.events.services.hosting import (
    HOST_NOT_AGREED,
    ask_host,
    host_has_agreed,
    record_host_answer,
    withdraw_host_request,
)
from taiex.reference.models import Country
from tests.factories import InstitutionFactory
from tests.factories.lifecycle import AgendaSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def study_visit(event):
    """The Serbian event of conftest.py as a study visit (14-15 Apr 2026) with an agenda."""
    Event.objects.filter(pk=event.pk).update(
        event_type="study_visit", experts_needed=0, venue_country=None, reference="SV-2026-0042"
    )
    event.refresh_from_db()
    AgendaSessionFactory(event=event, title="Visit of the reception centre")
    return event


@pytest.fixture
def slovenian_ministry(db):
    return InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )


@pytest.fixture
def portuguese_agency(db):
    return InstitutionFactory(
        name="Portuguese Agency for Integration", country=Country.objects.get(code="PT")
    )


def event_log(event):
    return list(
        ActivityLog.objects.filter(
            content_type__model="event", object_id=event.pk, action__contains="host"
        )
        .order_by("id")
        .values_list("action", "note")
    )


def agreement_log(agreement):
    return list(
        ActivityLog.objects.filter(content_type__model="hostagreement", object_id=agreement.pk)
        .order_by("id")
        .values_list("action", "from_state", "to_state", "note")
    )


# -- the moves -----------------------------------------------------------------------------------


def test_ask_a_host_records_the_ask_on_the_agreement_and_the_event(
    study_visit, slovenian_ministry, case_handler
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler, note="By phone.")

    assert (agreement.state, agreement.institution, agreement.asked_by) == (
        "asked",
        slovenian_ministry,
        case_handler,
    )
    assert agreement_log(agreement) == [("ask_host", "", "asked", "By phone.")]
    assert event_log(study_visit) == [
        (
            "ask_host",
            "Slovenian Ministry of the Interior (Slovenia) asked to host the study visit. "
            "By phone.",
        )
    ]
    study_visit.refresh_from_db()
    assert study_visit.host_institution is None


def test_the_host_agrees_and_becomes_the_host_of_the_event(
    study_visit, slovenian_ministry, case_handler
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)

    record_host_answer(agreement, actor=case_handler, agreed=True)

    agreement.refresh_from_db()
    study_visit.refresh_from_db()
    assert agreement.state == "agreed"
    assert agreement.answered_at is not None
    assert (
        study_visit.host_institution,
        study_visit.venue_country.code,
        study_visit.time_zone,
    ) == (slovenian_ministry, "SI", "Europe/Ljubljana")
    assert host_has_agreed(study_visit)
    assert agreement_log(agreement)[-1] == ("host_agreed", "asked", "agreed", "")
    assert event_log(study_visit)[-1] == (
        "host_agreed",
        "Slovenian Ministry of the Interior agreed to host the study visit.",
    )


def test_a_declining_host_needs_a_reason_and_the_next_host_can_be_asked(
    study_visit, slovenian_ministry, portuguese_agency, case_handler
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)

    with pytest.raises(EventError) as missing_reason:
        record_host_answer(agreement, actor=case_handler, agreed=False, reason="  ")
    agreement.refresh_from_db()
    assert (str(missing_reason.value), missing_reason.value.field, agreement.state) == (
        "Give the reason the host declined.",
        "reason",
        "asked",
    )

    record_host_answer(agreement, actor=case_handler, agreed=False, reason="No staff in May.")
    second = ask_host(study_visit, portuguese_agency, actor=case_handler)

    agreement.refresh_from_db()
    assert (agreement.state, agreement.reason) == ("declined", "No staff in May.")
    assert second.state == "asked"
    assert event_log(study_visit)[1] == (
        "host_declined",
        "Slovenian Ministry of the Interior declined to host the study visit. "
        "Reason: No staff in May.",
    )


def test_a_host_that_agreed_may_withdraw_and_the_event_has_no_host_again(
    study_visit, slovenian_ministry, case_handler
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    record_host_answer(agreement, actor=case_handler, agreed=True)

    record_host_answer(agreement, actor=case_handler, agreed=False, reason="Reorganisation.")

    study_visit.refresh_from_db()
    assert study_visit.host_institution is None
    assert not host_has_agreed(study_visit)
    assert agreement_log(agreement)[-1] == (
        "host_declined",
        "agreed",
        "declined",
        "Reorganisation.",
    )


def test_an_answer_is_recorded_once(study_visit, slovenian_ministry, case_handler):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    record_host_answer(agreement, actor=case_handler, agreed=False, reason="No.")

    with pytest.raises(TransitionNotAllowed):
        record_host_answer(agreement, actor=case_handler, agreed=True)

    agreement.refresh_from_db()
    study_visit.refresh_from_db()
    assert (agreement.state, study_visit.host_institution) == ("declined", None)


def test_withdraw_an_ask_needs_a_reason(study_visit, slovenian_ministry, case_handler):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)

    with pytest.raises(EventError) as error:
        withdraw_host_request(agreement, actor=case_handler, reason="")
    withdraw_host_request(agreement, actor=case_handler, reason="The group prefers Lisbon.")

    agreement.refresh_from_db()
    assert str(error.value) == "Give the reason the ask is withdrawn."
    assert (agreement.state, agreement.reason) == ("withdrawn", "The group prefers Lisbon.")
    assert agreement_log(agreement)[-1] == (
        "withdraw_host_request",
        "asked",
        "withdrawn",
        "The group prefers Lisbon.",
    )


def test_ask_is_refused_with_a_reason_and_nothing_stored(
    study_visit, event, slovenian_ministry, portuguese_agency, case_handler
):
    serbian = InstitutionFactory(name="Serbian ministry", country=Country.objects.get(code="RS"))

    with pytest.raises(EventError) as not_member_state:
        ask_host(study_visit, serbian, actor=case_handler)
    ask_host(study_visit, slovenian_ministry, actor=case_handler)
    with pytest.raises(EventError) as already_asked:
        ask_host(study_visit, portuguese_agency, actor=case_handler)
    workshop = Event.objects.create(
        reference="WS-2026-0043", event_type="workshop", title="W", beneficiary=event.beneficiary
    )
    with pytest.raises(EventError) as not_a_study_visit:
        ask_host(workshop, slovenian_ministry, actor=case_handler)

    assert [
        (str(e.value), e.value.field) for e in (not_member_state, already_asked, not_a_study_visit)
    ] == [
        (
            "The host of a study visit must be an administration of an EU Member State.",
            "institution",
        ),
        (
            "Slovenian Ministry of the Interior is already asked for this study visit: record its "
            "answer or withdraw the ask first.",
            "institution",
        ),
        ("Only a study visit has a host administration.", "institution"),
    ]
    assert HostAgreement.objects.count() == 1


def test_a_confirmed_study_visit_keeps_its_host(study_visit, slovenian_ministry, case_handler):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    record_host_answer(agreement, actor=case_handler, agreed=True)
    services.confirm_event(study_visit, actor=case_handler)

    with pytest.raises(EventError) as error:
        record_host_answer(agreement, actor=case_handler, agreed=False, reason="Changed mind.")

    assert str(error.value) == (
        "The event is confirmed: its host's answer can be recorded only while it is planned or "
        "postponed; postpone the event to change its host."
    )
    agreement.refresh_from_db()
    assert agreement.state == "agreed"


# -- the confirmation gate -----------------------------------------------------------------------


def test_a_study_visit_is_not_confirmed_before_its_host_agreed(
    study_visit, slovenian_ministry, case_handler
):
    without_host = services.confirmation_missing(study_visit)
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    while_asked = services.confirmation_missing(study_visit)
    with pytest.raises(EventError) as refused:
        services.confirm_event(study_visit, actor=case_handler)

    record_host_answer(agreement, actor=case_handler, agreed=True)
    services.confirm_event(study_visit, actor=case_handler)

    assert without_host == [HOST_NOT_AGREED]
    assert while_asked == [
        "Slovenian Ministry of the Interior was asked to host the study visit and has not "
        "answered: record its answer."
    ]
    assert str(refused.value) == "The event cannot be confirmed yet. " + while_asked[0]
    assert Event.objects.get(pk=study_visit.pk).state == "confirmed"


def test_the_event_page_lists_the_missing_host(client, study_visit, case_handler):
    client.force_login(case_handler)

    response = client.get(reverse("events:detail", args=[study_visit.pk]))

    assert response.context["confirmation_missing"] == [HOST_NOT_AGREED]
    assert HOST_NOT_AGREED in response.content.decode()


# -- the pages and who may use them --------------------------------------------------------------


def test_the_case_handler_asks_and_records_the_answer_on_the_page(
    client, study_visit, slovenian_ministry, case_handler
):
    client.force_login(case_handler)
    page = client.get(reverse("events:detail", args=[study_visit.pk])).content.decode()

    asked = client.post(
        reverse("events:host_ask", args=[study_visit.pk]),
        {"host-ask-institution": slovenian_ministry.pk, "host-ask-note": ""},
    )
    agreement = HostAgreement.objects.get(event=study_visit)
    answered = client.post(
        reverse("events:host_answer", args=[study_visit.pk, agreement.pk]),
        {f"host-answer-{agreement.pk}-answer": "agreed"},
    )

    assert 'id="host-heading"' in page
    assert "Experts ranked for this event" not in page
    assert "Invite an expert" not in page
    assert (asked.status_code, answered.status_code) == (302, 302)
    assert Event.objects.get(pk=study_visit.pk).host_institution == slovenian_ministry


def test_a_declined_answer_without_reason_is_shown_beside_the_field(
    client, study_visit, slovenian_ministry, case_handler
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    client.force_login(case_handler)

    response = client.post(
        reverse("events:host_answer", args=[study_visit.pk, agreement.pk]),
        {f"host-answer-{agreement.pk}-answer": "declined"},
    )

    assert response.status_code == 400
    form = response.context["host_agreements"][0][1]
    assert form.errors == {"reason": ["Give the reason the host declined."]}
    agreement.refresh_from_db()
    assert agreement.state == "asked"


def test_the_ask_form_refuses_an_institution_outside_the_member_states(
    client, study_visit, case_handler
):
    serbian = InstitutionFactory(name="Serbian ministry", country=Country.objects.get(code="RS"))
    client.force_login(case_handler)

    response = client.post(
        reverse("events:host_ask", args=[study_visit.pk]), {"host-ask-institution": serbian.pk}
    )

    assert response.status_code == 400
    assert response.context["host_ask_form"].errors == {
        "institution": [
            "The host of a study visit must be an administration of an EU Member State."
        ]
    }
    assert HostAgreement.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("case_handler", 302),
        ("same_team_case_handler", 302),
        ("head_of_unit", 302),
        ("other_team_case_handler", 404),
        ("administrator", 404),
        ("ncp", 404),
        ("applicant", 404),
    ],
)
def test_only_the_events_case_handler_team_and_head_of_unit_arrange_the_host(
    request, client, study_visit, slovenian_ministry, who, status
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        reverse("events:host_ask", args=[study_visit.pk]),
        {"host-ask-institution": slovenian_ministry.pk},
    )

    assert response.status_code == status
    assert HostAgreement.objects.count() == (1 if status == 302 else 0)


@pytest.mark.parametrize("who", ["other_team_case_handler", "ncp", "applicant"])
def test_others_cannot_record_an_answer_or_withdraw(
    request, client, study_visit, slovenian_ministry, case_handler, who
):
    agreement = ask_host(study_visit, slovenian_ministry, actor=case_handler)
    client.force_login(request.getfixturevalue(who))

    answer = client.post(
        reverse("events:host_answer", args=[study_visit.pk, agreement.pk]),
        {f"host-answer-{agreement.pk}-answer": "agreed"},
    )
    withdraw = client.post(
        reverse("events:host_withdraw", args=[study_visit.pk, agreement.pk]),
        {f"host-withdraw-{agreement.pk}-reason": "No."},
    )

    assert (answer.status_code, withdraw.status_code) == (404, 404)
    agreement.refresh_from_db()
    assert agreement.state == "asked"


def test_a_workshop_has_no_host_section_and_no_host_address(
    client, event, slovenian_ministry, case_handler
):
    client.force_login(case_handler)

    page = client.get(reverse("events:detail", args=[event.pk]))
    asked = client.post(
        reverse("events:host_ask", args=[event.pk]), {"host-ask-institution": slovenian_ministry.pk}
    )

    assert page.context["shows_host"] is False
    assert asked.status_code == 404


# -- existing data -------------------------------------------------------------------------------


def test_the_migration_records_the_host_of_an_existing_study_visit_as_agreed(
    study_visit, event, slovenian_ministry
):
    Event.objects.filter(pk=study_visit.pk).update(host_institution=slovenian_ministry)
    migration = import_module("taiex.events.migrations.0012_study_visit_host_agreements")

    migration.agreed_hosts_of_existing_study_visits(apps, None)

    agreement = HostAgreement.objects.get()
    assert (agreement.event_id, agreement.institution, agreement.state) == (
        study_visit.pk,
        slovenian_ministry,
        "agreed",
    )
    study_visit.refresh_from_db()
    assert host_has_agreed(study_visit)
    assert services.confirmation_missing(study_visit) == []
