""" "Invite an expert" on the event page finds the expert by a part of the name, the e-mail or
the employer, without JavaScript: one match is invited, several are offered as a radio choice
(told apart by Member State and employer), none or too many is an error on the text."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest

from taiex.reference.models import Country
from taiex.staffing.models import Invitation
from taiex.staffing.queries.invitations import INVITE_SEARCH_LIMIT
from tests.factories import ExpertFactory, InstitutionFactory, UserFactory
from tests.staffing.invitation_fixtures import event, expert_named  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def invited():
    return list(Invitation.objects.values_list("expert__user__full_name", "role", "state"))


def post_invite(client, event, **data):
    fields = {"invite-role": "expert", **{f"invite-{key}": value for key, value in data.items()}}
    return client.post(f"/experts/events/{event.pk}/invite/", fields)


def horvat(country_code, employer_name, email):
    country = Country.objects.get(code=country_code)
    return ExpertFactory(
        user=UserFactory(full_name="Ana Horvat", email=email),
        member_state=country,
        employer=InstitutionFactory(name=employer_name, country=country),
    )


@pytest.fixture
def staff(client, case_handler):
    client.force_login(case_handler)
    return client


@pytest.mark.parametrize(
    "query",
    ["Sara Slovenska", "slovenska", "SARA@gov", "Ministry of the Interior of Slovenia"],
)
def test_one_match_by_name_email_or_employer_is_invited(staff, event, query):
    country = Country.objects.get(code="SI")
    ExpertFactory(
        user=UserFactory(full_name="Sara Slovenska", email="sara@gov.example"),
        employer=InstitutionFactory(name="Ministry of the Interior of Slovenia", country=country),
    )
    expert_named("Ivo Ribar")

    response = post_invite(staff, event, query=query)

    assert response.status_code == 302
    assert response.url == f"/events/{event.pk}/"
    assert invited() == [("Sara Slovenska", "expert", "invited")]


def test_the_event_page_offers_a_text_field_not_a_number(staff, event):
    page = staff.get(f"/events/{event.pk}/").content.decode()

    assert '<label for="id_invite-query">Expert:</label>' in page
    assert "Part of the name, the e-mail or the employer of a verified expert." in page
    assert '<input type="hidden" name="invite-expert" id="id_invite-expert">' in page
    assert "Expert number" not in page


def test_several_matches_are_offered_told_apart_then_the_chosen_one_is_invited(staff, event):
    croatian = horvat("HR", "Ministry of Justice", "ana.horvat@mprav.hr")
    slovenian = horvat("SI", "Police Directorate", "ana.horvat@policija.si")

    response = post_invite(staff, event, query="ana horvat")

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert form.errors == {"expert": ["2 verified experts match “ana horvat”: choose one."]}
    page = response.content.decode()
    assert "Ana Horvat (Croatia, Ministry of Justice) &lt;ana.horvat@mprav.hr&gt;" in page
    assert "Ana Horvat (Slovenia, Police Directorate) &lt;ana.horvat@policija.si&gt;" in page
    assert page.count('type="radio" name="invite-expert"') == 2
    assert not Invitation.objects.exists()

    response = post_invite(staff, event, query="ana horvat", expert=slovenian.pk)

    assert response.status_code == 302
    assert list(Invitation.objects.values_list("expert", flat=True)) == [slovenian.pk]
    assert croatian.pk != slovenian.pk


def test_a_choice_from_an_earlier_search_is_ignored_when_the_text_changed(staff, event):
    croatian = horvat("HR", "Ministry of Justice", "ana.horvat@mprav.hr")
    horvat("SI", "Police Directorate", "ana.horvat@policija.si")
    expert_named("Ivo Ribar")

    response = post_invite(staff, event, query="ribar", expert=croatian.pk)

    assert response.status_code == 302
    assert invited() == [("Ivo Ribar", "expert", "invited")]


def test_no_match_is_an_error_on_the_text(staff, event):
    expert_named("Petra Pending", verification_state="pending")

    response = post_invite(staff, event, query="Petra")

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "query": ["No verified expert has “Petra” in their name, e-mail or employer."]
    }
    assert not Invitation.objects.exists()


def test_an_empty_text_is_an_error(staff, event):
    response = post_invite(staff, event, query="   ")

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "query": ["Type part of the name, the e-mail or the employer of the expert to invite."]
    }


def test_too_many_matches_ask_for_another_word(staff, event):
    for number in range(INVITE_SEARCH_LIMIT + 1):
        expert_named(f"Number{number} Marko")

    response = post_invite(staff, event, query="marko")

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "query": [
            f"More than {INVITE_SEARCH_LIMIT} verified experts match “marko”: "
            "add a word of the name, the e-mail or the employer."
        ]
    }


def test_a_refusal_of_the_one_match_is_shown_on_the_text(staff, event):
    expert_named("Sara Slovenska")
    assert post_invite(staff, event, query="sara").status_code == 302

    response = post_invite(staff, event, query="sara")

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "query": ["Sara Slovenska is already invited to this event."]
    }
    assert len(invited()) == 1
