"""On resubmission the timeline, the NCP's e-mail and inbox item name each changed field with
its old and new values, compared with what the NCP saw at the previous submission."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from taiex.applications import services
from taiex.applications.models import Application
from taiex.core.models import ActivityLog, InboxItem
from taiex.reference.models import Chapter
from tests.factories import submittable_application

pytestmark = pytest.mark.django_db


def edit(application, actor, *, contacts=None, relations=None, **fields):
    """save_draft with the stored values except `fields`, as the form would post them."""
    application = Application.objects.get(pk=application.pk)
    plain = {
        name: getattr(application, name)
        for name in ("title", "objectives", "preferred_end", "place", "participants_count")
    }
    plain.update(fields)
    return services.save_draft(
        application,
        actor=actor,
        fields=plain,
        relations=relations or {},
        contacts=contacts
        if contacts is not None
        else list(application.contacts.values("name", "position", "email", "phone")),
        expected_version=application.version,
    )


@pytest.fixture
def returned(applicant, ncp):
    start = date.today() + timedelta(days=60)
    application = submittable_application(
        applicant,
        title="Workshop on asylum",
        preferred_start=start,
        preferred_end=start + timedelta(days=1),
    )
    application = services.submit_application(application, actor=applicant)
    return services.return_application(application, actor=ncp, reason="Say more.")


def test_resubmission_records_each_changed_field_with_old_and_new_values(
    applicant, ncp, returned, django_capture_on_commit_callbacks
):
    start = returned.preferred_start
    edit(
        returned,
        applicant,
        title="Workshop on asylum procedures",
        place="",
        preferred_end=start + timedelta(days=2),
        relations={"chapters": list(Chapter.objects.filter(number__in=[23, 24]))},
        contacts=[
            {"name": "Marko Marković", "position": "", "email": "marko@example.org", "phone": ""}
        ],
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(returned, actor=applicant)

    end_before, end_now = start + timedelta(days=1), start + timedelta(days=2)
    expected = [
        {
            "field": "title",
            "label": "Title",
            "old": "Workshop on asylum",
            "new": "Workshop on asylum procedures",
        },
        {
            "field": "chapters",
            "label": "Chapters",
            "old": str(Chapter.objects.get(number=24)),
            "new": f"{Chapter.objects.get(number=23)}; {Chapter.objects.get(number=24)}",
        },
        {
            "field": "preferred_end",
            "label": "Preferred last day",
            "old": f"{end_before.day} {end_before:%B %Y}",
            "new": f"{end_now.day} {end_now:%B %Y}",
        },
        {"field": "place", "label": "Place", "old": "Belgrade", "new": ""},
        {
            "field": "contacts",
            "label": "Contact persons",
            "old": "1 contact person",
            "new": "1 contact person (changed)",
        },
    ]
    row = ActivityLog.objects.get(action="resubmit")
    assert row.data["changes"] == expected
    # No contact's name or address is copied into the audit log.
    assert "Marković" not in str(row.data)
    assert "marko@example.org" not in str(row.data)

    [message] = [m for m in mail.outbox if m.to == [ncp.email]]
    assert message.subject.endswith(": corrected and resubmitted for your check")
    assert (
        "Changed since the last submission:\n\n"
        "- Title\n  before: Workshop on asylum\n  now: Workshop on asylum procedures\n"
    ) in message.body
    assert "- Place\n  before: Belgrade\n  now: (empty)\n" in message.body
    assert (
        "- Contact persons\n  before: 1 contact person\n  now: 1 contact person (changed)\n"
    ) in message.body
    item = InboxItem.objects.filter(user=ncp).order_by("-pk").first()
    assert item.subject.endswith(": corrected and resubmitted for your check")
    assert item.body == message.body


def test_the_timeline_shows_the_changes_to_the_ncp(client, applicant, ncp, returned):
    edit(returned, applicant, title="Workshop on asylum procedures")
    services.submit_application(returned, actor=applicant)
    client.force_login(ncp)

    html = client.get(reverse("applications:detail", args=[returned.pk])).content.decode()

    assert "<caption>Changed since the last submission</caption>" in html
    assert (
        '<tr><th scope="row">Title</th><td>Workshop on asylum</td>'
        "<td>Workshop on asylum procedures</td></tr>"
    ) in html


def test_a_resubmission_without_change_says_so(applicant, ncp, returned):
    mail.outbox.clear()
    services.submit_application(returned, actor=applicant)

    assert ActivityLog.objects.get(action="resubmit").data["changes"] == []


def test_the_first_submission_keeps_a_snapshot_and_no_changes(applicant, returned):
    row = ActivityLog.objects.get(action="submit")
    assert "changes" not in row.data
    assert row.data["snapshot"]["title"] == "Workshop on asylum"
    assert row.data["snapshot"]["contacts"] == "1 contact person"


def test_a_second_return_compares_with_the_latest_submission(applicant, ncp, returned):
    edit(returned, applicant, title="Second title")
    services.submit_application(returned, actor=applicant)
    services.return_application(returned, actor=ncp, reason="Again.")
    edit(returned, applicant, title="Third title")

    services.submit_application(returned, actor=applicant)

    latest = ActivityLog.objects.filter(action="resubmit").order_by("-pk").first()
    assert latest.data["changes"] == [
        {"field": "title", "label": "Title", "old": "Second title", "new": "Third title"}
    ]
