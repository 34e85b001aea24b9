"""Deleting a draft: only a draft never submitted, only by who started it (404 for others)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import attachments, services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, Attachment, ContactPerson
from taiex.core.models import ActivityLog
from tests.factories import make_user, submittable_application

pytestmark = pytest.mark.django_db


def test_the_owner_deletes_a_draft_with_its_contacts_and_documents_after_confirming(
    client, applicant, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant, title="A draft to drop")
    document = attachments.add_attachment(
        application,
        actor=applicant,
        kind="other",
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    )
    storage, name = document.file.storage, document.file.name
    contacts = ContactPerson.objects.filter(application=application).count()
    pk = application.pk
    client.force_login(applicant)

    detail = client.get(reverse("applications:detail", args=[pk]))
    assert reverse("applications:delete", args=[pk]) in detail.content.decode()
    confirm = client.get(reverse("applications:delete", args=[pk]))
    assert confirm.status_code == 200
    assert Application.objects.filter(pk=pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("applications:delete", args=[pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("applications:list")
    assert not Application.objects.filter(pk=pk).exists()
    assert (Attachment.objects.count(), storage.exists(name)) == (0, False)
    entry = ActivityLog.objects.get(action="delete_draft")
    assert (entry.object_id, entry.actor, entry.note, entry.data) == (
        str(pk),
        applicant,
        "A draft to drop",
        {"contacts": contacts, "documents": 1},
    )


def test_a_colleague_of_the_same_institution_gets_404_and_the_draft_stays(client, applicant):
    application = submittable_application(applicant)
    colleague = make_user(Role.APPLICANT, institution=application.lead_institution)
    client.force_login(colleague)

    assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("applications:delete", args=[application.pk])).status_code == 404
    assert client.post(reverse("applications:delete", args=[application.pk])).status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


def test_somebody_who_cannot_see_the_draft_gets_404(client, applicant, ncp):
    application = submittable_application(applicant)
    client.force_login(ncp)

    assert client.post(reverse("applications:delete", args=[application.pk])).status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


@pytest.mark.parametrize("returned", [False, True])
def test_a_submitted_request_cannot_be_deleted_only_withdrawn(client, applicant, ncp, returned):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    if returned:
        application = services.return_application(application, actor=ncp, reason="Add dates.")
    client.force_login(applicant)

    detail = client.get(reverse("applications:detail", args=[application.pk]))
    assert reverse("applications:delete", args=[application.pk]) not in detail.content.decode()
    response = client.post(reverse("applications:delete", args=[application.pk]), follow=True)

    assert Application.objects.filter(pk=application.pk).exists()
    assert not ActivityLog.objects.filter(action="delete_draft").exists()
    assert [str(m) for m in response.context["messages"]] == [
        f"{application} was submitted and cannot be deleted; withdraw it instead."
    ]
    with pytest.raises(services.ApplicationError):
        services.delete_draft(application, actor=applicant)


def test_a_draft_withdrawn_after_a_submission_is_never_deleted(applicant):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    Application.objects.filter(pk=application.pk).update(state=S.DRAFT)

    with pytest.raises(services.ApplicationError, match="withdraw it instead"):
        services.delete_draft(Application.objects.get(pk=application.pk), actor=applicant)
    assert Application.objects.filter(pk=application.pk).exists()
