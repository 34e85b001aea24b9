"""The privacy notices: one per audience, with the retention periods read from the rules, and a
link to the right notice on every form that collects personal data and in the footer."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from taiex.core.models import RetentionRule
from taiex.evaluations.models import EvaluationRequest
from taiex.evaluations.services.links import link_path
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    event,
    participants,
    rated_expert,
    sweep,
)
from tests.events.participant_fixtures import workshop  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def notice_url(audience):
    return reverse("core:privacy_notice", args=[audience])


def links_to(response, audience):
    return f'href="{notice_url(audience)}"' in response.content.decode()


@pytest.mark.parametrize(
    ("audience", "title"),
    [
        ("experts", "Privacy notice for experts"),
        ("applicants", "Privacy notice for applicants and contact persons"),
        ("participants", "Privacy notice for participants in events"),
        ("public", "Privacy notice for visitors of the public pages"),
    ],
)
def test_each_audience_has_a_notice_with_every_section(client, audience, title):
    response = client.get(notice_url(audience))

    content = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in content
    for heading in [
        "1. Who is responsible",
        "2. Why we process your data",
        "3. On which legal basis",
        "4. Which data",
        "5. Who receives it",
        "6. How long it is kept",
        "7. Your rights and how to exercise them",
    ]:
        assert heading in content
    assert "Regulation (EU) 2018/1725" in content
    assert "European Data Protection Supervisor" in content


def test_an_unknown_audience_is_404(client):
    assert client.get(notice_url("nobody")).status_code == 404


def test_the_retention_periods_are_read_from_the_rules(client):
    response = client.get(notice_url("participants"))
    assert "5 years after the end of the event" in response.content.decode()

    RetentionRule.objects.filter(kind="participant_contact_data").update(period=3)
    response = client.get(notice_url("participants"))

    content = response.content.decode()
    assert "3 years after the end of the event" in content
    assert "5 years after the end of the event" not in content


def test_a_switched_off_rule_reads_as_kept_until_erased(client):
    RetentionRule.objects.filter(kind="expert_cvs").update(is_active=False)

    content = client.get(notice_url("experts")).content.decode()

    assert "until erased on request" in content
    assert "5 years after the person&#x27;s last activity" not in content


def test_the_footer_links_the_notices(client):
    response = client.get(reverse("portal:index"))

    assert f'href="{reverse("core:privacy")}"' in response.content.decode()
    index = client.get(reverse("core:privacy")).content.decode()
    for audience in ["experts", "applicants", "participants", "public"]:
        assert f'href="{notice_url(audience)}"' in index


def test_expert_registration_links_the_experts_notice(client):
    assert links_to(client.get(reverse("experts:register")), "experts")


def test_applicant_registration_links_the_applicants_notice(client):
    assert links_to(client.get(reverse("accounts:register")), "applicants")


def test_the_request_form_links_the_notice_beside_its_contact_persons(client, applicant):
    client.force_login(applicant)

    response = client.get(reverse("applications:new"))

    content = response.content.decode()
    legend = content.index("<legend><h2>Contact persons</h2></legend>")
    assert content.index(f'href="{notice_url("applicants")}"') > legend


def test_participant_registration_by_link_links_the_participants_notice(client, workshop):
    workshop.registration_token = "k" * 43
    workshop.registration_open = True
    workshop.save()

    response = client.get(reverse("events:register", args=["k" * 43]))

    assert response.status_code == 200
    assert links_to(response, "participants")


def test_staff_registering_a_participant_see_the_participants_notice(
    client, workshop, case_handler
):
    client.force_login(case_handler)

    response = client.get(reverse("events:participants", args=[workshop.pk]))

    assert response.status_code == 200
    assert links_to(response, "participants")


def test_evaluation_forms_link_the_notice_of_their_audience(
    client, event, participants, rated_expert, sweep
):
    sweep()
    participant_link = EvaluationRequest.objects.get(audience="participants", email="petar@gov.rs")
    expert_link = EvaluationRequest.objects.get(audience="experts")

    participant_page = client.get(link_path(participant_link))
    expert_page = client.get(link_path(expert_link))

    assert links_to(participant_page, "participants")
    assert not links_to(participant_page, "experts")
    assert links_to(expert_page, "experts")
