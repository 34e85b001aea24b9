"""What the words of a query mean: optional terms, phrases and exclusions, spellings,
adjectives, compounds and typos; and what the public page says about a correction."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.events.queries.search import SearchFilters, search_events
from taiex.events.search import parse_query
from taiex.events.search.query import Term
from taiex.events.search.spelling import spelling_forms
from tests.factories import EventFactory


def test_spelling_forms_join_british_and_american_spellings_and_adjectives():
    assert spelling_forms("labour") == ["labour", "labor"]
    assert spelling_forms("labor") == ["labor", "labour"]
    assert spelling_forms("centres") == ["centres", "centers"]
    # The -ation/-ant rule adds a form no text has; it matches nothing and costs nothing.
    assert spelling_forms("harmonization") == ["harmonization", "harmonisation", "harmonizant"]
    assert spelling_forms("travelling") == ["travelling", "traveling"]
    assert spelling_forms("licences") == ["licences", "licenses"]
    assert spelling_forms("ukrainian") == ["ukrainian", "ukraine"]
    assert spelling_forms("ukraine") == ["ukraine", "ukrainian"]
    assert spelling_forms("migrants") == ["migrants", "migration"]
    assert spelling_forms("hour") == ["hour"]


def test_a_query_has_optional_words_required_phrases_and_excluded_words():
    query = parse_query('the "Rules of Origin" customs -Tunisia -"free zone"')

    assert query.terms == (Term("customs", (("customs",),)),)
    assert query.phrases == (Term("rules of origin", (("rules", "of", "origin"),)),)
    assert query.excluded == (
        Term("tunisia", (("tunisia",), ("tunisian",))),
        Term("free zone", (("free", "zone"),)),
    )
    assert bool(parse_query("-police")) is False
    assert parse_query("cross-border").terms == (
        Term("cross", (("cross",),)),
        Term("border", (("border",),)),
    )


@pytest.fixture
def catalogue(db):
    events = [
        ("WS-2015-0001", "Cross-border police cooperation", "Joint patrols.", date(2015, 1, 6)),
        ("WS-2016-0002", "Crossborder crime", "Joint investigation teams.", date(2016, 1, 6)),
        ("WS-2017-0003", "Healthcare financing", "Health insurance funds.", date(2017, 1, 6)),
        ("WS-2018-0004", "Labour inspection", "Inspection of health care workers.",
         date(2018, 1, 6)),
        ("WS-2019-0005", "Public procurement remedies", "Review bodies.", date(2019, 1, 6)),
        ("WS-2020-0006", "Refugees from Ukraine", "Temporary protection.", date(2020, 1, 6)),
        ("WS-2021-0007", "Environmental impact assessment", "Environment of projects.",
         date(2021, 1, 6)),
        ("WS-2022-0008", "Procurement planning", "Procurement of works.", date(2022, 1, 6)),
    ]  # fmt: skip
    for reference, title, summary, start in events:
        EventFactory(reference=reference, title=title, summary=summary, start_date=start,
                     end_date=start, place="Belgrade")  # fmt: skip


def found(text, **filters):
    results = search_events(SearchFilters(q=text, **filters))
    return [event.reference for event in results[:20]], results.query


def test_compounds_join_their_parts_both_ways(catalogue):
    assert found("crossborder")[0] == ["WS-2016-0002", "WS-2015-0001"]
    assert found("cross border")[0] == ["WS-2016-0002", "WS-2015-0001"]
    # The title's "Healthcare" weighs more than the summary's "health care".
    assert found("health care")[0] == ["WS-2017-0003", "WS-2018-0004"]
    assert found("healthcare")[0] == ["WS-2017-0003", "WS-2018-0004"]


def test_american_spellings_and_adjectives_find_british_texts_and_nouns(catalogue):
    assert found("labor")[0] == ["WS-2018-0004"]
    assert found("Ukrainian refugees")[0] == ["WS-2020-0006"]


def test_a_typo_is_corrected_to_the_closest_indexed_word(catalogue):
    references, query = found("procurment")

    assert references == ["WS-2022-0008", "WS-2019-0005"]
    assert query.corrections == (("procurment", "procurement"),)
    assert query.corrected_text() == "procurement"
    # As typed, the stemmer still joins it ("procur"), without a correction.
    assert found("procurment", exact=True)[0] == ["WS-2022-0008", "WS-2019-0005"]
    assert found("procurment", exact=True)[1].corrections == ()
    assert found("enviroment", exact=True)[0] == []
    assert found("enviroment")[0] == ["WS-2021-0007"]


def test_the_page_says_what_it_corrected_and_links_to_the_words_as_typed(catalogue, client):
    url = reverse("portal:events")

    page = client.get(url, {"q": "enviroment"}).content.decode()
    typed = client.get(url, {"q": "enviroment", "exact": "1"}).content.decode()

    assert (
        "Showing results for <strong>environment</strong>. Search instead for "
        '<a href="?q=enviroment&amp;exact=1">enviroment</a>.'
    ) in page
    assert "WS-2021-0007" in page
    assert "Showing results for" not in typed
    assert "No implemented event matches “enviroment”" in typed


def test_the_api_reports_what_it_corrected_and_searches_as_typed_on_request(catalogue, client):
    corrected = client.get("/api/v1/events/", {"q": "enviroment Labour"}).json()
    typed = client.get("/api/v1/events/", {"q": "enviroment", "exact": "true"}).json()
    unsearched = client.get("/api/v1/events/").json()

    assert (corrected["searched_for"], corrected["corrections"], corrected["suggestion"]) == (
        "environment labour",
        [{"typed": "enviroment", "searched": "environment"}],
        None,
    )
    assert sorted(item["reference"] for item in corrected["items"]) == [
        "WS-2018-0004",
        "WS-2021-0007",
    ]
    assert (typed["searched_for"], typed["corrections"], typed["count"]) == ("enviroment", [], 0)
    assert (unsearched["searched_for"], unsearched["corrections"], unsearched["suggestion"]) == (
        None,
        [],
        None,
    )
    assert unsearched["count"] == 8
