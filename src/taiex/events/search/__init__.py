"""Full-text search of events: one interface, two backends chosen by the database.

PostgreSQL: a `search_document` tsvector column on events_event (English stemming, accents
folded by `taiex_fold()`), a GIN index, kept current by triggers. SQLite: an FTS5 table
`events_event_search` (tokenize 'porter unicode61 remove_diacritics 2'), kept current by
triggers. Triggers, not Python code, keep the index in step, so that every write path (forms,
the API, the admin, bulk inserts of the history generator, raw SQL) stays searchable.

    matching(queryset, query)         the events of `queryset` that match
    ranked_ids(queryset, query, ...)  their ids, best first (ties: newest first)
    matching_ids(query)               the ids of all events that match (public or not)
    ranked_ids_among(ids, query, ...) ranked_ids over a list of event ids
    rebuild_index()                   recompute the whole index (after bulk loads or imports)
"""

from django.db import connection

from . import postgresql, sqlite
from .text import SearchQuery, highlight, parse_query, snippet

__all__ = [
    "SearchQuery",
    "backend",
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


def matching(queryset, query: SearchQuery):
    """`queryset` (of events) narrowed to the events that match every group of `query`."""
    if not query:
        return queryset
    return backend().matching(queryset, query)


def ranked_ids(queryset, query: SearchQuery, *, limit=None, offset=0) -> list[int]:
    """The ids of the events of `queryset` that match `query`, most relevant first (title
    counts most, then summary, then institutions and places, then legislation)."""
    return backend().ranked_ids(queryset.order_by(), query, limit=limit, offset=offset)


def matching_ids(query: SearchQuery) -> list[int]:
    """The ids of every event that matches `query` (the caller narrows them)."""
    return backend().matching_ids(query)


def ranked_ids_among(ids, query: SearchQuery, *, limit=None, offset=0) -> list[int]:
    """Like `ranked_ids`, over the events whose ids are `ids`."""
    return backend().ranked_ids_among(list(ids), query, limit=limit, offset=offset)


def rebuild_index():
    """Recompute the search index of every event. Triggers keep it current; call this after
    loading data with the triggers off, or to repair it."""
    backend().rebuild_index(connection)
