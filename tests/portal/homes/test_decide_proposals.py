"""The head of unit decides several proposals at once: select, approve or reject each with its
reason, confirm; all are recorded or none is; nobody else may see the page."""

import pytest
from django.core import mail
from django.urls import reverse

from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from taiex.events.models import Event
from taiex.events.services.decisions import DecisionsNotTaken, decide_applications

from .helpers import proposed

pytestmark = pytest.mark.django_db
URL = "accounts:decide_proposals"


@pytest.fixture
def proposals(applicant, ncp, case_handler):
    return [proposed(applicant, ncp, case_handler, days_ago=days) for days in (3, 2, 1)]


def choices(*rows, step):
    data = {"step": step}
    for application, decision, reason in rows:
        data[f"p{application.pk}-selected"] = "on"
        data[f"p{application.pk}-decision"] = decision
        data[f"p{application.pk}-reason"] = reason
    return data


def states(applications):
    return [Application.objects.get(pk=a.pk).state for a in applications]


def test_head_of_unit_decides_three_proposals_after_confirming(
    client, head_of_unit, proposals, django_capture_on_commit_callbacks
):
    first, second, third = proposals
    rows = [
        (first, "approve", "Fits the accession priorities."),
        (second, "reject", "Covered by a twinning project."),
        (third, "approve", "Urgent for the screening."),
    ]
    client.force_login(head_of_unit)

    confirm = client.post(reverse(URL), choices(*rows, step="confirm"))
    assert confirm.status_code == 200
    assert [form.application.pk for form in confirm.context["chosen"]] == [a.pk for a in proposals]
    assert states(proposals) == [S.PROPOSED] * 3  # nothing recorded before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(URL), choices(*rows, step="decide"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert states(proposals) == [S.APPROVED, S.REJECTED, S.APPROVED]
    assert Application.objects.get(pk=second.pk).decision_reason == (
        "Covered by a twinning project."
    )
    assert sorted(Event.objects.values_list("application_id", flat=True)) == [first.pk, third.pk]
    assert {message.to[0] for message in mail.outbox} >= {first.created_by.email}


def test_the_page_lists_the_proposals_oldest_first_with_the_recommendation_chosen(
    client, head_of_unit, proposals
):
    client.force_login(head_of_unit)

    forms = client.get(reverse(URL)).context["forms"]

    assert [form.application.pk for form in forms] == [a.pk for a in proposals]
    assert [form.initial.get("decision") for form in forms] == ["approve"] * 3


def test_a_missing_reason_is_shown_beside_its_proposal_and_nothing_is_decided(
    client, head_of_unit, proposals
):
    first, second, _ = proposals
    client.force_login(head_of_unit)

    response = client.post(
        reverse(URL),
        choices((first, "approve", "Fine."), (second, "reject", "  "), step="decide"),
    )

    assert response.status_code == 400
    errors = {form.application.pk: form.errors for form in response.context["forms"]}
    assert errors[second.pk] == {"reason": ["Give the reason for the decision."]}
    assert errors[first.pk] == {}
    assert states(proposals) == [S.PROPOSED] * 3
    assert "There is a problem" in response.content.decode()


def test_choosing_nothing_says_so(client, head_of_unit, proposals):
    client.force_login(head_of_unit)

    response = client.post(reverse(URL), {"step": "confirm"})

    assert response.status_code == 400
    assert response.context["problems"] == ["Choose at least one proposal to decide."]


def test_all_or_nothing_when_one_proposal_was_decided_meanwhile(client, head_of_unit, proposals):
    first, second, _ = proposals
    client.force_login(head_of_unit)
    page = client.get(reverse(URL))  # both still listed
    assert len(page.context["forms"]) == 3
    decide_applications([(second, "reject", "Decided elsewhere.")], actor=head_of_unit)

    response = client.post(
        reverse(URL),
        choices((first, "approve", "Fine."), (second, "approve", "Fine."), step="decide"),
    )

    # The second is no longer proposed, so it is no longer on the page: only the first is chosen
    # and it is decided. A stale choice of a proposal that left the list is not acted upon.
    assert response.status_code == 302
    assert states(proposals)[:2] == [S.APPROVED, S.REJECTED]


def test_the_service_records_none_when_one_fails(head_of_unit, proposals):
    first, second, third = proposals
    decide_applications([(second, "reject", "Decided before.")], actor=head_of_unit)

    with pytest.raises(DecisionsNotTaken) as raised:
        decide_applications(
            [
                (first, "approve", "Fine."),
                (second, "approve", "Again."),
                (third, "reject", ""),
            ],
            actor=head_of_unit,
        )

    assert set(raised.value.problems) == {second.pk, third.pk}
    assert (
        raised.value.problems[third.pk] == f"{third.reference}: Give the reason for the decision."
    )
    assert states(proposals) == [S.PROPOSED, S.REJECTED, S.PROPOSED]
    assert not Event.objects.filter(application=first).exists()


def test_the_service_refuses_an_empty_list(head_of_unit):
    with pytest.raises(DecisionsNotTaken) as raised:
        decide_applications([], actor=head_of_unit)
    assert list(raised.value.problems.values()) == ["Choose at least one proposal to decide."]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "ncp", "case_handler"])
def test_only_the_head_of_unit_may_decide_proposals(
    client, request, who, proposals, applicant, ncp, case_handler
):
    user = {"applicant": applicant, "ncp": ncp, "case_handler": case_handler}.get(who)
    if user:
        client.force_login(user)
    first = proposals[0]

    get = client.get(reverse(URL))
    post = client.post(reverse(URL), choices((first, "approve", "Fine."), step="decide"))

    expected = 302 if who == "anonymous" else 404  # anonymous: to the login page
    assert (get.status_code, post.status_code) == (expected, expected)
    assert states(proposals) == [S.PROPOSED] * 3
