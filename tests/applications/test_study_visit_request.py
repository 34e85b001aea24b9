"""A request for a study visit asks for a host, not experts: the preferred host Member State (and
the administration, if the applicant knows it) or the choice left to the programme, and the
size of the visiting group. Checked on the form (beside the field), at submission and through
the API."""

import pytest
from django.urls import reverse

from taiex.applications import services
from taiex.applications.eligibility import STUDY_VISIT_NO_EXPERTS, submission_problems
from taiex.applications.models import Application
from taiex.reference.models import Country
from tests.applications.test_views import form_data
from tests.factories import submittable_application
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db


def study_visit_data(applicant, **overrides):
    return form_data(
        **{
            "lead_institution": applicant.memberships.get(role="applicant").institution.pk,
            "assistance_type": "study_visit",
            "title": "Study visit on the reception of asylum seekers",
            "participants_count": "4",
            "experts_count": None,
            "expertise_wished": None,
            "host_left_to_programme": "named",
            "host_country": Country.objects.get(code="PT").pk,
            "host_institution_wished": "Agency for Integration, Migration and Asylum",
            **overrides,
        }
    )


def test_a_study_visit_request_names_its_host_and_is_submitted(client, applicant):
    client.force_login(applicant)

    response = client.post(reverse("applications:new"), study_visit_data(applicant, submit="1"))

    application = Application.objects.get()
    assert response.status_code == 302, response.context and response.context["problem_list"]
    assert (
        application.state,
        application.host_country.code,
        application.host_institution_wished,
        application.host_left_to_programme,
        application.experts_count,
        application.participants_count,
    ) == ("submitted", "PT", "Agency for Integration, Migration and Asylum", False, None, 4)


def test_the_choice_of_the_host_may_be_left_to_the_programme(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        study_visit_data(
            applicant,
            submit="1",
            host_left_to_programme="programme",
            host_country=None,
            host_institution_wished=None,
        ),
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.state, application.host_left_to_programme, application.host_country) == (
        "submitted",
        True,
        None,
    )


def test_the_experts_of_a_study_visit_are_not_applicable_and_not_saved(client, applicant):
    """The experts section does not apply to a study visit: what is entered there (a page
    without JavaScript still sends it) is dropped on save, not stored nor refused."""
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        study_visit_data(
            applicant,
            experts_count="2",
            member_state_preference=[Country.objects.get(code="AT").pk],
        ),
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert (application.experts_count, list(application.member_state_preference.all())) == (
        None,
        [],
    )


def test_a_host_both_named_and_left_to_the_programme_is_refused(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"), study_visit_data(applicant, host_left_to_programme="programme")
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "host_left_to_programme": [
            "Either name the preferred host or leave the choice to the programme, not both."
        ]
    }
    assert Application.objects.count() == 0


def test_the_host_of_a_workshop_is_not_applicable_and_not_saved(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        form_data(
            lead_institution=applicant.memberships.get(role="applicant").institution.pk,
            host_country=Country.objects.get(code="PT").pk,
            host_institution_wished="Agency for Integration, Migration and Asylum",
            host_left_to_programme="programme",
        ),
    )

    application = Application.objects.get()
    assert response.status_code == 302
    assert (
        application.host_country,
        application.host_institution_wished,
        application.host_left_to_programme,
        application.experts_count,
    ) == (None, "", False, 2)


def test_the_host_is_a_member_state(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("applications:new"),
        study_visit_data(applicant, host_country=Country.objects.get(code="RS").pk),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "host_country": ["Choose the host among the EU Member States."]
    }


def test_submission_asks_for_the_host_and_not_for_experts(applicant):
    application = submittable_application(
        applicant,
        assistance_type="study_visit",
        participants_count=4,
        host_left_to_programme=False,
        expertise_wished="",
    )

    problems = submission_problems(application, application.created_at.date())

    assert problems == {
        "host_country": [
            "Name the preferred host Member State, or leave the choice to the programme."
        ]
    }


def test_the_api_refuses_to_submit_a_study_visit_with_experts_naming_the_field(client, applicant):
    draft = submittable_application(
        applicant, assistance_type="study_visit", participants_count=4, experts_count=2
    )

    response = client.post(
        f"/api/v1/requests/{draft.pk}/actions/submit",
        {},
        content_type="application/json",
        headers=bearer(applicant, scope="write"),
    )

    draft.refresh_from_db()
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "experts_count", "in": "body", "message": STUDY_VISIT_NO_EXPERTS}
    ]
    assert draft.state == "draft"


def test_the_request_page_shows_the_host_and_the_group(client, applicant):
    application = services.submit_application(
        submittable_application(
            applicant,
            assistance_type="study_visit",
            participants_count=4,
            host_left_to_programme=False,
            host_country=Country.objects.get(code="PT"),
            host_institution_wished="Agency for Integration",
        ),
        actor=applicant,
    )
    client.force_login(applicant)

    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()

    assert "<dt>Host</dt><dd>Portugal: Agency for Integration</dd>" in page
    assert "<dt>Visiting group</dt><dd>4 participants" in page
    assert "<dt>Experts</dt><dd>None: a Member State administration hosts the group." in page
