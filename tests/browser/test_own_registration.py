"""A participant opens their own page from the personal link on a 390 px phone: the page fits
the screen, passes axe-core, and "I can no longer come" cancels the registration and gives the
seat to the first on the waiting list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from taiex.events.models import Participant
from taiex.events.services.personal_links import registration_token
from taiex.reference.models import Country
from tests.factories import EventFactory
from tests.factories.lifecycle import AgendaSessionFactory
from tests.factories.participants import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_participant_reads_their_page_and_cancels_at_390_px(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    start = date.today() + timedelta(days=30)
    event = EventFactory(
        state="planned",
        title="Treatment of vulnerable groups at detention facilities",
        modality="hybrid",
        meeting_link="https://meet.example.eu/a-very-long-meeting-identifier-0123456789abcdef",
        start_date=start,
        end_date=start + timedelta(days=1),
        capacity=1,
        beneficiary=Country.objects.get(code="RS"),
    )
    AgendaSessionFactory(event=event, title="Interview techniques for asylum officers")
    anna = ParticipantFactory(event=event, full_name="Anna Albanian", state="approved")
    ParticipantFactory(event=event, full_name="Marko Markovic", state="waitlisted")

    page.goto(base + reverse("portal:own_registration", args=[registration_token(anna)]))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Your registration for")
    page.get_by_text("Interview techniques for asylum officers").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_text("Say why you can no longer come.").first.wait_for()
    assert_accessible(page)
    page.get_by_label("Why can you no longer come?").fill("My minister needs me that week.")
    page.get_by_role("button", name="Cancel my registration").click()
    page.get_by_text("Your registration is cancelled. Thank you").wait_for()

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    assert dict(Participant.objects.filter(event=event).values_list("full_name", "state")) == {
        "Anna Albanian": "cancelled",
        "Marko Markovic": "approved",
    }
