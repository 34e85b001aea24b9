"""The evaluation links (name and address of the people asked) in the export and the erasure of
experts, participants and accounts."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest

from taiex.evaluations.models import EvaluationRequest, Response
from taiex.events.models import Event
from taiex.events.services.participants import erase_participant
from taiex.experts.services.personal_data import erase_expert, export_expert_data
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    event,
    participants,
    rated_expert,
    sweep,
)
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(event, participants, rated_expert, sweep):
    sweep()
    return {link.email: link for link in EvaluationRequest.objects.all()}


def test_the_expert_s_export_lists_their_evaluation_links(links, rated_expert, event):
    data = export_expert_data(rated_expert)

    assert data["evaluation_links"] == [
        {
            "event": event.reference,
            "audience": "experts",
            "name": "Eda Expert",
            "email": "eda@gov.si",
            "state": "open",
            "sent_at": links["eda@gov.si"].sent_at.isoformat(),
            "closes_at": links["eda@gov.si"].closes_at.isoformat(),
            "answered_at": None,
        }
    ]


def test_erasing_an_expert_anonymises_their_links_and_closes_the_open_one(
    links, rated_expert, administrator
):
    erase_expert(rated_expert, actor=administrator)

    link = EvaluationRequest.objects.get(pk=links["eda@gov.si"].pk)
    assert (link.name, link.email, link.state) == (
        "Erased person",
        f"link-{link.pk}@erased.invalid",
        "closed",
    )
    assert EvaluationRequest.objects.get(pk=links["petar@gov.rs"].pk).name == "Petar Present"


def test_erasing_a_participant_anonymises_the_link_of_that_event_only(
    links, event, participants, case_handler
):
    petar = participants[0]
    other_event = EventFactory()
    other_link = EvaluationRequest.objects.create(
        event=other_event,
        questionnaire=links["petar@gov.rs"].questionnaire,
        audience="participants",
        name="Petar Present",
        email="petar@gov.rs",
        closes_at=links["petar@gov.rs"].closes_at,
    )
    Event.objects.filter(pk=event.pk).update(state="closed")

    erase_participant(petar, actor=case_handler, reason="His request.")

    link = EvaluationRequest.objects.get(pk=links["petar@gov.rs"].pk)
    assert (link.name, link.email) == ("Erased person", f"link-{link.pk}@erased.invalid")
    assert EvaluationRequest.objects.get(pk=other_link.pk).email == "petar@gov.rs"
    assert EvaluationRequest.objects.get(pk=links["mila@gov.rs"].pk).name == "Mila Present"


def test_an_answered_link_stays_answered_and_the_answers_stay(links, rated_expert, administrator):
    expert_link = links["eda@gov.si"]
    EvaluationRequest.objects.filter(pk=expert_link.pk).update(state="answered")
    Response.objects.create(
        event=expert_link.event, questionnaire=expert_link.questionnaire, audience="experts"
    )

    erase_expert(rated_expert, actor=administrator)

    assert EvaluationRequest.objects.get(pk=expert_link.pk).state == "answered"
    assert Response.objects.filter(audience="experts").count() == 1
