"""Keywords suggested to the staff who edit an event's keywords: EuroVoc descriptors found in
its texts (shipped data, nothing downloaded) and the keywords of similar public events."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.events.queries.keywords import keyword_suggestions
from taiex.reference.eurovoc import descriptors
from tests.factories import EventFactory


@pytest.fixture
def similar_events(db):
    common = {"start_date": date(2019, 5, 6), "end_date": date(2019, 5, 7)}
    EventFactory(
        reference="WS-2019-0001",
        state="closed",
        title="Asylum procedures",
        keywords="asylum; Reception conditions; interviews",
        **common,
    )
    EventFactory(
        reference="WS-2019-0002",
        state="implemented",
        title="Asylum interviews",
        keywords="Asylum; credibility assessment",
        **common,
    )
    EventFactory(
        reference="WS-2019-0003",
        state="closed",
        title="Road safety",
        keywords="road safety; speed control",
        **common,
    )
    # Not public yet: its keywords are not suggested.
    EventFactory(reference="WS-2019-0004", state="planned", title="Asylum appeals",
                 keywords="asylum; appeals board", **common)  # fmt: skip


def test_descriptors_are_shipped_data():
    assert len(descriptors()) == 5882
    assert "right of asylum" in descriptors()


def test_suggestions_come_from_eurovoc_and_from_similar_public_events(similar_events, event):
    event.summary = "Interviews of asylum seekers and the right to asylum."
    event.legislation = "Law on Asylum and Temporary Protection"
    event.keywords = "interviews"

    suggestions = keyword_suggestions(event)

    assert suggestions.eurovoc == ["right of asylum"]
    # Most used first; the event's own keyword ("interviews") is not suggested again.
    assert suggestions.similar == [
        ("asylum", 2),
        ("credibility assessment", 1),
        ("Reception conditions", 1),
    ]


def test_an_event_with_nothing_in_common_gets_no_suggestion(similar_events, event):
    event.title, event.summary, event.legislation = "Xylophone tuning", "", ""
    assert not keyword_suggestions(event)


def test_the_details_form_shows_the_suggestions(similar_events, event, client, case_handler):
    client.force_login(case_handler)

    page = client.get(reverse("events:edit", args=[event.pk])).content.decode()

    assert "Suggested keywords" in page
    assert '<span class="keyword">asylum</span> (2 events)' in page
    assert '<span class="keyword">credibility assessment</span> (1 event)' in page
    assert "appeals board" not in page
