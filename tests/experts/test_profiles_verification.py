"""Verification of experts by staff, who reaches the staff pages, and who may read a CV."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.experts.services.profiles import ExpertError, reject_expert, verify_expert
from tests.factories import ExpertFactory

PDF = b"%PDF-1.4\n% a tiny CV\n%%EOF\n"
NON_STAFF = ["applicant", "ncp", "expert"]
STAFF = ["case_handler", "head_of_unit", "administrator"]


@pytest.fixture
def pending_expert(db):
    return ExpertFactory(
        user__full_name="Petra Pending",
        user__email="petra@gov.si",
        verification_state="pending",
        verified_at=None,
    )


def test_verify_expert_logs_and_tells_the_expert(
    pending_expert, case_handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verify_expert(pending_expert, actor=case_handler)

    pending_expert.refresh_from_db()
    assert pending_expert.verification_state == "verified"
    assert pending_expert.verified_by == case_handler
    assert pending_expert.verified_at is not None
    assert list(
        ActivityLog.objects.values_list("actor", "action", "from_state", "to_state", "note")
    ) == [(case_handler.pk, "verify", "pending", "verified", "")]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["petra@gov.si"], "[taiex] Your expert profile is verified")
    ]


def test_reject_expert_requires_a_reason_and_changes_nothing_without(pending_expert, case_handler):
    with pytest.raises(ExpertError) as refusal:
        reject_expert(pending_expert, actor=case_handler, reason="   ")

    assert refusal.value.problems == {
        "reason": ["Give the reason for the rejection; the expert reads it."]
    }
    pending_expert.refresh_from_db()
    assert pending_expert.verification_state == "pending"
    assert ActivityLog.objects.count() == 0


def test_reject_expert_logs_the_reason_and_mails_it(
    pending_expert, head_of_unit, django_capture_on_commit_callbacks
):
    reason = "Freelance consultant, not employed by a public administration."
    with django_capture_on_commit_callbacks(execute=True):
        reject_expert(pending_expert, actor=head_of_unit, reason=reason)

    pending_expert.refresh_from_db()
    assert (pending_expert.verification_state, pending_expert.verification_reason) == (
        "rejected",
        reason,
    )
    assert list(
        ActivityLog.objects.values_list("actor", "action", "from_state", "to_state", "note")
    ) == [(head_of_unit.pk, "reject", "pending", "rejected", reason)]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["petra@gov.si"], "[taiex] Your expert registration was not accepted")
    ]
    assert reason in mail.outbox[0].body


def test_verification_page_verifies(client, pending_expert, case_handler):
    client.force_login(case_handler)

    response = client.post(
        reverse("experts:verification_decide", args=[pending_expert.pk]), {"verify": "1"}
    )

    assert response.status_code == 302
    assert response.url == reverse("experts:verification_queue")
    pending_expert.refresh_from_db()
    assert pending_expert.verification_state == "verified"


def test_verification_page_shows_the_missing_reason_next_to_the_field(
    client, pending_expert, case_handler
):
    client.force_login(case_handler)

    response = client.post(
        reverse("experts:verification_decide", args=[pending_expert.pk]),
        {"reject": "1", "reason": ""},
    )

    assert response.status_code == 200
    assert response.context["rejection"].errors == {
        "reason": ["Give the reason for the rejection; the expert reads it."]
    }
    pending_expert.refresh_from_db()
    assert pending_expert.verification_state == "pending"


def test_verification_page_prefills_the_private_consultant_hint(
    client, pending_expert, administrator
):
    client.force_login(administrator)

    response = client.get(reverse("experts:verification_decide", args=[pending_expert.pk]))

    content = response.content.decode()
    assert "Private consultants and freelancers are not eligible as experts" in content
    assert "Petra Pending" in content


@pytest.mark.parametrize("role", STAFF)
def test_staff_reach_the_verification_queue(client, request, pending_expert, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("experts:verification_queue"))

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [pending_expert]


@pytest.mark.parametrize("role", ["anonymous", *NON_STAFF])
@pytest.mark.parametrize("page", ["verification_queue", "verification_decide"])
def test_non_staff_do_not_reach_the_staff_pages(client, request, pending_expert, role, page):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    args = [pending_expert.pk] if page == "verification_decide" else []

    response = client.get(reverse(f"experts:{page}", args=args))

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["anonymous", *NON_STAFF])
@pytest.mark.parametrize("action", [{"verify": "1"}, {"reject": "1", "reason": "No."}])
def test_denied_decision_changes_nothing(client, request, pending_expert, role, action):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.post(reverse("experts:verification_decide", args=[pending_expert.pk]), action)

    assert response.status_code in (302, 404)
    pending_expert.refresh_from_db()
    assert (pending_expert.verification_state, pending_expert.verification_reason) == (
        "pending",
        "",
    )
    assert ActivityLog.objects.count() == 0
    assert mail.outbox == []


def test_verification_queue_costs_the_same_for_one_and_three_experts(client, case_handler):
    client.force_login(case_handler)
    url = reverse("experts:verification_queue")
    ExpertFactory(verification_state="pending", languages=[("en", "C1"), ("de", "B2")])
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["page"].object_list) == 1
    ExpertFactory.create_batch(2, verification_state="pending", languages=[("fr", "B1")])

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(response.context["page"].object_list) == 3
    assert len(three) == len(one)


@pytest.fixture
def expert_with_cv(db):
    expert = ExpertFactory()
    expert.cv.save("cv.pdf", ContentFile(PDF), save=True)
    return expert


@pytest.mark.parametrize("role", ["self", "case_handler", "head_of_unit"])
def test_cv_is_served_to_staff_and_the_expert(client, request, expert_with_cv, role):
    viewer = expert_with_cv.user if role == "self" else request.getfixturevalue(role)
    client.force_login(viewer)

    response = client.get(reverse("experts:cv", args=[expert_with_cv.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["another_expert", "ncp", "applicant"])
def test_cv_is_not_found_for_anybody_else(client, request, expert_with_cv, role):
    viewer = ExpertFactory().user if role == "another_expert" else request.getfixturevalue(role)
    client.force_login(viewer)

    response = client.get(reverse("experts:cv", args=[expert_with_cv.pk]))

    assert response.status_code == 404
