"""Multi-country requests: each partner country's NCP confirms its institutions first."""

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import queries, services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import CountryConfirmation
from taiex.applications.partner_countries import (
    confirm_country_institutions,
    countries_awaiting_confirmation,
)
from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.models import Country
from tests.factories import InstitutionFactory, make_user, submittable_application

pytestmark = pytest.mark.django_db


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def ncp_montenegro():
    return make_user(Role.NCP, country="ME", full_name="Milena NCP Montenegro")


@pytest.fixture
def ncp_georgia():
    return make_user(Role.NCP, country="GE", full_name="Giorgi NCP Georgia")


@pytest.fixture
def multi_country(applicant):
    """A Serbian draft with partner institutions in Montenegro and Albania (and one in Serbia)."""
    application = submittable_application(applicant, title="Regional border workshop")
    application.partner_institutions.set(
        [
            InstitutionFactory(country=country("ME"), name="Border Police of Montenegro"),
            InstitutionFactory(country=country("AL"), name="Albanian State Police"),
            InstitutionFactory(country=country("RS"), name="Serbian Border Police"),
        ]
    )
    return application


@pytest.fixture
def submitted(multi_country, applicant):
    return services.submit_application(multi_country, actor=applicant)


def names(countries):
    return [c.name for c in countries]


def test_every_partner_country_other_than_the_lead_waits_for_its_ncp(submitted):
    assert names(countries_awaiting_confirmation(submitted)) == ["Albania", "Montenegro"]


def test_the_partner_ncps_see_the_submitted_request_in_their_queue(
    submitted, ncp, ncp_montenegro, ncp_albania, ncp_georgia
):
    queues = {
        user.full_name: list(queries.applications_waiting_for_ncp(user))
        for user in (ncp, ncp_montenegro, ncp_albania, ncp_georgia)
    }

    assert queues == {
        "Nikola NCP Serbia": [submitted],
        "Milena NCP Montenegro": [submitted],
        "Arta NCP Albania": [submitted],
        "Giorgi NCP Georgia": [],
    }


def test_a_partner_ncp_does_not_see_a_draft(multi_country, ncp_montenegro):
    assert list(queries.applications_visible_to(ncp_montenegro)) == []


def test_a_confirmation_takes_the_request_out_of_that_ncps_queue_only(
    submitted, ncp_montenegro, ncp_albania
):
    confirm_country_institutions(submitted, actor=ncp_montenegro, country=country("ME"))

    assert list(queries.applications_waiting_for_ncp(ncp_montenegro)) == []
    assert list(queries.applications_visible_to(ncp_montenegro)) == [submitted]
    assert list(queries.applications_waiting_for_ncp(ncp_albania)) == [submitted]
    assert names(countries_awaiting_confirmation(submitted)) == ["Albania"]


def test_forwarding_waits_for_every_partner_ncp(submitted, ncp, ncp_montenegro):
    confirm_country_institutions(submitted, actor=ncp_montenegro, country=country("ME"))

    with pytest.raises(TransitionNotAllowed) as refused:
        services.forward_application(submitted, actor=ncp)

    submitted.refresh_from_db()
    assert str(refused.value) == (
        f"{submitted} waits for the national contact point of Albania to confirm its "
        "country's institutions before it can be forwarded."
    )
    assert (submitted.state, submitted.consultations.count()) == (S.SUBMITTED, 0)


def test_forwarding_goes_on_once_every_partner_ncp_confirmed(
    submitted, ncp, ncp_montenegro, ncp_albania
):
    confirm_country_institutions(submitted, actor=ncp_montenegro, country=country("ME"))
    confirm_country_institutions(submitted, actor=ncp_albania, country=country("AL"))

    forwarded = services.forward_application(submitted, actor=ncp)

    assert forwarded.state == S.CONSULTATION


def test_a_confirmation_is_in_the_audit_log(submitted, ncp_albania):
    confirm_country_institutions(submitted, actor=ncp_albania, country=country("AL"))

    entry = ActivityLog.objects.filter(action="confirm_country_institutions").get()
    assert (entry.actor, entry.note, entry.data) == (
        ncp_albania,
        "The national contact point of Albania confirmed its institutions.",
        {"country": "AL"},
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("AL", "Albania has no institutions of {ref} left to confirm."),  # already confirmed
        ("RS", "Serbia has no institutions of {ref} left to confirm."),  # the lead country
        ("GE", "Georgia has no institutions of {ref} left to confirm."),  # not a partner
    ],
)
def test_a_confirmation_out_of_place_is_refused_and_changes_nothing(
    submitted, ncp_albania, code, message
):
    confirm_country_institutions(submitted, actor=ncp_albania, country=country("AL"))
    before = (CountryConfirmation.objects.count(), ActivityLog.objects.count())

    with pytest.raises(TransitionNotAllowed) as refused:
        confirm_country_institutions(submitted, actor=ncp_albania, country=country(code))

    assert str(refused.value) == message.format(ref=submitted)
    assert (CountryConfirmation.objects.count(), ActivityLog.objects.count()) == before


def test_a_confirmation_after_the_ncp_step_is_refused(submitted, ncp, ncp_albania):
    services.return_application(submitted, actor=ncp, reason="Name the Albanian contact.")

    with pytest.raises(TransitionNotAllowed) as refused:
        confirm_country_institutions(submitted, actor=ncp_albania, country=country("AL"))

    assert str(refused.value) == f"{submitted} is no longer with the national contact points."


def test_a_resubmission_asks_the_partner_ncps_again(submitted, applicant, ncp, ncp_albania):
    confirm_country_institutions(submitted, actor=ncp_albania, country=country("AL"))
    services.return_application(submitted, actor=ncp, reason="Add the Montenegrin contact.")

    resubmitted = services.submit_application(submitted, actor=applicant)

    assert names(countries_awaiting_confirmation(resubmitted)) == ["Albania", "Montenegro"]


def act(client, application, action, data=None):
    return client.post(reverse("applications:act", args=[application.pk, action]), data or {})


def test_a_partner_ncp_confirms_on_the_request_page(client, submitted, ncp_montenegro):
    client.force_login(ncp_montenegro)
    page = client.get(reverse("applications:detail", args=[submitted.pk]))

    response = act(client, submitted, "confirm")

    assert "Confirm the institutions of Montenegro" in page.content.decode()
    assert response.status_code == 302
    assert list(
        CountryConfirmation.objects.values_list("country__code", "confirmed_by", "application")
    ) == [("ME", ncp_montenegro.pk, submitted.pk)]


@pytest.mark.parametrize(("who", "status"), [("lead_ncp", 403), ("outsider_ncp", 404)])
def test_only_a_partner_ncp_may_confirm_and_a_refusal_changes_nothing(
    client, submitted, ncp, ncp_georgia, who, status
):
    client.force_login({"lead_ncp": ncp, "outsider_ncp": ncp_georgia}[who])
    logs_before = ActivityLog.objects.count()

    response = act(client, submitted, "confirm")

    assert response.status_code == status
    assert CountryConfirmation.objects.count() == 0
    assert ActivityLog.objects.count() == logs_before


def test_the_lead_ncp_forwarding_too_early_is_told_who_is_missing(
    client, submitted, ncp, ncp_montenegro
):
    confirm_country_institutions(submitted, actor=ncp_montenegro, country=country("ME"))
    client.force_login(ncp)

    response = act(client, submitted, "forward", {"forward-note": "Fine"})
    page = client.get(reverse("applications:detail", args=[submitted.pk]))

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.state == S.SUBMITTED
    assert [str(m) for m in page.context["messages"]] == [
        f"{submitted} waits for the national contact point of Albania to confirm its "
        "country's institutions before it can be forwarded."
    ]
    assert "Albania: waiting for its national contact point" in page.content.decode()
