"""The public search's Beneficiary facet grouped by window, as the dated reference data
(BeneficiaryPeriod) says: the same values and counts as the flat facet, each country under the
window of its latest period, the peer-to-peer strands together, earlier windows dated."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.events.queries import facet_index as index_module
from taiex.events.queries.search import SearchFilters, facet_counts
from taiex.reference.models import Country
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    index_module.reset_facet_index()
    made = {}
    for n, (code, count) in enumerate(
        [("RS", 2), ("AL", 1), ("UA", 1), ("MA", 1), ("RU", 1), ("HR", 2)], start=1
    ):
        for i in range(count):
            made.setdefault(code, []).append(
                EventFactory(
                    reference=f"WS-2012-{n:02d}{i:02d}",
                    state="implemented",
                    beneficiary=Country.objects.get(code=code),
                    start_date=date(2012, n, 10 + i),
                    end_date=date(2012, n, 10 + i),
                )
            )
    yield made
    index_module.reset_facet_index()


def test_the_beneficiary_facet_is_grouped_by_window_with_the_counts_unchanged(events):
    facets = facet_counts(SearchFilters())

    grouped = [
        (group.key, group.title, [(v.value, v.count, v.earlier) for v in group.values])
        for group in facets.country_groups
    ]

    assert grouped == [
        ("enlargement", "Enlargement", [("AL", 1, []), ("RS", 2, [])]),
        ("neighbourhood-east", "Neighbourhood East", [("UA", 1, [])]),
        ("neighbourhood-south", "Neighbourhood South", [("MA", 1, [])]),
        (
            "partnership-instrument",
            "Partnership Instrument",
            [("RU", 1, [("Neighbourhood East", date(2013, 12, 31))])],
        ),
        (
            "peer-to-peer",
            "EU Member States (peer-to-peer strands)",
            [("HR", 2, [("Enlargement", date(2013, 6, 30))])],
        ),
    ]
    flat = [value for group in facets.country_groups for value in group.values]
    assert sorted(flat, key=lambda v: v.value) == sorted(facets.country, key=lambda v: v.value)


def test_the_grouping_costs_no_query_once_the_index_is_built(events, django_assert_num_queries):
    facet_counts(SearchFilters())

    with django_assert_num_queries(1):  # the version only (highest id, latest change)
        facets = facet_counts(SearchFilters(country=("HR",)))

    assert [group.key for group in facets.country_groups][-1] == "peer-to-peer"
    assert [v.is_selected for v in facets.country_groups[-1].values] == [True]


def test_the_search_page_shows_each_window_as_a_group_of_checkboxes(client, events):
    client.get(reverse("portal:events"))  # builds the index

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:events") + "?country=HR")

    content = response.content.decode()
    legends = [
        "<legend>Enlargement</legend>",
        "<legend>Neighbourhood East</legend>",
        "<legend>Neighbourhood South</legend>",
        "<legend>Partnership Instrument</legend>",
        "<legend>EU Member States (peer-to-peer strands)</legend>",
    ]
    assert [content.index(legend) for legend in legends] == sorted(
        content.index(legend) for legend in legends
    )
    assert content.count('<fieldset class="facet-subgroup">') == 5
    assert (
        '<input type="checkbox" name="country" value="HR" id="facet-country-HR" checked>' in content
    )
    assert 'Croatia <span class="muted">(2)</span>' in content
    assert '<span class="muted facet-earlier">Enlargement until 30 June 2013</span>' in content
    assert len(queries) == QUERIES_OF_THE_SEARCH_PAGE


# Measured; the grouping adds none: the periods are read when the index is built (see the test
# above: facet_counts stays at the one query of the version). The page: the version, its 20
# rows (only the columns its results show, portal.views.result_rows) and their other
# beneficiaries (their countries come from the index).
QUERIES_OF_THE_SEARCH_PAGE = 3
