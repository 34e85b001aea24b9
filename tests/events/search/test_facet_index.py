"""The in-memory facet index of the public search: facet counts and result pages come from it,
so it must follow the events: rebuilt when an event is added or saved, and after MAX_AGE for
changes that bypass save()."""

from datetime import date

import pytest

from taiex.events.models import Event
from taiex.events.queries import facet_index as index_module
from taiex.events.queries.search import SearchFilters, facet_counts, search_events
from taiex.reference.models import Chapter, Country
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def counts(facet):
    return {value.value: value.count for value in facet}


@pytest.fixture
def two_events():
    first = EventFactory(
        reference="WS-2019-0001",
        state="implemented",
        event_type="workshop",
        title="Workshop on asylum",
        beneficiary=Country.objects.get(code="RS"),
        start_date=date(2019, 3, 4),
        end_date=date(2019, 3, 5),
    )
    second = EventFactory(
        reference="SV-2021-0001",
        state="closed",
        event_type="study_visit",
        title="Study visit on asylum",
        beneficiary=Country.objects.get(code="AL"),
        start_date=date(2021, 6, 7),
        end_date=date(2021, 6, 8),
    )
    first.chapters.set([Chapter.objects.get(number=24)])
    second.chapters.set([Chapter.objects.get(number=24)])
    return first, second


def test_counts_and_pages_follow_a_saved_event(two_events):
    first, _ = two_events
    before = facet_counts(SearchFilters())
    assert counts(before.type) == {"workshop": 1, "study_visit": 1}
    assert [e.reference for e in search_events(SearchFilters(sort="-date"))[0:10]] == [
        "SV-2021-0001",
        "WS-2019-0001",
    ]

    first.state = "cancelled"
    first.cancellation_reason = "Withdrawn by the beneficiary."
    first.save()
    third = EventFactory(
        reference="EM-2020-0001",
        state="implemented",
        event_type="expert_mission",
        title="Mission on asylum",
        beneficiary=Country.objects.get(code="RS"),
        start_date=date(2020, 1, 2),
        end_date=date(2020, 1, 3),
    )

    after = facet_counts(SearchFilters(q="asylum"))
    assert counts(after.type) == {"expert_mission": 1, "study_visit": 1}
    assert counts(after.country) == {"RS": 1, "AL": 1}
    assert counts(after.year) == {"2021": 1, "2020": 1}
    results = search_events(SearchFilters(q="asylum", sort="-date"))
    assert results.count() == 2
    assert [e.reference for e in results[0:10]] == ["SV-2021-0001", third.reference]


def test_a_change_that_bypasses_save_shows_after_max_age(two_events, monkeypatch):
    first, _ = two_events
    assert counts(facet_counts(SearchFilters()).chapter) == {"24": 2}

    first.chapters.set([Chapter.objects.get(number=23)])  # no save(): the version stays
    assert counts(facet_counts(SearchFilters()).chapter) == {"24": 2}

    monkeypatch.setattr(index_module, "MAX_AGE", 0.0)
    assert counts(facet_counts(SearchFilters()).chapter) == {"23": 1, "24": 1}


def test_the_index_is_reused_while_nothing_changes(two_events, django_assert_num_queries):
    facet_counts(SearchFilters())  # builds it

    with django_assert_num_queries(1):  # the version only (highest id, latest change)
        facets = facet_counts(SearchFilters(type=("workshop",)))

    assert counts(facets.country) == {"RS": 1}
    assert Event.objects.count() == 2
