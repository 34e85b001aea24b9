from datetime import date

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from taiex.accounts import services
from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.core.models import ActivityLog
from taiex.reference.models import Country, InstitutionKind
from tests.factories import InstitutionFactory, make_user


def registration_data(**changes):
    data = {
        "full_name": "Milica Jovanović",
        "email": "Milica.Jovanovic@mei.gov.rs",
        "position": "Senior adviser",
        "phone": "+381 11 123 4567",
        "country": Country.objects.get(code="RS").pk,
        "institution": "",
        "new_institution_name": "Ministry of European Integration",
        "new_institution_kind": InstitutionKind.objects.get(code="central-administration").pk,
        "parent": "",
        "password": "Kalemegdan-fortress-77",
        "password_confirmation": "Kalemegdan-fortress-77",
    }
    data.update(changes)
    return data


def stored_counts():
    return (User.objects.count(), Institution.objects.count(), Membership.objects.count())


def test_registration_creates_user_institution_membership_and_tells_the_ncp(
    client, ncp, ncp_albania, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register"), registration_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:registered")
    user = User.objects.get(email="milica.jovanovic@mei.gov.rs")
    assert (user.full_name, user.position, user.phone, user.is_active) == (
        "Milica Jovanović",
        "Senior adviser",
        "+381 11 123 4567",
        True,
    )
    assert user.check_password("Kalemegdan-fortress-77") is True
    institution = Institution.objects.get(name="Ministry of European Integration")
    assert (institution.country.code, institution.kind.code, institution.created_by) == (
        "RS",
        "central-administration",
        user,
    )
    assert list(user.memberships.values_list("role", "institution")) == [
        (Role.APPLICANT, institution.pk)
    ]
    # Not logged in: the answer is the same as for an address that already has an account.
    assert SESSION_KEY not in client.session
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([user.email], "[taiex] Your taiex account is ready"),
        ([ncp.email], "[taiex] New applicant registered in Serbia"),
    ]
    assert "Milica Jovanović, Senior adviser" in mail.outbox[1].body
    assert "Ministry of European Integration (Central public administration)" in (
        mail.outbox[1].body
    )
    assert sorted(ActivityLog.objects.filter(actor=user).values_list("action", "object_repr")) == [
        ("applicant_joined", "Ministry of European Integration"),
        ("create", "Ministry of European Integration"),
        ("register", "Milica Jovanović"),
    ]


def test_registration_with_an_existing_institution_of_the_country(client, ncp):
    institution = InstitutionFactory(name="Ministry of Interior")

    response = client.post(
        reverse("accounts:register"),
        registration_data(
            institution=institution.pk, new_institution_name="", new_institution_kind=""
        ),
    )

    assert response["Location"] == reverse("accounts:registered")
    user = User.objects.get(email="milica.jovanovic@mei.gov.rs")
    assert list(user.memberships.values_list("role", "institution")) == [
        (Role.APPLICANT, institution.pk)
    ]
    assert list(Institution.objects.values_list("name", flat=True)) == ["Ministry of Interior"]


def assert_refused(client, data, errors):
    before = stored_counts()
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    html = response.content.decode()
    for messages in errors.values():
        for message in messages:
            assert escape(message) in html
    assert stored_counts() == before
    assert SESSION_KEY not in client.session


def test_registration_with_a_taken_address_answers_as_for_a_new_one_and_writes_to_its_owner(
    client, applicant, ncp, django_capture_on_commit_callbacks
):
    before = stored_counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:register"), registration_data(email=applicant.email.upper())
        )

    assert (response.status_code, response["Location"]) == (302, reverse("accounts:registered"))
    assert stored_counts() == before
    assert SESSION_KEY not in client.session
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([applicant.email], "[taiex] Somebody tried to register with your e-mail address")
    ]
    assert "Somebody asked to register as an applicant on taiex with this e-mail address" in (
        mail.outbox[0].body
    )
    assert list(
        ActivityLog.objects.filter(action="registration_attempt").values_list("object_id", "note")
    ) == [
        (
            str(applicant.pk),
            "Somebody tried to register as an applicant with this account's address.",
        )
    ]
    page = client.get(response["Location"]).content.decode()
    assert "We sent an e-mail to the address you gave" in page


def test_registration_with_a_taken_address_still_shows_the_other_problems(client, applicant):
    assert_refused(
        client,
        registration_data(email=applicant.email, password_confirmation="other-password-12"),
        {"password_confirmation": ["The two passwords are not the same."]},
    )


@pytest.mark.parametrize(
    ("kind_code", "kind_name"),
    [("private-company", "private company"), ("civil-society", "civil society organisation")],
)
def test_registration_refuses_an_ineligible_kind_of_institution(client, db, kind_code, kind_name):
    kind = InstitutionKind.objects.get(code=kind_code)

    assert_refused(
        client,
        registration_data(new_institution_name="Balkan Consulting", new_institution_kind=kind.pk),
        {
            "new_institution_kind": [
                f"A {kind_name} cannot receive assistance: only public administrations, "
                "judicial and law-enforcement bodies, parliaments, regulators, social partners "
                "and local authorities can."
            ]
        },
    )


def test_registration_refuses_an_institution_of_another_country(client, db):
    albanian = InstitutionFactory(
        name="Ministry of Finance", country=Country.objects.get(code="AL")
    )

    assert_refused(
        client,
        registration_data(institution=albanian.pk, new_institution_name=""),
        {
            "institution": [
                "Ministry of Finance is an institution of Albania, not of Serbia. "
                "Pick an institution of your country."
            ]
        },
    )


def test_registration_refuses_a_country_that_is_no_beneficiary_today(client, db):
    assert_refused(
        client,
        registration_data(country=Country.objects.get(code="BY").pk),
        {
            "country": [
                "This country is not a beneficiary today, so its officials cannot register "
                "as applicants. Choose your country from the list."
            ]
        },
    )


def test_registration_service_refuses_belarus_today_but_not_in_2010(db):
    belarus = Country.objects.get(code="BY")
    kind = InstitutionKind.objects.get(code="central-administration")
    arguments = {
        "email": "official@gov.by",
        "full_name": "Ivan Official",
        "password": "Minsk-avenue-2010",
        "position": "",
        "phone": "",
        "country": belarus,
        "new_institution_name": "Ministry of Economy",
        "new_institution_kind": kind,
    }

    with pytest.raises(services.RegistrationError) as refusal:
        services.register_applicant(**arguments)
    user = services.register_applicant(**arguments, day=date(2010, 5, 1))

    assert refusal.value.problems == {
        "country": [
            "Belarus is not a beneficiary today, so its officials cannot register as applicants."
        ]
    }
    assert user.memberships.get().institution.country == belarus


def test_registration_refuses_to_duplicate_an_institution_name_of_the_country(client, db):
    InstitutionFactory(name="Ministry of Interior")

    assert_refused(
        client,
        registration_data(new_institution_name="ministry of  interior"),
        {
            "new_institution_name": [
                'Serbia already has an institution named "Ministry of Interior". '
                "Pick it from the list instead of naming it again."
            ]
        },
    )


def test_registration_allows_the_same_institution_name_in_another_country(client, db):
    InstitutionFactory(name="Ministry of Interior", country=Country.objects.get(code="AL"))

    response = client.post(
        reverse("accounts:register"), registration_data(new_institution_name="Ministry of Interior")
    )

    assert response["Location"] == reverse("accounts:registered")
    assert sorted(
        Institution.objects.filter(name="Ministry of Interior").values_list(
            "country__code", flat=True
        )
    ) == ["AL", "RS"]


def test_registration_needs_an_institution_picked_or_named(client, db):
    assert_refused(
        client,
        registration_data(new_institution_name="", new_institution_kind=""),
        {"institution": ["Pick your institution from the list, or name a new one."]},
    )


def test_registration_refuses_a_parent_institution_of_another_country(client, db):
    albanian = InstitutionFactory(
        name="Ministry of Justice", country=Country.objects.get(code="AL")
    )

    assert_refused(
        client,
        registration_data(new_institution_name="Agency for Asylum", parent=albanian.pk),
        {
            "parent": [
                "Ministry of Justice is an institution of Albania; the parent institution "
                "must be in Serbia too."
            ]
        },
    )


def test_registration_refuses_different_passwords(client, db):
    assert_refused(
        client,
        registration_data(password_confirmation="Kalemegdan-fortress-78"),
        {"password_confirmation": ["The two passwords are not the same."]},
    )


def test_registration_form_lists_only_todays_beneficiaries(client, db):
    response = client.get(reverse("accounts:register"))

    codes = {country.code for country in response.context["form"].fields["country"].queryset}
    # Member States are beneficiaries too, through the peer-to-peer strands.
    assert {"RS", "AL", "UA", "HR"} <= codes
    assert "BY" not in codes
    html = response.content.decode()
    assert '<label for="id_new_institution_kind">Kind of institution:</label>' in html


def test_registered_user_is_sent_home_when_opening_the_form_again(client, applicant):
    client.force_login(applicant)

    response = client.get(reverse("accounts:register"))

    assert response["Location"] == reverse("accounts:home")


def test_registration_does_not_notify_an_ncp_of_another_country(
    client, ncp_albania, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), registration_data())

    assert [message.to for message in mail.outbox] == [["milica.jovanovic@mei.gov.rs"]]
    assert User.objects.filter(email="milica.jovanovic@mei.gov.rs").exists() is True


def test_registration_notifies_an_ncp_holding_other_roles_once(
    client, db, django_capture_on_commit_callbacks
):
    ncp = make_user(Role.NCP, country="RS", email="ncp@mei.gov.rs")
    Membership.objects.create(user=ncp, role=Role.EXPERT)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:register"), registration_data())

    assert [message.to for message in mail.outbox] == [
        ["milica.jovanovic@mei.gov.rs"],
        ["ncp@mei.gov.rs"],
    ]


def test_registration_page_prints_the_official_footnotes_of_listed_countries(client, db):
    kosovo = Country.objects.get(code="XK")

    html = client.get(reverse("accounts:register")).content.decode()

    assert f'<option value="{kosovo.pk}">Kosovo*</option>' in html
    assert (
        '<li id="footnote-XK"><span class="footnote-name">Kosovo*</span>: '
        f"{escape(kosovo.official_footnote)}</li>"
    ) in html
