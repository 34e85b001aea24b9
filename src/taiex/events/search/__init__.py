"""Full-text search of events: one interface, two backends chosen by the database.

PostgreSQL: a `search_document` tsvector column on events_event (English stemming, accents
folded by `taiex_fold()`), a GIN index, kept current by triggers. SQLite: an FTS5 table
`events_event_search` (tokenize 'porter unicode61 remove_diacritics 2'), kept current by
triggers. Triggers, not Python code, keep the index in step, so that every write path (forms,
the API, the admin, bulk inserts of the history generator, raw SQL) stays searchable.

The backends only say which events match each term and in which field; the ranking
(`ranking.py`), the word forms (`spelling.py`) and the corrections (`vocabulary.py`) are
computed in Python, the same for both.

    find(query)                       the events found, with scores and the query as searched
    matching(queryset, query)         the events of `queryset` that are found
    ranked_ids(queryset, query, ...)  their ids, best first (ties: newest first)
    matching_ids(query)               the ids of all events found (public or not)
    ranked_ids_among(ids, query, ...) ranked_ids over a list of event ids
    rebuild_index()                   recompute the whole index (after bulk loads or imports)
"""

import numpy as np
from django.db import connection

from . import postgresql, sqlite
from .query import SearchQuery, Term, parse_query
from .ranking import Hits
from .ranking import find as find_with
from .stemming import stem_index
from .text import highlight, snippet
from .vocabulary import vocabulary

__all__ = [
    "Hits",
    "SearchQuery",
    "Term",
    "backend",
    "find",
    "highlight",
    "matching",
    "matching_ids",
    "parse_query",
    "ranked_ids",
    "ranked_ids_among",
    "rebuild_index",
    "snippet",
]


def backend(using=None):
    vendor = (using or connection).vendor
    if vendor == "postgresql":
        return postgresql
    if vendor == "sqlite":
        return sqlite
    raise NotImplementedError(f"No search backend for {vendor}.")


def find(query: SearchQuery, *, total=None, version=None, term_cache=None) -> Hits:
    """The events that `query` finds (public or not), scored, with the query as searched
    (corrections, suggestion). `total`: the number of events, when the caller knows it;
    `version`: the events' version (`facet_index.events_version`), when the caller has read it,
    so that the vocabulary and the stems do not read it again; `term_cache`: the terms' hits
    kept for that version (`term_cache.TermCache`, the facet index's), read before the
    database."""
    if total is None:
        from ..models import Event

        total = Event.objects.count()
    if version is None:
        from ..queries.facet_index import events_version

        version = events_version()
    engine = backend() if term_cache is None else term_cache.over(backend())
    return find_with(
        query,
        engine,
        vocabulary=vocabulary(version),
        total=total,
        stems=stem_index(version),
    )


def matching(queryset, query: SearchQuery):
    """`queryset` (of events) narrowed to the events that `query` finds."""
    if not query:
        return queryset
    return queryset.filter(pk__in=backend().ids_condition(find(query).ids))


def matching_ids(query: SearchQuery) -> list[int]:
    """The ids of every event that `query` finds (the caller narrows them)."""
    return find(query).ids.tolist()


def ranked_ids(queryset, query: SearchQuery, *, limit=None, offset=0) -> list[int]:
    """The ids of the events of `queryset` that `query` finds, best first."""
    hits = find(query)
    dates = dict(
        queryset.order_by()
        .filter(pk__in=backend().ids_condition(hits.ids))
        .values_list("pk", "start_date")
    )
    return in_order(hits, dates, limit, offset)


def ranked_ids_among(ids, query: SearchQuery, *, limit=None, offset=0) -> list[int]:
    """Like `ranked_ids`, over the events whose ids are `ids`."""
    from ..models import Event

    return ranked_ids(Event.objects.filter(pk__in=backend().ids_condition(ids)), query,
                      limit=limit, offset=offset)  # fmt: skip


def in_order(hits, dates, limit, offset):
    """The ids of `dates` ({id: start date}) in rank order, newest first among equals."""
    ids = np.array(sorted(dates), dtype=np.int64)
    if not len(ids):
        return []
    # Recency: newest first, undated last; the highest id first among equals.
    undated = [pk for pk in ids.tolist() if dates[pk] is None]
    dated = sorted((pk for pk in ids.tolist() if dates[pk] is not None),
                   key=lambda pk: (dates[pk], pk), reverse=True)  # fmt: skip
    position = {pk: i for i, pk in enumerate(dated + sorted(undated, reverse=True))}
    recency = np.array([position[pk] for pk in ids.tolist()])
    ordered = hits.order(ids, recency).tolist()
    end = None if limit is None else offset + limit
    return ordered[offset:end]


def rebuild_index():
    """Recompute the search index of every event (and the stems of original summaries, which
    saves compute). Triggers keep it current; call this after loading data with the triggers
    off, or to repair it."""
    from ..queries.facet_index import reset_facet_index
    from .stemming import refresh_original_stems

    refresh_original_stems()
    backend().rebuild_index(connection)
    reset_facet_index()  # and the terms' hits it keeps (term_cache.py)
