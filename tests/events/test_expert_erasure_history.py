"""Erasing an expert takes their name out of the history of the events they worked on."""

import pytest
from django.urls import reverse

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.events.models import Travel
from taiex.experts.services.personal_data import erase_expert
from taiex.staffing.models import Invitation
from tests.events.test_travel import GOOD
from tests.factories.reports import expert_on_event

pytestmark = pytest.mark.django_db


def test_expert_erasure_scrubs_the_name_from_event_notes_and_audit_rows(
    client, event, case_handler
):
    place = expert_on_event(event, invited_by=case_handler, user__full_name="Vesna Kranjc")
    expert = place.expert
    invitation = Invitation.objects.get(event=event, expert=expert)
    client.force_login(case_handler)
    client.post(reverse("events:travel", args=[event.pk, "expert", place.pk]), GOOD)
    log_action(invitation, actor=case_handler, action="remind", note="Reminded Vesna Kranjc.")

    erase_expert(expert, actor=case_handler)

    placeholder = f"Erased expert {expert.pk}"
    assert list(
        ActivityLog.objects.filter(action="record_travel").values_list("note", flat=True)
    ) == [f"Travel of {placeholder}: booked."]
    assert ActivityLog.objects.get(action="remind").note == f"Reminded {placeholder}."
    assert ActivityLog.objects.filter(object_repr__contains="Vesna Kranjc").count() == 0
    assert ActivityLog.objects.filter(note__contains="Vesna Kranjc").count() == 0
    travel = Travel.objects.get(event_expert=place)
    assert (travel.from_place, travel.to_place, travel.flight_details, travel.note) == (
        "",
        "",
        "",
        "",
    )
