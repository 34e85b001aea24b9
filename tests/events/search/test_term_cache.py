"""Each term's hits are kept beside the facet index (search/term_cache.py): a word searched
again is not asked of the database again, the cache is bounded, and it goes with the index when
an event is added or saved or the search index is rebuilt."""

from datetime import date

import pytest

from taiex.events.queries.facet_index import facet_index
from taiex.events.queries.search import SearchFilters, search_events
from taiex.events.search import Term, rebuild_index
from taiex.events.search.term_cache import TermCache
from taiex.reference.models import Country
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asylum_events():
    serbia = Country.objects.get(code="RS")
    return [
        EventFactory(
            reference=f"WS-2019-000{i}",
            state="implemented",
            title=title,
            beneficiary=serbia,
            start_date=date(2019, 3, i),
            end_date=date(2019, 3, i),
        )
        for i, title in enumerate(["Asylum procedures", "Asylum reception", "Road safety"], 1)
    ]


def references(filters):
    return [event.reference for event in search_events(filters)[0:10]]


class CountingBackend:
    """A backend that answers every term with its own ids and counts the questions."""

    def __init__(self, sizes):
        self.sizes, self.asked = sizes, []

    def term_hits(self, term):
        self.asked.append(term.typed)
        size = self.sizes[term.typed]
        return list(range(size)), [0] * size


def term(word):
    return Term(typed=word, forms=((word,),))


def test_a_term_searched_again_is_not_asked_again():
    backend = CountingBackend({"asylum": 3, "border": 2})
    cache = TermCache()

    first = cache.over(backend).term_hits(term("asylum"))
    again = cache.over(backend).term_hits(term("asylum"))
    cache.over(backend).term_hits(term("border"))

    assert backend.asked == ["asylum", "border"]
    assert again[0] is first[0]
    assert first[0].tolist() == [0, 1, 2]
    assert first[1].tolist() == [0, 0, 0]
    assert (cache.lookups, cache.misses, len(cache)) == (3, 2, 2)


def test_the_kept_hits_cannot_be_changed_by_a_caller():
    cache = TermCache()
    ids, _ = cache.over(CountingBackend({"asylum": 3})).term_hits(term("asylum"))

    with pytest.raises(ValueError, match="read-only"):
        ids[0] = 99


def test_the_least_recently_used_term_goes_first_beyond_the_number_of_terms():
    backend = CountingBackend({"a1": 1, "a2": 1, "a3": 1})
    cache = TermCache(max_terms=2)
    engine = cache.over(backend)

    engine.term_hits(term("a1"))
    engine.term_hits(term("a2"))
    engine.term_hits(term("a1"))  # a1 used last: a2 goes when a3 comes
    engine.term_hits(term("a3"))
    engine.term_hits(term("a1"))
    engine.term_hits(term("a2"))

    assert backend.asked == ["a1", "a2", "a3", "a2"]
    assert len(cache) == 2


def test_the_cache_holds_at_most_its_number_of_ids():
    backend = CountingBackend({"common": 6, "rare": 3, "other": 2})
    cache = TermCache(max_ids=8)
    engine = cache.over(backend)

    engine.term_hits(term("common"))
    engine.term_hits(term("rare"))  # 9 ids: the oldest, "common", goes
    engine.term_hits(term("other"))
    engine.term_hits(term("rare"))

    assert backend.asked == ["common", "rare", "other"]
    assert len(cache) == 2


def test_the_public_search_asks_a_word_of_the_database_once(asylum_events):
    assert references(SearchFilters(q="asylum")) == ["WS-2019-0002", "WS-2019-0001"]
    cache = facet_index().term_cache
    lookups, misses = cache.lookups, cache.misses

    assert references(SearchFilters(q="asylum", type=("workshop",))) == [
        "WS-2019-0002",
        "WS-2019-0001",
    ]

    assert cache.lookups > lookups
    assert cache.misses == misses


def test_a_saved_event_is_found_by_a_word_already_searched(asylum_events):
    assert references(SearchFilters(q="asylum")) == ["WS-2019-0002", "WS-2019-0001"]
    road = asylum_events[2]

    road.title = "Road safety and asylum seekers"
    road.save()

    assert references(SearchFilters(q="asylum")) == [
        "WS-2019-0003",
        "WS-2019-0002",
        "WS-2019-0001",
    ]


def test_rebuilding_the_search_index_forgets_the_kept_hits(asylum_events):
    assert references(SearchFilters(q="asylum")) == ["WS-2019-0002", "WS-2019-0001"]
    cache = facet_index().term_cache
    assert len(cache) > 0

    rebuild_index()

    assert facet_index().term_cache is not cache
