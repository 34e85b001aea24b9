"""Who may list, see and move events; a denied request changes nothing."""

import pytest
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.models import Event

NOBODY = "anonymous"
STAFF = ["case_handler", "head_of_unit", "administrator"]
VIEWERS = ["applicant", "ncp"]  # the request's applicant and the NCP of the beneficiary
# The logistics contractor assigned to the event sees only its bookings page (test_logistics_views).
OUTSIDERS = ["other_applicant", "ncp_albania", "expert", "assigned_contractor"]
ALL_ROLES = [NOBODY, *OUTSIDERS, *VIEWERS, "other_team_case_handler", *STAFF]


def client_as(client, request, role):
    if role != NOBODY:
        client.force_login(request.getfixturevalue(role))
    return client


def stored(event):
    return Event.objects.filter(pk=event.pk).values().get()


EXPECTED_LIST = {
    NOBODY: 302,
    "assigned_contractor": 404,
    "other_applicant": 404,
    "ncp_albania": 404,
    "expert": 404,
    "applicant": 404,
    "ncp": 404,
    "other_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", ["events:list", "events:export"])
def test_staff_list_and_export_permissions(client, request, event, role, name):
    response = client_as(client, request, role).get(reverse(name))

    assert response.status_code == EXPECTED_LIST[role]
    if role == NOBODY:
        assert response["Location"] == f"/accounts/login/?next={reverse(name)}"
    if response.status_code == 200:
        assert "WS-2026-0042" in response.content.decode()


EXPECTED_DETAIL = {
    NOBODY: (302, None),
    "assigned_contractor": (404, None),
    "other_applicant": (404, None),
    "ncp_albania": (404, None),
    "expert": (404, None),
    "applicant": (200, False),
    "ncp": (200, False),
    "other_team_case_handler": (200, False),
    "case_handler": (200, True),
    "head_of_unit": (200, True),
    "administrator": (200, True),
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_event_detail_permissions(client, request, event, role):
    status, has_actions = EXPECTED_DETAIL[role]

    response = client_as(client, request, role).get(reverse("events:detail", args=[event.pk]))

    assert response.status_code == status
    if status == 200:
        content = response.content.decode()
        assert "<h1>Asylum interview techniques</h1>" in content
        assert (f'action="/events/{event.pk}/cancel/"' in content) is has_actions
        assert ("Confirm the event" in content) is has_actions
        assert ("Edit details" in content) is has_actions


@pytest.mark.parametrize("role", [NOBODY, "other_applicant", "expert", "case_handler"])
def test_unknown_event_is_404_like_a_hidden_one(client, request, db, role):
    response = client_as(client, request, role).get(reverse("events:detail", args=[999_999]))

    assert response.status_code == (302 if role == NOBODY else 404)


EXPECTED_CANCEL = {
    NOBODY: 302,
    "assigned_contractor": 404,
    "other_applicant": 404,
    "ncp_albania": 404,
    "expert": 404,
    "applicant": 403,
    "ncp": 403,
    "other_team_case_handler": 403,
}


@pytest.mark.parametrize("role", list(EXPECTED_CANCEL))
def test_denied_cancel_changes_nothing(client, request, event, role):
    before = stored(event)

    response = client_as(client, request, role).post(
        reverse("events:act", args=[event.pk, "cancel"]), {"cancel-reason": "Not needed."}
    )

    assert response.status_code == EXPECTED_CANCEL[role]
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


@pytest.mark.parametrize("role", STAFF)
def test_staff_of_the_event_may_cancel(client, request, event, role):
    response = client_as(client, request, role).post(
        reverse("events:act", args=[event.pk, "cancel"]), {"cancel-reason": "Not needed."}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    event.refresh_from_db()
    assert (event.state, event.cancellation_reason) == ("cancelled", "Not needed.")
    actor = request.getfixturevalue(role)
    assert list(ActivityLog.objects.values_list("actor", "action", "note")) == [
        (actor.pk, "cancel", "Not needed.")
    ]


def test_get_on_an_action_is_refused(client, event, case_handler):
    client.force_login(case_handler)

    response = client.get(reverse("events:act", args=[event.pk, "cancel"]))

    assert response.status_code == 405
    assert Event.objects.get(pk=event.pk).state == "planned"


# The host's contact address (given by the case handler when asking a study visit's host) is
# shown to those who arrange the host only: not to the applicant, the NCP, another team's case
# handler, the administrator, nor anyone who cannot see the event.
EXPECTED_HOST_CONTACT = {
    NOBODY: None,
    "assigned_contractor": None,
    "other_applicant": None,
    "ncp_albania": None,
    "expert": None,
    "applicant": False,
    "ncp": False,
    "other_team_case_handler": False,
    "case_handler": True,
    "head_of_unit": True,
    "administrator": False,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_hosts_contact_address_is_shown_to_who_arranges_the_host(
    client, request, event, case_handler, role
):
    from taiex.events.models import HostAgreement
    from taiex.reference.models import Country
    from tests.factories import InstitutionFactory

    event.event_type = "study_visit"
    event.experts_needed = 0
    event.save()
    ministry = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    HostAgreement.objects.create(
        event=event, institution=ministry, asked_by=case_handler, contact_email="intl@gov.si"
    )

    response = client_as(client, request, role).get(reverse("events:detail", args=[event.pk]))

    shown = EXPECTED_HOST_CONTACT[role]
    if shown is None:
        assert response.status_code in (302, 404)
        return
    content = response.content.decode()
    assert "Slovenian Ministry of the Interior" in content
    assert ('Contact address: <a href="mailto:intl@gov.si">intl@gov.si</a>' in content) is shown
    assert ("intl@gov.si" in content) is shown
