"""Erasure of an account that is not an expert's (an applicant, an NCP, staff) on the person's
request: what goes, what stays under a placeholder, when it is refused, who may do it."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from taiex.accounts.api_tokens import create_api_token
from taiex.accounts.enums import Role
from taiex.accounts.models import ApiToken, Membership, User
from taiex.accounts.personal_data import AccountErasureError, erase_account
from taiex.accounts.queries import personal_data_of
from taiex.applications.models import Application, ContactPerson
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.evaluations.models import EvaluationRequest, Questionnaire
from tests.factories import (
    ApplicationFactory,
    ContactPersonFactory,
    EventFactory,
    ExpertFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


def rows_about(subject):
    return ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).order_by("pk")


def test_erasing_an_applicant_replaces_their_data_and_keeps_their_requests(
    applicant, administrator
):
    email = applicant.email
    application = ApplicationFactory(
        created_by=applicant, reference="APP-2026-00077", state="approved"
    )
    own_contact = ContactPersonFactory(
        application=application, name="Ana Applicant", email=email.upper()
    )
    other_contact = ContactPersonFactory(
        application=application, name="Other Person", email="other@gov.rs"
    )
    log_action(application, actor=applicant, action="submit", note="Submitted by Ana Applicant.")
    log_action(applicant, actor=applicant, action="update_profile")
    link = EvaluationRequest.objects.create(
        event=EventFactory(),
        questionnaire=Questionnaire.objects.filter(audience="follow_up").first(),
        audience="follow_up",
        name="Ana Applicant",
        email=email,
        closes_at="2030-01-01T00:00Z",
    )
    create_api_token(applicant, actor=applicant, name="script", scope="read", lifetime_days=30)

    erase_account(applicant, actor=administrator, reason="At her request of 3 June.")

    user = User.objects.get(pk=applicant.pk)
    placeholder = f"Erased person {user.pk}"
    assert (user.full_name, user.email, user.phone, user.position, user.is_active) == (
        placeholder,
        f"user-{user.pk}@erased.invalid",
        "",
        "",
        False,
    )
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert list(ApiToken.objects.filter(user=user, revoked_at__isnull=True)) == []
    assert Application.objects.get(pk=application.pk).created_by_id == user.pk
    assert [(row.action, row.note) for row in rows_about(application)] == [
        ("submit", f"Submitted by {placeholder}.")
    ]
    assert [(row.action, row.object_repr) for row in rows_about(user)] == [
        ("update_profile", placeholder),
        ("api_token.create", placeholder),
        ("erase_account", placeholder),
    ]
    assert rows_about(user).last().note == "Personal data erased: At her request of 3 June."
    assert rows_about(user).last().actor == administrator
    contact = ContactPerson.objects.get(pk=own_contact.pk)
    assert (contact.name, contact.email) == (
        "Erased contact person",
        f"contact-{contact.pk}@erased.invalid",
    )
    assert ContactPerson.objects.get(pk=other_contact.pk).name == "Other Person"
    link.refresh_from_db()
    assert (link.name, link.email, link.state) == (
        "Erased person",
        f"link-{link.pk}@erased.invalid",
        "closed",
    )


@pytest.mark.parametrize("role", [Role.NCP, Role.CASE_HANDLER, Role.HEAD_OF_UNIT, Role.CONSULTEE])
def test_a_staff_or_ncp_account_keeps_what_it_decided_under_the_placeholder(
    role, applicant, administrator
):
    person = make_user(role, full_name="Decider Person", group="eu_delegation")
    application = ApplicationFactory(created_by=applicant)
    decision = log_action(application, actor=person, action="decide", note="Approved.")

    erase_account(person, actor=administrator, reason="Left the service.")

    decision.refresh_from_db()
    assert decision.actor_id == person.pk
    assert decision.actor.full_name == f"Erased person {person.pk}"
    assert decision.note == "Approved."
    assert not Membership.objects.filter(user=person).exists()


def test_erasure_needs_a_reason_and_changes_nothing_without(applicant, administrator):
    with pytest.raises(AccountErasureError, match="Say why the personal data is erased"):
        erase_account(applicant, actor=administrator, reason="  ")

    applicant.refresh_from_db()
    assert applicant.full_name == "Ana Applicant"
    assert Membership.objects.filter(user=applicant).count() == 1


def test_an_expert_s_account_is_erased_from_the_profile_not_here(administrator):
    expert = ExpertFactory()

    with pytest.raises(AccountErasureError, match="erase it from the expert's profile page"):
        erase_account(expert.user, actor=administrator, reason="Request.")


def test_an_erased_account_is_not_erased_twice(applicant, administrator):
    erase_account(applicant, actor=administrator, reason="Request.")

    with pytest.raises(AccountErasureError, match="already erased"):
        erase_account(applicant, actor=administrator, reason="Again.")
    assert rows_about(applicant).filter(action="erase_account").count() == 1


@pytest.mark.parametrize(
    "role", [None, Role.APPLICANT, Role.NCP, Role.CASE_HANDLER, Role.HEAD_OF_UNIT]
)
def test_only_administrators_reach_the_erasure_and_export_pages(client, applicant, role):
    if role is not None:
        client.force_login(make_user(role))
    erase_url = reverse("accounts:account_erase", args=[applicant.pk])
    export_url = reverse("accounts:account_data_export", args=[applicant.pk])

    responses = [
        client.get(erase_url),
        client.post(erase_url, {"reason": "x"}),
        client.get(export_url),
    ]

    assert (
        [r.status_code for r in responses] == [302, 302, 302] if role is None else [404, 404, 404]
    )
    applicant.refresh_from_db()
    assert applicant.full_name == "Ana Applicant"


def test_the_administrator_erases_through_the_page(client, administrator, applicant):
    client.force_login(administrator)
    url = reverse("accounts:account_erase", args=[applicant.pk])

    refused = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "At her request."})

    assert refused.status_code == 400
    assert refused.context["form"].errors == {"reason": ["This field is required."]}
    assert done.status_code == 302
    assert done["Location"] == reverse("core:audit_log") + f"?person={applicant.pk}"
    applicant.refresh_from_db()
    assert applicant.full_name == f"Erased person {applicant.pk}"


def test_the_page_says_why_an_expert_cannot_be_erased_here(client, administrator):
    expert = ExpertFactory()
    client.force_login(administrator)

    response = client.get(reverse("accounts:account_erase", args=[expert.user.pk]))

    assert "erase it from the expert&#x27;s profile page" in response.content.decode()
    assert response.context["form"] is not None
    assert '<button type="submit">Erase' not in response.content.decode()


def test_the_administrator_downloads_an_account_s_data(client, administrator, ncp):
    client.force_login(administrator)

    response = client.get(reverse("accounts:account_data_export", args=[ncp.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="taiex-account-{ncp.pk}.json"'
    assert json.loads(response.content) == json.loads(json.dumps(personal_data_of(ncp)))


def test_an_erased_account_loses_its_second_factor(administrator):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from taiex.accounts.second_factor import new_recovery_codes
    from tests.factories.second_factor import enrol

    person = make_user(Role.CASE_HANDLER, full_name="Sara Secondfactor")
    enrol(person)
    new_recovery_codes(person, actor=person)

    erase_account(person, actor=administrator, reason="Left the service.")

    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not StaticDevice.objects.filter(user=person).exists()
