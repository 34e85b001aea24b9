"""A contact person of a request: the export of what is held under their address and its
erasure on request, by the staff handling the request."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications.models import Application, ContactPerson
from taiex.applications.personal_data import (
    ContactErasureError,
    erase_contact_person,
    export_contact_person,
)
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.evaluations.models import EvaluationRequest, Questionnaire
from tests.factories import ApplicationFactory, ContactPersonFactory, EventFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_with_contact(applicant):
    application = ApplicationFactory(
        created_by=applicant, reference="APP-2026-00010", title="Asylum", state="assessment"
    )
    contact = ContactPersonFactory(
        application=application, name="Jelena Kontakt", email="jelena@gov.rs", phone="+381 2"
    )
    return application, contact


def follow_up_link(email):
    return EvaluationRequest.objects.create(
        event=EventFactory(),
        questionnaire=Questionnaire.objects.filter(audience="follow_up").first(),
        audience="follow_up",
        name="Jelena Kontakt",
        email=email,
        closes_at="2030-01-01T00:00Z",
    )


def test_the_export_holds_every_contact_row_and_link_under_the_address(
    request_with_contact, applicant
):
    _application, contact = request_with_contact
    other = ApplicationFactory(created_by=applicant, reference="APP-2026-00011", title="Borders")
    ContactPersonFactory(application=other, name="Jelena K.", email="JELENA@gov.rs")
    link = follow_up_link("jelena@gov.rs")

    data = export_contact_person(contact)

    assert data["address"] == "jelena@gov.rs"
    assert [(row["request"], row["name"]) for row in data["request_contacts"]] == [
        ("APP-2026-00010", "Jelena Kontakt"),
        ("APP-2026-00011", "Jelena K."),
    ]
    assert [(row["audience"], row["state"]) for row in data["evaluation_links"]] == [
        ("follow_up", "open")
    ]
    assert data["evaluation_links"][0]["event"] == link.event.reference


def test_erasure_anonymises_every_row_of_the_address_and_keeps_the_request(
    request_with_contact, applicant, case_handler
):
    application, contact = request_with_contact
    other = ApplicationFactory(created_by=applicant, title="Borders")
    second = ContactPersonFactory(application=other, name="Jelena Kontakt", email="Jelena@gov.rs")
    kept = ContactPersonFactory(application=application, name="Marko Other", email="marko@gov.rs")
    log_action(
        application, actor=applicant, action="save_draft", note="Contact Jelena Kontakt added."
    )
    link = follow_up_link("jelena@gov.rs")

    erase_contact_person(contact, actor=case_handler, reason="Her request by e-mail.")

    for pk in [contact.pk, second.pk]:
        row = ContactPerson.objects.get(pk=pk)
        assert (row.name, row.email, row.phone, row.position) == (
            "Erased contact person",
            f"contact-{pk}@erased.invalid",
            "",
            "",
        )
    assert ContactPerson.objects.get(pk=kept.pk).name == "Marko Other"
    assert Application.objects.filter(pk=application.pk).exists()
    rows = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Application), object_id=str(application.pk)
    ).order_by("pk")
    assert [(row.action, row.note) for row in rows] == [
        ("save_draft", "Contact Erased contact person added."),
        (
            "erase_contact_person",
            f"Personal data of contact person no. {contact.pk} erased: Her request by e-mail.",
        ),
    ]
    assert rows.last().actor == case_handler
    link.refresh_from_db()
    assert (link.name, link.email) == ("Erased person", f"link-{link.pk}@erased.invalid")


def test_erasure_needs_a_reason_and_is_done_once(request_with_contact, case_handler):
    _, contact = request_with_contact

    with pytest.raises(ContactErasureError, match="Say why"):
        erase_contact_person(contact, actor=case_handler, reason="")
    assert ContactPerson.objects.get(pk=contact.pk).name == "Jelena Kontakt"

    erase_contact_person(contact, actor=case_handler, reason="Request.")
    with pytest.raises(ContactErasureError, match="already erased"):
        erase_contact_person(contact, actor=case_handler, reason="Again.")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.APPLICANT, 404),
        (Role.NCP, 404),
        (Role.EXPERT, 404),
        (Role.CASE_HANDLER, 200),
        (Role.HEAD_OF_UNIT, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_who_reaches_the_contact_s_export_and_erasure(client, request_with_contact, role, status):
    application, contact = request_with_contact
    application.team_id = make_user(Role.CASE_HANDLER).memberships.get().team_id
    application.save()
    user = make_user(role) if role != Role.APPLICANT else application.created_by
    client.force_login(user)

    export = client.get(reverse("applications:contact_export", args=[application.pk, contact.pk]))
    page = client.get(reverse("applications:contact_erase", args=[application.pk, contact.pk]))
    posted = client.post(
        reverse("applications:contact_erase", args=[application.pk, contact.pk]), {"reason": "x"}
    )

    assert (export.status_code, page.status_code) == (status, status)
    assert posted.status_code == (302 if status == 200 else 404)
    erased = ContactPerson.objects.get(pk=contact.pk).name == "Erased contact person"
    assert erased is (status == 200)


def test_the_request_page_links_the_contact_s_data_for_its_case_handler_only(
    client, request_with_contact, case_handler, applicant
):
    application, contact = request_with_contact
    application.team_id = case_handler.memberships.get().team_id
    application.save()
    erase_url = reverse("applications:contact_erase", args=[application.pk, contact.pk])

    client.force_login(case_handler)
    assert (
        f'href="{erase_url}"'
        in client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    )
    client.force_login(applicant)
    assert (
        f'href="{erase_url}"'
        not in client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    )


def test_a_post_without_reason_is_a_form_error_and_erases_nothing(
    client, request_with_contact, head_of_unit
):
    application, contact = request_with_contact
    client.force_login(head_of_unit)

    response = client.post(
        reverse("applications:contact_erase", args=[application.pk, contact.pk]), {"reason": ""}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert ContactPerson.objects.get(pk=contact.pk).name == "Jelena Kontakt"


def test_the_contact_export_is_json_named_after_the_contact(
    client, request_with_contact, head_of_unit
):
    application, contact = request_with_contact
    client.force_login(head_of_unit)

    response = client.get(reverse("applications:contact_export", args=[application.pk, contact.pk]))

    assert (
        response["Content-Disposition"] == f'attachment; filename="taiex-contact-{contact.pk}.json"'
    )
    assert json.loads(response.content)["address"] == "jelena@gov.rs"
