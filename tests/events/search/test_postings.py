"""PostgreSQL: a word's hits come from the precomputed postings (events_event_search_term), kept
by triggers in step with the documents; they must give what testing the documents gives."""

from datetime import date

import pytest
from django.db import connection

from taiex.events.search import parse_query, postgresql, rebuild_index
from taiex.events.search.query import Term
from tests.factories import EventFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's postings only"),
]


def postings(event, pk=None):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT lexeme, class FROM {postgresql.TERMS} WHERE event_id = %s",
            [pk or event.pk],
        )
        return dict(cursor.fetchall())


def by_documents(term):
    """The hits as the documents give them (a phrase of one word takes that path)."""
    ids, classes = postgresql.term_hits(Term(term.typed, (*term.forms, ("zzz", "zzz"))))
    return list(zip(map(int, ids), map(int, classes), strict=True))


def by_postings(term):
    ids, classes = postgresql.term_hits(term)
    return list(zip(map(int, ids), map(int, classes), strict=True))


@pytest.fixture
def events():
    return [
        EventFactory(
            reference="WS-2019-0001", title="Customs procedures", summary="Border police.",
            beneficiary_institutions="Customs Administration", legislation="Customs Code",
            start_date=date(2019, 1, 7), end_date=date(2019, 1, 7),
        ),
        EventFactory(
            reference="WS-2019-0002", title="Border management", summary="Customs and police.",
            legislation="Schengen Borders Code",
            start_date=date(2019, 2, 7), end_date=date(2019, 2, 7),
        ),
    ]  # fmt: skip


def test_postings_hold_each_lexeme_once_with_its_best_class(events):
    first, second = events
    assert postings(first)["custom"] == 0  # title (A), institutions (C), legislation (D)
    assert postings(first)["polic"] == 1  # summary (B)
    assert postings(second)["custom"] == 1
    assert postings(second)["schengen"] == 3
    for word in ("customs", "border", "police", "code", "schengen"):
        term = parse_query(word).terms[0]
        assert by_postings(term) == by_documents(term), word
    assert by_postings(parse_query("customs").terms[0]) == [(first.pk, 0), (second.pk, 1)]


def test_postings_follow_edits_deletions_and_a_rebuild(events):
    first, second = events
    first.title = "Police cooperation"
    first.save()
    assert postings(first)["polic"] == 0
    assert postings(first)["custom"] == 2  # institutions now
    deleted = second.pk
    assert postings(second)
    second.delete()
    assert postings(None, deleted) == {}
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {postgresql.TERMS}")
    rebuild_index()
    assert postings(first)["polic"] == 0
    assert by_postings(parse_query("customs").terms[0]) == [(first.pk, 2)]
